package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/ekatalog/ekatalog/internal/diff"
	"github.com/spf13/cobra"
)

type diffCmd struct {
	env          *env
	in           inputFlags
	oldSheet     string
	oldFormat    string
	format, lang string
	output       string
}

func newDiffCmd(e *env) *cobra.Command {
	c := &diffCmd{env: e}
	cmd := &cobra.Command{
		Use:   "diff [flags] OLD NEW",
		Short: "What changed between two versions of a catalogue: lines added, removed and changed, price moves",
		Long: `Reads OLD into memory and streams NEW past it. Lines are matched by item
number (sellerItemId), else by GTIN, so a renumbered item shows as a change of
its item number. Both versions go through the canonical model, so the two may
be in different formats (an Excel workbook against the UBL document that
replaced it): units compare as their UN/ECE codes (stk = H87), a missing price
base quantity as 1. The line ID, the unit as written and unmapped columns are
not compared.

Price changes are given in percent of the old price, with how many went up
and down, by size: up to 1 %, 5 %, 10 %, 25 % and more.

Exit codes: 0 the versions have the same lines, 1 they differ, 2 usage error
or a file that could not be read.`,
		Example: `  ekatalog diff katalog-2025.xlsx katalog-2026.xml
  ekatalog diff --lang da gammel.csv ny.csv
  ekatalog diff --format html -o ændringer.html gammel.csv ny.csv`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error { return c.run(args[0], args[1]) },
	}
	fs := cmd.Flags()
	fs.StringVar(&c.in.mapping, "mapping", "", "column mapping file (JSON) for CSV and Excel input, both files")
	fs.StringVar(&c.in.inputFormat, "input-format", "", "input format of NEW, instead of detection")
	fs.StringVar(&c.in.sheet, "sheet", "", "Excel sheet of NEW (default: the first visible sheet)")
	fs.StringVar(&c.oldFormat, "old-format", "", "input format of OLD, instead of detection")
	fs.StringVar(&c.oldSheet, "old-sheet", "", "Excel sheet of OLD (default: the first visible sheet)")
	fs.StringVar(&c.format, "format", "text", "report format: "+strings.Join(diff.PrinterNames(), ", "))
	fs.StringVar(&c.lang, "lang", "en", "report language: en or da")
	fs.StringVarP(&c.output, "output", "o", "-", "where to write the report (- for standard output)")
	return cmd
}

func (c *diffCmd) run(oldName, newName string) error {
	if err := checkReportFlags(c.format, c.lang, c.output, diff.PrinterNames()); err != nil {
		return err
	}
	if oldName == "-" && newName == "-" {
		return usageError(fmt.Errorf("only one of OLD and NEW can be standard input"))
	}
	no, err := c.in.options(c.env)
	if err != nil {
		return err
	}
	oo := no
	oo.InputFormat, oo.Sheet = c.oldFormat, c.oldSheet
	res, err := diff.Diff(oldName, newName, oo, no, diff.Options{})
	if err != nil {
		return usageError(err)
	}
	p, _ := diff.PrinterByName(c.format)
	if err := writeOutput(c.env, c.output, func(w io.Writer) error { return p.Print(w, res, c.lang) }); err != nil {
		return err
	}
	if !res.Identical() {
		return &exitError{code: exitFindings}
	}
	return nil
}
