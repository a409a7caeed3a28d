package mappings

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/schemas"
	"golang.org/x/text/unicode/norm"
)

//go:embed headers.json
var data embed.FS

// Target is what a column maps to: a canonical field, a classification of
// a scheme, or extra.
type Target struct {
	Field  catalog.Field
	Scheme string // for FieldClassification
}

// IsExtra reports whether the column is kept under extra.
func (t Target) IsExtra() bool { return t.Field == catalog.FieldExtra }

func (t Target) String() string {
	if t.Field == catalog.FieldClassification {
		return "classification:" + t.Scheme
	}
	return t.Field.String()
}

// ParseTarget reads "price", "classification:UNSPSC" or "extra".
func ParseTarget(s string) (Target, error) {
	if scheme, ok := strings.CutPrefix(s, "classification:"); ok && scheme != "" {
		return Target{Field: catalog.FieldClassification, Scheme: strings.ToUpper(scheme)}, nil
	}
	f, ok := catalog.FieldByName(s)
	if !ok || f == catalog.FieldClassification || f == catalog.FieldUnitText {
		return Target{}, fmt.Errorf("unknown field %q", s)
	}
	return Target{Field: f}, nil
}

// Mapping says how to read a spreadsheet-like catalogue: which header maps to
// which field, and optionally how the file is laid out.
type Mapping struct {
	Description    string            `json:"description,omitempty"`
	Columns        map[string]string `json:"columns,omitempty"`
	ReplaceBuiltIn bool              `json:"replaceBuiltIn,omitempty"`
	HeaderRow      int               `json:"headerRow,omitempty"`
	Sheet          string            `json:"sheet,omitempty"`
	Delimiter      string            `json:"delimiter,omitempty"`
	Decimal        string            `json:"decimal,omitempty"`
	Encoding       string            `json:"encoding,omitempty"`
	ListSeparator  string            `json:"listSeparator,omitempty"`

	index map[string]Target
	// loose is the index by LooseHeader, for headers the exact index does
	// not know; a loose key two targets share is left out.
	loose map[string]Target
}

// Lookup returns the target of a header cell: a synonym as written (case
// and surrounding spaces aside), else one that differs from it only in
// case, accents and punctuation ("EAN nr" for "EAN-nr.", "Benamning" for
// "Benämning").
func (m *Mapping) Lookup(header string) (Target, bool) {
	if t, ok := m.index[NormalizeHeader(header)]; ok {
		return t, ok
	}
	t, ok := m.loose[LooseHeader(header)]
	return t, ok
}

