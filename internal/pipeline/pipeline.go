package pipeline

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"runtime"
	"slices"
	"strconv"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/mappings"
)

// Options for one run.
type Options struct {
	// Profile is the validation profile; nil picks the format's default.
	// A profile that names an official rule set (Profile.RuleSet) has it
	// run on every UBL input, whatever flavour the document declares.
	Profile *catalog.Profile
	// TargetProfile says Profile is the conversion target's default, not
	// the user's choice: a UBL input is then checked by its own flavour's
	// official rules, and the output by the target's (Target.Check).
	TargetProfile bool
	Mapping       *mappings.Mapping
	// Header is merged over the input's own header.
	Header *catalog.Header
	// InputFormat overrides detection.
	InputFormat string
	Sheet       string
	// Limits bound what one input may make a reader hold.
	Limits formats.Limits
	// Writer, when set, is called once the header is known and receives
	// every line after validation. It makes the target's writer write to
	// tee(out) rather than out, so that what is written is checked under
	// the target's rules as it streams (Target.Check).
	Writer func(h catalog.Header, tee func(out io.Writer) io.Writer) (formats.Writer, error)
	// Target, with Writer, names the output format, whose Carries set says
	// which fields are reported as left out.
	Target *formats.Target
	// Stdin is read for the name "-".
	Stdin io.Reader
	// Sequential reads and validates on the caller's goroutine, without
	// the reader running ahead on a core of its own: batch runs inputs in
	// parallel instead, one core each.
	Sequential bool
	// Name, when set, is what the input is called in reports, messages and
	// format detection instead of the path it is opened from (the web
	// service keeps uploads in temporary files).
	Name string
}

// Source is an opened input.
type Source struct {
	Name   string
	Format *formats.Format
	Reader formats.Reader
	// Size is the input's size in bytes, 0 when unknown.
	Size   int64
	closer io.Closer
}

// Close releases the input.
func (s *Source) Close() error {
	if c, ok := s.Reader.(io.Closer); ok {
		c.Close() // stops a read-ahead goroutine, removes a workbook's temporary files
	}
	if s.closer != nil {
		return s.closer.Close()
	}
	return nil
}

