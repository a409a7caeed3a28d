package peppol

import (
	"math"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog/check"
)

var nan = math.NaN()

// number is XPath 2.0 number() of a string: its xs:double value, or NaN
// when the string is not an xs:double literal (XML Schema 1.0 lexical
// space: optional sign, digits with an optional fraction, an optional
// exponent; INF, -INF and NaN; white space around is allowed). Comparisons
// with NaN are false in Go as in XPath, which is what makes a malformed
// date or quantity fail the rules that compare it.
func number(s string) float64 {
	s = check.XMLTrim(s)
	switch s {
	case "":
		return nan
	case "INF":
		return math.Inf(1)
	case "-INF":
		return math.Inf(-1)
	case "NaN":
		return nan
	}
	i := 0
	neg := s[0] == '-'
	if s[0] == '+' || neg {
		i++
	}
	var v uint64
	intDigits, fracDigits := 0, 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		if intDigits < 19 {
			v = v*10 + uint64(s[i]-'0')
		}
		intDigits++
	}
	simple := true
	if i < len(s) && s[i] == '.' {
		simple = false
		for i++; i < len(s) && isDigit(s[i]); i++ {
			fracDigits++
		}
	}
	if intDigits+fracDigits == 0 {
		return nan
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		simple = false
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && isDigit(s[i]); i++ {
			exp++
		}
		if exp == 0 {
			return nan
		}
	}
	if i != len(s) {
		return nan
	}
	if simple && intDigits <= 15 {
		f := float64(v)
		if neg {
			f = -f
		}
		return f
	}
	// A literal too long for an exact integer, or with a fraction or an
	// exponent; out of range is ±INF as the XPath cast makes it.
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// dateNumber is the T19 rules' number(translate(date, '-', ”)): the date's
// digits as one number (2026-05-31 is 20260531), NaN for anything else
// that is not a number once the hyphens are gone.
func dateNumber(s string) float64 {
	t := check.XMLTrim(s)
	var v uint64
	n := 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == '-':
		case isDigit(c) && n < 15:
			v = v*10 + uint64(c-'0')
			n++
		default:
			return number(strings.ReplaceAll(s, "-", "")) // rare: not digits and hyphens
		}
	}
	if n == 0 {
		return nan
	}
	return float64(v)
}

// xsDate is PEPPOL-COMMON-R030: (string(.) castable as xs:date) and
// (string-length(.) = 10). check.Date refuses year 0000, which the
// Saxon-based official validator (XML Schema 1.1 dates) accepts as 1 BC, a
// leap year like 2000.
func xsDate(s string) bool {
	if len(s) == 10 && s[:4] == "0000" {
		return check.Date("2000" + s[4:])
	}
	return check.Date(s)
}
