package pipeline

import (
	"io"
	"math/bits"
	"slices"
	"strconv"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/source"
)

// Options for one run: how the input is read (source.Options) and, for
// Run, the profile, writer and target.
type Options = source.Options

// Source is an opened input.
type Source = source.Source

// Open opens and detects an input (source.Open). Errors name the file;
// they mean the input cannot be read at all.
func Open(name string, o Options) (*Source, error) { return source.Open(name, o) }

// flavoured is implemented by readers of documents that say which rule set
// they follow (a UBL catalogue's CustomizationID), so validate picks the
// profile from the document.
type flavoured interface{ Flavour() string }

// DefaultProfile is the name of the profile an input is validated against
// when the user names none: the document's own flavour where it has a
// built-in profile, else the format's default.
func DefaultProfile(src *Source) string {
	if fl, ok := src.Reader.(flavoured); ok {
		if _, err := catalog.BuiltinProfile(fl.Flavour()); err == nil {
			return fl.Flavour()
		}
	}
	return src.Format.Profile
}

// LineEstimator is implemented by readers that can guess a file's number
// of lines from its size.
type LineEstimator = source.LineEstimator

// Run validates (and, with Options.Writer, converts) one input. The error
// is for inputs that could not be read at all and for output failures; a
// file that breaks off midway gives a report with Error set instead.
func Run(name string, o Options) (*catalog.Report, error) {
	src, err := Open(name, o)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return RunSource(src, o)
}

// RunSource runs an opened source.
func RunSource(src *Source, o Options) (*catalog.Report, error) {
	profile := o.Profile
	if profile == nil {
		var err error
		if profile, err = catalog.BuiltinProfile(DefaultProfile(src)); err != nil {
			return nil, err
		}
	}
	h := src.Header()
	rep := &catalog.Report{File: src.Name, Format: src.Format.Name, Layout: formats.LayoutOf(src.Reader)}
	v := catalog.NewValidator(profile, h, src.Reader.Fields(), src.Reader, rep)
	if n := src.EstimateLines(); n > 0 {
		v.ExpectLines(n)
	}
	// The duplicate checks log every key; on disk, memory stays flat.
	if items, err := newFileSpill(); err == nil {
		defer items.Close()
		if gtins, err := newFileSpill(); err == nil {
			defer gtins.Close()
			v.SpillTo(items, gtins)
		}
	}
	var w formats.Writer
	var check formats.OutputCheck
	defer func() {
		if check != nil { // a conversion that stopped: let the check's goroutine go
			check.Close()
		}
	}()
	if o.Writer != nil {
		tee := func(out io.Writer) io.Writer {
			if o.Target == nil || o.Target.Check == nil || check != nil {
				return out
			}
			check = o.Target.Check(h)
			return io.MultiWriter(out, check)
		}
		var err error
		if w, err = o.Writer(h, tee); err != nil {
			return nil, err
		}
		if err := w.Begin(h); err != nil {
			return nil, err
		}
	}
	pathDropper, _ := w.(formats.PathDropper)
	type droppedPath struct{ n, first int }
	droppedPaths := map[string]*droppedPath{}
	recordPaths := func(line int) {
		for _, p := range pathDropper.DroppedPaths() {
			d := droppedPaths[p]
			if d == nil {
				if len(droppedPaths) >= 1000 {
					continue // distinct paths are bounded by the schema; this bounds a hostile one
				}
				d = &droppedPath{first: line}
				droppedPaths[p] = d
			}
			d.n++
		}
	}
	if pathDropper != nil {
		recordPaths(0)
	}
	var dropped, firstDropped, missing, firstMissing [len(catalog.Fields)]int
	checker, _ := w.(formats.Checker)
	dropper, _ := w.(formats.Dropper)
	carries := formats.AllFields
	if o.Target != nil && o.Target.Carries != 0 {
		carries = o.Target.Carries
	}
	err := src.Each(func(l *catalog.Line) error {
		v.Line(l)
		if w == nil {
			return nil
		}
		if check != nil {
			check.Line(l) // before the writer: the check learns which source line comes next
		}
		if err := w.Line(l); err != nil {
			return err
		}
		// After the writer: what it left out of this line.
		lost := l.Present() &^ carries
		if dropper != nil {
			lost |= dropper.Dropped(l)
		}
		for s := lost; s != 0; s &= s - 1 {
			f := bits.TrailingZeros64(uint64(s))
			if dropped[f]++; firstDropped[f] == 0 {
				firstDropped[f] = l.Src.Line
			}
		}
		if checker != nil {
			for s := checker.Missing(l); s != 0; s &= s - 1 {
				f := bits.TrailingZeros64(uint64(s))
				if missing[f]++; firstMissing[f] == 0 {
					firstMissing[f] = l.Src.Line
				}
			}
		}
		if pathDropper != nil {
			recordPaths(l.Src.Line)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := src.Unreadable(); err != nil {
		return nil, err // not one line could be read: no catalogue with findings
	}
	readErr := src.Err()
	target := "?"
	if o.Target != nil {
		target = o.Target.Name
	}
	for f, n := range dropped {
		if n > 0 {
			v.Report(catalog.Finding{Rule: catalog.RuleTargetDropped, Severity: catalog.Warning, Field: catalog.Field(f).String(),
				Args: []string{target, strconv.Itoa(n), strconv.Itoa(firstDropped[f])}})
		}
	}
	paths := make([]string, 0, len(droppedPaths))
	for p := range droppedPaths {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		d := droppedPaths[p]
		v.Report(catalog.Finding{Rule: catalog.RuleTargetDropped, Severity: catalog.Warning, Field: catalog.FieldExtra.String(), Line: d.first,
			Pos: catalog.Pos{XPath: p}, Args: []string{target, strconv.Itoa(d.n), strconv.Itoa(d.first)}})
	}
	for f, n := range missing {
		if n > 0 && o.Target != nil {
			v.Report(catalog.Finding{Rule: catalog.RuleTargetRequired, Severity: catalog.RuleTargetRequired.Severity, Field: catalog.Field(f).String(),
				Args: []string{o.Target.Name, strconv.Itoa(n), strconv.Itoa(firstMissing[f])}})
		}
	}
	if nt, ok := w.(formats.Noter); ok {
		for _, f := range nt.Findings() {
			v.Report(f)
		}
	}
	if w != nil {
		if err := w.End(); err != nil {
			return nil, err
		}
	}
	if check != nil {
		found := check.Close()
		check = nil
		if readErr == nil { // an input read in part is not converted at all
			v.Output(catalog.OutputCheck{Target: o.Target.Name, Rules: o.Target.Rules}, found)
		}
	}
	// The validator judges an empty catalogue itself.
	v.End(src.Reader.Findings(), readErr)
	return rep, nil
}
