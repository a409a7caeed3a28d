// Package tablegen builds table_gen.go of package units from the reference
// data in shared/standards. It is a library rather than part of the command
// so that the drift test can regenerate the table in memory.
package tablegen

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"go/format"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Paths inside shared/standards, as described in its SOURCES.md.
const (
	rec20File       = "unece-rec20-21/edi3/rec20-annexII.csv"
	rec21File       = "unece-rec20-21/edi3/rec21-data.csv"
	legacyFile      = "unece-rec20-21/derived-oioubl-legacy-codes-not-in-peppol.csv"
	peppolFile      = "peppol-poacc-bis3/derived/codelists-2026.5-embedded/UNECERec20.txt"
	peppolNamesFile = "peppol-poacc-bis3/derived/codelists-csv/UNECERec20-11e.csv"
	oioublFile      = "oioubl/derived/oioubl-quantity-unitcodes-66411-2001.txt"
	oioublNamesFile = "oioubl/codelists/CodeList_UnitCode_UNECE_7_04.xsd"
)

// Status names as spelled by the constants of package units.
const (
	active     = "Active"
	deprecated = "Deprecated"
	deleted    = "Deleted"
)

type unit struct {
	code, name     string
	status         string
	rec21          bool
	peppol, oioubl bool
}

type pair struct{ from, to, note string }

type data struct {
	units        map[string]*unit
	replacements []pair
	oioubl       []pair
}

// Generate reads the reference data from fsys (rooted at shared/standards)
// and returns the gofmt'ed source of table_gen.go.
func Generate(fsys fs.FS) ([]byte, error) {
	d, err := load(fsys)
	if err != nil {
		return nil, err
	}
	return d.render()
}

func load(fsys fs.FS) (*data, error) {
	d := &data{units: map[string]*unit{}}
	notes, err := d.readRec20(fsys)
	if err != nil {
		return nil, err
	}
	if err := d.readRec21(fsys); err != nil {
		return nil, err
	}
	if err := d.readPeppol(fsys); err != nil {
		return nil, err
	}
	if err := d.readOIOUBL(fsys); err != nil {
		return nil, err
	}
	if err := d.buildReplacements(fsys, notes); err != nil {
		return nil, err
	}
	if err := d.buildOIOUBL(); err != nil {
		return nil, err
	}
	return d, nil
}

// clean folds the runs of spaces, tabs and no-break spaces found in the
// source names, so that the same name from two sources compares equal.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

func readCSV(fsys fs.FS, name string) ([][]string, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	r.Comment = '#'
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("%s: no data rows", name)
	}
	return rows[1:], nil
}

func readList(fsys fs.FS, name string) ([]string, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	codes := strings.Fields(string(b))
	if len(codes) == 0 {
		return nil, fmt.Errorf("%s: empty", name)
	}
	return codes, nil
}

// useNote matches Rec 20's pointer from a retired code to its successor,
// e.g. "Use ounce (common code ONZ)".
var useNote = regexp.MustCompile(`\bUse\b[^.]*?\(common code ([0-9A-Z]{2,3})\)`)

func (d *data) readRec20(fsys fs.FS) (map[string]string, error) {
	rows, err := readCSV(fsys, rec20File)
	if err != nil {
		return nil, err
	}
	notes := map[string]string{}
	for _, row := range rows {
		if len(row) < 4 {
			return nil, fmt.Errorf("%s: short row %q", rec20File, row)
		}
		u := &unit{code: strings.TrimSpace(row[1]), name: clean(row[2])}
		switch strings.TrimSpace(row[0]) {
		case "", "+": // "+" marks an addition in this revision
			u.status = active
		case "D":
			u.status = deprecated
		case "X":
			u.status = deleted
		default:
			return nil, fmt.Errorf("%s: %s: unknown status %q", rec20File, u.code, row[0])
		}
		if err := d.add(u); err != nil {
			return nil, err
		}
		if u.status != active {
			if m := useNote.FindStringSubmatch(row[3]); m != nil {
				notes[u.code] = m[1]
			}
		}
	}
	return notes, nil
}

func (d *data) readRec21(fsys fs.FS) error {
	rows, err := readCSV(fsys, rec21File)
	if err != nil {
		return err
	}
	for _, row := range rows {
		if len(row) < 2 {
			return fmt.Errorf("%s: short row %q", rec21File, row)
		}
		// Rec 21 codes are used in Rec 20 fields with an "X" in front.
		u := &unit{code: "X" + strings.TrimSpace(row[0]), name: clean(row[1]), status: active, rec21: true}
		if err := d.add(u); err != nil {
			return err
		}
	}
	return nil
}

