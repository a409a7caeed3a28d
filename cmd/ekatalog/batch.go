package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/batch"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/report"
	"github.com/spf13/cobra"
)

type batchCmd struct {
	env  *env
	in   inputFlags
	rep  reportFlags
	to   string
	out  string
	jobs int
}

func newBatchCmd(e *env) *cobra.Command {
	c := &batchCmd{env: e}
	cmd := &cobra.Command{
		Use:   "batch --to TARGET --out DIR INPUT...",
		Short: "Convert many catalogues (files and folders) in parallel, with a report for each",
		Long: `Converts every input to the target format, several at a time (--jobs).
Folders are searched recursively for catalogue files (` + strings.Join(batch.Extensions(), " ") + `);
hidden files and folders and the output folder itself are skipped.

DIR receives, per input, the converted file and its report (--format, default
json), named after the input (folders joined with "__", never outside DIR),
plus summary.json and index.html over the whole run. An input that cannot be
read is reported and skipped; the others are converted. Files are written
atomically, and the same batch run twice gives the same files.

--jobs N converts N inputs at once on at most N cores (default: all cores),
so that a smaller number leaves the other cores to other work.

Exit codes: 0 every input converted and compliant, 1 an input failed or has
error-level findings, 2 usage error.`,
		Example: `  ekatalog batch --to json --out ud/ leverandører/
  ekatalog batch --to peppol-bis3 --out ud/ --format html --lang da a.csv b.xlsx mappe/
  ekatalog batch --to json --out ud/ --jobs 1 katalog.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return c.run(args) },
	}
	c.in.register(cmd.Flags())
	c.rep.register(cmd.Flags())
	cmd.Flags().Lookup("format").DefValue = "json"
	c.rep.format = "json"
	cmd.Flags().StringVar(&c.to, "to", "", "target format (required; see ekatalog targets)")
	cmd.Flags().StringVar(&c.out, "out", "", "output folder (required; created when missing)")
	cmd.Flags().IntVar(&c.jobs, "jobs", runtime.NumCPU(), "inputs converted at once")
	cmd.MarkFlagRequired("to")
	cmd.MarkFlagRequired("out")
	return cmd
}

func (c *batchCmd) run(args []string) error {
	if err := c.rep.check(); err != nil {
		return err
	}
	if c.jobs < 1 {
		return usageError(fmt.Errorf("--jobs must be at least 1, not %d", c.jobs))
	}
	if c.out == "" || c.out == "-" {
		return usageError(fmt.Errorf("--out must name a folder"))
	}
	for _, a := range args {
		if a == "-" {
			return usageError(fmt.Errorf("batch reads files and folders, not standard input"))
		}
	}
	target, err := formats.TargetByName(c.to)
	if err != nil {
		return usageError(err)
	}
	printer, _ := report.ByName(c.rep.format)
	popts, err := c.in.options(c.env)
	if err != nil {
		return err
	}
	popts.TargetProfile = popts.Profile == nil
	if popts.Profile, err = targetProfile(popts.Profile, target); err != nil {
		return err
	}
	if st, err := os.Stat(c.out); err == nil && !st.IsDir() {
		return usageError(fmt.Errorf("--out %s is a file, not a folder", c.out))
	}
	inputs, err := batch.Collect(args, c.out)
	if err != nil {
		return usageError(err)
	}
	if len(inputs) == 0 {
		return usageError(fmt.Errorf("no catalogue files found in %s", strings.Join(args, ", ")))
	}
	// The heap limit of streaming runs, lifted for good once a workbook
	// (read whole) is opened: each input is detected once, as it is opened.
	setMemoryLimit(false, c.jobs)
	opened := func(src *pipeline.Source) {
		if src.Format.Resident {
			setMemoryLimit(true, c.jobs)
		}
	}
	defer batchCores(c.jobs)()
	prog := newBatchLog(c.env.stderr, c.rep.lang, c.out)
	s, err := batch.Run(inputs, batch.Options{Target: target, Out: c.out, Jobs: c.jobs, Report: printer,
		Lang: c.rep.lang, Pipeline: popts, Progress: prog, Opened: opened})
	prog.finish()
	if err != nil {
		return usageError(err)
	}
	lang := c.rep.lang
	fmt.Fprintf(c.env.stderr, report.T(lang, "%d inputs: %d converted, %d failed, %d compliant; see %s\n",
		"%d filer: %d konverteret, %d fejlede, %d overholder profilen; se %s\n"),
		s.Inputs, s.Converted, s.Failed, s.Compliant, filepath.Join(c.out, "index.html"))
	if !s.OK() {
		return &exitError{code: exitFindings}
	}
	return nil
}

// batchCores holds the run to as many cores as jobs (batch.Cores), unless
// GOMAXPROCS says otherwise, until the returned function restores it. Each
// job gets the heap limit of one run (setMemoryLimit): one limit shared by
// several jobs would make the collector run all the time.
func batchCores(jobs int) (restore func()) {
	if os.Getenv("GOMAXPROCS") == "" {
		prev := runtime.GOMAXPROCS(batch.Cores(jobs))
		return func() { runtime.GOMAXPROCS(prev) }
	}
	return func() {}
}

// batchLog reports progress: a bar redrawn in place on a terminal, plain
// lines otherwise. Each finished input gets a line either way.
type batchLog struct {
	w           io.Writer
	lang, out   string
	tty         bool
	total, done int
	start       time.Time
}

func newBatchLog(w io.Writer, lang, out string) *batchLog {
	return &batchLog{w: w, lang: lang, out: out, tty: isTerminal(w), start: time.Now()}
}

func (l *batchLog) Start(total int) {
	l.total = total
	if l.tty {
		l.bar()
	} else {
		fmt.Fprintf(l.w, report.T(l.lang, "converting %d inputs\n", "konverterer %d filer\n"), total)
	}
}

func (l *batchLog) Done(r *batch.Result) {
	l.done++
	if l.tty {
		fmt.Fprint(l.w, "\r\x1b[K")
	}
	T := func(en, da string) string { return report.T(l.lang, en, da) }
	switch {
	case r.Status == batch.Failed:
		msg := r.Error // errors name their file
		if !strings.HasPrefix(msg, r.Input) {
			msg = r.Input + ": " + msg
		}
		fmt.Fprintf(l.w, "%s  %s\n", T("FAILED", "FEJLEDE"), msg)
	default:
		verdict := T("ok      ", "ok      ")
		if !r.Compliant {
			verdict = T("errors  ", "fejl    ")
		}
		// The text report's summary line.
		fmt.Fprintf(l.w, "%s%s → %s: %d %s, %d %s, %d %s (%s %s)\n", verdict, r.Input, filepath.Join(l.out, r.Output),
			r.Lines, T("lines", "linjer"), r.Errors, T("errors", "fejl"), r.Warnings, T("warnings", "advarsler"),
			T("profile", "profil"), r.Profile)
		if r.OutputFails {
			fmt.Fprintf(l.w, "        %s\n", fmt.Sprintf(T("the written file fails its target's rules (%d errors): see its report",
				"den skrevne fil overholder ikke målformatets regler (%d fejl): se dens rapport"), r.OutputErrors))
		}
	}
	if l.tty {
		l.bar()
	}
}

func (l *batchLog) bar() {
	const width = 30
	filled := 0
	if l.total > 0 {
		filled = width * l.done / l.total
	}
	fmt.Fprintf(l.w, "[%s%s] %d/%d  %s", strings.Repeat("#", filled), strings.Repeat(".", width-filled),
		l.done, l.total, time.Since(l.start).Round(100*time.Millisecond))
}

func (l *batchLog) finish() {
	if l.tty {
		fmt.Fprint(l.w, "\r\x1b[K")
	}
}
