package units

import (
	"slices"
	"strconv"
	"strings"
)

// Status is a code's standing in Rec 20. Rec 21 codes are always Active.
type Status uint8

// Statuses of a code.
const (
	Active     Status = iota
	Deprecated        // still listed, but Rec 20 advises against it; not valid in Peppol
	Deleted           // removed from Rec 20; OIOUBL 2.x may still accept it
)

func (s Status) String() string {
	switch s {
	case Active:
		return "active"
	case Deprecated:
		return "deprecated"
	case Deleted:
		return "deleted"
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// Unit is one code of the table.
type Unit struct {
	Code   string
	Name   string // English name from Rec 20 or Rec 21
	Status Status
	Rec21  bool // a Rec 21 package code in its X-prefixed form, e.g. XBX
	// Membership of the code lists the two target formats validate against:
	// Peppol BIS 3 (2026.5) and OIOUBL 2.x (UN/CEFACT 66411:2001).
	InPeppol bool
	InOIOUBL bool
}

// codePair is one entry of the generated translation tables.
type codePair struct{ from, to string }

// Lookup finds a code exactly, ignoring case: unit codes are upper case, but
// spreadsheets lower-case them often enough that "kgm" has to work.
func Lookup(code string) (Unit, bool) {
	if i, ok := index(code); ok {
		return table[i], true
	}
	return Unit{}, false
}

// All returns a copy of the whole table, sorted by code.
func All() []Unit { return slices.Clone(table) }

// index is the allocation-free core of Lookup.
func index(code string) (int, bool) {
	n := len(code)
	if n == 0 || n > maxCodeLen {
		return 0, false
	}
	var buf [maxCodeLen]byte
	key := code
	if strings.ContainsFunc(code, isLowerASCII) {
		for i := range n {
			c := code[i]
			if isLowerASCII(rune(c)) {
				c -= 'a' - 'A'
			}
			buf[i] = c
		}
		key = string(buf[:n]) // stays on the stack as long as key does not escape
	}
	// Hand-written rather than slices.BinarySearchFunc: passing key through
	// the generic call makes it escape, and Lookup must not allocate.
	lo, hi := 0, len(table)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if table[m].Code < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(table) && table[lo].Code == key
}

func isLowerASCII(r rune) bool { return 'a' <= r && r <= 'z' }

// find looks up code in one of the generated, sorted translation tables.
func find(ps []codePair, code string) (string, bool) {
	i, ok := slices.BinarySearchFunc(ps, code, func(p codePair, c string) int { return strings.Compare(p.from, c) })
	if !ok {
		return "", false
	}
	return ps[i].to, true
}

// replacement gives the current code of the same meaning for a deleted or
// deprecated one.
func replacement(code string) (string, bool) { return find(replacements, code) }