func (d *data) add(u *unit) error {
	if u.code == "" || u.name == "" {
		return fmt.Errorf("unit with empty code or name: %+v", *u)
	}
	if _, dup := d.units[u.code]; dup {
		return fmt.Errorf("duplicate code %s", u.code)
	}
	d.units[u.code] = u
	return nil
}

// isRec21 tells a Rec 21 code in its X form from a Rec 20 code. Rec 20 has
// one code starting with X ("X1"), but none of three characters.
func isRec21(code string) bool { return len(code) == 3 && code[0] == 'X' }

func (d *data) readPeppol(fsys fs.FS) error {
	codes, err := readList(fsys, peppolFile)
	if err != nil {
		return err
	}
	// The edi3 CSVs are from 2019; Peppol's own list names the codes added
	// since then.
	rows, err := readCSV(fsys, peppolNamesFile)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, row := range rows {
		if len(row) >= 2 {
			names[strings.TrimSpace(row[0])] = clean(row[1])
		}
	}
	for _, c := range codes {
		u, ok := d.units[c]
		if !ok {
			u = &unit{code: c, name: names[c], status: active, rec21: isRec21(c)}
			if err := d.add(u); err != nil {
				return fmt.Errorf("%s: %w", peppolFile, err)
			}
		}
		if u.status != active {
			return fmt.Errorf("%s: %s is %s in Rec 20", peppolFile, c, u.status)
		}
		u.peppol = true
	}
	return nil
}

var xsdEnum = regexp.MustCompile(`(?s)<xsd:enumeration value="([^"]+)">.*?<ccts:CodeName>([^<]*)</ccts:CodeName>`)

func (d *data) readOIOUBL(fsys fs.FS) error {
	codes, err := readList(fsys, oioublFile)
	if err != nil {
		return err
	}
	var names map[string]string // read only if needed: it is a 300 kB schema
	for _, c := range codes {
		u, ok := d.units[c]
		if !ok {
			if names == nil {
				if names, err = readXSDNames(fsys); err != nil {
					return err
				}
			}
			// Gone from Rec 20 before the revisions we have; OIOUBL's 2001
			// list is the only place it survives.
			u = &unit{code: c, name: names[c], status: deleted}
			if err := d.add(u); err != nil {
				return fmt.Errorf("%s: %w", oioublFile, err)
			}
		}
		u.oioubl = true
	}
	return nil
}

func readXSDNames(fsys fs.FS) (map[string]string, error) {
	b, err := fs.ReadFile(fsys, oioublNamesFile)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, m := range xsdEnum.FindAllSubmatch(b, -1) {
		names[string(m[1])] = clean(string(m[2]))
	}
	return names, nil
}

func (d *data) buildReplacements(fsys fs.FS, notes map[string]string) error {
	rows, err := readCSV(fsys, legacyFile)
	if err != nil {
		return err
	}
	byFrom := map[string]pair{}
	put := func(p pair) error {
		if old, ok := byFrom[p.from]; ok && old.to != p.to {
			return fmt.Errorf("replacement for %s: both %s and %s", p.from, old.to, p.to)
		}
		byFrom[p.from] = p
		return nil
	}
	for _, row := range rows {
		// legacy_code, legacy_name, status, level, candidate, candidate_name, same_meaning_heuristic, ...
		if len(row) < 7 || !strings.EqualFold(strings.TrimSpace(row[6]), "yes") {
			continue
		}
		from, to := strings.TrimSpace(row[0]), strings.TrimSpace(row[4])
		if _, rejected := rejectedSameMeaning[from]; rejected {
			continue
		}
		if err := put(pair{from, to, "first word agrees; names checked"}); err != nil {
			return err
		}
	}
	for _, e := range extraSameMeaning {
		if err := put(pair{e.from, e.to, "reviewed"}); err != nil {
			return err
		}
	}
	for from, to := range notes {
		// Some notes point at a code that was itself deprecated later
		// (calorie → D70); that leaves nothing valid to translate to.
		if t := d.units[to]; t == nil || !t.peppol {
			continue
		}
		if err := put(pair{from, to, "Rec 20: use " + to}); err != nil {
			return err
		}
	}
	// A retired code named exactly like one current code means the same
	// (KTM kilometre → KMT kilometre) even where Rec 20 does not say so.
	current := map[string][]string{}
	for _, u := range d.units {
		if u.peppol {
			current[strings.ToLower(u.name)] = append(current[strings.ToLower(u.name)], u.code)
		}
	}
	for _, u := range d.units {
		_, rejected := rejectedSameMeaning[u.code]
		_, done := byFrom[u.code]
		if c := current[strings.ToLower(u.name)]; u.status != active && !rejected && !done && len(c) == 1 {
			byFrom[u.code] = pair{u.code, c[0], "same name"}
		}
	}
	for _, p := range byFrom {
		f, t := d.units[p.from], d.units[p.to]
		switch {
		case f == nil || t == nil:
			return fmt.Errorf("replacement %s → %s: unknown code", p.from, p.to)
		case f.status == active:
			return fmt.Errorf("replacement %s → %s: %s is still active", p.from, p.to, p.from)
		case t.status != active || !t.peppol:
			return fmt.Errorf("replacement %s → %s: %s is not an active Peppol code", p.from, p.to, p.to)
		}
		d.replacements = append(d.replacements, p)
	}
	for from := range rejectedSameMeaning {
		if _, ok := byFrom[from]; ok {
			return fmt.Errorf("%s is both rejected and replaced", from)
		}
	}
	slices.SortFunc(d.replacements, func(a, b pair) int { return cmp.Compare(a.from, b.from) })
	return nil
}

