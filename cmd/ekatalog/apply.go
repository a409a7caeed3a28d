package main

import (
	"fmt"
	"io"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/atomicfile"
	"github.com/ekatalog/ekatalog/internal/delta"
	"github.com/spf13/cobra"
)

type applyCmd struct {
	env        *env
	in         inputFlags
	baseFormat string
	to, output string
	lang       string
}

func newApplyCmd(e *env) *cobra.Command {
	c := &applyCmd{env: e}
	cmd := &cobra.Command{
		Use:   "apply BASE UPDATE... --to TARGET [-o OUT]",
		Short: "Apply update documents in order to a catalogue and write the whole result",
		Long: `Reads BASE into memory, applies each UPDATE in the order given and writes
the whole catalogue as TARGET. An update is any catalogue ekatalog reads
whose lines carry an action: a PEPPOL or OIOUBL Catalogue with line
ActionCodes, a UBL CataloguePricingUpdate, CatalogueItemSpecificationUpdate
or CatalogueDeletion, a BMEcat T_UPDATE_PRODUCTS or T_UPDATE_PRICES, a cXML
Index, a CIF incremental load (LOADMODE I), canonical JSON with actions, or
what "ekatalog diff OLD NEW --to TARGET" wrote.

Lines name their item as diff matches them: by item number (sellerItemId),
else by GTIN, else, for a line with neither (a pricing update line may
carry only its line ID), by line ID.
  delete   removes the item
  update   replaces the item with the line; a partial update (UBL pricing
           and item specification updates, BMEcat T_UPDATE_PRICES, cXML
           IndexItemPortion) sets only the fields the line carries
  add      adds the item, or replaces it when the catalogue has it (cXML
           IndexItemAdd and the rows of a CIF incremental load are upserts)
A document whose header action is delete (CatalogueDeletion) removes every
item; one whose header action is replace (a CIF full load) replaces them.
A delete or update of an item the catalogue does not have is an error
finding, APPLY-NOT-FOUND, naming the update file and its line; the rest is
still applied. Items keep BASE's order; added items follow.

The output is written atomically; a summary and the findings go to standard
error.

Exit codes: 0 applied, 1 applied with findings (an update named an item the
catalogue does not have), 2 usage error or a file that could not be read.`,
		Example: `  ekatalog apply katalog.xml opdatering.xml --to peppol-bis3 -o katalog-ny.xml
  ekatalog apply base.xml update1.xml update2.xml --to bmecat -o current.xml
  ekatalog apply katalog.cif ændringer.cif --to json -o katalog.json
  ekatalog apply --header header.json katalog.csv prisopdatering.xml --to oioubl -o ny.xml`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error { return c.run(args[0], args[1:]) },
	}
	fs := cmd.Flags()
	fs.StringVar(&c.to, "to", "", "target format of the whole catalogue written (required)")
	fs.StringVarP(&c.output, "output", "o", "-", "output file (- for standard output)")
	fs.StringVar(&c.in.header, "header", "", "JSON file with catalogue header data merged over BASE's own")
	fs.StringVar(&c.in.mapping, "mapping", "", "column mapping file (JSON) for CSV and Excel input")
	fs.StringVar(&c.in.sheet, "sheet", "", "Excel sheet of BASE (default: the first visible sheet)")
	fs.StringVar(&c.baseFormat, "input-format", "", "input format of BASE, instead of detection")
	fs.StringVar(&c.lang, "lang", "en", "language of the findings: en or da")
	cmd.MarkFlagRequired("to")
	return cmd
}

func (c *applyCmd) run(base string, updates []string) error {
	if c.lang != "en" && c.lang != "da" {
		return usageError(fmt.Errorf("--lang must be en or da, not %q", c.lang))
	}
	stdin := 0
	for _, n := range append([]string{base}, updates...) {
		if n == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return usageError(fmt.Errorf("only one input can be standard input"))
	}
	target, err := formats.TargetByName(c.to)
	if err != nil {
		return usageError(err)
	}
	bo, err := c.in.options(c.env)
	if err != nil {
		return err
	}
	bo.InputFormat = c.baseFormat
	uo := bo
	uo.Header, uo.Sheet, uo.InputFormat = nil, "", ""
	out, err := atomicfile.Create(c.output, c.env.stdout)
	if err != nil {
		return usageError(err)
	}
	defer out.Abort()
	sum, findings, err := delta.ApplyFiles(base, updates, bo, uo, target, out, formats.FileWriteOptions(updates[len(updates)-1]))
	if err != nil {
		return usageError(err)
	}
	if err := out.Commit(); err != nil {
		return usageError(err)
	}
	printFindingLines(c.env.stderr, findings, c.lang)
	fmt.Fprintf(c.env.stderr, "%s + %d update(s) → %s: %d lines (base %d; %d added, %d updated, %d deleted, %d not found)\n",
		base, len(updates), c.output, sum.Lines, sum.BaseLines, sum.Added, sum.Updated, sum.Deleted, sum.Absent)
	for _, f := range findings {
		if f.Severity == catalog.Error {
			return &exitError{code: exitFindings}
		}
	}
	return nil
}

// printFindingLines writes a finding a line: severity, rule, where a
// reading finding sits (the file and its line or XPath) and the message.
func printFindingLines(w io.Writer, fs []catalog.Finding, lang string) {
	for _, f := range fs {
		where := ""
		if f.Source != "" {
			where = " " + f.Source
			if at := f.Where(lang); at != "" {
				where += ", " + at
			}
		}
		fmt.Fprintf(w, "%s %s%s: %s\n", f.Severity, f.Rule, where, f.Message(lang))
	}
}
