package units

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog/units/internal/tablegen"
)

// sharedStandards is where the reference data sits relative to this package
// in the ekatalog workspace; elsewhere the drift test skips.
var sharedStandards = filepath.Join("..", "..", "..", "shared", "standards")

func TestTablesSorted(t *testing.T) {
	// Lookup and the translations binary-search these.
	if !slices.IsSortedFunc(table, func(a, b Unit) int { return strings.Compare(a.Code, b.Code) }) {
		t.Error("table is not sorted by code")
	}
	for i := 1; i < len(table); i++ {
		if table[i-1].Code == table[i].Code {
			t.Errorf("duplicate code %s", table[i].Code)
		}
	}
	for name, ps := range map[string][]codePair{"replacements": replacements, "oioublForms": oioublForms} {
		if !slices.IsSortedFunc(ps, func(a, b codePair) int { return strings.Compare(a.from, b.from) }) {
			t.Errorf("%s is not sorted", name)
		}
	}
}

// valid reports whether code is one a Peppol document may carry.
func valid(t *testing.T, code string) bool {
	t.Helper()
	u, ok := Lookup(code)
	return ok && u.Code == code && u.InPeppol && u.Status == Active
}

func TestAliasTargets(t *testing.T) {
	for w, a := range aliases {
		var buf [maxWordLen]byte
		if f := fold(&buf, w); string(f) != w {
			t.Errorf("alias %q is not in folded form (%q), so it can never match", w, f)
		}
		if !valid(t, a.code) {
			t.Errorf("alias %q → %s: not an active Peppol code", w, a.code)
		}
		for _, alt := range a.alts {
			if !valid(t, alt) || alt == a.code {
				t.Errorf("alias %q: alternative %s is not an active Peppol code other than %s", w, alt, a.code)
			}
		}
		r, ok := Resolve(w)
		if !ok || r.Code != a.code {
			t.Errorf("Resolve(%q) = %s, %v; want %s", w, r.Code, ok, a.code)
		}
	}
}

