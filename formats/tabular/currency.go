package tabular

import (
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
)

// currencyWords are the currency words and signs suppliers write next to a
// price ("kr. 42,50", "12,50 kr", "DKK 12,50", "€ 3,10"), with the ISO 4217
// codes each may mean; longer words first, so that "kr." is cut whole.
var currencyWords = []struct {
	word  string
	codes []string
}{
	{"euro", []string{"EUR"}}, {"kr.", []string{"DKK", "SEK", "NOK", "ISK"}}, {"kr", []string{"DKK", "SEK", "NOK", "ISK"}},
	{"dkk", []string{"DKK"}}, {"sek", []string{"SEK"}}, {"nok", []string{"NOK"}}, {"eur", []string{"EUR"}},
	{"usd", []string{"USD"}}, {"gbp", []string{"GBP"}}, {"chf", []string{"CHF"}}, {"pln", []string{"PLN"}},
	{"isk", []string{"ISK"}}, {"€", []string{"EUR"}}, {"$", []string{"USD"}}, {"£", []string{"GBP"}},
}

// cutCurrency splits a price written with a currency word or sign before or
// after it into the number and the word; a trailing ",-" or ".-" (42,-)
// means whole units. ok is false when s has no such word.
func cutCurrency(s string) (num, word string, codes []string, ok bool) {
	s = strings.TrimSpace(s)
	for _, c := range currencyWords {
		n := len(c.word)
		switch {
		case len(s) > n && strings.EqualFold(s[:n], c.word):
			rest := s[n:]
			if c.word[n-1] >= 'a' && c.word[n-1] <= 'z' && rest[0] != ' ' && (rest[0] < '0' || rest[0] > '9') && rest[0] != '-' {
				continue // a word that goes on ("krone…")
			}
			return trimDash(strings.TrimSpace(rest)), s[:n], c.codes, true
		case len(s) > n && strings.EqualFold(s[len(s)-n:], c.word):
			return trimDash(strings.TrimSpace(s[:len(s)-n])), s[len(s)-n:], c.codes, true
		}
	}
	if t := trimDash(s); t != s {
		return t, "", nil, true
	}
	return s, "", nil, false
}

// trimDash reads "42,-" and "42.-" as 42.
func trimDash(s string) string {
	if strings.HasSuffix(s, ",-") || strings.HasSuffix(s, ".-") {
		return s[:len(s)-2]
	}
	return s
}

// currencyNote compares the currency word of the row's price with the
// line's currency, once the row is read: a currency the word cannot mean is
// a note; a line without a currency takes the word's when the word names
// one currency only.
func (p *Plan) currencyNote(l *catalog.Line) {
	word, codes := p.priceWord, p.priceCodes
	p.priceWord, p.priceCodes = "", nil
	cur := strings.ToUpper(strings.TrimSpace(l.Currency))
	if cur == "" {
		if len(codes) == 1 {
			l.Currency = codes[0]
		}
		return
	}
	for _, c := range codes {
		if c == cur {
			return
		}
	}
	l.Findings = append(l.Findings, catalog.Finding{Rule: catalog.RulePriceCurrencyWord, Severity: catalog.Info, Line: l.Src.Line,
		Pos: p.Locate(l, catalog.FieldPrice), Field: "price", Value: word, Args: []string{word, strings.Join(codes, "/"), l.Currency}})
}
