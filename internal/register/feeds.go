package register

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/diff"
	"github.com/ekatalog/ekatalog/internal/pipeline"
)

// Rendered is a feed's catalogue in a target.
type Rendered struct {
	Version int64
	Target  *formats.Target
	// File holds the output, read from its start; Close removes it.
	File *os.File
	Size int64
	// Name is a file name for the download.
	Name string
}

// Close removes the output.
func (r *Rendered) Close() {
	r.File.Close()
	os.Remove(r.File.Name())
}

// Bytes reads the whole output.
func (r *Rendered) Bytes() ([]byte, error) {
	if _, err := r.File.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return io.ReadAll(r.File)
}

// ErrNoVersion is a feed that has no accepted version yet.
var ErrNoVersion = fmt.Errorf("no accepted version yet: %w", ErrNotFound)

// Render writes a buyer's current catalogue of a supplier in the
// subscription's target, or the target named. The stored canonical
// catalogue is converted on every request; it is the truth.
func (s *Store) Render(ctx context.Context, buyer, supplier, targetName string) (*Rendered, error) {
	sub, v, err := s.CurrentVersion(ctx, buyer, supplier)
	if err != nil {
		return nil, err
	}
	target, err := s.target(ctx, sub, targetName)
	if err != nil {
		return nil, &InputError{err}
	}
	if v == 0 {
		return nil, ErrNoVersion
	}
	return s.RenderVersion(ctx, sub, v, target)
}

// RenderVersion converts one version of a feed.
func (s *Store) RenderVersion(ctx context.Context, sub Subscription, v int64, target *formats.Target) (*Rendered, error) {
	name, gz, err := s.canonicalOf(ctx, sub.Buyer, sub.Supplier, v)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("version %d of %s: the stored catalogue: %w", v, sub.Supplier, err)
	}
	profile, err := s.profile(ctx, sub)
	if err != nil {
		return nil, err
	}
	// The output goes to a temporary file: memory stays flat whatever the
	// catalogue's size.
	out, err := os.CreateTemp("", "ekatalog-feed-*")
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			out.Close()
			os.Remove(out.Name())
		}
	}()
	bw := bufio.NewWriterSize(out, 64<<10)
	buyer, err := s.Party(ctx, sub.Buyer)
	if err != nil {
		return nil, err
	}
	// The feed's receiver is its buyer.
	h := catalog.Header{Receiver: headerParty(buyer)}
	// The canonical catalogue is read straight from its gzip stream.
	opts := pipeline.Options{InputFormat: "json", Name: name, Profile: profile, Target: target, Header: &h, Stdin: zr}
	// Not teed into the target's output check: a feed answers with the file
	// alone, so no one would read the check's findings (see the README).
	opts.Writer = func(h catalog.Header, _ func(io.Writer) io.Writer) (formats.Writer, error) {
		return target.New(bw, h, formats.WriteOptions{})
	}
	rep, err := pipeline.Run("-", opts)
	if err != nil {
		return nil, err
	}
	if rep.Error != "" {
		return nil, fmt.Errorf("version %d of %s: the stored catalogue could not be converted: %s", v, sub.Supplier, rep.Error)
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	size, err := out.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, err
	}
	if _, err := out.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	ok = true
	base := strings.TrimSuffix(name, extOf(name))
	return &Rendered{Version: v, Target: target, File: out, Size: size, Name: fmt.Sprintf("%s-v%d%s", base, v, target.Extension)}, nil
}

func extOf(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[i:]
	}
	return ""
}

// Diff compares two versions of a buyer's feed, as `ekatalog diff` does.
func (s *Store) Diff(ctx context.Context, buyer, supplier string, from, to int64) (*diff.Result, error) {
	if _, err := s.Subscription(ctx, buyer, supplier); err != nil {
		return nil, err
	}
	var paths [2]string
	defer func() {
		for _, p := range paths {
			if p != "" {
				os.Remove(p)
			}
		}
	}()
	for i, v := range []int64{from, to} {
		_, gz, err := s.canonicalOf(ctx, buyer, supplier, v)
		if err != nil {
			return nil, err
		}
		if paths[i], err = gunzipToTemp(gz); err != nil {
			return nil, err
		}
	}
	oo := pipeline.Options{InputFormat: "json", Name: fmt.Sprintf("version %d", from)}
	no := pipeline.Options{InputFormat: "json", Name: fmt.Sprintf("version %d", to)}
	return diff.Diff(paths[0], paths[1], oo, no, diff.Options{})
}
