package report

import (
	"math"
	"sort"
	"strconv"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/diff"
)

// The reports of a diff: its printers are Printer.Diff in Printers; this
// file holds what they share.

// maxDiffTextLines bounds the lines the text report of a diff lists per
// kind.
const maxDiffTextLines = 50

// problemWhere says where a reading problem of a diff is: "old: row 7,
// column C".
func problemWhere(p *catalog.Finding, lang string) string {
	file := T(lang, "new", "ny")
	if p.Source == catalog.SourceOld {
		file = T(lang, "old", "gammel")
	}
	if w := p.Where(lang); w != "" {
		return file + ": " + w
	}
	return file
}

// bucketLabels name the size classes of price changes: "≤ 1 %", …, "> 25 %".
func bucketLabels(lang string) []string {
	var out []string
	for _, b := range diff.Buckets {
		out = append(out, "≤ "+catalog.DecimalComma(lang, strconv.FormatFloat(b, 'f', -1, 64))+" %")
	}
	return append(out, "> "+catalog.DecimalComma(lang, strconv.FormatFloat(diff.Buckets[len(diff.Buckets)-1], 'f', -1, 64))+" %")
}

// fieldValue shows a field value of a diff: numbers with a decimal comma
// in Danish, an empty value as "—".
func fieldValue(f diff.FieldChange, v, lang string) string {
	if v == "" {
		return "—"
	}
	if f.Numeric {
		return catalog.DecimalComma(lang, v)
	}
	return v
}

// lineWhere says where a line is in its file: "row 7" in a workbook, "line
// 7" in a CSV file, the element's path in XML, "#7" otherwise.
func lineWhere(format string, line, row int, lang string) string {
	switch {
	case row > 0 && format == "xlsx":
		return T(lang, "row ", "række ") + strconv.Itoa(row)
	case row > 0:
		return T(lang, "line ", "linje ") + strconv.Itoa(row)
	case format == "ubl":
		return "/Catalogue/CatalogueLine[" + strconv.Itoa(line) + "]"
	}
	return "#" + strconv.Itoa(line)
}

// priceChange writes a price change: "+5.00 %", "n/a" when the old price was 0.
func priceChange(p float64, lang string) string {
	if math.IsNaN(p) {
		return T(lang, "n/a", "i.a.")
	}
	s := Number(lang, p, 2) + " %"
	if p > 0 {
		s = "+" + s
	}
	return s
}

// priceOf returns a change's old and new price as text.
func priceOf(c *diff.Change) (old, new string) {
	for _, f := range c.Fields {
		if f.Field == "price" {
			return f.Old, f.New
		}
	}
	return "", ""
}

// fieldCount is how many changed lines changed a field.
type fieldCount struct {
	Field string
	N     int
}

// sortedFieldChanges returns the per-field counts of a diff, most changed
// first.
func sortedFieldChanges(r *diff.Result) []fieldCount {
	var out []fieldCount
	for f, n := range r.Summary.FieldChanges {
		out = append(out, fieldCount{f, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Field < out[j].Field
	})
	return out
}
