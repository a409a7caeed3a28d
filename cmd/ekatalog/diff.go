package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/atomicfile"
	"github.com/ekatalog/ekatalog/internal/delta"
	"github.com/ekatalog/ekatalog/internal/diff"
	"github.com/ekatalog/ekatalog/internal/report"
	"github.com/spf13/cobra"
)

type diffCmd struct {
	env          *env
	in           inputFlags
	oldSheet     string
	oldFormat    string
	format, lang string
	output       string
	to           string
}

func newDiffCmd(e *env) *cobra.Command {
	c := &diffCmd{env: e}
	cmd := &cobra.Command{
		Use:   "diff [flags] OLD NEW [--to TARGET -o DELTA]",
		Short: "What changed between two versions of a catalogue; with --to, the changes as the target's update document",
		Long: `Reads OLD into memory and streams NEW past it. Lines are matched by item
number (sellerItemId), else by GTIN, so a renumbered item shows as a change of
its item number. Both versions go through the canonical model, so the two may
be in different formats (an Excel workbook against the UBL document that
replaced it): units compare as their UN/ECE codes (stk = H87), a missing price
base quantity as 1. The line ID, the unit as written and unmapped columns are
not compared.

Price changes are given in percent of the old price, with how many went up
and down, by size: up to 1 %, 5 %, 10 %, 25 % and more.

With --to TARGET, the changes are written to -o as TARGET's update document
instead of a report: lines NEW adds (action add), lines whose fields differ
(action update, the whole new line) and lines NEW no longer has (action
delete, after the others). Lines are compared on the fields the target
carries; "ekatalog apply OLD DELTA --to TARGET" gives NEW's lines back. The
update documents:
` + deltaDocs() + `
The document's header is NEW's (--header merges over both files), with
action update. The output is written atomically; a summary goes to
standard error. When nothing changed, the targets whose document needs at
least one line (peppol-bis3, oioubl, bmecat, bmecat-1.2) get no file, and
the message says so; the others get an update without lines.

What the target cannot carry is named on standard error (TARGET-DROPPED, as
convert names it), and a line the target could not take at all
(TARGET-LINE-DROPPED) is an error.

Exit codes: 0 the versions have the same lines (with --to: the update
document was written), 1 they differ (with --to: a line could not be
written), 2 usage error or a file that could not be read.`,
		Example: `  ekatalog diff katalog-2025.xlsx katalog-2026.xml
  ekatalog diff --lang da gammel.csv ny.csv
  ekatalog diff --format html -o ændringer.html gammel.csv ny.csv
  ekatalog diff katalog-v1.xml katalog-v2.xml --to peppol-bis3 -o opdatering.xml
  ekatalog diff --header header.json gammel.csv ny.csv --to bmecat -o update.xml
  ekatalog diff old.cif new.cif --to cif -o changes.cif`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error { return c.run(args[0], args[1]) },
	}
	fs := cmd.Flags()
	fs.StringVar(&c.in.mapping, "mapping", "", "column mapping file (JSON) for CSV and Excel input, both files")
	fs.StringVar(&c.in.inputFormat, "input-format", "", "input format of NEW, instead of detection")
	fs.StringVar(&c.in.sheet, "sheet", "", "Excel sheet of NEW (default: the first visible sheet)")
	fs.StringVar(&c.oldFormat, "old-format", "", "input format of OLD, instead of detection")
	fs.StringVar(&c.oldSheet, "old-sheet", "", "Excel sheet of OLD (default: the first visible sheet)")
	fs.StringVar(&c.format, "format", "text", "report format: "+strings.Join(report.NamesFor(report.Diffs), ", "))
	fs.StringVar(&c.lang, "lang", "en", "report language: en or da")
	fs.StringVarP(&c.output, "output", "o", "-", "where to write the report, or with --to the update document (- for standard output)")
	fs.StringVar(&c.to, "to", "", "write the changes as this target's update document ("+formats.DeltaTargetNames()+") instead of a report")
	fs.StringVar(&c.in.header, "header", "", "JSON file with catalogue header data merged over both files' own (what a CSV cannot say; needed by the XML targets)")
	return cmd
}

func (c *diffCmd) run(oldName, newName string) error {
	if c.to != "" {
		return c.runDelta(oldName, newName)
	}
	if err := checkReportFlags(c.format, c.lang, c.output, report.NamesFor(report.Diffs)); err != nil {
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
	p, _ := report.For(report.Diffs, c.format)
	if err := writeOutput(c.env, c.output, func(w io.Writer) error { return p.Diff(w, res, report.Options{Lang: c.lang}) }); err != nil {
		return err
	}
	if !res.Identical() {
		return &exitError{code: exitFindings}
	}
	return nil
}

// deltaDocs lists the update document of every target that has one.
func deltaDocs() string {
	var b strings.Builder
	for _, t := range formats.Targets {
		if t.Delta != nil {
			fmt.Fprintf(&b, "  %-11s %s\n", t.Name, t.DeltaDoc)
		}
	}
	return b.String()
}

// runDelta writes the changes as the target's update document.
func (c *diffCmd) runDelta(oldName, newName string) error {
	if oldName == "-" && newName == "-" {
		return usageError(fmt.Errorf("only one of OLD and NEW can be standard input"))
	}
	target, err := formats.TargetByName(c.to)
	if err != nil {
		return usageError(err)
	}
	if target.Delta == nil {
		return usageError(fmt.Errorf("the target %s has no update document; targets with one: %s", target.Name, formats.DeltaTargetNames()))
	}
	no, err := c.in.options(c.env)
	if err != nil {
		return err
	}
	oo := no
	oo.InputFormat, oo.Sheet = c.oldFormat, c.oldSheet
	out, err := atomicfile.Create(c.output, c.env.stdout)
	if err != nil {
		return usageError(err)
	}
	defer out.Abort()
	sum, err := delta.DiffFiles(oldName, newName, oo, no, target, out, formats.FileWriteOptions(newName))
	if err != nil {
		if errors.Is(err, delta.ErrNoChanges) {
			fmt.Fprintf(c.env.stderr, "%s → %s: the versions have the same %d lines; no update document written (%v)\n", oldName, newName, sum.Same, err)
			return nil
		}
		return usageError(err)
	}
	if err := out.Commit(); err != nil {
		return usageError(err)
	}
	printFindingLines(c.env.stderr, sum.Findings, c.lang)
	fmt.Fprintf(c.env.stderr, "%s → %s: %d added, %d changed, %d removed, %d the same; %s update written to %s\n",
		oldName, newName, sum.Added, sum.Changed, sum.Removed, sum.Same, target.Name, c.output)
	for _, f := range sum.Findings {
		if f.Severity == catalog.Error {
			return &exitError{code: exitFindings}
		}
	}
	return nil
}
