package tabular

import (
	"strconv"
	"strings"
)

// ParseNumber reads a number written with the decimal separator dec (',' or
// '.'). The other of the two, a space or a no-break space may group
// thousands, but only in groups of three digits, so "12,5,0" and, with a
// decimal comma, "12.5" do not read. It does not allocate.
func ParseNumber(s string, dec byte) (float64, bool) {
	if s == "" || len(s) > 60 {
		return 0, false
	}
	if dec == '.' && plain(s) {
		v, err := strconv.ParseFloat(s, 64)
		return v, err == nil
	}
	var buf [64]byte
	n := 0
	i := 0
	if s[0] == '-' || s[0] == '+' {
		buf[0] = s[0]
		n, i = 1, 1
	}
	digits, group := 0, -1 // group: digits since the last thousands separator, -1 before any
	seenDec := false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			buf[n] = c
			n++
			digits++
			if group >= 0 {
				group++
			}
		case c == dec:
			if seenDec || digits == 0 && !strings.ContainsAny(s[i+1:], "0123456789") || group >= 0 && group != 3 {
				return 0, false
			}
			seenDec, group = true, -1
			buf[n] = '.'
			n++
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
	v, err := strconv.ParseFloat(string(buf[:n]), 64)
	return v, err == nil
}

func isThousands(c, dec byte) bool {
	return c == ' ' || c == '\'' || (c == '.' || c == ',') && c != dec
}

// plain reports whether s is digits with at most a sign and one point.
func plain(s string) bool {
	dot := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && !dot:
			dot = true
		case (c == '-' || c == '+') && i == 0 && len(s) > 1:
		default:
			return false
		}
	}
	return true
}

// DecimalVotes tallies how numbers in a sample are written, so that a file's
// decimal separator is decided once, from the file, not guessed per cell.
type DecimalVotes struct{ Comma, Point int }

// Add looks at one numeric cell.
func (v *DecimalVotes) Add(s string) {
	s = strings.TrimSpace(s)
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
	case "ja", "j", "yes", "y", "true", "sand", "1", "x":
		return true, true
	case "nej", "n", "no", "false", "falsk", "0":
		return false, true
	}
	return false, false
}

// SplitList calls fn for each non-empty value of a cell that holds several,
// separated by any byte of seps.
func SplitList(s string, seps string, fn func(string)) {
	for s != "" {
		i := strings.IndexAny(s, seps)
		part := s
		if i >= 0 {
			part, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if part = strings.TrimSpace(part); part != "" {
			fn(part)
		}
	}
}