// buildOIOUBL finds, for each current code outside the OIOUBL 2.x list, the
// legacy code of the same meaning that OIOUBL does accept.
func (d *data) buildOIOUBL() error {
	cands := map[string][]string{}
	for _, p := range d.replacements {
		if !d.units[p.to].oioubl && d.units[p.from].oioubl {
			cands[p.to] = append(cands[p.to], p.from)
		}
	}
	out := map[string]pair{}
	for _, to := range slices.Sorted(maps.Keys(cands)) {
		froms := cands[to]
		pick := ""
		switch {
		case len(froms) == 1:
			pick = froms[0]
		case slices.Contains(froms, oioublPreferred[to]):
			pick = oioublPreferred[to]
		case isRec21(to) && slices.Contains(froms, to[1:]):
			pick = to[1:]
		default:
			return fmt.Errorf("%s has several OIOUBL forms %v: add one to oioublPreferred", to, froms)
		}
		out[to] = pair{to, pick, "same meaning"}
	}
	for _, b := range oioublNearest {
		f, t := d.units[b.from], d.units[b.to]
		switch {
		case f == nil || t == nil:
			return fmt.Errorf("oioublNearest %s → %s: unknown code", b.from, b.to)
		case f.oioubl || !t.oioubl:
			return fmt.Errorf("oioublNearest %s → %s: needs a code outside OIOUBL mapped to one inside", b.from, b.to)
		}
		if _, dup := out[b.from]; dup {
			return fmt.Errorf("oioublNearest %s: already has a same-meaning OIOUBL form", b.from)
		}
		out[b.from] = pair{b.from, b.to, "reviewed"}
	}
	d.oioubl = slices.SortedFunc(maps.Values(out), func(a, b pair) int { return cmp.Compare(a.from, b.from) })
	return nil
}

func (d *data) render() ([]byte, error) {
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("// Code generated by \"go run ./internal/gen\"; DO NOT EDIT.\n\n")
	w("// Sources, under shared/standards (see its SOURCES.md):\n")
	for _, f := range []string{rec20File, rec21File, peppolFile, peppolNamesFile, oioublFile, oioublNamesFile, legacyFile} {
		w("//   - %s\n", f)
	}
	w("// Reviewed decisions are in internal/tablegen/review.go.\n\n")
	w("package units\n\n")

	codes := slices.Sorted(maps.Keys(d.units))
	maxLen := 0
	for _, c := range codes {
		maxLen = max(maxLen, len(c))
	}
	w("// maxCodeLen is the length of the longest code in table.\n")
	w("const maxCodeLen = %d\n\n", maxLen)

	w("// table holds every known code, sorted by Code.\n")
	w("var table = []Unit{\n")
	for _, c := range codes {
		u := d.units[c]
		w("{Code: %s, Name: %s, Status: %s", strconv.Quote(u.code), strconv.Quote(u.name), u.status)
		for _, f := range []struct {
			name string
			on   bool
		}{{"Rec21", u.rec21}, {"InPeppol", u.peppol}, {"InOIOUBL", u.oioubl}} {
			if f.on {
				w(", %s: true", f.name)
			}
		}
		w("},\n")
	}
	w("}\n\n")

	d.renderPairs(w, "replacements", "maps a deleted or deprecated code to the current code of the same\n// meaning, sorted by from.", d.replacements)
	d.renderPairs(w, "oioublForms", "maps a current code outside the OIOUBL 2.x list to the OIOUBL code\n// to send instead, sorted by from.", d.oioubl)

	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, errors.Join(errors.New("generated source does not parse"), err)
	}
	return src, nil
}

func (d *data) renderPairs(w func(string, ...any), name, doc string, ps []pair) {
	w("// %s %s\n", name, doc)
	w("var %s = []codePair{\n", name)
	for _, p := range ps {
		w("{%s, %s}, // %s → %s (%s)\n", strconv.Quote(p.from), strconv.Quote(p.to),
			d.units[p.from].name, d.units[p.to].name, p.note)
	}
	w("}\n\n")
}