// TestAliasShadowsCode pins the words that win over a code spelled the
// same but meaning something else, so that adding one is a decision.
func TestAliasShadowsCode(t *testing.T) {
	want := []string{
		"bk",  // bakke, not BK basket (retired)
		"cl",  // centilitre, not CL coil (retired)
		"ds",  // dåse, not DS display (retired)
		"fl",  // flaske, not FL flake ton
		"hl",  // hectolitre, not HL hundred foot (retired)
		"kg",  // kilogram, not KG keg (retired)
		"ks",  // kasse, not KS thousand pound per square inch (retired)
		"md",  // måned, not MD air dry metric ton
		"ps",  // pose, not PS pound-force per square inch
		"rl",  // rulle, not RL reel (retired)
		"stk", // stykke, not STK stick, cigarette
	}
	var got []string
	for w, a := range aliases {
		if u, ok := Lookup(w); ok && current(u.Code) != a.code {
			got = append(got, w)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("aliases shadowing a code:\n got %q\nwant %q", got, want)
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		in       string
		code     string
		byAlias  bool
		alts     []string
		deleted  bool
		replaced string
	}{
		{in: "stk", code: "H87", byAlias: true},
		{in: "STK", code: "H87", byAlias: true},
		{in: "Stk", code: "H87", byAlias: true},
		{in: "  stk. ", code: "H87", byAlias: true},
		{in: "Styk", code: "H87", byAlias: true},
		{in: "ÆSKE", code: "XBX", byAlias: true},
		{in: "Æske", code: "XBX", byAlias: true},
		{in: "ÅR", code: "ANN", byAlias: true},
		{in: "a\u030ar", code: "ANN", byAlias: true}, // decomposed å
		{in: "Løbende  Meter", code: "MTR", byAlias: true},
		{in: "m²", code: "MTK", byAlias: true},
		{in: "Rl.", code: "XRO", byAlias: true, alts: []string{"XRL"}},
		{in: "Ltr.", code: "LTR", byAlias: true},
		{in: "Pakke(r)", code: "XPK", byAlias: true},
		{in: "æske(er)", code: "XBX", byAlias: true},
		{in: "stk (s)", code: "H87", byAlias: true},
		{in: "(r)", code: ""},
		{in: "kasse(rne)", code: ""},
		{in: "kasse", code: "XCS", byAlias: true, alts: []string{"XCT", "XCR"}},
		{in: "KS", code: "XCS", byAlias: true, alts: []string{"XCT", "XCR"}},
		{in: "karton", code: "XCT", byAlias: true},
		{in: "kg", code: "KGM", byAlias: true},
		{in: "KG", code: "KGM", byAlias: true},
		{in: "H87", code: "H87"},
		{in: "h87", code: "H87"},
		{in: "kgm", code: "KGM"},
		{in: "EA", code: "EA"},
		{in: "set", code: "SET"},
		{in: "XBX", code: "XBX"},
		{in: "PK", code: "XPK", deleted: true, replaced: "PK"},
		{in: "pk", code: "XPK", deleted: true, replaced: "PK"},
		{in: "BX", code: "XBX", deleted: true, replaced: "BX"},
		{in: "CT", code: "XCT", deleted: true, replaced: "CT"},
		{in: "CS", code: "XCS", deleted: true, replaced: "CS"},
		{in: "PF", code: "XPX", deleted: true, replaced: "PF"},
		{in: "CA", code: "CA", deleted: true}, // no same-meaning Rec 21 code
		{in: "1A", code: "1A", deleted: true},
		{in: "OZ", code: "ONZ", replaced: "OZ"}, // deprecated, with a successor
		{in: "XPF", code: "XPF"},                // a pen, asked for by code
	}
	for _, tt := range tests {
		r, ok := Resolve(tt.in)
		if tt.code == "" {
			if ok {
				t.Errorf("Resolve(%q) = %+v; want no match", tt.in, r)
			}
			continue
		}
		if !ok {
			t.Errorf("Resolve(%q): no match", tt.in)
			continue
		}
		if r.Code != tt.code || r.Unit.Code != tt.code || r.ByAlias != tt.byAlias ||
			!slices.Equal(r.Alternatives, tt.alts) || r.Deleted != tt.deleted || r.Replaced != tt.replaced {
			t.Errorf("Resolve(%q) = {Code:%s Unit:%s ByAlias:%v Alternatives:%v Deleted:%v Replaced:%q}\n"+
				"want {Code:%s ByAlias:%v Alternatives:%v Deleted:%v Replaced:%q}",
				tt.in, r.Code, r.Unit.Code, r.ByAlias, r.Alternatives, r.Deleted, r.Replaced,
				tt.code, tt.byAlias, tt.alts, tt.deleted, tt.replaced)
		}
	}
	for _, in := range []string{"", "   ", ".", "qqq", "stykkerne", strings.Repeat("stk", 40)} {
		if r, ok := Resolve(in); ok {
			t.Errorf("Resolve(%q) = %+v; want no match", in, r)
		}
	}
}

func TestResolveNoAllocs(t *testing.T) {
	for _, in := range benchInputs {
		if n := testing.AllocsPerRun(100, func() { Resolve(in) }); n != 0 {
			t.Errorf("Resolve(%q): %v allocations", in, n)
		}
	}
}

func TestReplacements(t *testing.T) {
	for _, p := range replacements {
		from, _ := Lookup(p.from)
		if from.Status == Active {
			t.Errorf("replacement for active code %s", p.from)
		}
		if !valid(t, p.to) {
			t.Errorf("replacement %s → %s: not an active Peppol code", p.from, p.to)
		}
	}
	// PF (pallet) and XPF (pen) share letters only.
	if to, _ := replacement("PF"); to == "XPF" {
		t.Error("PF is replaced by XPF")
	}
	for _, target := range []Target{Peppol, OIOUBL} {
		if c, _ := ForTarget("PF", target); c == "XPF" {
			t.Errorf("ForTarget(PF, %v) = XPF", target)
		}
		if c, _ := ForTarget("XPF", target); c == "PF" {
			t.Errorf("ForTarget(XPF, %v) = PF", target)
		}
	}
}

func TestForTarget(t *testing.T) {
	tests := []struct {
		code   string
		target Target
		want   string // "" for no valid code
	}{
		{"H87", OIOUBL, "EA"},
		{"XBX", OIOUBL, "BX"},
		{"XPK", OIOUBL, "PK"},
		{"XCT", OIOUBL, "CT"},
		{"XCS", OIOUBL, "CS"},
		{"XPX", OIOUBL, "PF"},
		{"XCX", OIOUBL, "CA"},
		{"XST", OIOUBL, "ST"},
		{"NRL", OIOUBL, "NRL"},
		{"KGM", OIOUBL, "KGM"},
		{"xbx", OIOUBL, "BX"},
		{"XPF", OIOUBL, ""},
		{"PK", Peppol, "XPK"},
		{"BX", Peppol, "XBX"},
		{"CT", Peppol, "XCT"},
		{"PF", Peppol, "XPX"},
		{"CA", Peppol, ""},
		{"1A", Peppol, ""},
		{"H87", Peppol, "H87"},
		{"ea", Peppol, "EA"},
		{"nope", Peppol, ""},
	}
	for _, tt := range tests {
		got, ok := ForTarget(tt.code, tt.target)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("ForTarget(%q, %v) = %q, %v; want %q", tt.code, tt.target, got, ok, tt.want)
		}
	}

	// Whatever comes out must be in the target's list.
	for _, u := range table {
		if c, ok := ForTarget(u.Code, Peppol); ok && !valid(t, c) {
			t.Errorf("ForTarget(%s, Peppol) = %s: not an active Peppol code", u.Code, c)
		}
		if c, ok := ForTarget(u.Code, OIOUBL); ok {
			if v, _ := Lookup(c); !v.InOIOUBL {
				t.Errorf("ForTarget(%s, OIOUBL) = %s: not in the OIOUBL list", u.Code, c)
			}
		}
	}

	// Every word must be writable to OIOUBL, except where OIOUBL 2.x has no
	// code of that meaning.
	noOIOUBL := []string{"XTB"} // tub: the 2001 list has none
	for w, a := range aliases {
		for _, c := range append([]string{a.code}, a.alts...) {
			if _, ok := ForTarget(c, OIOUBL); !ok && !slices.Contains(noOIOUBL, c) {
				t.Errorf("alias %q: %s has no OIOUBL form", w, c)
			}
		}
	}
}

