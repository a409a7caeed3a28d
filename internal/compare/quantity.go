package compare

import (
	"strings"

	"github.com/ekatalog/ekatalog/catalog/units"
)

// kind is the quantity a unit measures (units.Kind): prices compare only
// within a kind.
type kind = units.Kind

const (
	kindNone  = units.KindNone
	kindCount = units.KindCount
)

// measure is what one unit amounts to (units.Measure).
type measure = units.Measure

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
		u.measure, _ = units.MeasureOf(r.Code)
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
	if hasPack && pack > 0 && hasContent && content.Kind != kindNone {
		return content.Kind, pack * content.Factor, true
	}
	if unit.Kind != kindNone {
		return unit.Kind, unit.Factor, true
	}
	if unit.code == "" || !hasPack || pack <= 0 {
		return kindNone, 0, false
	}
	if hasContent {
		return kindNone, 0, false // a content unit that is no quantity
	}
	return kindCount, pack, true
}

// kindOf is the kind a unit code measures; kindNone for a package or an
// unknown code.
func kindOf(code string) kind {
	m, _ := units.MeasureOf(code)
	return m.Kind
}
