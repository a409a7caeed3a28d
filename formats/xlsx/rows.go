package xlsx

import (
	"io"

	"github.com/ekatalog/ekatalog/catalog"
)

// Rows reads a sheet of a workbook again as the rows it holds, each cell
// as Excel shows it (its number format applied), blank rows included: for
// reports that give the supplier's own rows back. The sheet is the one a
// Reader recorded (Layout); the workbook is checked and bounded as the
// Reader checks and bounds it.
type Rows struct {
	rd *Reader
}

// OpenRows opens the workbook in r at the sheet l names. o gives the name
// and the limits; its Mapping and Sheet are not used.
func OpenRows(r io.Reader, l catalog.Layout, o Options) (_ *Rows, err error) {
	rd := &Reader{name: o.Name, gtinCol: -1}
	defer func() {
		if p := recover(); p != nil {
			err = rd.errorf(0, "not a valid .xlsx workbook: reading it failed (%v)", p)
		}
		if err != nil {
			rd.Close()
		}
	}()
	if l.Sheet == "" {
		return nil, rd.errorf(0, "no sheet given to read the rows again")
	}
	o.Sheet = l.Sheet
	if rd.data, err = io.ReadAll(r); err != nil {
		return nil, rd.errorf(0, "%v", err)
	}
	if err := rd.open(o); err != nil {
		return nil, err
	}
	return &Rows{rd: rd}, nil
}

// Next returns the next row of the sheet with its row number; io.EOF
// after the last. After the end or an error the workbook is closed.
func (rs *Rows) Next() (row int, cells []string, err error) {
	rd := rs.rd
	if rd.err != nil {
		return 0, nil, rd.err
	}
	defer func() {
		if p := recover(); p != nil {
			err = rd.errorf(rd.row, "the row could not be read (%v)", p)
		}
		if err != nil {
			rd.err = err
			rd.Close()
		}
	}()
	cells, _, err = rd.nextRow()
	if err != nil {
		return 0, nil, err
	}
	return rd.row, cells, nil
}

// Close releases the workbook and its temporary files.
func (rs *Rows) Close() error { return rs.rd.Close() }
