package compare

import (
	"strings"

	"github.com/ekatalog/ekatalog/catalog/units"
)

// kind is the quantity a unit measures. Prices compare only within a kind:
// kilograms against grams, pieces against dozens, never kilograms against
// pieces.
type kind uint8

const (
	kindNone kind = iota
	kindCount
	kindMass
	kindVolume
	kindLength
	kindArea
	kindTime
	kindEnergy
)

// kindBase is the unit a kind's prices are compared per.
var kindBase = [...]string{kindNone: "", kindCount: "H87", kindMass: "KGM", kindVolume: "LTR",
	kindLength: "MTR", kindArea: "MTK", kindTime: "HUR", kindEnergy: "KWH"}

// measure is what one unit amounts to: factor units of its kind's base.
type measure struct {
	kind   kind
	factor float64
}

// measures are the Rec 20 units catalogues sell by, with their conversion
// factors from Rec 20 Annex II ("Conversion Factor" column), expressed in
// the kind's base unit. TestMeasuresAgreeWithRec20 checks every factor
// against the published Rec 20 list. Rec 21 package codes (XBX, XPK, …) are not
// here: a package amounts to its pack quantity of content units.
var measures = map[string]measure{
	// count: H87 (piece), EA (each), C62 (one) and NAR (number of articles)
	// are all one item; Rec 20 gives the multiples.
	"H87": {kindCount, 1}, "EA": {kindCount, 1}, "C62": {kindCount, 1}, "NAR": {kindCount, 1},
	"PR": {kindCount, 2}, "DZN": {kindCount, 12}, "CEN": {kindCount, 100}, "GRO": {kindCount, 144},
	"MIL": {kindCount, 1e3}, "MIO": {kindCount, 1e6},
	// mass, per kilogram
	"KGM": {kindMass, 1}, "GRM": {kindMass, 1e-3}, "MGM": {kindMass, 1e-6}, "HGM": {kindMass, 0.1},
	"DTN": {kindMass, 100}, "TNE": {kindMass, 1e3}, "KTN": {kindMass, 1e6},
	"LBR": {kindMass, 0.45359237}, "ONZ": {kindMass, 0.02834952},
	// volume, per litre
	"LTR": {kindVolume, 1}, "MLT": {kindVolume, 1e-3}, "CLT": {kindVolume, 1e-2}, "DLT": {kindVolume, 0.1},
	"HLT": {kindVolume, 100}, "MTQ": {kindVolume, 1e3}, "DMQ": {kindVolume, 1}, "CMQ": {kindVolume, 1e-3},
	"MMQ": {kindVolume, 1e-6},
	// length, per metre
	"MTR": {kindLength, 1}, "MMT": {kindLength, 1e-3}, "CMT": {kindLength, 1e-2}, "DMT": {kindLength, 0.1},
	"KMT": {kindLength, 1e3}, "INH": {kindLength, 0.0254}, "FOT": {kindLength, 0.3048}, "YRD": {kindLength, 0.9144},
	// area, per square metre
	"MTK": {kindArea, 1}, "DMK": {kindArea, 1e-2}, "CMK": {kindArea, 1e-4}, "MMK": {kindArea, 1e-6},
	"HAR": {kindArea, 1e4},
	// time, per hour (services)
	"HUR": {kindTime, 1}, "MIN": {kindTime, 1.0 / 60}, "SEC": {kindTime, 1.0 / 3600}, "DAY": {kindTime, 24},
	"WEE": {kindTime, 168},
	// energy, per kilowatt hour
	"KWH": {kindEnergy, 1}, "WHR": {kindEnergy, 1e-3}, "MWH": {kindEnergy, 1e3},
}

// unitInfo is a unit as written, resolved once.
type unitInfo struct {
	code string // the Rec 20/21 code; "" when the text is no known unit
	measure
}

// unitCache resolves unit text with units.Resolve, the same normalisation
// the validator applies, and remembers the answer: a catalogue uses a
// handful of unit words a million times.
type unitCache struct {
	m map[string]unitInfo
}

// maxCachedUnits bounds the cache; a file with more distinct unit texts
// than this is resolved afresh for the rest.
const maxCachedUnits = 4096

func (c *unitCache) get(text string) unitInfo {
	if u, ok := c.m[text]; ok {
		return u
	}
	var u unitInfo
	if r, ok := units.Resolve(text); ok {
		u.code = r.Code
		u.measure = measures[r.Code]
	}
	if c.m == nil {
		c.m = make(map[string]unitInfo)
	}
	if len(c.m) < maxCachedUnits {
		c.m[strings.Clone(text)] = u // readers may reuse the text's memory
	}
	return u
}

// amount says how much of its kind one order unit holds. A unit that is a
// quantity itself (KGM, H87, DZN) amounts to its factor; its pack quantity
// counts only together with an explicit content unit. A package (XBX, XPK,
// or a word such as "æske") amounts to its pack quantity of content units,
// pieces (H87) when no content unit is given. ok is false when nothing can
// be said: a package without a pack quantity, or an unknown unit.
func amount(unit unitInfo, pack float64, hasPack bool, content unitInfo, hasContent bool) (kind, float64, bool) {
	if hasPack && pack > 0 && hasContent && content.kind != kindNone {
		return content.kind, pack * content.factor, true
	}
	if unit.kind != kindNone {
		return unit.kind, unit.factor, true
	}
	if unit.code == "" || !hasPack || pack <= 0 {
		return kindNone, 0, false
	}
	if hasContent {
		return kindNone, 0, false // a content unit that is no quantity
	}
	return kindCount, pack, true
}

// Canonical returns H87 for the codes that count single items (H87 piece,
// EA each, C62 one, NAR number of articles) and any other code as it is:
// writers differ in which of them they use for the same thing.
func Canonical(code string) string {
	if m, ok := measures[code]; ok && m.kind == kindCount && m.factor == 1 {
		return "H87"
	}
	return code
}