func TestLookup(t *testing.T) {
	for _, in := range []string{"KGM", "kgm", "Kgm"} {
		if u, ok := Lookup(in); !ok || u.Code != "KGM" || u.Name != "kilogram" || !u.InPeppol || !u.InOIOUBL {
			t.Errorf("Lookup(%q) = %+v, %v", in, u, ok)
		}
	}
	if u, ok := Lookup("XPF"); !ok || u.Name != "Pen" || !u.Rec21 {
		t.Errorf("Lookup(XPF) = %+v, %v", u, ok)
	}
	if u, ok := Lookup("PK"); !ok || u.Status != Deleted || u.InPeppol || !u.InOIOUBL {
		t.Errorf("Lookup(PK) = %+v, %v", u, ok)
	}
	for _, in := range []string{"", "stk ", "KGMX", "æ"} {
		if u, ok := Lookup(in); ok {
			t.Errorf("Lookup(%q) = %+v", in, u)
		}
	}
	all := All()
	all[0].Code = "changed"
	if table[0].Code == "changed" {
		t.Error("All returns the table itself")
	}
}

func TestAliasesOf(t *testing.T) {
	got := AliasesOf("xcs")
	for _, w := range []string{"kasse", "ks", "case"} {
		if !slices.Contains(got, w) {
			t.Errorf("AliasesOf(xcs) = %q; missing %q", got, w)
		}
	}
	if !slices.IsSorted(got) {
		t.Errorf("AliasesOf(xcs) = %q; not sorted", got)
	}
	if got := AliasesOf("XPF"); got != nil {
		t.Errorf("AliasesOf(XPF) = %q", got)
	}
}

