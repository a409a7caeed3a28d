package units

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// rec20Factor reads a Rec 20 Annex II conversion factor such as "10⁻³ kg",
// "0,453 592 37 kg", "2,834 952 x 10⁻² kg", "12" or "3 600 s" into a number
// and the unit symbol it multiplies ("" for a pure number).
func rec20Factor(s string) (float64, string, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\u00a0", " ")
	sym := ""
	if i := strings.LastIndexByte(s, ' '); i >= 0 && strings.ContainsFunc(s[i+1:], unicode.IsLetter) {
		s, sym = strings.TrimSpace(s[:i]), s[i+1:]
	} else if strings.ContainsFunc(s, unicode.IsLetter) {
		return 1, s, true // "kg", "m³": the base unit itself
	}
	mant, exp := s, ""
	for _, sep := range []string{" x 10", " × 10", "x 10", "× 10"} {
		if i := strings.Index(s, sep); i >= 0 {
			mant, exp = s[:i], s[i+len(sep):]
			break
		}
	}
	if strings.HasPrefix(mant, "10") && exp == "" && len(mant) > 2 && !strings.ContainsAny(mant[2:], "0123456789 ,") {
		mant, exp = "1", mant[2:]
	}
	m, err := strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(mant, " ", ""), ",", "."), 64)
	if err != nil {
		return 0, "", false
	}
	if exp != "" {
		e, ok := superscript(exp)
		if !ok {
			return 0, "", false
		}
		m *= math.Pow(10, float64(e))
	}
	return m, sym, true
}

func superscript(s string) (int, bool) {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	n, neg := 0, false
	for _, r := range s {
		if r == '⁻' {
			neg = true
			continue
		}
		i := strings.IndexRune(digits, r)
		if i < 0 {
			return 0, false
		}
		n = n*10 + len([]rune(digits[:i]))
	}
	if neg {
		n = -n
	}
	return n, true
}

// TestMeasuresAgreeWithRec20: every factor of the measures table is the
// ratio of Rec 20 Annex II conversion factors to its kind's base unit,
// and every code is one units knows.
func TestMeasuresAgreeWithRec20(t *testing.T) {
	f, err := os.Open(filepath.Join(sharedStandards, "unece-rec20-21", "edi3", "rec20-annexII.csv"))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("reference data not found at %s", sharedStandards)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	type conv struct {
		factor float64
		sym    string
	}
	annex := map[string]conv{}
	for _, r := range recs[1:] {
		if fac, sym, ok := rec20Factor(r[6]); ok {
			annex[r[1]] = conv{fac, sym}
		}
	}
	// The count codes without a factor in Rec 20 are one item each.
	one := map[string]bool{"H87": true, "EA": true, "NAR": true}
	checked := 0
	for code, m := range measures {
		if _, ok := Lookup(code); !ok {
			t.Errorf("%s is not a code of catalog/units", code)
		}
		if one[code] {
			if m.Kind != KindCount || m.Factor != 1 {
				t.Errorf("%s: %+v, want one item", code, m)
			}
			continue
		}
		base := m.Kind.Base()
		if m.Kind == KindCount {
			base = "C62"
		}
		c, okc := annex[code]
		b, okb := annex[base]
		if !okc || !okb {
			t.Errorf("%s or %s: no conversion factor in Rec 20 Annex II", code, base)
			continue
		}
		if c.sym != b.sym {
			t.Errorf("%s is in %q, its kind's base %s in %q", code, c.sym, base, b.sym)
			continue
		}
		if want := c.factor / b.factor; math.Abs(m.Factor-want) > 1e-6*want {
			t.Errorf("%s: factor %v, Rec 20 says %v", code, m.Factor, want)
		}
		checked++
	}
	if checked < len(measures)-len(one) {
		t.Errorf("%d of %d codes checked", checked, len(measures)-len(one))
	}
}

func TestRec20Factor(t *testing.T) {
	for in, want := range map[string]struct {
		f   float64
		sym string
	}{
		"10⁻³ kg": {1e-3, "kg"}, "0,453 592 37 kg": {0.45359237, "kg"}, "2,834 952 x 10⁻² kg": {0.02834952, "kg"},
		"12": {12, ""}, "10³": {1000, ""}, "3 600 s": {3600, "s"}, "m³": {1, "m³"}, "10⁻⁶ m³": {1e-6, "m³"},
	} {
		f, sym, ok := rec20Factor(in)
		if !ok || sym != want.sym || math.Abs(f-want.f) > 1e-12*want.f {
			t.Errorf("%q: %v %q %v, want %v %q", in, f, sym, ok, want.f, want.sym)
		}
	}
}

func TestCanonical(t *testing.T) {
	for in, want := range map[string]string{"H87": "H87", "EA": "H87", "C62": "H87", "NAR": "H87",
		"DZN": "DZN", "KGM": "KGM", "XBX": "XBX", "": ""} {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
	if m, ok := MeasureOf("GRM"); !ok || m.Kind != KindMass || m.Kind.Base() != "KGM" || m.Factor != 1e-3 {
		t.Errorf("GRM: %+v %v", m, ok)
	}
	if m, ok := MeasureOf("XBX"); ok || m.Kind != KindNone {
		t.Errorf("XBX, a package, has a measure: %+v", m)
	}
}
