package tabular

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ekatalog/ekatalog/catalog"
)

// CellKind says how a spreadsheet stored a cell; CSV cells are all Text.
type CellKind uint8

// Cell kinds.
const (
	Text CellKind = iota
	// Number: the cell held a number, written here with a '.' decimal point.
	Number
	// Date: the cell held a date, written here as YYYY-MM-DD.
	Date
)

var (
	keywordSeps = NewSeparators(",;|")
	imageSeps   = NewSeparators(",;| \t\r\n")
)

// Fill reads one row into l, which the caller has Reset and whose Src it
// has set. kinds may be nil (all Text). Cells that do not read as their
// field's type are recorded in l.Bad and as findings at the cell.
func (p *Plan) Fill(l *catalog.Line, rec []string, kinds []CellKind) {
	n := len(rec)
	for n > len(p.cols) && strings.TrimSpace(rec[n-1]) == "" {
		n-- // trailing empty cells beyond the header are not data
	}
	if n > len(p.cols) || n < len(p.cols) && !p.ShortRows {
		rule := catalog.RuleReadRowTooFewCells
		if n > len(p.cols) {
			rule = catalog.RuleReadRowTooManyCells
		}
		l.Findings = append(l.Findings, catalog.Finding{Rule: rule, Severity: catalog.Error, Line: l.Src.Line,
			Pos: catalog.Pos{Row: l.Src.Row}, Args: []string{strconv.Itoa(n), strconv.Itoa(len(p.cols))}})
		// The fields of the missing cells were not read, not left empty:
		// the row's finding covers them.
		for i := n; i < len(p.cols); i++ {
			if f := p.cols[i].target.Field; f != catalog.FieldExtra {
				l.Bad.Add(f)
			}
		}
	}
	for i := 0; i < n; i++ {
		v := rec[i]
		if v == "" {
			continue
		}
		if v[0] <= ' ' || v[len(v)-1] <= ' ' || v[0] >= 0x80 || v[len(v)-1] >= 0x80 {
			if v = strings.TrimSpace(v); v == "" {
				continue
			}
		}
		kind := Text
		if i < len(kinds) {
			kind = kinds[i]
		}
		if p.CheckUTF8 && !utf8.ValidString(v) {
			v = p.fixEncoding(l, i, v)
		}
		if i >= len(p.cols) {
			l.Extra = append(l.Extra, catalog.Extra{Name: "column " + strconv.Itoa(i+1), Value: v})
			continue
		}
		p.fillCell(l, i, v, kind)
	}
	if p.priceWord != "" {
		p.currencyNote(l)
	}
}

func cutSuffixFold(s, suffix string) (string, bool) {
	if len(s) > len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix) {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}

func (p *Plan) fillCell(l *catalog.Line, i int, v string, kind CellKind) {
	c := &p.cols[i]
	f := c.target.Field
	switch f {
	case catalog.FieldExtra:
		l.Extra = append(l.Extra, catalog.Extra{Name: c.header, Value: v})
	case catalog.FieldClassification:
		l.Classification = append(l.Classification, catalog.Classification{Scheme: c.target.Scheme, Code: v})
	case catalog.FieldKeywords:
		SplitList(v, keywordSeps, func(s string) { l.Keywords = append(l.Keywords, s) })
	case catalog.FieldImages:
		SplitList(v, imageSeps, func(s string) { l.Images = append(l.Images, s) })
	case catalog.FieldGTIN:
		l.GTIN = p.gtin(l, i, v, kind)
	case catalog.FieldOrderable:
		b, ok := ParseBool(v)
		if !ok {
			p.bad(l, i, f, catalog.RuleReadNotBool, v)
			return
		}
		l.Orderable = catalog.Bool{V: b, Valid: true}
	case catalog.FieldValidFrom, catalog.FieldValidTo:
		d, ok := v, kind == Date
		if !ok {
			d, ok = ParseDate(v)
		}
		if !ok {
			p.bad(l, i, f, catalog.RuleReadNotDate, v)
			return
		}
		*l.StringField(f) = d
	default:
		if num := l.NumField(f); num != nil {
			p.number(l, i, f, v, kind, num)
			return
		}
		if s := l.StringField(f); s != nil {
			*s = v
		}
	}
}

