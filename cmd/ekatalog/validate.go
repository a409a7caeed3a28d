package main

import (
	"fmt"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/atomicfile"
	"github.com/ekatalog/ekatalog/internal/batch"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/report"
	"github.com/spf13/cobra"
)

type validateCmd struct {
	env    *env
	in     inputFlags
	rep    reportFlags
	output string
}

func newValidateCmd(e *env) *cobra.Command {
	c := &validateCmd{env: e}
	cmd := &cobra.Command{
		Use:   "validate [flags] FILE...",
		Short: "Check catalogues against a profile and print a compliance report",
		Long: `Reads each catalogue, checks it against the profile and prints a report.
"-" reads standard input. The exit code is 0 when no file has error-level
findings, 1 when some have, 2 when a file could not be read at all.`,
		Example: `  ekatalog validate katalog.csv
  ekatalog validate --lang da --profile dk-ehandel katalog.xlsx
  ekatalog validate --format json -o report.json *.csv
  ekatalog validate --profile my-profile.json --mapping columns.json katalog.csv
  cat katalog.csv | ekatalog validate -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return c.run(args) },
	}
	c.in.register(cmd.Flags())
	c.rep.register(cmd.Flags())
	cmd.Flags().StringVarP(&c.output, "output", "o", "-", "where to write the report (- for standard output)")
	return cmd
}

func (c *validateCmd) run(files []string) error {
	if err := c.rep.check(); err != nil {
		return err
	}
	if err := refuseBinaryOnTerminal(c.env, c.output, c.rep.format); err != nil {
		return err
	}
	opts, err := c.in.options(c.env)
	if err != nil {
		return err
	}
	var reps []*catalog.Report
	unreadable := false
	for _, f := range files {
		r, err := runFile(f, opts)
		if err != nil {
			fmt.Fprintf(c.env.stderr, "ekatalog: %v\n", err)
			unreadable = true
			r = batch.Unreadable(f, err, opts.Profile)
		}
		reps = append(reps, r)
	}
	if err := writeReports(c.env, c.output, c.rep, reps, &opts); err != nil {
		return usageError(err)
	}
	return verdict(reps, unreadable)
}

// writeReports prints the reports to path; src says how the inputs were
// read, for reports that read them again (xlsx).
func writeReports(e *env, path string, rf reportFlags, reps []*catalog.Report, src *pipeline.Options) error {
	p, err := report.ByName(rf.format)
	if err != nil {
		return err
	}
	out, err := atomicfile.Create(path, e.stdout)
	if err != nil {
		return err
	}
	if err := p.Print(out, reps, report.Options{Lang: rf.lang, Inputs: report.AsNamed, Limits: src.Limits}); err != nil {
		out.Abort()
		return err
	}
	return out.Commit()
}

// verdict turns reports into the exit code.
func verdict(reps []*catalog.Report, unreadable bool) error {
	if unreadable {
		return &exitError{code: exitUsage}
	}
	for _, r := range reps {
		if !r.Summary.Compliant {
			return &exitError{code: exitFindings}
		}
	}
	return nil
}
