package units

// Kind is the quantity a unit measures. Quantities compare only within a
// kind: kilograms against grams, pieces against dozens, never kilograms
// against pieces.
type Kind uint8

// The kinds of quantity; KindNone is a unit that is no quantity of its
// own (a package such as XBX, or an unknown code).
const (
	KindNone Kind = iota
	KindCount
	KindMass
	KindVolume
	KindLength
	KindArea
	KindTime
	KindEnergy
)

var kindBase = [...]string{KindNone: "", KindCount: "H87", KindMass: "KGM", KindVolume: "LTR",
	KindLength: "MTR", KindArea: "MTK", KindTime: "HUR", KindEnergy: "KWH"}

// Base is the unit a kind's quantities are expressed in (H87, KGM, LTR,
// MTR, MTK, HUR, KWH); "" for KindNone.
func (k Kind) Base() string {
	if int(k) < len(kindBase) {
		return kindBase[k]
	}
	return ""
}

// Measure is what one unit amounts to: Factor units of its kind's base.
type Measure struct {
	Kind   Kind
	Factor float64
}

// measures are the Rec 20 units catalogues sell by, with their conversion
// factors from Rec 20 Annex II ("Conversion Factor" column), expressed in
// the kind's base unit. TestMeasuresAgreeWithRec20 checks every factor
// against the published Rec 20 list. Rec 21 package codes (XBX, XPK, …) are
// not here: a package amounts to its pack quantity of content units.
var measures = map[string]Measure{
	// count: H87 (piece), EA (each), C62 (one) and NAR (number of articles)
	// are all one item; Rec 20 gives the multiples.
	"H87": {KindCount, 1}, "EA": {KindCount, 1}, "C62": {KindCount, 1}, "NAR": {KindCount, 1},
	"PR": {KindCount, 2}, "DZN": {KindCount, 12}, "CEN": {KindCount, 100}, "GRO": {KindCount, 144},
	"MIL": {KindCount, 1e3}, "MIO": {KindCount, 1e6},
	// mass, per kilogram
	"KGM": {KindMass, 1}, "GRM": {KindMass, 1e-3}, "MGM": {KindMass, 1e-6}, "HGM": {KindMass, 0.1},
	"DTN": {KindMass, 100}, "TNE": {KindMass, 1e3}, "KTN": {KindMass, 1e6},
	"LBR": {KindMass, 0.45359237}, "ONZ": {KindMass, 0.02834952},
	// volume, per litre
	"LTR": {KindVolume, 1}, "MLT": {KindVolume, 1e-3}, "CLT": {KindVolume, 1e-2}, "DLT": {KindVolume, 0.1},
	"HLT": {KindVolume, 100}, "MTQ": {KindVolume, 1e3}, "DMQ": {KindVolume, 1}, "CMQ": {KindVolume, 1e-3},
	"MMQ": {KindVolume, 1e-6},
	// length, per metre
	"MTR": {KindLength, 1}, "MMT": {KindLength, 1e-3}, "CMT": {KindLength, 1e-2}, "DMT": {KindLength, 0.1},
	"KMT": {KindLength, 1e3}, "INH": {KindLength, 0.0254}, "FOT": {KindLength, 0.3048}, "YRD": {KindLength, 0.9144},
	// area, per square metre
	"MTK": {KindArea, 1}, "DMK": {KindArea, 1e-2}, "CMK": {KindArea, 1e-4}, "MMK": {KindArea, 1e-6},
	"HAR": {KindArea, 1e4},
	// time, per hour (services)
	"HUR": {KindTime, 1}, "MIN": {KindTime, 1.0 / 60}, "SEC": {KindTime, 1.0 / 3600}, "DAY": {KindTime, 24},
	"WEE": {KindTime, 168},
	// energy, per kilowatt hour
	"KWH": {KindEnergy, 1}, "WHR": {KindEnergy, 1e-3}, "MWH": {KindEnergy, 1e3},
}

// MeasureOf returns what one unit of a Rec 20 code amounts to; ok is false
// for a code that is no quantity of its own (a package, an unknown code),
// whose Measure is then the zero value, KindNone.
func MeasureOf(code string) (m Measure, ok bool) {
	m, ok = measures[code]
	return m, ok
}

// Canonical returns H87 for the codes that count single items (H87 piece,
// EA each, C62 one, NAR number of articles) and any other code as it is:
// writers differ in which of them they use for the same thing.
func Canonical(code string) string {
	if m, ok := measures[code]; ok && m.Kind == KindCount && m.Factor == 1 {
		return "H87"
	}
	return code
}
