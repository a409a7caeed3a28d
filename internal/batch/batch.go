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
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/atomicfile"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/report"
	"github.com/ekatalog/ekatalog/internal/report/reopen"
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
	// Rep is the input's report.
	Rep *catalog.Report `json:"-"`
}

// Summary is the run as summary.json has it.
type Summary struct {
	Target       string    `json:"target"`
	ReportFormat string    `json:"reportFormat"`
	Inputs       int       `json:"inputs"`
	Converted    int       `json:"converted"`
	Failed       int       `json:"failed"`
	Compliant    int       `json:"compliant"`
	WithErrors   int       `json:"withErrors"`
	Files        []*Result `json:"files"`
}

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
			for i := range work {
				r := convertOne(inputs[i], names[i], o)
				results[i] = r
				if o.Progress != nil {
					mu.Lock()
					o.Progress.Done(r)
					mu.Unlock()
				}
			}
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

// convertOne reads, validates and writes one input and its report. It
// shares nothing with the other inputs: its own files, reader and
// validator.
func convertOne(in Input, n Names, o Options) *Result {
	res := &Result{Input: in.Path, Report: n.Report}
	outPath := filepath.Join(o.Out, n.Output)
	out, err := atomicfile.Create(outPath, nil)
	var rep *catalog.Report
	if err == nil {
		popts := o.Pipeline
		// One core per input: the jobs are the parallelism.
		popts.Sequential = true
		popts.Target = o.Target
		popts.Writer = func(h catalog.Header) (formats.Writer, error) {
			return o.Target.New(out, h, formats.WriteOptions{})
		}
		rep, err = pipeline.Run(in.Path, popts)
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
		if err := out.Commit(); err != nil {
			res.Status, res.Error = Failed, err.Error()
			break
		}
		res.Status, res.Output = Converted, n.Output
	}
	res.Rep = rep
	res.Lines, res.Errors, res.Warnings, res.Infos = rep.Summary.Lines, rep.Summary.Errors, rep.Summary.Warnings, rep.Summary.Infos
	res.Compliant = rep.Summary.Compliant && res.Status == Converted
	res.Profile, res.Format = rep.Profile, rep.Format
	if err := writeReport(filepath.Join(o.Out, n.Report), rep, o); err != nil && res.Error == "" {
		res.Status, res.Error, res.Compliant = Failed, "report: "+err.Error(), false
	}
	return res
}

func writeReport(path string, rep *catalog.Report, o Options) error {
	f, err := atomicfile.Create(path, nil)
	if err != nil {
		return err
	}
	if err := o.Report.Print(f, []*catalog.Report{rep}, report.Options{Lang: o.Lang, Reopen: reopen.Opener(o.Pipeline, nil)}); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// Unreadable is the report of an input that could not be read at all:
// never compliant, one error naming why.
func Unreadable(file string, err error, p *catalog.Profile) *catalog.Report {
	r := &catalog.Report{File: file, Error: err.Error()}
	if p != nil {
		r.Profile = p.Name
	}
	r.Findings = []catalog.Finding{{Rule: "READ-INCOMPLETE", Severity: catalog.Error, Args: []string{err.Error()}}}
	r.Summary.Errors = 1
	r.Finish()
	return r
}
