package register

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"github.com/ekatalog/ekatalog/formats/jsoncat"
	"github.com/ekatalog/ekatalog/internal/delta"
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

// noLines is the catalogue before a feed's first version: a delta since
// version 0 adds every line.
type noLines struct{}

func (noLines) Header() catalog.Header   { return catalog.Header{} }
func (noLines) Next(*catalog.Line) error { return io.EOF }

// storedSource opens a version's canonical catalogue as a stream of lines.
func (s *Store) storedSource(ctx context.Context, sub Subscription, v int64) (delta.Source, string, error) {
	if v == 0 {
		return noLines{}, "", nil
	}
	name, gz, err := s.canonicalOf(ctx, sub.Buyer, sub.Supplier, v)
	if err != nil {
		return nil, "", err
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, "", fmt.Errorf("version %d of %s: the stored catalogue: %w", v, sub.Supplier, err)
	}
	rd, err := jsoncat.Open(zr, name)
	if err != nil {
		return nil, "", fmt.Errorf("version %d of %s: the stored catalogue: %w", v, sub.Supplier, err)
	}
	return rd, name, nil
}

// RenderDelta writes the changes from version from to version to of a
// feed as the target's update document (internal/delta: what the
// supplier added, changed and removed, matched by item number, GTIN or
// line ID). ok is false when nothing the target carries changed: some
// update documents cannot be empty, and there is nothing to send.
func (s *Store) RenderDelta(ctx context.Context, sub Subscription, from, to int64, target *formats.Target) (r *Rendered, ok bool, err error) {
	old, _, err := s.storedSource(ctx, sub, from)
	if err != nil {
		return nil, false, err
	}
	nw, name, err := s.storedSource(ctx, sub, to)
	if err != nil {
		return nil, false, err
	}
	buyer, err := s.Party(ctx, sub.Buyer)
	if err != nil {
		return nil, false, err
	}
	out, err := os.CreateTemp("", "ekatalog-delta-*")
	if err != nil {
		return nil, false, err
	}
	keep := false
	defer func() {
		if !keep {
			out.Close()
			os.Remove(out.Name())
		}
	}()
	bw := bufio.NewWriterSize(out, 64<<10)
	begin, err := delta.TargetWriter(target, bw, formats.WriteOptions{}, true)
	if err != nil {
		return nil, false, err
	}
	sum, err := delta.Changes(fmt.Sprintf("version %d", from), old, fmt.Sprintf("version %d", to), nw, begin,
		delta.Options{Carries: target.Carries, Header: &catalog.Header{Receiver: headerParty(buyer)}, Target: target})
	if errors.Is(err, delta.ErrNoChanges) || err == nil && sum.Added+sum.Removed+sum.Changed == 0 {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("the changes of %s from version %d to %d as %s: %w", sub.Supplier, from, to, target.Name, err)
	}
	if err := bw.Flush(); err != nil {
		return nil, false, err
	}
	size, err := out.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, false, err
	}
	if _, err := out.Seek(0, io.SeekStart); err != nil {
		return nil, false, err
	}
	keep = true
	base := strings.TrimSuffix(name, extOf(name))
	return &Rendered{Version: to, Target: target, File: out, Size: size,
		Name: fmt.Sprintf("%s-v%d-since-v%d%s", base, to, from, target.Extension)}, true, nil
}
