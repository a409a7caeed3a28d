package tabout

import (
	"testing"

	"github.com/ekatalog/ekatalog/catalog/units"
)

// TestUnitWordsReadBack: each word the "word" style writes reads back as
// its code, or as a code of the same meaning (EA and C62 are pieces too).
func TestUnitWordsReadBack(t *testing.T) {
	for code, word := range unitWords {
		r, ok := units.Resolve(word)
		if !ok {
			t.Errorf("%s: %q is not a unit word", code, word)
			continue
		}
		if r.Code != code && !(word == "stk" && (code == "EA" || code == "C62")) {
			t.Errorf("%s is written %q, which reads back as %s", code, word, r.Code)
		}
	}
}
