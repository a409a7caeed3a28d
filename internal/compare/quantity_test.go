package compare

import (
	"math"
	"testing"

	"github.com/ekatalog/ekatalog/catalog/units"
)

func TestAmount(t *testing.T) {
	var uc unitCache
	tests := []struct {
		unit    string
		pack    float64
		content string
		kind    kind
		amount  float64
		ok      bool
	}{
		{"stk", 0, "", kindCount, 1, true},
		{"H87", 10, "", kindCount, 1, true}, // a piece's pack quantity alone says nothing
		{"XBX", 10, "", kindCount, 10, true},
		{"æske", 10, "", kindCount, 10, true},
		{"XBX", 0, "", kindNone, 0, false},
		{"pakke", 500, "g", units.KindMass, 0.5, true},
		{"XBX", 6, "LTR", units.KindVolume, 6, true},
		{"kg", 0, "", units.KindMass, 1, true},
		{"GRM", 0, "", units.KindMass, 0.001, true},
		{"DZN", 0, "", kindCount, 12, true},
		{"PR", 0, "", kindCount, 2, true},
		{"ml", 0, "", units.KindVolume, 0.001, true},
		{"noget", 5, "", kindNone, 0, false},
		{"XPK", 4, "XBX", kindNone, 0, false}, // boxes in a pack: no quantity
	}
	for _, tc := range tests {
		k, amt, ok := amount(uc.get(tc.unit), tc.pack, tc.pack > 0, uc.get(tc.content), tc.content != "")
		if k != tc.kind || ok != tc.ok || math.Abs(amt-tc.amount) > 1e-12 {
			t.Errorf("%s of %v %s: %v %v %v, want %v %v %v", tc.unit, tc.pack, tc.content, k, amt, ok, tc.kind, tc.amount, tc.ok)
		}
	}
}
