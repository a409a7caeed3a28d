package report

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/tabular"
	"github.com/ekatalog/ekatalog/internal/report/stablezip"
	"github.com/xuri/excelize/v2"
)

// The Excel report gives suppliers their own rows back: the source sheet
// (or CSV) cell by cell at the same row and column, each offending cell
// filled by severity and carrying the messages in a comment, next to a
// sheet listing every finding. Every value is written as a text cell with
// the text number format, so a value that looks like a formula (=, +, -, @)
// stays text, in the file and when the supplier edits the cell.

// Excel's limits.
const (
	excelMaxRows     = 1048576
	excelMaxCols     = 16384
	excelMaxCellText = 32767
)

// maxComments bounds the cell comments of one sheet: excelize adds each in
// time proportional to those before it.
const maxComments = 20000

// Fill colours by severity: Excel's own "bad" red, "neutral" yellow, and a
// light blue for notes.
var sevFill = [...]string{catalog.Info: "DDEBF7", catalog.Warning: "FFEB9C", catalog.Error: "FFC7CE"}

type xlsxStyles struct {
	text, header, wrap int
	fill               [3]int // text style with the fill of a severity
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	var err error
	textFmt := 49 // "@": the cell holds text, also after editing
	if s.text, err = f.NewStyle(&excelize.Style{NumFmt: textFmt}); err != nil {
		return s, err
	}
	if s.header, err = f.NewStyle(&excelize.Style{NumFmt: textFmt, Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F3F5F7"}}}); err != nil {
		return s, err
	}
	if s.wrap, err = f.NewStyle(&excelize.Style{NumFmt: textFmt, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return s, err
	}
	for sev, color := range sevFill {
		if s.fill[sev], err = f.NewStyle(&excelize.Style{NumFmt: textFmt,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}}); err != nil {
			return s, err
		}
	}
	return s, nil
}

// printXLSX writes one workbook: the supplier's rows of each tabular
// input first, so that it opens on them and can be fixed and read again
// as a catalogue, then the findings sheet, then the summary.
func printXLSX(out io.Writer, reps []*catalog.Report, o Options) error {
	f := excelize.NewFile()
	defer f.Close()
	lang := o.Lang
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	summary := T(lang, "Summary", "Oversigt")
	findings := T(lang, "Findings", "Fund")
	used := map[string]bool{strings.ToLower(summary): true, strings.ToLower(findings): true}
	// Open every source first: the sheets are made in their final order
	// before any is streamed (moving a sheet later would parse them all).
	srcs := make([]*sourceSheet, len(reps))
	notes := make([]string, len(reps))
	sheets := make([]string, len(reps))
	for i, r := range reps {
		srcs[i], notes[i] = openSourceSheet(r, o, used, len(reps) > 1)
		if srcs[i] != nil {
			defer srcs[i].src.close()
			sheets[i] = srcs[i].name
		}
	}
	order := slices.DeleteFunc(slices.Clone(sheets), func(s string) bool { return s == "" })
	order = append(order, findings, summary)
	if err := f.SetSheetName("Sheet1", order[0]); err != nil {
		return err
	}
	for _, name := range order[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	for i, r := range reps {
		if srcs[i] != nil {
			note, err := fillSourceSheet(f, srcs[i], lang, st)
			if err != nil {
				note = fmt.Sprintf(T(lang, "The source could not be copied in full (%v).", "Kilden kunne ikke kopieres helt (%v)."), err)
			}
			notes[i] = note
		}
		if n := omitted(r); n > 0 {
			notes[i] = strings.TrimSpace(notes[i] + " " + fmt.Sprintf(T(lang,
				"%d findings beyond the report's limits are counted but not listed.",
				"%d fund ud over rapportens grænser er talt med, men ikke vist."), n))
		}
	}
	if err := writeFindingsSheet(f, findings, reps, o, st); err != nil {
		return err
	}
	if err := writeSummarySheet(f, summary, reps, sheets, notes, lang, st); err != nil {
		return err
	}
	return stablezip.Write(f, out)
}

func omitted(r *catalog.Report) int {
	n := 0
	for _, k := range r.Omitted {
		n += k
	}
	return n
}

// cellText makes a value safe to store: valid UTF-8, no characters XML
// cannot hold, within Excel's cell limit.
func cellText(s string) string {
	if !utf8.ValidString(s) {
		s = tabular.FromWindows1252(s)
	}
	if strings.IndexFunc(s, badXMLRune) >= 0 {
		s = strings.Map(func(r rune) rune {
			if badXMLRune(r) {
				return utf8.RuneError
			}
			return r
		}, s)
	}
	if len(s) > excelMaxCellText {
		n := 0
		for i := range s {
			if n == excelMaxCellText-1 {
				return s[:i] + "…"
			}
			n++
		}
	}
	return s
}

func badXMLRune(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF
}

// textCell is a text cell of a style.
func textCell(v string, style int) excelize.Cell {
	return excelize.Cell{StyleID: style, Value: cellText(v)}
}

func writeSummarySheet(f *excelize.File, sheet string, reps []*catalog.Report, sheets, notes []string, lang string, st xlsxStyles) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	sw.SetColWidth(1, 1, 40)
	sw.SetColWidth(2, 4, 14)
	sw.SetColWidth(5, 9, 11)
	sw.SetColWidth(10, 11, 60)
	head := []string{T(lang, "File", "Fil"), T(lang, "Format", "Format"), T(lang, "Profile", "Profil"),
		T(lang, "Result", "Resultat"), T(lang, "Lines", "Linjer"), T(lang, "Errors", "Fejl"),
		T(lang, "Warnings", "Advarsler"), T(lang, "Notes", "Bemærkninger"), T(lang, "Lines with errors", "Linjer med fejl"),
		T(lang, "Rows", "Rækker"), T(lang, "Note", "Bemærkning")}
	if err := sw.SetRow("A1", cells(head, st.header)); err != nil {
		return err
	}
	for i, r := range reps {
		verdict := T(lang, "COMPLIANT", "OVERHOLDER PROFILEN")
		style := st.text
		if !r.Summary.Compliant {
			verdict = T(lang, "NOT COMPLIANT", "OVERHOLDER IKKE PROFILEN")
			style = st.fill[catalog.Error]
		}
		s := r.Summary
		rows := T(lang, "sheet ", "arket ") + sheets[i]
		if sheets[i] == "" {
			rows = ""
		}
		row := []any{textCell(r.File, st.text), textCell(r.Format, st.text), textCell(r.Profile, st.text),
			textCell(verdict, style), s.Lines, s.Errors, s.Warnings, s.Infos, s.LinesWithErrors,
			textCell(rows, st.text), textCell(joinNotes(OutputVerdict(r, lang), notes[i]), st.wrap)}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func cells(vals []string, style int) []any {
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = textCell(v, style)
	}
	return out
}

func writeFindingsSheet(f *excelize.File, sheet string, reps []*catalog.Report, o Options, st xlsxStyles) error {
	lang := o.Lang
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	head := []string{T(lang, "Rule", "Regel"), T(lang, "Severity", "Alvor"), T(lang, "Line", "Linje"),
		T(lang, "Row", "Række"), T(lang, "Column / XPath", "Kolonne / XPath"), T(lang, "Field", "Felt"),
		T(lang, "Value", "Værdi"), T(lang, "Message", "Besked")}
	widths := []float64{24, 11, 8, 8, 16, 20, 30, 90}
	multi := len(reps) > 1
	if multi {
		head = append([]string{T(lang, "File", "Fil")}, head...)
		widths = append([]float64{30}, widths...)
	}
	for i, w := range widths {
		sw.SetColWidth(i+1, i+1, w)
	}
	sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	if err := sw.SetRow("A1", cells(head, st.header)); err != nil {
		return err
	}
	row := 2
	for _, r := range reps {
		for i := range r.Findings {
			if row > excelMaxRows {
				break
			}
			fd := &r.Findings[i]
			msg := fd.Message(lang)
			if fd.Output { // row, column and XPath are the written file's
				msg = T(lang, "In the written file: ", "I den skrevne fil: ") + msg
			}
			vals := []any{textCell(fd.RuleID(), st.text), textCell(SeverityLabel(fd.Severity, lang), st.fill[fd.Severity]), numOrBlank(fd.Line), numOrBlank(fd.Pos.Row),
				textCell(column(fd), st.text), textCell(fd.Field, st.text), textCell(fd.Value, st.text), textCell(msg, st.text)}
			if multi {
				vals = append([]any{textCell(r.File, st.text)}, vals...)
			}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := sw.SetRow(cell, vals); err != nil {
				return err
			}
			row++
		}
	}
	return sw.Flush()
}

func numOrBlank(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// column is where a finding sits across the row: the letter, number or
// XPath.
func column(f *catalog.Finding) string {
	switch {
	case f.Pos.XPath != "":
		return f.Pos.XPath
	case f.Pos.ColName != "":
		return f.Pos.ColName
	case f.Pos.Col > 0:
		return strconv.Itoa(f.Pos.Col)
	}
	return ""
}

// mark is what the report says about one cell of the source.
type mark struct {
	sev  catalog.Severity
	msgs []string
}

type cellKey struct{ row, col int }

// marks collects the findings that sit in a cell (col > 0) or on a row
// without a column (col 0).
func marks(r *catalog.Report, lang string) map[cellKey]*mark {
	m := map[cellKey]*mark{}
	for i := range r.Findings {
		fd := &r.Findings[i]
		// A finding on the written file points into the output, not into
		// the supplier's sheet: it is listed on the Findings sheet only.
		if fd.Output || fd.Pos.Row <= 0 || fd.Pos.XPath != "" || fd.Pos.Row > excelMaxRows || fd.Pos.Col >= excelMaxCols {
			continue
		}
		k := cellKey{fd.Pos.Row, fd.Pos.Col}
		mk := m[k]
		if mk == nil {
			mk = &mark{sev: fd.Severity}
			m[k] = mk
		}
		mk.sev = max(mk.sev, fd.Severity)
		mk.msgs = append(mk.msgs, SeverityLabel(fd.Severity, lang)+" "+fd.RuleID()+": "+fd.Message(lang))
	}
	return m
}

// rawSource reads the rows of a tabular source again, cell by cell as
// written.
type rawSource struct {
	// sheet is the name of the sheet read (Excel), "" for CSV.
	sheet     string
	headerRow int
	rows      formats.RowReader
	close     func()
}

// next returns the next row with its sheet row (Excel) or file line
// (CSV); io.EOF at the end.
func (s *rawSource) next() (int, []string, error) { return s.rows.Next() }

// errNotTabular says a source has no rows and columns to give back.
var errNotTabular = errors.New("not tabular")

// errNoInput says the caller gave no way to read a source again.
var errNoInput = errors.New("no input at hand")

// errStdin says the source was standard input, which cannot be read again.
var errStdin = errors.New("standard input cannot be read again")

// openRaw opens the source of a report again as the rows its reader read:
// its format reads them as the report's Layout records.
func openRaw(r *catalog.Report, o Options) (*rawSource, error) {
	if o.Inputs == nil {
		return nil, errNoInput
	}
	path := o.Inputs(r.File)
	switch {
	case path == "":
		return nil, errNoInput
	case path == "-":
		return nil, errStdin
	case r.Format == "" && r.Error != "":
		return nil, errors.New(r.Error) // it could not be read at all
	}
	f, ok := formats.ByName(r.Format)
	if !ok || f.Rows == nil {
		return nil, errNotTabular
	}
	if r.Layout == nil {
		return nil, errors.New("how it was read is not recorded")
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	rows, err := f.Rows(fh, *r.Layout, formats.Options{Name: r.File, Limits: o.Limits})
	if err != nil {
		fh.Close()
		return nil, err
	}
	return &rawSource{sheet: r.Layout.Sheet, headerRow: r.Layout.HeaderRow, rows: rows,
		close: func() { rows.Close(); fh.Close() }}, nil
}

// sheetName makes a unique sheet name of at most 31 characters, without
// the characters Excel refuses.
func sheetName(base string, used map[string]bool) string {
	base = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, base)
	base = strings.Trim(base, "' ")
	if base == "" {
		base = "Data"
	}
	name := base
	for i := 2; ; i++ {
		if r := []rune(name); len(r) > 31 {
			name = string(r[:31])
		}
		if !used[strings.ToLower(name)] {
			used[strings.ToLower(name)] = true
			return name
		}
		suffix := " (" + strconv.Itoa(i) + ")"
		r := []rune(base)
		if len(r) > 31-len(suffix) {
			r = r[:31-len(suffix)]
		}
		name = string(r) + suffix
	}
}

// sourceSheet is an input's rows to copy, and where.
type sourceSheet struct {
	src  *rawSource
	name string
	ms   map[cellKey]*mark
	// rowCol is the column of findings of a whole row; 0 when there are
	// none.
	rowCol int
}

// openSourceSheet opens a report's source again and names its sheet. It
// returns nil and a note for the summary when there are no rows to copy.
func openSourceSheet(r *catalog.Report, o Options, used map[string]bool, multi bool) (*sourceSheet, string) {
	lang := o.Lang
	onlyFindings := T(lang, "only the Findings sheet lists its findings", "kun arket Fund viser dens fund")
	src, err := openRaw(r, o)
	switch {
	case errors.Is(err, errNotTabular):
		return nil, fmt.Sprintf(T(lang, "The source is not a spreadsheet (%s): %s.", "Kilden er ikke et regneark (%s): %s."), r.Format, onlyFindings)
	case errors.Is(err, errNoInput):
		return nil, fmt.Sprintf(T(lang, "The source was not at hand to read again: %s.", "Kilden var ikke til rådighed til at blive læst igen: %s."), onlyFindings)
	case errors.Is(err, errStdin):
		return nil, fmt.Sprintf(T(lang, "The source was read from standard input and cannot be read again: %s.", "Kilden blev læst fra standard input og kan ikke læses igen: %s."), onlyFindings)
	case err != nil:
		return nil, fmt.Sprintf(T(lang, "The source could not be read again (%v): %s.", "Kilden kunne ikke læses igen (%v): %s."), err, onlyFindings)
	}
	ss := &sourceSheet{src: src, ms: marks(r, lang)}
	// Row-level findings (no column) go in a column of their own after
	// the widest row; finding it takes a first pass.
	if hasRowMarks(ss.ms) {
		width, err := widest(r, o)
		if err != nil {
			src.close()
			return nil, fmt.Sprintf(T(lang, "The source could not be read again (%v): %s.", "Kilden kunne ikke læses igen (%v): %s."), err, onlyFindings)
		}
		ss.rowCol = min(width+1, excelMaxCols)
	}
	base := src.sheet
	if base == "" || multi {
		base = filepath.Base(r.File)
	}
	ss.name = sheetName(base, used)
	return ss, ""
}

func hasRowMarks(ms map[cellKey]*mark) bool {
	for k := range ms {
		if k.col == 0 {
			return true
		}
	}
	return false
}

// widest is the most cells of any row of the source, up to a fault that
// stops the copy too (fillSourceSheet says so).
func widest(r *catalog.Report, o Options) (int, error) {
	src, err := openRaw(r, o)
	if err != nil {
		return 0, err
	}
	defer src.close()
	w := 0
	for {
		_, rec, err := src.next()
		if err != nil {
			return w, nil
		}
		w = max(w, len(rec))
	}
}

// fillSourceSheet streams an input's rows into its sheet with the
// offending cells filled and commented. It returns a note for the summary.
func fillSourceSheet(f *excelize.File, ss *sourceSheet, lang string, st xlsxStyles) (string, error) {
	src, ms, rowCol, sheet := ss.src, ss.ms, ss.rowCol, ss.name
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return "", err
	}
	if src.headerRow > 0 {
		top, _ := excelize.CoordinatesToCellName(1, src.headerRow+1)
		sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: src.headerRow, TopLeftCell: top, ActivePane: "bottomLeft"})
	}
	sw.SetColWidth(1, max(rowCol, 1), 18)
	if rowCol > 0 {
		sw.SetColWidth(rowCol, rowCol, 60)
	}
	// The last marked column of each row.
	lastMarked := map[int]int{}
	for k := range ms {
		lastMarked[k.row] = max(lastMarked[k.row], k.col)
	}
	var comments []excelize.Comment
	note := ""
	var vals []any
	// A source that cannot be read to its end keeps the rows before the
	// fault, and the summary says why the rest is missing.
	var readErr error
	for {
		row, rec, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			readErr = err
			break
		}
		if row > excelMaxRows {
			note = fmt.Sprintf(T(lang, "Only the first %d rows fit on a sheet.", "Kun de første %d rækker kan være på et ark."), excelMaxRows)
			break
		}
		vals = vals[:0]
		for c, v := range rec {
			if c >= excelMaxCols {
				break
			}
			style := st.text
			if row == src.headerRow {
				style = st.header
			}
			if mk := ms[cellKey{row, c + 1}]; mk != nil {
				style = st.fill[mk.sev]
			}
			vals = append(vals, textCell(v, style))
		}
		// Cells the source leaves out (a short row) can still be the
		// offending ones: a mandatory value that is missing.
		for c := len(rec) + 1; c <= lastMarked[row]; c++ {
			if mk := ms[cellKey{row, c}]; mk != nil {
				for len(vals) < c-1 {
					vals = append(vals, nil)
				}
				vals = append(vals, textCell("", st.fill[mk.sev]))
			}
		}
		if mk := ms[cellKey{row, 0}]; mk != nil && rowCol > 0 {
			for len(vals) < rowCol-1 {
				vals = append(vals, nil)
			}
			vals = append(vals, textCell(strings.Join(mk.msgs, "\n"), st.fill[mk.sev]))
		} else if row == src.headerRow && rowCol > 0 {
			for len(vals) < rowCol-1 {
				vals = append(vals, nil)
			}
			vals = append(vals, textCell(T(lang, "Findings for the row", "Fund for rækken"), st.header))
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := sw.SetRow(cell, vals); err != nil {
			return "", err
		}
	}
	// Comments in cell order, so that the workbook is the same every run.
	keys := make([]cellKey, 0, len(ms))
	for k := range ms {
		if k.col > 0 {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b cellKey) int {
		if a.row != b.row {
			return a.row - b.row
		}
		return a.col - b.col
	})
	for _, k := range keys {
		ref, _ := excelize.CoordinatesToCellName(k.col, k.row)
		text := cellText(strings.Join(ms[k].msgs, "\n"))
		if len(comments) == maxComments {
			note = fmt.Sprintf(T(lang, "Only the first %d marked cells have a comment; the Findings sheet lists every finding.", "Kun de første %d markerede celler har en kommentar; arket Fund viser alle fund."), maxComments)
			break
		}
		comments = append(comments, excelize.Comment{Cell: ref, Author: "ekatalog", Text: text, Width: 300, Height: 120})
	}
	for _, c := range comments {
		if err := f.AddComment(sheet, c); err != nil {
			return "", err
		}
	}
	if err := sw.Flush(); err != nil {
		return "", err
	}
	return note, readErr
}

// joinNotes puts the verdict on a written file before the other notes.
func joinNotes(verdict, note string) string {
	switch {
	case verdict == "":
		return note
	case note == "":
		return verdict
	}
	return verdict + ". " + note
}
