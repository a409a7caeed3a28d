// Package spill is a buffer that holds what a writer must write later (the
// rows of a CIF file until their count is known, a UBL update document
// until End knows its form): in memory while it is small, in an unlinked
// temporary file beyond a limit, so memory stays flat whatever the size.
package spill

import (
	"bufio"
	"bytes"
	"io"
	"os"
)

// Limit is how much a Buffer keeps in memory before it moves to disk.
const Limit = 1 << 20

// Buffer holds what is written to it until WriteTo copies it out. Its zero
// value is ready to use; Close releases the temporary file.
type Buffer struct {
	mem  bytes.Buffer
	f    *os.File
	fw   *bufio.Writer
	name string // set while the file still has a name to remove
}

func (s *Buffer) Write(p []byte) (int, error) {
	if s.f == nil && s.mem.Len()+len(p) <= Limit {
		return s.mem.Write(p)
	}
	if s.f == nil {
		f, err := os.CreateTemp("", "ekatalog-spill-*")
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
func (s *Buffer) WriteTo(w io.Writer) (int64, error) {
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
func (s *Buffer) Close() error {
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
