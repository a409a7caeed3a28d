// Package batch converts many catalogues at once: it collects the inputs
// from files and folders, names their outputs safely inside one folder,
// converts them in parallel (each file on its own, sharing nothing), writes
// one report per input, summary.json and index.html, atomically and the
// same on every run.
package batch

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/atomicfile"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/report"
)

// Options for a batch run.
type Options struct {
	Target *formats.Target
	// Out is the output folder; it is created when missing.
	Out string
	// Jobs is how many inputs are converted at once; < 1 means 1.
	Jobs int
	// Report is the format of each input's report.
	Report *report.Printer
	Lang   string
	// Pipeline says how to read and judge each input (profile, mapping,
	// header, limits); Writer and Target are set per input.
	Pipeline pipeline.Options
	// Progress, when set, hears of the run; its calls never overlap.
	Progress Progress
	// Opened, when set, is called with each input as it is opened (its
	// format detected), before it is read; calls may overlap. The command
	// line lifts its heap limit for a workbook, read whole.
	Opened func(*pipeline.Source)
}

// Progress follows a run.
type Progress interface {
	// Start is called once with the number of inputs.
	Start(total int)
	// Done is called as each input is finished, in completion order.
	Done(r *Result)
}

// Status of one input.
const (
	Converted = "converted" // read to the end and written (it may still have errors)
	Failed    = "failed"    // not readable or not to the end: nothing written but the report
)

// Result is what became of one input.
type Result struct {
	Input  string `json:"input"`
	Status string `json:"status"`
	// Output and Report are file names in the output folder.
	Output string `json:"output,omitempty"`
	Report string `json:"report"`
	Error  string `json:"error,omitempty"`
	Lines  int    `json:"lines"`
	Errors int    `json:"errors"`
	// Warnings and Infos count the findings of lower severity.
	Warnings  int    `json:"warnings"`
	Infos     int    `json:"infos"`
	Compliant bool   `json:"compliant"`
	Profile   string `json:"profile,omitempty"`
	Format    string `json:"format,omitempty"`
	// OutputFails marks a converted file that fails its target's rules
	// (checked as it was written); OutputErrors counts its errors.
	OutputFails  bool `json:"outputFails,omitempty"`
	OutputErrors int  `json:"outputErrors,omitempty"`
	// The report itself is not kept: a run of many inputs holds only
	// their counts.
}

// Summary is the run as summary.json has it.
type Summary struct {
	Target       string `json:"target"`
	ReportFormat string `json:"reportFormat"`
	Inputs       int    `json:"inputs"`
	Converted    int    `json:"converted"`
	Failed       int    `json:"failed"`
	Compliant    int    `json:"compliant"`
	WithErrors   int    `json:"withErrors"`
	// OutputFails counts the converted files that fail their target's rules.
	OutputFails int       `json:"outputFails"`
	Files       []*Result `json:"files"`
}

// Cores is how many cores a run of jobs jobs is held to: one per job, so
// that the collector and the committers of one job do not borrow the
// cores of jobs the user did not ask for, and --jobs 1 leaves the other
// cores free. Callers set runtime.GOMAXPROCS to it; Run does not, as it is
// the process's setting.
func Cores(jobs int) int { return max(1, min(jobs, runtime.NumCPU())) }

// OK reports whether every input was converted and compliant.
func (s *Summary) OK() bool { return s.Failed == 0 && s.Compliant == s.Inputs }

