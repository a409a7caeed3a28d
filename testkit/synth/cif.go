package synth

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
)

// cifFields are the CIF 3.0 fields WriteCIF writes.
var cifFields = []string{"Supplier ID", "Supplier Part ID", "Manufacturer Part ID", "Item Description", "SPSC Code",
	"Unit Price", "Unit of Measure", "Lead Time", "Manufacturer Name", "Currency", "Short Name", "Language"}

// WriteCIF writes items first..first+n-1 as an SAP Ariba CIF 3.0 file: the
// header lines with ITEMCOUNT, FIELDNAMES, DATA, the rows and ENDOFDATA.
func WriteCIF(out io.Writer, first, n int) error {
	bw := bufio.NewWriterSize(out, 1<<20)
	fmt.Fprintf(bw, "CIF_I_V3.0\r\nCHARSET: UTF-8\r\nLOADMODE: F\r\nCODEFORMAT: UNSPSC\r\nCURRENCY: DKK\r\n"+
		"SUPPLIERID_DOMAIN: DK:CVR\r\nITEMCOUNT: %d\r\nTIMESTAMP: 2026-01-15 00:00:00\r\nUNUOM: TRUE\r\n", n)
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	bw.WriteString("FIELDNAMES: ")
	cw.Write(cifFields)
	cw.Flush()
	bw.WriteString("DATA\r\n")
	rec := make([]string, len(cifFields))
	for i := first; i < first+n; i++ {
		it := At(i)
		rec[0], rec[1], rec[2], rec[3], rec[4] = "12345674", it.ID, it.MPN, it.Description, it.UNSPSC
		rec[5] = strconv.FormatFloat(it.Price, 'f', 2, 64)
		rec[6], rec[7], rec[8], rec[9], rec[10], rec[11] = UBLUnit(it.Unit), "2", it.Manufacturer, it.Currency, it.Name, "da_DK"
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	bw.WriteString("ENDOFDATA\r\n")
	return bw.Flush()
}

// CIFFile returns a cached CIF 3.0 file of n items.
func CIFFile(n int) (string, error) {
	return CachedFile(fmt.Sprintf("katalog-%d.cif", n), func(f *os.File) error {
		return WriteCIF(f, 0, n)
	})
}
