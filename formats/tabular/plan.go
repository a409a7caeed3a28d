package tabular

import (
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/mappings"
)

// Plan says what each column of a sheet feeds.
type Plan struct {
	// Headers are the header cells as written.
	Headers []string
	cols    []column
	// Fields is the set of fields some column supplies.
	Fields catalog.FieldSet
	// first column (0-based) of each field, -1 when none.
	firstCol [len(catalog.Fields)]int
	// Letters selects spreadsheet column letters in positions.
	Letters bool
	// Decimal is the decimal separator of numbers read as text: ',' or '.'.
	Decimal byte
	// ListSep splits several values in one cell; 0 means any of , ; |.
	ListSep byte
	// ShortRows accepts rows with fewer cells than the header: spreadsheets
	// do not store trailing empty cells, while every CSV exporter writes all
	// delimiters, so there a short row means a lost delimiter.
	ShortRows bool
	// CheckUTF8 makes Fill check every cell for invalid UTF-8 (and read it
	// as Windows-1252). Readers set it once they have seen invalid bytes,
	// which costs less than checking every cell of every file.
	CheckUTF8 bool
	// HeaderRow is the row of the header in the source.
	HeaderRow int
	// Language is the language of the header row: the one whose built-in
	// synonyms most of its cells are (Danish on a tie), "" when none is.
	Language string
	// Findings are header-level findings: unmapped and duplicate columns.
	Findings []catalog.Finding

	// priceWord and priceCodes are the currency word of the current row's
	// price, compared with its currency once the row is read.
	priceWord  string
	priceCodes []string
}

type column struct {
	target mappings.Target
	header string
}

// HeaderScore counts the cells of a row that name a known field; the header
// row is the first row that names at least two.
func HeaderScore(cells []string, m *mappings.Mapping) int {
	n := 0
	for _, c := range cells {
		if _, ok := m.Lookup(c); ok {
			n++
		}
	}
	return n
}

// NewPlan builds the plan for a header row. A column whose header names no
// field, or a field an earlier column already supplies, goes to extra and is
// reported.
func NewPlan(header []string, m *mappings.Mapping, letters bool, headerRow int) *Plan {
	p := &Plan{Letters: letters, HeaderRow: headerRow}
	for i := range p.firstCol {
		p.firstCol[i] = -1
	}
	p.Headers = make([]string, len(header))
	for i, h := range header {
		h = strings.Clone(strings.TrimSpace(h))
		if h == "" {
			h = "column " + strconv.Itoa(i+1)
		}
		p.Headers[i] = h
	}
	seen := map[mappings.Target]int{}
	descCols := 0
	for i, h := range p.Headers {
		t, ok := m.Lookup(h)
		if ok && t.Field == catalog.FieldDescription {
			descCols++
		}
		pos := p.headerPos(i)
		switch {
		case !ok || t.IsExtra():
			t = mappings.Target{Field: catalog.FieldExtra}
			if !ok {
				p.Findings = append(p.Findings, catalog.Finding{Rule: catalog.RuleReadColumnUnmapped, Severity: catalog.Info,
					Pos: pos, Field: "extra", Value: h, Args: []string{h}})
			}
		default:
			multi := t.Field == catalog.FieldKeywords || t.Field == catalog.FieldImages
			if prev, dup := seen[t]; dup && !multi {
				p.Findings = append(p.Findings, catalog.Finding{Rule: catalog.RuleReadColumnDuplicate, Severity: catalog.Warning,
					Pos: pos, Field: t.Field.String(), Value: h, Args: []string{h, t.String(), p.Headers[prev]}})
				t = mappings.Target{Field: catalog.FieldExtra}
			} else if !dup {
				seen[t] = i
			}
		}
		p.cols = append(p.cols, column{target: t, header: h})
		if t.Field != catalog.FieldExtra {
			p.Fields.Add(t.Field)
			if p.firstCol[t.Field] < 0 {
				p.firstCol[t.Field] = i
			}
		}
	}
	p.Language = headerLanguage(p.Headers)
	// A supplier's price list names its items in its one description
	// column (Varebeskrivelse, Varetekst, Beschreibung): without a name
	// column, that column is the name. With both, each keeps its field.
	if !p.Fields.Has(catalog.FieldName) && descCols == 1 && p.firstCol[catalog.FieldDescription] >= 0 {
		i := p.firstCol[catalog.FieldDescription]
		p.cols[i].target = mappings.Target{Field: catalog.FieldName}
		p.firstCol[catalog.FieldDescription], p.firstCol[catalog.FieldName] = -1, i
		p.Fields &^= 1 << catalog.FieldDescription
		p.Fields.Add(catalog.FieldName)
	}
	return p
}

func (p *Plan) headerPos(i int) catalog.Pos {
	if p.Letters {
		return catalog.Pos{Row: p.HeaderRow, Col: i + 1, ColName: catalog.ColumnLetter(i + 1)}
	}
	return catalog.Pos{Row: p.HeaderRow, Col: i + 1}
}

// pos is the position of column i of a row.
func (p *Plan) pos(row, i int) catalog.Pos {
	if p.Letters {
		return catalog.Pos{Row: row, Col: i + 1, ColName: catalog.ColumnLetter(i + 1)}
	}
	return catalog.Pos{Row: row, Col: i + 1}
}

// Locate returns where field f of line l sits.
func (p *Plan) Locate(l *catalog.Line, f catalog.Field) catalog.Pos {
	if int(f) < len(p.firstCol) && p.firstCol[f] >= 0 {
		return p.pos(l.Src.Row, p.firstCol[f])
	}
	return catalog.Pos{Row: l.Src.Row}
}

// LocateScheme returns where the classification of a scheme sits.
func (p *Plan) LocateScheme(l *catalog.Line, scheme string) catalog.Pos {
	for i, c := range p.cols {
		if c.target.Field == catalog.FieldClassification && c.target.Scheme == scheme {
			return p.pos(l.Src.Row, i)
		}
	}
	return p.Locate(l, catalog.FieldClassification)
}

// NumericColumns returns the indexes of columns that hold numbers, for
// decimal detection.
func (p *Plan) NumericColumns() []int {
	var idx []int
	for i, c := range p.cols {
		if k := catalog.Fields[c.target.Field].Kind; k == catalog.KindNumber || k == catalog.KindInteger {
			idx = append(idx, i)
		}
	}
	return idx
}

// Width is the number of header columns.
func (p *Plan) Width() int { return len(p.cols) }

// headerLanguage is the language most header cells are in, Danish first on
// a tie (mappings.Languages order).
func headerLanguage(headers []string) string {
	count := map[string]int{}
	for _, h := range headers {
		for _, l := range mappings.HeaderLanguages(h) {
			count[l]++
		}
	}
	best := ""
	for _, l := range mappings.Languages {
		if count[l] > count[best] {
			best = l
		}
	}
	return best
}
