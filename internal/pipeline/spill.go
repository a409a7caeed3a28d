package pipeline

import (
	"io"
	"os"
)

// fileSpill is a temporary file for the validator's key logs. It is removed
// from its folder as soon as it is created, so it disappears with the
// process whatever happens; only the open descriptor keeps it.
type fileSpill struct{ f *os.File }

func newFileSpill() (*fileSpill, error) {
	f, err := os.CreateTemp("", "ekatalog-keys-*")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name())
	return &fileSpill{f: f}, nil
}

func (s *fileSpill) Write(p []byte) (int, error) { return s.f.Write(p) }

func (s *fileSpill) Replay() (io.Reader, error) {
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return s.f, nil
}

func (s *fileSpill) Close() error { return s.f.Close() }