func (p *Plan) number(l *catalog.Line, i int, f catalog.Field, v string, kind CellKind, num *catalog.Num) {
	dec := p.Decimal
	if kind == Number {
		dec = '.'
	}
	if f == catalog.FieldVATPercent {
		// 25%, 25 %, 25 pct.
		if t, ok := strings.CutSuffix(v, "%"); ok {
			v = strings.TrimSpace(t)
		} else if t, ok := cutSuffixFold(v, "pct."); ok {
			v = strings.TrimSpace(t)
		} else if t, ok := cutSuffixFold(v, "pct"); ok {
			v = strings.TrimSpace(t)
		}
	}
	x, ok := ParseNumber(v, dec)
	if !ok && kind == Number {
		// Excel writes very large or small numbers in scientific notation.
		var err error
		x, err = strconv.ParseFloat(v, 64)
		ok = err == nil
	}
	if !ok && f == catalog.FieldPrice {
		// Off the hot path: a price written with its currency ("kr. 42,50",
		// "12,50 kr", "€ 3,10", "42,-").
		if num, word, codes, cut := cutCurrency(v); cut {
			if x, ok = ParseNumber(num, dec); ok && word != "" {
				p.priceWord, p.priceCodes = word, codes
			}
		}
	}
	if !ok {
		p.bad(l, i, f, catalog.RuleReadNotNumber, v)
		return
	}
	if catalog.Fields[f].Kind == catalog.KindInteger && x != float64(int64(x)) {
		p.bad(l, i, f, catalog.RuleReadNotInteger, v)
		return
	}
	*num = catalog.N(x)
}

// gtin keeps a GTIN as the digits the supplier meant. A spreadsheet that
// stored it as a number may have lost digits: that is a finding, not a guess.
func (p *Plan) gtin(l *catalog.Line, i int, v string, kind CellKind) string {
	if !digitsOnly(v) && strings.ContainsAny(v, "eE") && strings.ContainsAny(v, "+.") {
		if x, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64); err == nil && x > 0 {
			shown := strconv.FormatFloat(x, 'f', -1, 64)
			l.Bad.Add(catalog.FieldGTIN)
			l.Findings = append(l.Findings, catalog.Finding{Rule: catalog.RuleReadGTINPrecision, Severity: catalog.Error,
				Line: l.Src.Line, Pos: p.pos(l.Src.Row, i), Field: "gtin", Value: v, Args: []string{v + " = " + shown}})
			return shown
		}
	}
	if kind == Number {
		if strings.HasSuffix(v, ".0") {
			v = v[:len(v)-2]
		}
		if len(v) > 15 {
			l.Bad.Add(catalog.FieldGTIN)
			l.Findings = append(l.Findings, catalog.Finding{Rule: catalog.RuleReadGTINPrecision, Severity: catalog.Error,
				Line: l.Src.Line, Pos: p.pos(l.Src.Row, i), Field: "gtin", Value: v, Args: []string{v}})
		}
	}
	return v
}

func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (p *Plan) bad(l *catalog.Line, i int, f catalog.Field, rule *catalog.Rule, v string) {
	l.Bad.Add(f)
	l.Findings = append(l.Findings, catalog.Finding{Rule: rule, Severity: catalog.Error, Line: l.Src.Line,
		Pos: p.pos(l.Src.Row, i), Field: f.String(), Value: v, Args: []string{p.cols[i].header, v}})
}

// fixEncoding reads a value that is not UTF-8 as Windows-1252: a file that
// mixes encodings is common when rows were pasted from another export.
func (p *Plan) fixEncoding(l *catalog.Line, i int, v string) string {
	fixed := FromWindows1252(v)
	f := catalog.Finding{Rule: catalog.RuleReadEncoding, Severity: catalog.Error, Line: l.Src.Line,
		Pos: p.pos(l.Src.Row, i), Value: fixed, Args: []string{fixed}}
	if i < len(p.cols) && !p.cols[i].target.IsExtra() {
		f.Field = p.cols[i].target.Field.String()
	}
	l.Findings = append(l.Findings, f)
	return fixed
}
