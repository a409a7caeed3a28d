package synth

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/bmecat"
	"github.com/ekatalog/ekatalog/formats/ubl"
)

// WriteBMEcat writes the synthetic catalogue of WriteUBL (items first to
// first+n-1) as a BMEcat 2005 document: the UBL document read by the UBL
// reader and written by ekatalog's BMEcat writer, as `ekatalog convert --to
// bmecat` would, a line at a time, so that memory stays flat for any n.
// The same catalogue in both formats lets benchmarks compare the readers.
func WriteBMEcat(out io.Writer, first, n int) error {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(WriteUBL(pw, first, n)) }()
	defer pr.Close()
	rd, err := ubl.Open(pr, "synth.xml")
	if err != nil {
		return err
	}
	w := bmecat.NewWriter(out, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC))
	if err := w.Begin(rd.Header()); err != nil {
		return err
	}
	var l catalog.Line
	for {
		err := rd.Next(&l)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if err := w.Line(&l); err != nil {
			return err
		}
	}
	return w.End()
}

// BMEcatFile returns a cached BMEcat 2005 document of n lines (WriteBMEcat).
func BMEcatFile(n int) (string, error) {
	return CachedFile(fmt.Sprintf("katalog-bmecat-%d.xml", n), func(f *os.File) error {
		return WriteBMEcat(f, 0, n)
	})
}
