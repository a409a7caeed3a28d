package xlsx

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/tabular"
	"github.com/ekatalog/ekatalog/mappings"
	"github.com/xuri/excelize/v2"
)

const (
	headerSearch  = 50  // non-blank rows searched for the header
	decimalSample = 500 // data rows looked at to decide the decimal separator
	// sampleBytes bounds the text of the rows read ahead: 500 rows of long
	// values must not be held at once.
	sampleBytes = 16 << 20

	// DefaultUnzipSizeLimit is the most a workbook may unpack to: more is
	// refused as a possible ZIP bomb. Excel's largest sheet, 1,048,576
	// rows of catalogue data, unpacks to well under it.
	DefaultUnzipSizeLimit = 1 << 30
	// DefaultUnzipXMLSizeLimit is the size up to which a worksheet or the
	// shared strings are unpacked into memory; larger parts go to a
	// temporary file and are streamed from it. excelize's own default:
	// measured on 100,000 rows, it reads as fast as 256 MiB held in memory
	// and peaks at 54 MB instead of 205 MB.
	DefaultUnzipXMLSizeLimit = 16 << 20
	// DefaultMaxValueBytes bounds one value: a cell's text, a shared
	// string, any text of the parts read (--max-value).
	DefaultMaxValueBytes = 16 << 20
)

// Options say how to read; the zero value reads the first visible sheet
// with the built-in column names.
type Options struct {
	// Name is the file name used in errors and findings.
	Name    string
	Mapping *mappings.Mapping
	// Sheet is the sheet to read; the mapping's sheet, or else the first
	// visible one, when empty.
	Sheet string
	// UnzipSizeLimit and UnzipXMLSizeLimit bound what the workbook may
	// unpack to (0: the defaults above).
	UnzipSizeLimit    int64
	UnzipXMLSizeLimit int64
	// MaxValueBytes bounds one value, unpacked (0: DefaultMaxValueBytes).
	// A longer one is an error naming the cell or shared string; it is
	// never held whole.
	MaxValueBytes int64
}

// Reader streams the lines of one sheet of an Excel workbook.
type Reader struct {
	name  string
	data  []byte
	f     *excelize.File
	rows  *excelize.Rows
	scan  *cellScan
	sheet string
	// row is the sheet row the iterator is on: excelize yields every row
	// number in turn, empty ones included, so it is the count of Next.
	row      int
	plan     *tabular.Plan
	ordinal  int
	pending  []record
	findings []catalog.Finding
	gtinCol  int
	// gtinLen is the usual number of digits of the sheet's GTINs, from
	// the first rows: what a GTIN stored as a number should have.
	gtinLen  int
	kinds    []tabular.CellKind
	date1904 bool
	// styles caches, per cell style, how it shows a number.
	styles   map[int]numberStyle
	maxValue int64
	err      error
	closed   bool
}

type record struct {
	cells []string
	kinds []tabular.CellKind
	row   int
}

var rawValues = excelize.Options{RawCellValue: true}

// Open reads the workbook in r, chooses the sheet, finds the header row and
// reads ahead the first data rows. A file that is not a readable .xlsx
// workbook, has no such sheet or no header row is an error naming the file.
func Open(r io.Reader, o Options) (_ *Reader, err error) {
	if o.Mapping == nil {
		o.Mapping = mappings.Default()
	}
	if o.Sheet == "" {
		o.Sheet = o.Mapping.Sheet
	}
	rd := &Reader{name: o.Name, gtinCol: -1}
	defer func() {
		if p := recover(); p != nil {
			err = rd.errorf(0, "not a valid .xlsx workbook: reading it failed (%v)", p)
		}
		if err != nil {
			rd.Close()
		}
	}()
	if rd.data, err = io.ReadAll(r); err != nil {
		return nil, rd.errorf(0, "%v", err)
	}
	if err := rd.open(o); err != nil {
		return nil, err
	}
	if err := rd.findHeader(o.Mapping); err != nil {
		return nil, err
	}
	if err := rd.sample(o.Mapping); err != nil {
		return nil, err
	}
	return rd, nil
}

func (rd *Reader) errorf(row int, format string, args ...any) error {
	return catalog.Errorf(rd.name, row, 0, format, args...)
}

// read returns the next non-blank row of the sheet with its cells' kinds;
// io.EOF after the last. The slices are the reader's until the next call.
func (rd *Reader) read() ([]string, []tabular.CellKind, int, error) {
	for {
		cells, attrs, err := rd.nextRow(rawValues)
		if err != nil {
			return nil, nil, 0, err
		}
		if blank(cells) {
			continue
		}
		return cells, rd.typed(cells, attrs), rd.row, nil
	}
}