// LooseHeader folds a header for matching regardless of case, accents and
// punctuation: letters and digits only, lower case, accents removed (æ ae,
// ø o, å a, ß ss).
func LooseHeader(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
		case r == 'ø' || r == 'Ø':
			b.WriteByte('o')
		case r == 'ß':
			b.WriteString("ss")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// looseIndex builds the loose index of an exact one.
func looseIndex(idx map[string]Target) map[string]Target {
	loose := make(map[string]Target, len(idx))
	clash := map[string]bool{}
	for k, t := range idx {
		lk := LooseHeader(k)
		if lk == "" || clash[lk] {
			continue
		}
		if prev, ok := loose[lk]; ok && prev != t {
			delete(loose, lk)
			clash[lk] = true
			continue
		}
		loose[lk] = t
	}
	return loose
}

// NormalizeHeader folds a header for matching: lower case, surrounding
// spaces and a trailing '.' or ':' removed, inner runs of spaces folded.
func NormalizeHeader(s string) string {
	s = strings.TrimSpace(strings.ToLower(s))
	s = strings.TrimRight(s, ".:")
	s = strings.TrimSpace(s)
	if strings.Contains(s, "  ") || strings.ContainsAny(s, "\t\u00a0") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

// Languages are the languages of the header synonyms in headers.json, in
// the order HeaderSynonyms lists them: Danish first.
var Languages = []string{"da", "en", "de", "sv", "no", "pt"}

// synonymFile is headers.json: per target, per language, the headers.
type synonymFile map[string]map[string][]string

var builtinFile = sync.OnceValues(func() (synonymFile, error) {
	b, err := data.ReadFile("headers.json")
	if err != nil {
		return nil, err
	}
	var syn synonymFile
	if err := json.Unmarshal(b, &syn); err != nil {
		return nil, fmt.Errorf("headers.json: %w", err)
	}
	for t, langs := range syn {
		for l := range langs {
			if !slices.Contains(Languages, l) {
				return nil, fmt.Errorf("headers.json: %s: unknown language %q", t, l)
			}
		}
	}
	return syn, nil
})

var builtin = sync.OnceValues(func() (map[string]Target, error) {
	syn, err := builtinFile()
	if err != nil {
		return nil, err
	}
	idx := make(map[string]Target)
	for field, langs := range syn {
		t, err := ParseTarget(field)
		if err != nil {
			return nil, fmt.Errorf("headers.json: %w", err)
		}
		for _, headers := range langs {
			for _, h := range headers {
				k := NormalizeHeader(h)
				if prev, dup := idx[k]; dup && prev != t {
					return nil, fmt.Errorf("headers.json: %q maps to both %s and %s", h, prev, t)
				}
				idx[k] = t
			}
		}
	}
	return idx, nil
})

// builtinLoose is the loose index of the built-in synonyms alone.
var builtinLoose = sync.OnceValue(func() map[string]Target {
	idx, err := builtin()
	if err != nil {
		panic(err) // embedded data is checked by the tests
	}
	return looseIndex(idx)
})

// headerLangs is, per loosely folded header, the languages whose synonyms
// hold it.
var headerLangs = sync.OnceValue(func() map[string][]string {
	syn, err := builtinFile()
	if err != nil {
		panic(err) // embedded data is checked by the tests
	}
	m := make(map[string][]string)
	for _, langs := range syn {
		for l, headers := range langs {
			for _, h := range headers {
				k := LooseHeader(h)
				if !slices.Contains(m[k], l) {
					m[k] = append(m[k], l)
				}
			}
		}
	}
	return m
})

// HeaderLanguages returns the languages of the built-in synonyms a header
// cell is ("Varenavn": da, no; "EAN": every language); nil for a header
// the built-in synonyms do not hold.
func HeaderLanguages(header string) []string { return headerLangs()[LooseHeader(header)] }

// BuiltinSynonyms returns the embedded header synonyms, normalised header →
// target.
func BuiltinSynonyms() map[string]Target {
	idx, err := builtin()
	if err != nil {
		panic(err) // embedded data is checked by the tests
	}
	return idx
}

// HeaderSynonyms returns the embedded header synonyms as written, per
// target ("price", "classification:UNSPSC"), in the order of Languages:
// the Danish headers first. Supplier templates take their headers from it.
func HeaderSynonyms() map[string][]string {
	syn, err := builtinFile()
	if err != nil {
		panic(err) // embedded data is checked by the tests
	}
	out := make(map[string][]string, len(syn))
	for t, langs := range syn {
		var all []string
		for _, l := range Languages {
			for _, h := range langs[l] {
				if !slices.Contains(all, h) {
					all = append(all, h)
				}
			}
		}
		out[t] = all
	}
	return out
}

// Default returns the mapping of the built-in header synonyms.
func Default() *Mapping {
	m, err := build(&Mapping{})
	if err != nil {
		panic(err) // embedded data is checked by the tests
	}
	return m
}

// Parse reads a user mapping file; name is used in errors. The file is
// checked against schemas/mapping.schema.json first, so a problem is named by
// its JSON path.
func Parse(name string, b []byte) (*Mapping, error) {
	if err := schemas.Check(schemas.Mapping, b); err != nil {
		return nil, fmt.Errorf("%s: invalid mapping: %w", name, err)
	}
	var m Mapping
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out, err := build(&m)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

func build(m *Mapping) (*Mapping, error) {
	m.index = make(map[string]Target)
	if !m.ReplaceBuiltIn {
		idx, err := builtin()
		if err != nil {
			return nil, err
		}
		for k, v := range idx {
			m.index[k] = v
		}
	}
	for h, f := range m.Columns {
		t, err := ParseTarget(f)
		if err != nil {
			return nil, fmt.Errorf("at /columns/%s: %w", h, err)
		}
		m.index[NormalizeHeader(h)] = t
	}
	if len(m.Columns) == 0 && !m.ReplaceBuiltIn {
		m.loose = builtinLoose() // every file opened with the defaults shares it
	} else {
		m.loose = looseIndex(m.index)
	}
	return m, nil
}
