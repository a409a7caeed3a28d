package source

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/mappings"
)

// Options say how to read an input. The command line, the web service and
// the register fill one set for a run; Profile, TargetProfile, Writer and
// Target are what internal/pipeline does with the lines (validation and
// conversion) and Open reads only the profile's official rule set from
// them. pipeline.Options is this type, so a run's options open its input
// as they are.
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
	// Sequential reads on the caller's goroutine, without the reader
	// running ahead on a core of its own: batch runs inputs in parallel
	// instead, one core each.
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
	Size int64

	header     catalog.Header
	sequential bool
	closer     io.Closer
	lines      int
	err        error // the error that stopped reading, named for the file
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

// Open opens an input and detects its format, once. Errors name the file;
// they mean the input cannot be read at all.
func Open(name string, o Options) (*Source, error) {
	var r io.Reader
	path := name
	if o.Name != "" {
		name = o.Name
	}
	src := &Source{Name: name, sequential: o.Sequential}
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
		return nil, named(name, err)
	}
	src.Reader = rd
	src.header = rd.Header()
	if o.Header != nil {
		src.header.Merge(*o.Header)
	}
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

// named makes err a *catalog.ReadError naming the file, unless it is one.
func named(name string, err error) error {
	var re *catalog.ReadError
	if errors.As(err, &re) {
		return err
	}
	return &catalog.ReadError{File: name, Err: err}
}

// Header is the input's header with the user's (Options.Header) merged
// over it.
func (s *Source) Header() catalog.Header { return s.header }

// LineEstimator is implemented by readers that can guess a file's number
// of lines from its size, so catalogue-wide indexes are sized once.
type LineEstimator interface {
	EstimateLines(size int64) int
}

// EstimateLines guesses the input's number of lines from its size; 0 when
// the reader cannot tell or the size is unknown.
func (s *Source) EstimateLines() int {
	if est, ok := s.Reader.(LineEstimator); ok && s.Size > 0 {
		return est.EstimateLines(s.Size)
	}
	return 0
}

// Each reads every line and hands it to fn, the reader's findings on the
// line stamped with its position first (the line, and the row where the
// reader gave no position). With more than one processor, and unless the
// source was opened Sequential, the reader runs a batch of lines ahead on
// a goroutine of its own, so that parsing and the caller's work share the
// cores. The line and its strings are the reader's again once fn returns.
//
// The error is fn's, which stops the reading. A read that breaks off is
// not an error of Each: Err says so afterwards, and Lines how many lines
// were read before it.
func (s *Source) Each(fn func(l *catalog.Line) error) error {
	each := func(l *catalog.Line) error {
		s.lines++
		l.PlaceFindings()
		return fn(l)
	}
	var readErr, err error
	if s.sequential || runtime.GOMAXPROCS(0) < 2 {
		readErr, err = sequential(s.Reader, each)
	} else {
		readErr, err = ahead(s.Reader, each)
	}
	if readErr != nil {
		s.err = named(s.Name, readErr)
	}
	return err
}

// Lines is how many lines Each has handed on.
func (s *Source) Lines() int { return s.lines }

// Err is the error that stopped reading before the end of the input, a
// *catalog.ReadError naming the file; nil when the input was read to its
// end.
func (s *Source) Err() error { return s.err }

// Unreadable is Err when not one line could be read: the input is then
// unreadable, not a catalogue with findings. nil otherwise.
func (s *Source) Unreadable() error {
	if s.lines == 0 {
		return s.err
	}
	return nil
}

// Empty reports whether the input was read to its end and had no line.
func (s *Source) Empty() bool { return s.err == nil && s.lines == 0 }

// Findings are, once Each has returned, the reader's findings about the
// file as a whole, and READ-NO-LINES when the input is Empty. The
// validator judges an empty catalogue itself (Validator.End: a catalogue
// deletion, UBL CatalogueDeletion, has no lines by design) and takes
// Reader.Findings instead; so does diff, where a version without lines is
// no reading problem but one whose lines were all added or removed.
func (s *Source) Findings() []catalog.Finding {
	fs := s.Reader.Findings()
	if s.Empty() {
		fs = append(fs[:len(fs):len(fs)], catalog.Finding{Rule: catalog.RuleReadNoLines, Severity: catalog.RuleReadNoLines.Severity})
	}
	return fs
}

// sequential reads and hands on every line on the caller's goroutine.
func sequential(r formats.Reader, fn func(*catalog.Line) error) (readErr, err error) {
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

// ahead reads every line in a goroutine of its own, a batch of lines
// ahead, and hands it to fn on the caller's. readErr is the error that
// stopped reading; err is fn's.
func ahead(r formats.Reader, fn func(*catalog.Line) error) (readErr, err error) {
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
