package cif

import (
	"bufio"
	"bytes"
	"io"
	"os"
)

// spillLimit is how much a spill keeps in memory before it moves to disk.
const spillLimit = 1 << 20

// spill holds the data rows until the count is known: in memory while they
// are small, in an unlinked temporary file beyond spillLimit.
type spill struct {
	mem  bytes.Buffer
	f    *os.File
	fw   *bufio.Writer
	name string // set while the file still has a name to remove
}

func (s *spill) Write(p []byte) (int, error) {
	if s.f == nil && s.mem.Len()+len(p) <= spillLimit {
		return s.mem.Write(p)
	}
	if s.f == nil {
		f, err := os.CreateTemp("", "ekatalog-cif-*")
		if err != nil {
			return 0, err
		}
		s.f, s.fw = f, bufio.NewWriterSize(f, 256<<10)
		// Unlinked at once where the system allows it (an open file stays
		// readable), so that nothing is left behind if the run stops early.
		if os.Remove(f.Name()) != nil {
			s.name = f.Name()
		}
		if _, err := s.mem.WriteTo(s.fw); err != nil {
			return 0, err
		}
	}
	return s.fw.Write(p)
}

// WriteTo copies everything written so far to w.
func (s *spill) WriteTo(w io.Writer) (int64, error) {
	if s.f == nil {
		return s.mem.WriteTo(w)
	}
	if err := s.fw.Flush(); err != nil {
		return 0, err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	return io.Copy(w, s.f)
}

// Close releases the file.
func (s *spill) Close() error {
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	if s.name != "" {
		os.Remove(s.name)
	}
	s.f = nil
	return err
}
