package synth

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// XLSXOptions say how to write an Excel catalogue.
type XLSXOptions struct {
	// Sheet is the name of the sheet; "Sheet1" when empty.
	Sheet   string
	English bool
	// Title, when set, is written in A1 with a blank row below it, above
	// the header, as suppliers' price lists often have.
	Title string
	// GTINAsNumber stores the GTIN as a numeric cell, as Excel does when
	// a GTIN is typed into a General column.
	GTINAsNumber bool
	// Dates adds two date columns, "Gyldig fra" and "Gyldig til", as
	// numeric cells with a date number format (DateFormat).
	Dates bool
	// DateFormat is the number format of the date cells; the built-in
	// short date (numFmt 14) when empty.
	DateFormat string
	// SharedStrings writes text through the shared string table, as Excel
	// itself does; the stream writer's inline strings otherwise. The
	// shared table keeps the whole workbook in memory: small files only.
	SharedStrings bool
	// NumbersAsText writes pack, price and VAT as text cells with the
	// Danish decimal comma, as a sheet pasted from a CSV export has them.
	NumbersAsText bool
}

// DateColumns are the headers of the date columns XLSXOptions.Dates adds.
var DateColumns = []string{"Gyldig fra", "Gyldig til"}

// ValidFrom and ValidTo are the dates of item i in the date columns.
func ValidFrom(i int) time.Time {
	return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%90)
}

// ValidTo is the end of item i's validity.
func ValidTo(i int) time.Time { return time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC) }

// WriteXLSX writes n items starting at item first as an .xlsx workbook of
// one sheet.
func WriteXLSX(w io.Writer, first, n int, o XLSXOptions) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := o.Sheet
	if sheet == "" {
		sheet = "Sheet1"
	}
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			return err
		}
	}
	dateStyle := 0
	if o.Dates {
		var err error
		st := &excelize.Style{NumFmt: 14}
		if o.DateFormat != "" {
			st = &excelize.Style{CustomNumFmt: &o.DateFormat}
		}
		if dateStyle, err = f.NewStyle(st); err != nil {
			return err
		}
	}
	var set func(row int, cells []any) error
	var flush func() error
	if o.SharedStrings {
		set = func(row int, cells []any) error {
			cell, _ := excelize.CoordinatesToCellName(1, row)
			return f.SetSheetRow(sheet, cell, &cells)
		}
		flush = func() error { return nil }
	} else {
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			return err
		}
		set = func(row int, cells []any) error {
			cell, _ := excelize.CoordinatesToCellName(1, row)
			return sw.SetRow(cell, cells)
		}
		flush = sw.Flush
	}
	row := 1
	if o.Title != "" {
		if err := set(row, []any{o.Title}); err != nil {
			return err
		}
		row += 2
	}
	cols := Columns
	if o.English {
		cols = EnglishColumns
	}
	header := make([]any, 0, len(cols)+2)
	for _, c := range cols {
		header = append(header, c)
	}
	if o.Dates {
		header = append(header, DateColumns[0], DateColumns[1])
	}
	if err := set(row, header); err != nil {
		return err
	}
	row++
	cells := make([]any, 0, len(header))
	for i := first; i < first+n; i++ {
		it := At(i)
		var gtin any = it.GTIN
		if o.GTINAsNumber {
			v, err := strconv.ParseInt(it.GTIN, 10, 64)
			if err != nil {
				return fmt.Errorf("item %d: GTIN %q: %w", i, it.GTIN, err)
			}
			gtin = v
		}
		var pack, price, vat any = it.Pack, it.Price, it.VAT
		if o.NumbersAsText {
			pack, price, vat = strconv.Itoa(it.Pack), DanishNumber(it.Price), strconv.Itoa(it.VAT)
		}
		cells = append(cells[:0], it.ID, it.Name, it.Description, gtin, it.Unit, pack, price,
			it.Currency, it.UNSPSC, it.Manufacturer, it.MPN, it.Image, vat)
		if o.Dates {
			for _, d := range []time.Time{ValidFrom(i), ValidTo(i)} {
				if o.SharedStrings {
					cells = append(cells, d)
				} else {
					cells = append(cells, excelize.Cell{StyleID: dateStyle, Value: d})
				}
			}
		}
		if err := set(row, cells); err != nil {
			return err
		}
		if o.Dates && o.SharedStrings {
			from, _ := excelize.CoordinatesToCellName(len(cols)+1, row)
			to, _ := excelize.CoordinatesToCellName(len(cols)+2, row)
			if err := f.SetCellStyle(sheet, from, to, dateStyle); err != nil {
				return err
			}
		}
		row++
	}
	if err := flush(); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}
