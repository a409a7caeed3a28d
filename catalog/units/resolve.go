package units

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Resolution is what Resolve made of a piece of text.
type Resolution struct {
	Code string // normalised code, Peppol-valid where possible
	Unit Unit   // the unit of Code
	// ByAlias is true when the text was a free-text word, not a code.
	ByAlias bool
	// Alternatives is non-empty for ambiguous words: other plausible codes,
	// most likely first. It is shared; do not modify it.
	Alternatives []string
	// Deleted is true when the text was a code deleted from Rec 20 (PK, BX,
	// CT, ...). Code then holds the same-meaning replacement if one exists,
	// else the original.
	Deleted bool
	// Replaced is the original code when Code differs from it: a deleted
	// code, or a deprecated one Rec 20 names a successor for.
	Replaced string
}

// maxWordLen bounds the folded text Resolve looks up as a word; no alias is
// longer, and it keeps the folding buffer on the stack.
const maxWordLen = 32

// Resolve interprets a unit as written by a supplier: a code in any case
// ("H87", "kgm"), a retired code ("PK"), or a Danish or English word ("stk",
// "Æske", "kasse"). Surrounding space is ignored. It does not allocate.
//
// A word spelled like an unrelated code resolves as the word (see aliases);
// a word spelled like the code it stands for resolves as that code, so that
// "PK" is reported as the retired code it is.
func Resolve(text string) (Resolution, bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Resolution{}, false
	}
	var buf [maxWordLen]byte
	word := fold(&buf, text)
	a, isWord := aliases[string(word)]
	i, isCode := index(text)
	switch {
	case isWord && (!isCode || current(table[i].Code) != a.code):
		j, _ := index(a.code)
		return Resolution{Code: a.code, Unit: table[j], ByAlias: true, Alternatives: a.alts}, true
	case isCode:
		return resolveCode(i), true
	case strings.HasSuffix(text, "."):
		// "rl.", "Stk.": abbreviations keep their dot at least as often as not.
		return Resolve(text[:len(text)-1])
	case isPluralEnding(text):
		// "pakke(r)", "stk(s)": a unit column written for any quantity.
		return Resolve(text[:strings.LastIndexByte(text, '(')])
	}
	return Resolution{}, false
}

// isPluralEnding reports whether s ends in one or two letters in
// parentheses, as in "pakke(r)" or "æske(er)".
func isPluralEnding(s string) bool {
	open := strings.LastIndexByte(s, '(')
	if open <= 0 || !strings.HasSuffix(s, ")") {
		return false
	}
	inner := s[open+1 : len(s)-1]
	return len(inner) >= 1 && len(inner) <= 2 && !strings.ContainsFunc(inner, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
	})
}

func resolveCode(i int) Resolution {
	u := table[i]
	r := Resolution{Code: u.Code, Unit: u, Deleted: u.Status == Deleted}
	if to, ok := replacement(u.Code); ok {
		j, _ := index(to)
		r.Code, r.Unit, r.Replaced = to, table[j], u.Code
	}
	return r
}

// current is code, or its replacement if it was retired.
func current(code string) string {
	if to, ok := replacement(code); ok {
		return to
	}
	return code
}

// fold lower-cases s into buf, collapses runs of white space and composes
// "a" + combining ring into "å" (macOS file names and some PDFs decompose
// it). It returns nil when s does not fit; no alias is that long.
func fold(buf *[maxWordLen]byte, s string) []byte {
	n := 0
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			if space {
				continue
			}
			r, space = ' ', true
		case r == '\u030a' && n > 0 && buf[n-1] == 'a':
			n--
			r, space = 'å', false
		default:
			r, space = unicode.ToLower(r), false
		}
		if n+utf8.RuneLen(r) > len(buf) {
			return nil
		}
		n += utf8.EncodeRune(buf[n:], r)
	}
	return buf[:n]
}

// AliasesOf returns the words that resolve to code, sorted.
func AliasesOf(code string) []string {
	i, ok := index(code)
	if !ok {
		return nil
	}
	var words []string
	for w, a := range aliases {
		if a.code == table[i].Code {
			words = append(words, w)
		}
	}
	slices.Sort(words)
	return words
}

// Target is an output format whose unit code list a code must be in.
type Target uint8

// Targets.
const (
	Peppol Target = iota // Peppol BIS 3: Rec 20 active codes and Rec 21 X-forms
	OIOUBL               // OIOUBL 2.x: the 2001 Rec 20 list, deleted codes included
)

func (t Target) String() string {
	switch t {
	case Peppol:
		return "peppol"
	case OIOUBL:
		return "oioubl"
	}
	return "Target(" + strconv.Itoa(int(t)) + ")"
}

// ForTarget translates code to the code of the same meaning in the target's
// list: for OIOUBL H87 → EA, XBX → BX, XPK → PK; for Peppol PK → XPK,
// BX → XBX, PF → XPX (never XPF, which is a pen for animals). ok is false
// when the target has no code of that meaning.
func ForTarget(code string, t Target) (string, bool) {
	i, ok := index(code)
	if !ok {
		return "", false
	}
	u := table[i]
	switch t {
	case Peppol:
		if u.InPeppol {
			return u.Code, true
		}
		if to, ok := replacement(u.Code); ok {
			return to, true
		}
	case OIOUBL:
		if u.InOIOUBL {
			return u.Code, true
		}
		// A retired code OIOUBL never had (NRL) may still have a current
		// form OIOUBL knows by another legacy code (RO).
		if to, ok := find(oioublForms, current(u.Code)); ok {
			return to, true
		}
	}
	return "", false
}

// maxSearch bounds Search's answer; it is meant for a person to read.
const maxSearch = 25

// Search lists candidate codes for text, best first: the resolution of the
// text and the alternatives of an ambiguous word, then words starting with
// the text, then units whose name contains it. Retired codes appear as their
// replacement where they have one. It is for people ("ekatalog units kasse"), not for the hot path.
func Search(text string) []Resolution {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	var out []Resolution
	seen := map[string]bool{}
	add := func(r Resolution) {
		if len(out) < maxSearch && !seen[r.Code] {
			seen[r.Code] = true
			out = append(out, r)
		}
	}
	if r, ok := ResolveIn(text, "da"); ok {
		// A Danish word spelled like a code lists the code next (ps: pose,
		// then PS).
		add(r)
		for _, alt := range r.Alternatives {
			j, _ := index(alt)
			add(Resolution{Code: alt, Unit: table[j], ByAlias: true})
		}
	}

	var buf [maxWordLen]byte
	if word := fold(&buf, text); word != nil {
		prefix := string(word)
		var words []string
		for w := range aliases {
			if strings.HasPrefix(w, prefix) {
				words = append(words, w)
			}
		}
		slices.Sort(words)
		for _, w := range words {
			r, _ := Resolve(w)
			add(r)
		}
	}

	// Names: those valid in Peppol first, then equal before starting with
	// before containing the text.
	q := strings.ToLower(text)
	type hit struct{ rank, i int }
	var hits []hit
	for i, u := range table {
		name := strings.ToLower(u.Name)
		rank := 0
		switch {
		case name == q:
		case strings.HasPrefix(name, q):
			rank = 1
		case strings.Contains(name, q):
			rank = 2
		default:
			continue
		}
		if !u.InPeppol {
			rank += 3
		}
		hits = append(hits, hit{rank, i})
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return a.rank - b.rank })
	for _, h := range hits {
		add(resolveCode(h.i))
	}
	return out
}
