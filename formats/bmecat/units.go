package bmecat

//go:generate go run ./internal/gen -shared ../../../shared/standards -o codes_gen.go

import "slices"

// unitPair is one entry of the generated unit translation.
type unitPair struct{ from, to string }

// inList reports whether code is in the sorted list.
func inList(list []string, code string) bool {
	_, ok := slices.BinarySearch(list, code)
	return ok
}

// UnitCode returns the BMEcat code of a canonical unit code (UN/ECE Rec 20 or
// a Rec 21 X-form): the code itself where BMEcat's list (Rec 20 of 3-2000,
// the same in 1.2 and 2005) has it, else the code of the same meaning from
// the generated table (H87 → C62, XBX → BX, XPK → PK). ok is false when
// BMEcat has no code of that meaning.
func UnitCode(code string) (string, bool) {
	if code == "" {
		return "", false
	}
	if inList(punits2005, code) {
		return code, true
	}
	i, ok := slices.BinarySearchFunc(unitForms, code, func(p unitPair, c string) int {
		switch {
		case p.from < c:
			return -1
		case p.from > c:
			return 1
		}
		return 0
	})
	if ok {
		return unitForms[i].to, true
	}
	return "", false
}
