package tabular

import (
	"slices"
	"testing"
)

func TestCutCurrency(t *testing.T) {
	for _, tc := range []struct {
		in, num, word string
		codes         []string
		ok            bool
	}{
		{"kr. 42,50", "42,50", "kr.", []string{"DKK", "SEK", "NOK", "ISK"}, true},
		{"12,50 kr", "12,50", "kr", []string{"DKK", "SEK", "NOK", "ISK"}, true},
		{"12,50kr.", "12,50", "kr.", []string{"DKK", "SEK", "NOK", "ISK"}, true},
		{"DKK 12,50", "12,50", "DKK", []string{"DKK"}, true},
		{"12.50 EUR", "12.50", "EUR", []string{"EUR"}, true},
		{"€ 3,10", "3,10", "€", []string{"EUR"}, true},
		{"3,10€", "3,10", "€", []string{"EUR"}, true},
		{"kr. 42,-", "42", "kr.", []string{"DKK", "SEK", "NOK", "ISK"}, true},
		{"42,-", "42", "", nil, true},
		{"kroner", "kroner", "", nil, false},
		{"kr", "kr", "", nil, false},
		{"12,50", "12,50", "", nil, false},
		{"", "", "", nil, false},
	} {
		num, word, codes, ok := cutCurrency(tc.in)
		if num != tc.num || word != tc.word || !slices.Equal(codes, tc.codes) || ok != tc.ok {
			t.Errorf("cutCurrency(%q) = %q %q %v %v; want %q %q %v %v", tc.in, num, word, codes, ok, tc.num, tc.word, tc.codes, tc.ok)
		}
	}
	var v DecimalVotes
	v.Add("kr. 1234")
	v.Add("kr. 12,50")
	if v.Decide(0) != ',' {
		t.Errorf("votes %+v", v)
	}
}
