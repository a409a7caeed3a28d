package tabout

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/mappings"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// Carries is the set of line fields a template has a column for. Carrying
// the unit carries unitText too: it is the same value as the source spelled
// it.
func Carries(t *mappings.Template) catalog.FieldSet {
	// FieldNone's bit, which no line has, keeps the set non-zero for a
	// template of constants only: zero would mean "carries everything".
	var s catalog.FieldSet
	s.Add(catalog.FieldNone)
	for _, c := range t.Columns {
		if c.IsLine() {
			s.Add(c.Line.Field)
			if c.Line.Field == catalog.FieldUnit {
				s.Add(catalog.FieldUnitText)
			}
		}
	}
	return s
}

// Extension is the file extension of the template's output.
func Extension(t *mappings.Template) string { return "." + t.Format }

// Writer writes the import file of a template.
type Writer struct {
	t    *mappings.Template
	out  io.Writer
	cols []column
	// required are the line fields the template needs on every line.
	required catalog.FieldSet
	// schemes are the classification schemes the template has columns for.
	schemes map[string]bool
	h       catalog.Header

	// CSV
	bw  *bufio.Writer
	enc *transform.Writer
	cw  *csv.Writer
	rec []string

	// Excel
	f     *excelize.File
	sw    *excelize.StreamWriter
	row   int
	cells []any
}

// NewWriter returns a writer of the template's file to w.
func NewWriter(w io.Writer, t *mappings.Template) *Writer {
	wr := &Writer{t: t, out: w}
	wr.schemes = map[string]bool{}
	for _, c := range t.Columns {
		if c.Required && c.IsLine() {
			wr.required.Add(c.Line.Field)
		}
		if c.Line.Field == catalog.FieldClassification {
			wr.schemes[c.Line.Scheme] = true
		}
	}
	return wr
}

// Begin compiles the columns against the header and writes the header row.
// A required header field that the header lacks stops the conversion.
func (w *Writer) Begin(h catalog.Header) error {
	w.h = h
	for i, c := range w.t.Columns {
		if c.Required && c.HeaderField != "" && h.Value(c.HeaderField) == "" {
			return fmt.Errorf("target %s: column %d (%q) needs %s, which the catalogue header lacks; give it with --header",
				w.t.Name, i+1, c.Header, c.HeaderField)
		}
	}
	w.cols = compile(w.t, &w.h)
	if w.t.Format == "xlsx" {
		return w.beginXLSX()
	}
	return w.beginCSV()
}

// Missing returns the required fields l lacks (formats.Checker).
func (w *Writer) Missing(l *catalog.Line) catalog.FieldSet {
	if w.required == 0 {
		return 0
	}
	var m catalog.FieldSet
	for _, c := range w.cols {
		if c.required && c.field != catalog.FieldNone {
			if v := c.get(l); !v.num && v.s == "" {
				m.Add(c.field)
			}
		}
	}
	return m
}

// Dropped reports the classification when the line has a code of a
// scheme the template has no column for; in a Windows-1252 file, every
// field with a character that encoding lacks (written as '?'); in an Excel
// file, every field longer than a cell holds (formats.Dropper).
func (w *Writer) Dropped(l *catalog.Line) catalog.FieldSet {
	var s catalog.FieldSet
	for _, c := range l.Classification {
		if !w.schemes[c.Scheme] {
			s.Add(catalog.FieldClassification)
			break
		}
	}
	if w.enc != nil {
		for _, c := range w.cols {
			if c.field != catalog.FieldNone && !encodable(c.get(l).s) {
				s.Add(c.field)
			}
		}
	}
	if w.t.Format == "xlsx" {
		for _, c := range w.cols {
			if v := c.get(l); c.field != catalog.FieldNone && len(v.s) > excelize.TotalCellChars && utf16Len(v.s) > excelize.TotalCellChars {
				s.Add(c.field) // Excel holds 32,767 characters a cell; excelize cuts the rest
			}
		}
	}
	return s
}

// utf16Len is the length of s in UTF-16 code units, as Excel counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// to1252 maps a character Windows-1252 lacks to '?' (the encoder's own
// replacement, SUB, is a control character import systems choke on).
func to1252(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	if _, ok := charmap.Windows1252.EncodeRune(r); !ok {
		return '?'
	}
	return r
}