// nextRow moves to the next row of the sheet, blank or not, and returns
// its cells as opts read them and what their tags say; io.EOF after the
// last.
func (rd *Reader) nextRow(opts ...excelize.Options) ([]string, []cellAttr, error) {
	// The scan reads the row first: a value over the limit stops here,
	// before excelize would hold it.
	if err := rd.scan.ahead(); err != nil {
		return nil, nil, rd.damaged(err)
	}
	if !rd.rows.Next() {
		if err := rd.rows.Error(); err != nil {
			return nil, nil, rd.errorf(rd.row+1, "the sheet could not be read: %v", err)
		}
		if err := rd.scan.finish(); err != nil {
			return nil, nil, rd.damaged(err)
		}
		return nil, nil, io.EOF
	}
	rd.row++
	cells, err := rd.rows.Columns(opts...)
	if err != nil {
		return nil, nil, rd.errorf(rd.row, "the row could not be read: %v", err)
	}
	attrs, err := rd.scan.cellsOf(rd.row)
	if err != nil {
		return nil, nil, rd.damaged(err)
	}
	return cells, attrs, nil
}

// damaged reports an error of the sheet's scan: the ZIP member or its XML.
func (rd *Reader) damaged(err error) error {
	var tl *TooLargeError
	if errors.As(err, &tl) {
		return catalog.Errorf(rd.name, tl.Row, tl.Col, "sheet %q, %v", rd.sheet, err)
	}
	if errors.Is(err, errXMLEnds) || errors.Is(err, errXMLStops) || errors.Is(err, errBadTag) {
		return rd.errorf(0, "not a valid .xlsx workbook: sheet %q is malformed: %v", rd.sheet, err)
	}
	return rd.errorf(0, "not a valid .xlsx workbook: the ZIP archive is damaged or truncated (sheet %q: %v)", rd.sheet, err)
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// findHeader skips title and blank rows until the header row.
func (rd *Reader) findHeader(m *mappings.Mapping) error {
	for seen := 0; m.HeaderRow > 0 || seen < headerSearch; seen++ {
		cells, _, row, err := rd.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if m.HeaderRow > 0 && row > m.HeaderRow {
			break
		}
		isHeader := false
		if m.HeaderRow > 0 {
			isHeader = row == m.HeaderRow
		} else {
			isHeader = tabular.HeaderScore(cells, m) >= 2
		}
		if isHeader {
			rd.plan = tabular.NewPlan(cells, m, true, row)
			rd.plan.ShortRows = true
			rd.findings = append(rd.findings, rd.plan.Findings...)
			if pos := rd.plan.Locate(&catalog.Line{}, catalog.FieldGTIN); pos.Col > 0 {
				rd.gtinCol = pos.Col - 1
			}
			return nil
		}
	}
	if m.HeaderRow > 0 {
		return rd.errorf(m.HeaderRow, "the header row given by the mapping (row %d) was not found in sheet %q", m.HeaderRow, rd.sheet)
	}
	return rd.errorf(0, "no header row found in sheet %q: none of its first %d rows names two known columns (such as Varenummer, Varenavn, Pris or Item number, Name, Price); name the columns, choose another sheet with --sheet or give a --mapping file", rd.sheet, headerSearch)
}

// sample reads the first data rows ahead to decide the decimal separator of
// numbers typed as text ("12,50"). Cells Excel stored as numbers do not
// vote: they have no separator of their own.
func (rd *Reader) sample(m *mappings.Mapping) error {
	var votes tabular.DecimalVotes
	var gtinLens [15]int
	numeric := rd.plan.NumericColumns()
	held := 0
	for len(rd.pending) < decimalSample && held < sampleBytes {
		cells, kinds, row, err := rd.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		for _, i := range numeric {
			if i < len(cells) && kinds[i] == tabular.Text {
				votes.Add(cells[i])
			}
		}
		if i := rd.gtinCol; i >= 0 && i < len(cells) {
			if g := strings.TrimSpace(cells[i]); len(g) < len(gtinLens) && digits(g) {
				gtinLens[len(g)]++
			}
		}
		for _, c := range cells {
			held += len(c)
		}
		rd.pending = append(rd.pending, record{cells: cells, kinds: append([]tabular.CellKind(nil), kinds...), row: row})
	}
	for n, count := range gtinLens {
		if n > 0 && count > 0 && count >= gtinLens[rd.gtinLen] {
			rd.gtinLen = n
		}
	}
	// Danish workbooks write a decimal comma, so a tie (no number typed as
	// text at all) reads text numbers that way.
	rd.plan.Decimal = votes.Decide(',')
	if m.Decimal != "" {
		rd.plan.Decimal = m.Decimal[0]
	}
	return nil
}

// Header returns the catalogue header: a sheet has none of its own.
func (rd *Reader) Header() catalog.Header { return catalog.Header{} }

// Next reads the next line into l; io.EOF at the end. After the end or an
// error the workbook is closed.
func (rd *Reader) Next(l *catalog.Line) (err error) {
	l.Reset()
	if rd.err != nil {
		return rd.err
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
	var cells []string
	var kinds []tabular.CellKind
	var row int
	if len(rd.pending) > 0 {
		p := rd.pending[0]
		rd.pending[0] = record{}
		rd.pending = rd.pending[1:]
		cells, kinds, row = p.cells, p.kinds, p.row
	} else if cells, kinds, row, err = rd.read(); err != nil {
		return err
	}
	rd.ordinal++
	l.Src = catalog.Src{Line: rd.ordinal, Row: row}
	rd.plan.Fill(l, cells, kinds)
	rd.checkGTINNumber(l, kinds)
	return nil
}

// checkGTINNumber warns about a GTIN Excel stored as a number where a
// leading zero may have been lost: a number has none, so a GTIN-14 that
// began with 0 comes back with 13 digits, and a GTIN-13 read from a UPC
// with 12 or 11. A length no GTIN has says so for sure; a GTIN-12 or
// GTIN-13 says so only in a column whose GTINs are longer.
func (rd *Reader) checkGTINNumber(l *catalog.Line, kinds []tabular.CellKind) {
	i := rd.gtinCol
	if i < 0 || i >= len(kinds) || kinds[i] != tabular.Number || l.Bad.Has(catalog.FieldGTIN) || !digits(l.GTIN) {
		return
	}
	switch n := len(l.GTIN); {
	case n == 0 || n == 8 || n >= 14:
		return
	case (n == 12 || n == 13) && n >= rd.gtinLen:
		return
	}
	l.Findings = append(l.Findings, catalog.Finding{Rule: catalog.RuleReadGTINNumber, Severity: catalog.Warning,
		Line: l.Src.Line, Pos: catalog.Pos{Row: l.Src.Row, Col: i + 1, ColName: catalog.ColumnLetter(i + 1)},
		Field: "gtin", Value: l.GTIN, Args: []string{l.GTIN}})
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Close releases the workbook and its temporary files. Next closes it at
// the end; call Close when stopping early.
func (rd *Reader) Close() error {
	if rd == nil || rd.closed {
		return nil
	}
	rd.closed = true
	defer func() { recover() }() // excelize's clean-up must not panic the caller
	var err error
	if rd.rows != nil {
		rd.rows.Close()
	}
	if rd.scan != nil {
		rd.scan.close()
	}
	if rd.f != nil {
		err = rd.f.Close()
	}
	rd.data = nil
	return err
}

// Locate returns where field f of l sits.
func (rd *Reader) Locate(l *catalog.Line, f catalog.Field) catalog.Pos { return rd.plan.Locate(l, f) }

// LocateScheme returns where the classification of a scheme sits.
func (rd *Reader) LocateScheme(l *catalog.Line, scheme string) catalog.Pos {
	return rd.plan.LocateScheme(l, scheme)
}

// Fields returns the fields some column supplies.
func (rd *Reader) Fields() catalog.FieldSet { return rd.plan.Fields }

// Findings returns the file-level findings (unmapped and duplicate
// columns).
func (rd *Reader) Findings() []catalog.Finding { return rd.findings }

// Plan exposes the column plan (headers, decimal separator), for reports.
func (rd *Reader) Plan() *tabular.Plan { return rd.plan }

// Layout says how the workbook was read: what a report needs to read its
// rows again (OpenRows).
func (rd *Reader) Layout() catalog.Layout {
	return catalog.Layout{Sheet: rd.sheet, HeaderRow: rd.plan.HeaderRow}
}

// Sheet returns the name of the sheet read.
func (rd *Reader) Sheet() string { return rd.sheet }

// Describe says what was detected, for logs.
func (rd *Reader) Describe() string {
	return fmt.Sprintf("sheet %q, header on row %d, decimal %q for numbers typed as text", rd.sheet, rd.plan.HeaderRow, rd.plan.Decimal)
}

// UnitLanguage is the language of the header row (catalog.UnitContext):
// unit words of a catalogue with Danish headers are read as Danish.
func (rd *Reader) UnitLanguage() string { return rd.plan.Language }
