package tabout

import (
	"strings"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/catalog/units"
	"github.com/ekatalog/ekatalog/formats/internal/outfmt"
	"github.com/ekatalog/ekatalog/mappings"
)

// value is one cell: text, or a number (num set) that CSV writes with the
// template's decimal separator and Excel as a number cell.
type value struct {
	s   string
	n   float64
	num bool
}

// column is a template column compiled to a function of the line.
type column struct {
	header   string
	field    catalog.Field // the line field, FieldNone for header fields and constants
	required bool
	get      func(l *catalog.Line) value
}

// unitWords are the Danish words of the "word" unit style: each resolves
// back to its code (the tests check), so the file reads in again.
var unitWords = map[string]string{
	"H87": "stk", "EA": "stk", "C62": "stk", "XPK": "pakke", "XBX": "æske", "XCT": "karton",
	"XCS": "kasse", "XBG": "pose", "XSA": "sæk", "XRO": "rulle", "SET": "sæt", "PR": "par",
	"XST": "ark", "XBO": "flaske", "XCX": "dåse", "XTU": "tube", "XBJ": "spand", "XBE": "bundt",
	"XPX": "palle", "LTR": "l", "MLT": "ml", "MTQ": "m3", "KGM": "kg", "GRM": "g", "MTR": "m",
	"MTK": "m2", "HUR": "time", "DAY": "dag", "MON": "måned",
}

var dateLayouts = map[string]string{
	"YYYY-MM-DD": "2006-01-02", "DD-MM-YYYY": "02-01-2006", "DD.MM.YYYY": "02.01.2006",
	"DD/MM/YYYY": "02/01/2006", "MM/DD/YYYY": "01/02/2006", "YYYYMMDD": "20060102",
}

// compile turns the template's columns into functions of the line; h
// supplies the header fields.
func compile(t *mappings.Template, h *catalog.Header) []column {
	layout := dateLayouts[t.DateFormat]
	date := func(s string) string {
		if d, err := time.Parse(time.DateOnly, s); err == nil {
			return d.Format(layout)
		}
		return s // a bad date has been reported; keep what the supplier wrote
	}
	unit := unitStyle(t)
	cols := make([]column, len(t.Columns))
	for i := range t.Columns {
		tc := &t.Columns[i]
		c := column{header: tc.Header, required: tc.Required, field: tc.Line.Field}
		switch {
		case tc.Value != nil:
			v := value{s: *tc.Value}
			c.get = func(*catalog.Line) value { return v }
		case tc.HeaderField != "":
			s := h.Value(tc.HeaderField)
			if strings.HasSuffix(tc.HeaderField, "Date") || strings.HasSuffix(tc.HeaderField, "validFrom") || strings.HasSuffix(tc.HeaderField, "validTo") {
				s = date(s)
			}
			v := value{s: s}
			c.get = func(*catalog.Line) value { return v }
		default:
			c.get = lineGetter(tc.Line, t, h, unit, date)
		}
		cols[i] = c
	}
	return cols
}

func lineGetter(tg mappings.Target, t *mappings.Template, h *catalog.Header, unit func(string) string, date func(string) string) func(*catalog.Line) value {
	f := tg.Field
	info := catalog.Fields[f]
	num := func(n catalog.Num) value {
		if !n.Valid {
			return value{}
		}
		return value{n: n.V, num: true}
	}
	switch {
	case f == catalog.FieldClassification:
		scheme := tg.Scheme
		return func(l *catalog.Line) value {
			code, _ := l.ClassificationCode(scheme)
			return value{s: code}
		}
	case f == catalog.FieldUnit || f == catalog.FieldContentUnit:
		return func(l *catalog.Line) value {
			s := *l.StringField(f)
			if l.Bad.Has(f) {
				return value{s: s} // not a known unit: as the supplier wrote it
			}
			return value{s: unit(s)}
		}
	case f == catalog.FieldCurrency:
		return func(l *catalog.Line) value { return value{s: outfmt.Currency(l, h)} }
	case f == catalog.FieldKeywords:
		return func(l *catalog.Line) value { return value{s: strings.Join(l.Keywords, t.ListSeparator)} }
	case f == catalog.FieldImages:
		return func(l *catalog.Line) value { return value{s: strings.Join(l.Images, t.ListSeparator)} }
	case f == catalog.FieldOrderable:
		return func(l *catalog.Line) value {
			switch {
			case !l.Orderable.Valid:
				return value{}
			case l.Orderable.V:
				return value{s: t.Booleans[0]}
			}
			return value{s: t.Booleans[1]}
		}
	case info.Kind == catalog.KindDate:
		return func(l *catalog.Line) value { return value{s: date(*l.StringField(f))} }
	case info.Kind == catalog.KindNumber || info.Kind == catalog.KindInteger:
		return func(l *catalog.Line) value { return num(*l.NumField(f)) }
	}
	return func(l *catalog.Line) value { return value{s: *l.StringField(f)} }
}

// unitStyle returns the function that spells a Rec 20/21 code the way the
// template wants it; a code the style has no spelling for stays a code.
func unitStyle(t *mappings.Template) func(string) string {
	switch t.Units {
	case "oioubl":
		return func(code string) string {
			if c, ok := units.ForTarget(code, units.OIOUBL); ok {
				return c
			}
			return code
		}
	case "word":
		return func(code string) string {
			if w, ok := t.UnitWords[code]; ok {
				return w
			}
			if w, ok := unitWords[code]; ok {
				return w
			}
			return code
		}
	}
	return func(code string) string { return code }
}