// encodable reports whether Windows-1252 holds every character of s.
func encodable(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf {
			if _, ok := charmap.Windows1252.EncodeRune(r); !ok {
				return false
			}
		}
	}
	return true
}

// Line writes one row.
func (w *Writer) Line(l *catalog.Line) error {
	if w.sw != nil {
		return w.lineXLSX(l)
	}
	return w.lineCSV(l)
}

// End finishes the file. It does not close the underlying writer.
func (w *Writer) End() error {
	if w.sw != nil {
		return w.endXLSX()
	}
	return w.endCSV()
}

func (w *Writer) beginCSV() error {
	var dst io.Writer = w.out
	switch w.t.Encoding {
	case "windows-1252":
		// A character Windows-1252 lacks becomes '?' (see lineCSV; the
		// import systems that want this encoding cannot hold it either).
		w.enc = transform.NewWriter(w.out, encoding.ReplaceUnsupported(charmap.Windows1252.NewEncoder()))
		dst = w.enc
	case "utf-8-bom":
		if _, err := io.WriteString(w.out, "\ufeff"); err != nil {
			return err
		}
	}
	w.bw = bufio.NewWriterSize(dst, 64<<10)
	w.cw = csv.NewWriter(w.bw)
	w.cw.Comma = rune(w.t.Delimiter[0])
	w.cw.UseCRLF = true
	w.rec = make([]string, len(w.cols))
	for i, c := range w.cols {
		w.rec[i] = c.header
		if w.enc != nil {
			w.rec[i] = strings.Map(to1252, c.header)
		}
	}
	return w.cw.Write(w.rec)
}

func (w *Writer) lineCSV(l *catalog.Line) error {
	for i, c := range w.cols {
		v := c.get(l)
		if v.num {
			v.s = strconv.FormatFloat(v.n, 'f', -1, 64)
			if w.t.Decimal != "." {
				v.s = strings.Replace(v.s, ".", w.t.Decimal, 1)
			}
		}
		if w.enc != nil && !encodable(v.s) {
			v.s = strings.Map(to1252, v.s)
		}
		w.rec[i] = v.s
	}
	return w.cw.Write(w.rec)
}

func (w *Writer) endCSV() error {
	w.cw.Flush()
	if err := w.cw.Error(); err != nil {
		return err
	}
	if err := w.bw.Flush(); err != nil {
		return err
	}
	if w.enc != nil {
		return w.enc.Close()
	}
	return nil
}

func (w *Writer) beginXLSX() error {
	w.f = excelize.NewFile()
	sheet := w.t.Sheet
	if err := w.f.SetSheetName(w.f.GetSheetName(0), sheet); err != nil {
		return err
	}
	sw, err := w.f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	w.sw = sw
	if err := sw.SetColWidth(1, len(w.cols), 18); err != nil {
		return err
	}
	bold, err := w.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	w.cells = make([]any, len(w.cols))
	for i, c := range w.cols {
		w.cells[i] = excelize.Cell{StyleID: bold, Value: c.header}
	}
	w.row = 1
	// The stream writer takes panes only before the first row.
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return sw.SetRow("A1", w.cells)
}

func (w *Writer) lineXLSX(l *catalog.Line) error {
	for i, c := range w.cols {
		// Text goes in as an inline string cell, numbers as numbers; the
		// stream writer makes a formula only of an explicit Cell.Formula,
		// so "=HYPERLINK(...)" stays text.
		switch v := c.get(l); {
		case v.num:
			w.cells[i] = v.n
		case v.s == "":
			w.cells[i] = nil
		default:
			w.cells[i] = v.s
		}
	}
	w.row++
	cell, err := excelize.CoordinatesToCellName(1, w.row)
	if err != nil {
		return err
	}
	return w.sw.SetRow(cell, w.cells)
}

func (w *Writer) endXLSX() error {
	defer w.f.Close()
	if err := w.sw.Flush(); err != nil {
		return err
	}
	return w.f.Write(w.out)
}
