package csv

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"

	"github.com/ekatalog/ekatalog/catalog"
)

// Rows reads a delimited file again as the records it holds, cell by cell
// as written, decoded and split the way a Reader recorded (Layout): for
// reports that give the supplier's own rows back. It detects nothing, and
// holds no more than the Reader does: the same limits bound a record, its
// fields and its values.
type Rows struct {
	rd *Reader
}

// OpenRows reads the text of r as l says: its encoding (with or without a
// byte order mark) and its delimiter. o gives the name and the limits; its
// Mapping is not used.
func OpenRows(r io.Reader, l catalog.Layout, o Options) (*Rows, error) {
	rd := newReader(r, o)
	rd.guard.off = true // a cell that is not UTF-8 is the caller's to show
	rd.enc, rd.bom, rd.Delimiter = l.Encoding, l.BOM, l.Delimiter
	if rd.Delimiter == 0 {
		return nil, catalog.Errorf(o.Name, 0, 0, "no delimiter given to read the rows again")
	}
	src, err := rd.decodeAs(bufio.NewReaderSize(rd.size, bufSize), l.Encoding, l.BOM)
	if err != nil {
		return nil, err
	}
	rd.split(src)
	return &Rows{rd: rd}, nil
}

// Next returns the next record with the line it starts on; io.EOF after
// the last. A record the parser cannot split is left out, as the Reader
// leaves it out (it reports it as READ-SYNTAX). The cells are the
// reader's until the next call.
func (rs *Rows) Next() (int, []string, error) {
	for {
		rec, row, err := rs.rd.read()
		if err == io.EOF {
			return 0, nil, io.EOF
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				continue
			}
			return 0, nil, rs.rd.fatal(err)
		}
		return row, rec, nil
	}
}

// Close releases nothing: the caller closes what it opened.
func (rs *Rows) Close() error { return nil }
