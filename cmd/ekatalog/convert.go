package main

import (
	"fmt"
	"io"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/atomicfile"
	"github.com/ekatalog/ekatalog/internal/report"
	"github.com/spf13/cobra"
)

type convertCmd struct {
	env    *env
	in     inputFlags
	rep    reportFlags
	to     string
	output string
	report string
}

func newConvertCmd(e *env) *cobra.Command {
	c := &convertCmd{env: e}
	cmd := &cobra.Command{
		Use:   "convert FILE --to TARGET [-o OUT]",
		Short: "Validate a catalogue and write it as an import file for a target system",
		Long: `Reads and validates a catalogue and writes it in the target format (see
"ekatalog targets"). The output is written atomically; it is not written
when the input could not be read to the end. A summary goes to standard
error, the full report to --report.`,
		Example: `  ekatalog convert katalog.csv --to json -o katalog.json
  ekatalog convert katalog.xlsx --to json --report report.html --format html`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return c.run(args[0]) },
	}
	c.in.register(cmd.Flags())
	c.rep.register(cmd.Flags())
	cmd.Flags().StringVar(&c.to, "to", "", "target format (required)")
	cmd.Flags().StringVarP(&c.output, "output", "o", "-", "output file (- for standard output)")
	cmd.Flags().StringVar(&c.report, "report", "", "also write the compliance report to this file (format from --format)")
	cmd.MarkFlagRequired("to")
	return cmd
}

func (c *convertCmd) run(file string) error {
	if err := c.rep.check(); err != nil {
		return err
	}
	target, err := formats.TargetByName(c.to)
	if err != nil {
		return usageError(err)
	}
	if c.report != "" {
		if err := refuseBinaryOnTerminal(c.env, c.report, c.rep.format); err != nil {
			return err
		}
	}
	opts, err := c.in.options(c.env)
	if err != nil {
		return err
	}
	out, err := atomicfile.Create(c.output, c.env.stdout)
	if err != nil {
		return usageError(err)
	}
	defer out.Abort()
	opts.TargetProfile = opts.Profile == nil
	if opts.Profile, err = targetProfile(opts.Profile, target); err != nil {
		return err
	}
	opts.Target = target
	wo := formats.FileWriteOptions(file)
	opts.Writer = func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
		return target.New(tee(out), h, wo)
	}
	rep, err := runFile(file, opts)
	if err != nil {
		return usageError(err)
	}
	if rep.Error != "" {
		return usageError(fmt.Errorf("%s: not converted: %s", file, rep.Error))
	}
	if err := out.Commit(); err != nil {
		return usageError(err)
	}
	if c.report != "" {
		if err := writeReports(c.env, c.report, c.rep, []*catalog.Report{rep}, &opts); err != nil {
			return usageError(err)
		}
	}
	summarize(c.env.stderr, rep, c.output, c.rep.lang)
	return verdict([]*catalog.Report{rep}, false)
}

func summarize(w io.Writer, r *catalog.Report, out, lang string) {
	s := r.Summary
	fmt.Fprintf(w, "%s → %s: %d lines, %d errors, %d warnings (profile %s)\n", r.File, out, s.Lines, s.Errors, s.Warnings, r.Profile)
	if r.Output.Failed() {
		// Said in plain words: the file was written (atomically, so that
		// it can be looked at) but its target will reject it.
		fmt.Fprintf(w, "  %s\n", report.OutputVerdict(r, lang))
	}
}

// targetProfile is the profile a conversion validates against: the user's,
// else the target's own (a PEPPOL or OIOUBL document is judged by the
// target's rules), else nil for the input format's default.
func targetProfile(user *catalog.Profile, target *formats.Target) (*catalog.Profile, error) {
	if user != nil || target.Profile == "" {
		return user, nil
	}
	return catalog.BuiltinProfile(target.Profile)
}
