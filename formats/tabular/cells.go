package tabular

import (
	"strconv"
	"strings"
)

// ParseNumber reads a number written with the decimal separator dec (',' or
// '.'). The other of the two, a space or a no-break space may group
// thousands, but only in groups of three digits, so "12,5,0" and, with a
// decimal comma, "12.5" do not read. It does not allocate, and for the
// numbers catalogues hold (under 16 significant digits) it does not call
// strconv: mantissa and exponent are exact, so one division rounds right.
func ParseNumber(s string, dec byte) (float64, bool) {
	if s == "" || len(s) > 60 {
		return 0, false
	}
	i := 0
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		i = 1
	}
	var mant uint64
	digits, fracDigits, sig := 0, 0, 0
	group := -1 // digits since the last thousands separator, -1 before any
	seenDec := false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			if group >= 0 {
				group++
			}
			if mant != 0 || c != '0' {
				sig++
			}
			mant = mant*10 + uint64(c-'0')
			if seenDec {
				fracDigits++
			}
		case c == dec:
			if seenDec || group >= 0 && group != 3 {
				return 0, false
			}
			seenDec, group = true, -1
		case isThousands(c, dec) || c == 0xc2 && i+1 < len(s) && s[i+1] == 0xa0:
			if c == 0xc2 {
				i++ // no-break space, two bytes in UTF-8
			}
			if seenDec || digits == 0 || group >= 0 && group != 3 || group < 0 && digits > 3 {
				return 0, false
			}
			group = 0
		default:
			return 0, false
		}
	}
	if digits == 0 || group >= 0 && group != 3 {
		return 0, false
	}
	if sig <= 15 && fracDigits <= 22 {
		v := float64(mant) / pow10[fracDigits]
		if neg {
			v = -v
		}
		return v, true
	}
	return slowNumber(s, dec)
}

// slowNumber parses a well-formed number with many digits through strconv,
// after dropping the grouping.
func slowNumber(s string, dec byte) (float64, bool) {
	var buf [64]byte
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9' || c == '-' || c == '+':
			buf[n] = c
			n++
		case c == dec:
			buf[n] = '.'
			n++
		}
	}
	v, err := strconv.ParseFloat(string(buf[:n]), 64)
	return v, err == nil
}

var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

func isThousands(c, dec byte) bool {
	return c == ' ' || c == '\'' || (c == '.' || c == ',') && c != dec
}

// DecimalVotes tallies how numbers in a sample are written, so that a file's
// decimal separator is decided once, from the file, not guessed per cell.
type DecimalVotes struct{ Comma, Point int }

// Add looks at one numeric cell.
func (v *DecimalVotes) Add(s string) {
	s = strings.TrimSpace(s)
	if len(s) > 0 && (s[0] < '0' || s[0] > '9' || s[len(s)-1] < '0' || s[len(s)-1] > '9') {
		s, _, _, _ = cutCurrency(s) // "kr. 1234" votes for nothing
	}
	lastComma, lastPoint := strings.LastIndexByte(s, ','), strings.LastIndexByte(s, '.')
	nComma, nPoint := strings.Count(s, ","), strings.Count(s, ".")
	switch {
	case nComma > 0 && nPoint > 0:
		if lastComma > lastPoint {
			v.Comma++
		} else {
			v.Point++
		}
	case nComma > 1:
		v.Point++ // several commas group thousands
	case nPoint > 1:
		v.Comma++
	case nComma == 1 && len(s)-lastComma-1 != 3:
		v.Comma++
	case nPoint == 1 && len(s)-lastPoint-1 != 3:
		v.Point++
	}
}

// Decide returns the decimal separator the votes show; fallback decides a
// tie (a ';'-separated file is Danish and uses a decimal comma).
func (v DecimalVotes) Decide(fallback byte) byte {
	switch {
	case v.Comma > v.Point:
		return ','
	case v.Point > v.Comma:
		return '.'
	}
	return fallback
}

// ParseDate reads YYYY-MM-DD (optionally followed by a time, which is
// dropped) and the Danish DD-MM-YYYY, DD.MM.YYYY and DD/MM/YYYY, and returns
// the canonical YYYY-MM-DD. Whether the date exists is the rules' concern.
func ParseDate(s string) (string, bool) {
	if len(s) >= 10 && digitsAt(s, 0, 4) && s[4] == '-' && digitsAt(s, 5, 2) && s[7] == '-' && digitsAt(s, 8, 2) {
		if len(s) == 10 {
			return s, true
		}
		if s[10] == 'T' || s[10] == ' ' {
			return s[:10], true
		}
		return "", false
	}
	// D-M-YYYY with one- or two-digit day and month.
	sep := strings.IndexAny(s, "-./")
	if sep < 1 || sep > 2 || !digitsAt(s, 0, sep) {
		return "", false
	}
	rest := s[sep+1:]
	sep2 := strings.IndexByte(rest, s[sep])
	if sep2 < 1 || sep2 > 2 || !digitsAt(rest, 0, sep2) {
		return "", false
	}
	year := rest[sep2+1:]
	if sp := strings.IndexByte(year, ' '); sp > 0 {
		year = year[:sp]
	}
	if len(year) != 4 || !digitsAt(year, 0, 4) {
		return "", false
	}
	return year + "-" + pad2(rest[:sep2]) + "-" + pad2(s[:sep]), true
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

func digitsAt(s string, at, n int) bool {
	if at+n > len(s) {
		return false
	}
	for i := at; i < at+n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseBool reads the yes/no words suppliers write.
func ParseBool(s string) (v, ok bool) {
	switch strings.ToLower(s) {
	case "ja", "j", "yes", "y", "true", "t", "sand", "1", "x":
		return true, true
	case "nej", "n", "no", "false", "f", "falsk", "0":
		return false, true
	}
	return false, false
}

// Separators is a set of bytes that separate several values in one cell.
type Separators [256]bool

// NewSeparators returns the set of the bytes in s.
func NewSeparators(s string) *Separators {
	var set Separators
	for i := 0; i < len(s); i++ {
		set[s[i]] = true
	}
	return &set
}

// SplitList calls fn for each non-empty value of a cell that holds several,
// separated by any byte in seps. A table lookup per byte, not
// strings.IndexAny, which builds its set on every call.
func SplitList(s string, seps *Separators, fn func(string)) {
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && !seps[s[i]] {
			continue
		}
		if part := strings.TrimSpace(s[start:i]); part != "" {
			fn(part)
		}
		start = i + 1
	}
}
