// Package stablezip writes excelize workbooks byte for byte the same on
// every run: excelize stores a workbook's parts in the order of a map, so
// two runs of the same report differ although every part is the same.
// Batch runs promise identical files, and tests compare bytes.
package stablezip

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Write writes the workbook to w with its parts in a fixed order:
// [Content_Types].xml first, as Office writes it, then by name. The
// compressed parts are copied, not compressed again.
func Write(f *excelize.File, w io.Writer) error {
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return err
	}
	return Sort(buf.Bytes(), w)
}

// Sort rewrites a ZIP archive with its entries in the fixed order.
func Sort(data []byte, w io.Writer) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	slices.SortStableFunc(files, func(a, b *zip.File) int {
		ac, bc := a.Name == "[Content_Types].xml", b.Name == "[Content_Types].xml"
		switch {
		case ac && !bc:
			return -1
		case bc && !ac:
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	zw := zip.NewWriter(w)
	for _, zf := range files {
		fh := zf.FileHeader
		raw, err := zf.OpenRaw()
		if err != nil {
			return err
		}
		out, err := zw.CreateRaw(&fh)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, raw); err != nil {
			return err
		}
	}
	return zw.Close()
}