// Run converts the inputs. The error is for the run as a whole (the output
// folder cannot be made, summary.json cannot be written); an input that
// fails is a Result with Status Failed.
func Run(inputs []Input, o Options) (*Summary, error) {
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return nil, err
	}
	names, err := Plan(inputs, o.Target.Extension, o.Report.Extension)
	if err != nil {
		return nil, err
	}
	if err := noOverwrite(inputs, names, o.Out); err != nil {
		return nil, err
	}
	jobs := max(o.Jobs, 1)
	results := make([]*Result, len(inputs))
	var mu sync.Mutex // orders Progress calls
	if o.Progress != nil {
		o.Progress.Start(len(inputs))
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, max(len(inputs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A committer per job syncs and renames the finished files
			// while the job goes on with the next input: a core does not
			// wait on the disk.
			type done struct {
				i int
				p *pending
			}
			commits := make(chan done, 4)
			committed := make(chan struct{})
			go func() {
				defer close(committed)
				for c := range commits {
					r := c.p.commit()
					results[c.i] = r
					if o.Progress != nil {
						mu.Lock()
						o.Progress.Done(r)
						mu.Unlock()
					}
				}
			}()
			for i := range work {
				commits <- done{i, convertOne(inputs[i], names[i], o)}
			}
			close(commits)
			<-committed
		}()
	}
	for _, i := range costliestFirst(inputs) {
		work <- i
	}
	close(work)
	wg.Wait()

	s := &Summary{Target: o.Target.Name, ReportFormat: o.Report.Name, Inputs: len(inputs), Files: results}
	for _, r := range results {
		switch {
		case r.Status == Failed:
			s.Failed++
		default:
			s.Converted++
		}
		if r.Compliant {
			s.Compliant++
		}
		if r.Errors > 0 {
			s.WithErrors++
		}
		if r.OutputFails {
			s.OutputFails++
		}
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := atomicfile.Write(filepath.Join(o.Out, "summary.json"), append(b, '\n')); err != nil {
		return nil, err
	}
	var page bytes.Buffer
	if err := writeIndex(&page, s, o.Lang); err != nil {
		return nil, err
	}
	if err := atomicfile.Write(filepath.Join(o.Out, "index.html"), page.Bytes()); err != nil {
		return nil, err
	}
	return s, nil
}

// noOverwrite refuses a run that would write over one of its inputs: an
// output folder that holds inputs, converted to their own format.
func noOverwrite(inputs []Input, names []Names, out string) error {
	type stated struct {
		path string
		st   os.FileInfo
	}
	var ins []stated
	for _, in := range inputs {
		if st, err := os.Stat(in.Path); err == nil {
			ins = append(ins, stated{in.Path, st})
		}
	}
	for _, n := range names {
		for _, name := range []string{n.Output, n.Report} {
			st, err := os.Stat(filepath.Join(out, name))
			if err != nil {
				continue
			}
			for _, in := range ins {
				if os.SameFile(st, in.st) {
					return fmt.Errorf("%s would be written over input %s; choose another --out folder", filepath.Join(out, name), in.path)
				}
			}
		}
	}
	return nil
}

// costliestFirst orders the inputs by their estimated work, largest
// first, so that no job is left converting a big file alone at the end
// while the others idle. A workbook costs about 16 times a CSV file of the
// same size: it is compressed XML.
func costliestFirst(inputs []Input) []int {
	cost := make([]int64, len(inputs))
	order := make([]int, len(inputs))
	for i, in := range inputs {
		order[i] = i
		if st, err := os.Stat(in.Path); err == nil {
			cost[i] = st.Size()
			switch strings.ToLower(filepath.Ext(in.Path)) {
			case ".xlsx", ".xlsm":
				cost[i] *= 16
			}
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(cost[b], cost[a]) })
	return order
}

// pending is an input converted and reported, its files written but not
// yet published.
type pending struct {
	res *Result
	// out is the converted file, nil when there is none to publish.
	out *atomicfile.File
	// rep is the report; repErr says why it could not be written.
	rep    *atomicfile.File
	repErr error
}

// convertOne reads, validates and writes one input and its report. It
// shares nothing with the other inputs: its own files, reader and
// validator.
func convertOne(in Input, n Names, o Options) *pending {
	res := &Result{Input: in.Path, Report: n.Report}
	p := &pending{res: res}
	out, err := atomicfile.Create(filepath.Join(o.Out, n.Output), nil)
	var rep *catalog.Report
	if err == nil {
		popts := o.Pipeline
		// One core per input: the jobs are the parallelism.
		popts.Sequential = true
		popts.Target = o.Target
		popts.Writer = func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
			return o.Target.New(tee(out), h, formats.FileWriteOptions(in.Path))
		}
		var src *pipeline.Source
		if src, err = pipeline.Open(in.Path, popts); err == nil {
			if o.Opened != nil {
				o.Opened(src)
			}
			rep, err = pipeline.RunSource(src, popts)
			src.Close()
		}
	}
	switch {
	case err != nil:
		if out != nil {
			out.Abort()
		}
		rep = Unreadable(in.Path, err, o.Pipeline.Profile)
		res.Status, res.Error = Failed, err.Error()
	case rep.Error != "":
		out.Abort()
		res.Status, res.Error = Failed, rep.Error
		if !strings.HasPrefix(rep.Error, in.Path) {
			res.Error = in.Path + ": " + rep.Error
		}
	default:
		p.out = out
		res.Status, res.Output = Converted, n.Output
	}
	res.Lines, res.Errors, res.Warnings, res.Infos = rep.Summary.Lines, rep.Summary.Errors, rep.Summary.Warnings, rep.Summary.Infos
	res.Compliant = rep.Summary.Compliant && res.Status == Converted
	res.Profile, res.Format = rep.Profile, rep.Format
	if rep.Output.Failed() && res.Status == Converted {
		res.OutputFails, res.OutputErrors = true, rep.Output.Errors
	}
	p.rep, p.repErr = writeReport(filepath.Join(o.Out, n.Report), rep, o)
	return p
}

// commit publishes the files of a converted input and settles its result.
func (p *pending) commit() *Result {
	res := p.res
	if p.out != nil {
		if err := p.out.Commit(); err != nil {
			res.Status, res.Error, res.Output = Failed, err.Error(), ""
		}
	}
	if p.repErr == nil {
		p.repErr = p.rep.Commit()
	}
	if p.repErr != nil && res.Error == "" {
		res.Status, res.Error = Failed, "report: "+p.repErr.Error()
	}
	res.Compliant = res.Compliant && res.Status == Converted
	if res.Status != Converted {
		res.OutputFails, res.OutputErrors = false, 0
	}
	return res
}

// writeReport writes the report of an input, to be committed.
func writeReport(path string, rep *catalog.Report, o Options) (*atomicfile.File, error) {
	f, err := atomicfile.Create(path, nil)
	if err != nil {
		return nil, err
	}
	if err := o.Report.Print(f, []*catalog.Report{rep}, report.Options{Lang: o.Lang, Inputs: report.AsNamed, Limits: o.Pipeline.Limits}); err != nil {
		f.Abort()
		return nil, err
	}
	return f, nil
}

// Unreadable is the report of an input that could not be read at all:
// never compliant, one error naming why.
func Unreadable(file string, err error, p *catalog.Profile) *catalog.Report {
	r := &catalog.Report{File: file, Error: err.Error()}
	if p != nil {
		r.Profile = p.Name
	}
	r.Findings = []catalog.Finding{{Rule: catalog.RuleReadIncomplete, Severity: catalog.Error, Args: []string{err.Error()}}}
	r.Summary.Errors = 1
	r.Finish()
	return r
}
