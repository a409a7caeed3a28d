package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/ekatalog/ekatalog/internal/atomicfile"
	"github.com/ekatalog/ekatalog/internal/compare"
	"github.com/ekatalog/ekatalog/internal/report"
	"github.com/spf13/cobra"
)

type compareCmd struct {
	env             *env
	agreement       string
	agreementSheet  string
	tolerance       float64
	in              inputFlags
	format, lang    string
	output          string
	agreementFormat string
}

func newCompareCmd(e *env) *cobra.Command {
	c := &compareCmd{env: e}
	cmd := &cobra.Command{
		Use:   "compare --agreement AGREEMENT [flags] CATALOGUE",
		Short: "Compare a catalogue with its agreement: items off the agreement, prices above it",
		Long: `Reads the agreement (a price list in any format ekatalog reads: CSV, Excel,
UBL, canonical JSON) into memory and streams the catalogue past it.

The agreement needs an item number or GTIN and the agreed net price on each
line; it may also give the unit, pack quantity, price base quantity, a
maximum price ("Maks. pris", "Max price") and a tolerance in percent
("Tolerance %", "Tolerance"), which overrides --tolerance for that item.

Catalogue lines are matched by item number, then by GTIN. Prices are
compared per comparable unit: 98.00 per box (XBX) of 10 pieces is 9.80 per
piece (H87); kilograms compare with grams, litres with millilitres, but not
kilograms with pieces (UNIT-MISMATCH, no price verdict).

Findings: ITEM-NOT-ON-AGREEMENT and PRICE-ABOVE-AGREEMENT / PRICE-ABOVE-MAX
are errors; AGREED-ITEM-MISSING, UNIT-MISMATCH, PACK-QUANTITY-CHANGED,
GTIN-OTHER-ITEM and CURRENCY-MISMATCH warnings; PRICE-BELOW-AGREEMENT a note.

Exit codes: 0 no error-level deviation, 1 error-level deviations, 2 usage
error or a file that could not be read.`,
		Example: `  ekatalog compare --agreement aftale.xlsx katalog.csv
  ekatalog compare --agreement aftale.csv --tolerance 2.5 --lang da katalog.xml
  ekatalog compare --agreement aftale.csv --format json -o afvigelser.json katalog.csv
  ekatalog compare --agreement aftale.csv --format xlsx -o afvigelser.xlsx katalog.xlsx`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return c.run(args[0]) },
	}
	fs := cmd.Flags()
	fs.StringVar(&c.agreement, "agreement", "", "the agreement (price list) to compare with (required)")
	fs.StringVar(&c.agreementSheet, "agreement-sheet", "", "Excel sheet of the agreement (default: the first visible sheet)")
	fs.StringVar(&c.agreementFormat, "agreement-format", "", "input format of the agreement, instead of detection")
	fs.Float64Var(&c.tolerance, "tolerance", 0, "percent a price may lie above the agreed price without a finding")
	fs.StringVar(&c.in.mapping, "mapping", "", "column mapping file (JSON) for CSV and Excel input, both files")
	fs.StringVar(&c.in.inputFormat, "input-format", "", "input format of the catalogue, instead of detection")
	fs.StringVar(&c.in.sheet, "sheet", "", "Excel sheet of the catalogue (default: the first visible sheet)")
	fs.StringVar(&c.format, "format", "text", "report format: "+strings.Join(report.NamesFor(report.Comparisons), ", "))
	fs.StringVar(&c.lang, "lang", "en", "report language: en or da")
	fs.StringVarP(&c.output, "output", "o", "-", "where to write the report (- for standard output)")
	cmd.MarkFlagRequired("agreement")
	return cmd
}

// checkReportFlags checks --format against a printer table, --lang, and
// that a workbook is not written to the terminal.
func checkReportFlags(format, lang, output string, names []string) error {
	if lang != "en" && lang != "da" {
		return usageError(fmt.Errorf("--lang must be en or da, not %q", lang))
	}
	for _, n := range names {
		if n == format {
			if format == "xlsx" && (output == "-" || output == "") {
				return usageError(fmt.Errorf("--format xlsx writes a workbook: name it with -o FILE.xlsx"))
			}
			return nil
		}
	}
	return usageError(fmt.Errorf("unknown report format %q (known: %s)", format, strings.Join(names, ", ")))
}

func (c *compareCmd) run(catalogue string) error {
	if err := checkReportFlags(c.format, c.lang, c.output, report.NamesFor(report.Comparisons)); err != nil {
		return err
	}
	if c.tolerance < 0 {
		return usageError(fmt.Errorf("--tolerance must not be negative, not %v", c.tolerance))
	}
	opts, err := c.in.options(c.env)
	if err != nil {
		return err
	}
	ao := opts
	ao.InputFormat, ao.Sheet = c.agreementFormat, c.agreementSheet
	a, err := compare.LoadAgreement(c.agreement, ao)
	if err != nil {
		return usageError(fmt.Errorf("agreement: %w", err))
	}
	res, err := compare.Compare(a, catalogue, opts, compare.Options{Tolerance: c.tolerance})
	if err != nil {
		return usageError(err)
	}
	p, _ := report.For(report.Comparisons, c.format)
	if err := writeOutput(c.env, c.output, func(w io.Writer) error { return p.Compare(w, res, report.Options{Lang: c.lang}) }); err != nil {
		return err
	}
	if !res.Summary.Conforming {
		return &exitError{code: exitFindings}
	}
	return nil
}

// writeOutput writes a report to the file (atomically) or standard output.
func writeOutput(e *env, path string, print func(io.Writer) error) error {
	out, err := atomicfile.Create(path, e.stdout)
	if err != nil {
		return usageError(err)
	}
	if err := print(out); err != nil {
		out.Abort()
		return usageError(err)
	}
	if err := out.Commit(); err != nil {
		return usageError(err)
	}
	return nil
}