func TestSearch(t *testing.T) {
	codes := func(rs []Resolution) []string {
		var cs []string
		for _, r := range rs {
			cs = append(cs, r.Code)
		}
		return cs
	}
	got := codes(Search("kasse"))
	if len(got) < 3 || !slices.Equal(got[:3], []string{"XCS", "XCT", "XCR"}) {
		t.Errorf("Search(kasse) = %v; want XCS, XCT, XCR first", got)
	}
	if got := codes(Search("pallet")); !slices.Contains(got, "XPX") || len(got) > maxSearch {
		t.Errorf("Search(pallet) = %v", got)
	}
	if got := Search("  "); got != nil {
		t.Errorf("Search(blank) = %v", got)
	}
}

func TestStrings(t *testing.T) {
	if Deleted.String() != "deleted" || OIOUBL.String() != "oioubl" || Status(9).String() != "Status(9)" {
		t.Error("String methods")
	}
}

// TestGeneratedTableUpToDate regenerates the table in memory and compares it
// with the committed one, so that a change to the generator, its reviewed
// decisions or the reference data cannot go unnoticed.
func TestGeneratedTableUpToDate(t *testing.T) {
	if _, err := os.Stat(sharedStandards); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found; cannot check table_gen.go", sharedStandards)
	}
	want, err := tablegen.Generate(os.DirFS(sharedStandards))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("table_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(got, want) {
		return
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		if i >= len(g) || i >= len(w) || g[i] != w[i] {
			t.Fatalf("table_gen.go is stale (first difference at line %d); run go generate ./catalog/units", i+1)
		}
	}
}

var benchInputs = []string{"stk", "STK", "H87", "kasse", "Æske", "kgm", "PK", " rl. "}

func BenchmarkResolve(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Resolve(benchInputs[i%len(benchInputs)])
	}
}

// TestDanishShadows: the words a Danish catalogue reads as ambiguous are
// found from the tables; pinned so that adding one is a decision.
func TestDanishShadows(t *testing.T) {
	want := map[string]string{"fl": "FL", "md": "MD", "ps": "PS"}
	if got := DanishShadows(); !maps.Equal(got, want) {
		t.Errorf("DanishShadows() = %v, want %v", got, want)
	}
	for _, tc := range []struct {
		in, lang, code string
		alts           []string
	}{
		{"ps", "da", "XBG", []string{"PS"}},
		{"PS", "da", "XBG", []string{"PS"}},
		{"ps", "", "XBG", nil},
		{"ps", "en", "XBG", nil},
		{"Fl", "da", "XBO", []string{"FL"}},
		{"stk", "da", "H87", nil},
		{"kasse", "da", "XCS", []string{"XCT", "XCR"}},
		{"XBG", "da", "XBG", nil},
	} {
		r, ok := ResolveIn(tc.in, tc.lang)
		if !ok || r.Code != tc.code || !slices.Equal(r.Alternatives, tc.alts) {
			t.Errorf("ResolveIn(%q, %q) = %s %v, want %s %v", tc.in, tc.lang, r.Code, r.Alternatives, tc.code, tc.alts)
		}
	}
	if n := testing.AllocsPerRun(100, func() { ResolveIn(" Ps ", "da") }); n != 0 {
		t.Errorf("ResolveIn allocates %v times", n)
	}
	if got := ContextAlternatives("ps", "da"); !slices.Equal(got, []string{"PS"}) {
		t.Errorf("ContextAlternatives = %v", got)
	}
}
