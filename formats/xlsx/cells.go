package xlsx

import (
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/formats/tabular"
	"github.com/xuri/excelize/v2"
	"github.com/xuri/nfp"
)

// typed turns one row's raw cell values (excelize's RawCellValue: the
// stored value, shared strings resolved) into what tabular.Plan.Fill
// expects, using the cells' types and styles: numbers with a '.' decimal
// point, dates as YYYY-MM-DD, text as it is. It rewrites cells in place.
func (rd *Reader) typed(cells []string, attrs []cellAttr) []tabular.CellKind {
	kinds := rd.kinds[:0]
	for range cells {
		kinds = append(kinds, tabular.Text)
	}
	rd.kinds = kinds
	for _, a := range attrs {
		i := a.col - 1
		if i < 0 || i >= len(cells) || cells[i] == "" {
			continue
		}
		switch a.typ {
		case typeNumber:
			v := cells[i]
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				continue // not a number whatever the tag says: keep the text
			}
			switch rd.numberStyle(a.style) {
			case styleDate:
				if d, ok := rd.date(x); ok {
					cells[i], kinds[i] = d, tabular.Date
					continue
				}
			case stylePercent:
				// As shown and as a CSV export writes it: 0.25 is "25%".
				r, _ := strconv.ParseFloat(strconv.FormatFloat(x*100, 'g', significant, 64), 64)
				cells[i], kinds[i] = strconv.FormatFloat(r, 'f', -1, 64)+"%", tabular.Number
				continue
			}
			cells[i], kinds[i] = excelNumber(v, x, i == rd.gtinCol), tabular.Number
		case typeBool:
			// Excel stores TRUE as 1; read it as Excel shows it.
			switch cells[i] {
			case "1":
				cells[i] = "TRUE"
			case "0":
				cells[i] = "FALSE"
			}
		case typeISODate:
			if d, ok := tabular.ParseDate(cells[i]); ok {
				cells[i], kinds[i] = d, tabular.Date
			}
		}
	}
	return kinds
}

// significant is how many digits Excel keeps: it stores a double but
// shows, computes and saves at most 15 significant digits.
const significant = 15

// excelNumber writes a stored number as Excel shows it in a General cell:
// the value itself, except that the binary noise beyond 15 significant
// digits ("0.30000000000000004") is rounded away. A GTIN cell keeps what
// was stored when it has more digits than Excel can hold or is written in
// scientific notation: those digits are lost, and tabular reports it
// (READ-GTIN-PRECISION) from the raw text rather than from a guess.
func excelNumber(raw string, x float64, gtin bool) string {
	if !strings.ContainsAny(raw, "eE") && sigDigits(raw) <= significant {
		return raw
	}
	if gtin {
		return raw
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', significant, 64), 64)
	if a := abs(r); a == 0 || a >= 1e-9 && a < 1e15 {
		return strconv.FormatFloat(r, 'f', -1, 64)
	}
	return strconv.FormatFloat(r, 'g', -1, 64)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// sigDigits counts the significant digits of a plain decimal number.
func sigDigits(s string) int {
	n, leading := 0, true
	trailingZeros := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		if leading && c == '0' {
			continue
		}
		leading = false
		n++
		if c == '0' {
			trailingZeros++
		} else {
			trailingZeros = 0
		}
	}
	if strings.IndexByte(s, '.') < 0 {
		return n // an integer's trailing zeros are digits Excel must keep
	}
	return n - trailingZeros
}

// date converts an Excel serial date to YYYY-MM-DD; the time of day is
// dropped, as the canonical date fields have none.
func (rd *Reader) date(x float64) (string, bool) {
	if x < 0 || x >= 2958466 { // 9999-12-31 is Excel's last date
		return "", false
	}
	t, err := excelize.ExcelDateToTime(x, rd.date1904)
	if err != nil {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// numberStyle is what a cell style does to a number that matters here.
type numberStyle uint8

const (
	stylePlain numberStyle = iota
	styleDate
	stylePercent
)

// numberStyle says how cell style s shows numbers. The answer is kept per
// style: a sheet has few styles and many cells.
func (rd *Reader) numberStyle(s int) numberStyle {
	if s <= 0 {
		return stylePlain // style 0 is General
	}
	if v, ok := rd.styles[s]; ok {
		return v
	}
	v := stylePlain
	if st, err := rd.f.GetStyle(s); err == nil && st != nil {
		switch {
		case st.CustomNumFmt != nil:
			v = formatStyle(*st.CustomNumFmt)
		case isDateNumFmt(st.NumFmt):
			v = styleDate
		case st.NumFmt == 9 || st.NumFmt == 10:
			v = stylePercent
		}
	}
	if rd.styles == nil {
		rd.styles = make(map[int]numberStyle)
	}
	rd.styles[s] = v
	return v
}

// isDateNumFmt reports whether a built-in number format shows a date:
// 14–17 and 22 in every locale, 27–36 and 50–58 in the East Asian ones.
// 18–21 and 45–47 show only a time of day, which is no date.
func isDateNumFmt(id int) bool {
	return id >= 14 && id <= 17 || id == 22 || id >= 27 && id <= 36 || id >= 50 && id <= 58
}

// formatStyle reads a custom number format code. It shows a date when its
// first section has a year, day or month part ("mm" next to hours or
// seconds is minutes, so a format of only h, m and s is a time of day), a
// percentage when it has a '%' outside quotes.
func formatStyle(code string) numberStyle {
	p := nfp.NumberFormatParser()
	sections := p.Parse(code)
	if len(sections) == 0 {
		return stylePlain
	}
	month, clock := false, false
	for _, tok := range sections[0].Items {
		switch tok.TType {
		case nfp.TokenTypePercent:
			return stylePercent
		case nfp.TokenTypeElapsedDateTimes: // [h]:mm, a duration
			clock = true
		}
		if tok.TType != nfp.TokenTypeDateTimes || tok.TValue == "" {
			continue
		}
		switch tok.TValue[0] {
		case 'y', 'Y', 'd', 'D', 'e', 'E', 'g', 'G', 'b', 'B':
			return styleDate
		case 'm', 'M':
			month = true
		case 'h', 'H', 's', 'S':
			clock = true
		}
	}
	if month && !clock {
		return styleDate
	}
	return stylePlain
}