// Open opens and detects an input. Errors name the file; they mean the
// input cannot be read at all.
func Open(name string, o Options) (*Source, error) {
	var r io.Reader
	path := name
	if o.Name != "" {
		name = o.Name
	}
	src := &Source{Name: name}
	if path == "-" {
		r = o.Stdin
		if r == nil {
			r = os.Stdin
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, &catalog.ReadError{File: name, Err: unwrapPathError(err)}
		}
		st, err := f.Stat()
		if err == nil && st.IsDir() {
			f.Close()
			return nil, catalog.Errorf(name, 0, 0, "is a directory, not a catalogue file")
		}
		if err == nil {
			src.Size = st.Size()
		}
		r, src.closer = f, f
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(4096)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		src.Close()
		return nil, &catalog.ReadError{File: name, Err: err}
	}
	if len(head) == 0 {
		src.Close()
		return nil, catalog.Errorf(name, 0, 0, "the file is empty")
	}
	if o.InputFormat != "" {
		f, ok := formats.ByName(o.InputFormat)
		if !ok {
			src.Close()
			return nil, fmt.Errorf("unknown input format %q (known: %v)", o.InputFormat, formats.Names())
		}
		src.Format = f
	} else {
		src.Format, err = formats.Detect(name, head)
		if err != nil {
			src.Close()
			return nil, &catalog.ReadError{File: name, Err: err}
		}
	}
	m := o.Mapping
	if m == nil {
		m = mappings.Default()
	}
	fo := formats.Options{Name: name, Mapping: m, Sheet: o.Sheet, Limits: o.Limits,
		ReadAhead: !o.Sequential && runtime.GOMAXPROCS(0) >= 2}
	if o.Profile != nil && !o.TargetProfile {
		fo.RuleSet = o.Profile.RuleSet
	}
	rd, err := src.Format.Open(br, fo)
	if err != nil {
		src.Close() // the reader is not kept: a failed Open has cleaned up
		var re *catalog.ReadError
		if errors.As(err, &re) {
			return nil, err
		}
		return nil, &catalog.ReadError{File: name, Err: err}
	}
	src.Reader = rd
	return src, nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		if errors.Is(err, os.ErrNotExist) {
			return errors.New("no such file")
		}
		return pe.Err
	}
	return err
}

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
// of lines from its size, so catalogue-wide indexes are sized once.
type LineEstimator interface {
	EstimateLines(size int64) int
}

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
	h := src.Reader.Header()
	if o.Header != nil {
		h.Merge(*o.Header)
	}
	rep := &catalog.Report{File: src.Name, Format: src.Format.Name, Layout: formats.LayoutOf(src.Reader)}
	v := catalog.NewValidator(profile, h, src.Reader.Fields(), src.Reader, rep)
	if est, ok := src.Reader.(LineEstimator); ok && src.Size > 0 {
		v.ExpectLines(est.EstimateLines(src.Size))
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
	streamFn := stream
	if o.Sequential {
		streamFn = streamSequential
	}
	readErr, err := streamFn(src.Reader, func(l *catalog.Line) error {
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
	if readErr != nil && rep.Summary.Lines == 0 {
		// Not one line could be read: the input is unreadable, not a
		// catalogue with findings.
		var re *catalog.ReadError
		if errors.As(readErr, &re) {
			return nil, readErr
		}
		return nil, &catalog.ReadError{File: src.Name, Err: readErr}
	}
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
	v.End(src.Reader.Findings(), readErr)
	return rep, nil
}

// streamSequential reads and hands on every line on the caller's goroutine.
func streamSequential(r formats.Reader, fn func(*catalog.Line) error) (readErr, err error) {
	var l catalog.Line
	for {
		if e := r.Next(&l); e == io.EOF {
			return nil, nil
		} else if e != nil {
			return e, nil
		}
		if err := fn(&l); err != nil {
			return nil, err
		}
	}
}

// batch is a slice of lines read ahead; batches are recycled.
type batch struct {
	lines []catalog.Line
	n     int
	err   error // the read error that ended the stream, if any
}

const (
	batchLines = 256
	batches    = 4
)

// Stream reads every line of r and hands it to fn as stream does, or on
// the caller's goroutine when sequential: compare and diff stream the file
// they do not hold in memory through it.
func Stream(r formats.Reader, sequential bool, fn func(*catalog.Line) error) (readErr, err error) {
	if sequential {
		return streamSequential(r, fn)
	}
	return stream(r, fn)
}

// stream reads every line and hands it to fn. With more than one processor
// the reader runs in a goroutine of its own, a batch of lines ahead, so that
// parsing and validation share the cores. readErr is the error that stopped
// reading; err is fn's.
func stream(r formats.Reader, fn func(*catalog.Line) error) (readErr, err error) {
	if runtime.GOMAXPROCS(0) < 2 {
		return streamSequential(r, fn)
	}
	free := make(chan *batch, batches)
	full := make(chan *batch, batches)
	done := make(chan struct{})
	for i := 0; i < batches; i++ {
		free <- &batch{lines: make([]catalog.Line, batchLines)}
	}
	go func() {
		defer close(full)
		for {
			var b *batch
			select {
			case b = <-free:
			case <-done:
				return
			}
			b.n, b.err = 0, nil
			for b.n < batchLines {
				e := r.Next(&b.lines[b.n])
				if e == io.EOF {
					full <- b
					return
				}
				if e != nil {
					b.err = e
					full <- b
					return
				}
				b.n++
			}
			full <- b
		}
	}()
	defer func() {
		close(done)
		for range full { // let the reader finish before its source closes
		}
	}()
	for b := range full {
		for i := 0; i < b.n; i++ {
			if err := fn(&b.lines[i]); err != nil {
				return nil, err
			}
		}
		if b.err != nil {
			return b.err, nil
		}
		free <- b
	}
	return nil, nil
}
