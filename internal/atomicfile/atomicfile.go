// Package atomicfile writes output files atomically: into a temporary file
// in the target's folder, renamed over the target only when complete, so a
// reader never sees half a file and a failed run leaves the old one intact.
package atomicfile

import (
	"io"
	"os"
	"path/filepath"
)

// File is an output being written. "-" writes to standard output.
type File struct {
	io.Writer
	path string
	tmp  *os.File
	// direct is an existing target that is not a regular file (a device
	// such as /dev/null, a named pipe): written in place, since renaming a
	// file over it would replace the device with a file.
	direct *os.File
}

// Create starts writing path.
func Create(path string, stdout io.Writer) (*File, error) {
	if path == "-" || path == "" {
		return &File{Writer: stdout, path: "-"}, nil
	}
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		d, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		return &File{Writer: d, path: path, direct: d}, nil
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &File{Writer: tmp, path: path, tmp: tmp}, nil
}

// Commit publishes the file under its name.
func (f *File) Commit() error {
	if f.direct != nil {
		err := f.direct.Close()
		f.direct = nil
		return err
	}
	if f.tmp == nil {
		return nil
	}
	if err := f.tmp.Sync(); err != nil {
		f.Abort()
		return err
	}
	if err := f.tmp.Close(); err != nil {
		os.Remove(f.tmp.Name())
		return err
	}
	if err := os.Chmod(f.tmp.Name(), 0o644); err != nil {
		os.Remove(f.tmp.Name())
		return err
	}
	if err := os.Rename(f.tmp.Name(), f.path); err != nil {
		os.Remove(f.tmp.Name())
		return err
	}
	f.tmp = nil
	return nil
}

// Abort drops the file; the target is left as it was. It is safe to call
// after Commit.
func (f *File) Abort() {
	if f.direct != nil {
		f.direct.Close()
		f.direct = nil
	}
	if f.tmp != nil {
		f.tmp.Close()
		os.Remove(f.tmp.Name())
		f.tmp = nil
	}
}

// Write writes data to path atomically.
func Write(path string, data []byte) error {
	f, err := Create(path, nil)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}
