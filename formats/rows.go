package formats

import "github.com/ekatalog/ekatalog/catalog"

// RowReader streams the rows of a source with rows and columns as they
// are written, for reports that give the supplier's own rows back (see
// Format.Rows).
type RowReader interface {
	// Next returns the next row: its number (a sheet's row number, the
	// line of a delimited file where the record starts) and its cells,
	// which belong to the reader until the next call. io.EOF after the
	// last row; any other error means the rest cannot be read.
	Next() (row int, cells []string, err error)
	Close() error
}

// layoutReader is implemented by readers of sources with rows and columns
// (CSV, XLSX): they say how they read them.
type layoutReader interface {
	Layout() catalog.Layout
}

// LayoutOf is how a reader read its source (catalog.Report.Layout), nil
// for a reader of a format without rows and columns.
func LayoutOf(r Reader) *catalog.Layout {
	if lr, ok := r.(layoutReader); ok {
		l := lr.Layout()
		return &l
	}
	return nil
}
