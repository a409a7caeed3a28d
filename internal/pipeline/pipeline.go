package pipeline

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/mappings"
)

// Options for one run.
type Options struct {
	// Profile is the validation profile; nil picks the format's default.
	Profile *catalog.Profile
	Mapping *mappings.Mapping
	// Header is merged over the input's own header.
	Header *catalog.Header
	// InputFormat overrides detection.
	InputFormat string
	Sheet       string
	// Writer, when set, is called once the header is known and receives
	// every line after validation.
	Writer func(h catalog.Header) (formats.Writer, error)
	// Stdin is read for the name "-".
	Stdin io.Reader
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
	if s.closer != nil {
		return s.closer.Close()
	}
	return nil
}

// Open opens and detects an input. Errors name the file; they mean the
// input cannot be read at all.
func Open(name string, o Options) (*Source, error) {
	var r io.Reader
	src := &Source{Name: name}
	if name == "-" {
		r = o.Stdin
		if r == nil {
			r = os.Stdin
		}
	} else {
		f, err := os.Open(name)
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
	src.Reader, err = src.Format.Open(br, formats.Options{Name: name, Mapping: m, Sheet: o.Sheet})
	if err != nil {
		src.Close()
		var re *catalog.ReadError
		if errors.As(err, &re) {
			return nil, err
		}
		return nil, &catalog.ReadError{File: name, Err: err}
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
		if profile, err = catalog.BuiltinProfile(src.Format.Profile); err != nil {
			return nil, err
		}
	}
	h := src.Reader.Header()
	if o.Header != nil {
		h.Merge(*o.Header)
	}
	rep := &catalog.Report{File: src.Name, Format: src.Format.Name}
	v := catalog.NewValidator(profile, h, src.Reader.Fields(), src.Reader, rep)
	if est, ok := src.Reader.(LineEstimator); ok && src.Size > 0 {
		v.ExpectLines(est.EstimateLines(src.Size))
	}
	var w formats.Writer
	if o.Writer != nil {
		var err error
		if w, err = o.Writer(h); err != nil {
			return nil, err
		}
		if err := w.Begin(h); err != nil {
			return nil, err
		}
	}
	var l catalog.Line
	var readErr error
	for {
		err := src.Reader.Next(&l)
		if err == io.EOF {
			break
		}
		if err != nil {
			readErr = err
			break
		}
		v.Line(&l)
		if w != nil {
			if err := w.Line(&l); err != nil {
				return nil, err
			}
		}
	}
	v.End(src.Reader.Findings(), readErr)
	if w != nil {
		if err := w.End(); err != nil {
			return nil, err
		}
	}
	return rep, nil
}
