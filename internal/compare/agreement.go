package compare

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/tabular"
	"github.com/ekatalog/ekatalog/internal/keyindex"
	"github.com/ekatalog/ekatalog/internal/source"
)

// Agreement is the price list of a framework agreement, indexed by item
// number and GTIN. It keeps only what the comparison needs per item, not
// whole lines, so a 100,000-line agreement takes a few tens of MB.
type Agreement struct {
	File   string
	Format string
	// Currency is the agreement's header currency, for lines without one.
	Currency string
	items    []item
	// arena holds every item's number and GTIN, one after the other.
	arena           []byte
	byID, byGTIN    *keyindex.Index
	units, moneys   []string // the distinct units and currencies; [0] is ""
	unitIx, moneyIx map[string]uint16
	// findings are about the agreement file itself.
	findings []catalog.Finding
}

// item is one agreed item. It holds no pointer (strings are offsets into
// the arena, units and currencies indexes into small tables), so a slice
// of 100,000 costs the garbage collector nothing to scan.
type item struct {
	off            uint32 // of the item number in the arena; the GTIN follows it
	idLen, gtinLen uint32
	unit, currency uint16 // indexes into Agreement.units and .moneys
	kind           kind
	seen, priced   bool
	row, line      int32
	// price is per base order units; unitPrice and maxUnit are per one
	// unit of kind's base when the unit could be normalised (kind != 0).
	price, base float64
	max         float64 // 0: no maximum price
	unitPrice   float64
	maxUnit     float64
	pack        float64 // NaN: no pack quantity
	tolerance   float64 // < 0: none on this item
}

func (a *Agreement) idBytes(i int32) []byte {
	it := &a.items[i]
	return a.arena[it.off : it.off+it.idLen]
}

func (a *Agreement) gtinBytes(i int32) []byte {
	it := &a.items[i]
	return a.arena[it.off+it.idLen : it.off+it.idLen+it.gtinLen]
}

// key is what an item goes by in findings: its number, else its GTIN.
func (a *Agreement) key(i int32) string {
	if a.items[i].idLen > 0 {
		return string(a.idBytes(i))
	}
	return string(a.gtinBytes(i))
}

// intern returns the index of s in a small table of distinct values.
func intern(table *[]string, ix *map[string]uint16, s string) uint16 {
	if s == "" {
		return 0
	}
	if i, ok := (*ix)[s]; ok {
		return i
	}
	if len(*table) == 1<<16-1 {
		return 0 // more distinct units than codes exist: not a real agreement
	}
	s = strings.Clone(s)
	*table = append(*table, s)
	(*ix)[s] = uint16(len(*table) - 1)
	return uint16(len(*table) - 1)
}

// MaxPriceHeaders and ToleranceHeaders are the header names of the two
// agreement columns that have no canonical field and arrive under extra.
// Names are compared folded: lower case, letters and digits only, so
// "Maks. pris", "maks pris" and "MAKS.PRIS" are one name.
var (
	MaxPriceHeaders = []string{"Maks. pris", "Maksimalpris", "Maksimumpris", "Max. pris", "Prisloft",
		"Max price", "Maximum price", "Price cap", "Ceiling price"}
	ToleranceHeaders = []string{"Tolerance %", "Tolerance", "Pristolerance", "Tilladt afvigelse %",
		"Price tolerance", "Tolerance percent"}
)

// column roles of extra columns.
const (
	roleNone = iota
	roleMax
	roleTolerance
)

var extraRoles = func() map[string]int {
	m := map[string]int{}
	for _, n := range MaxPriceHeaders {
		m[foldHeader(n)] = roleMax
	}
	for _, n := range ToleranceHeaders {
		m[foldHeader(n)] = roleTolerance
	}
	return m
}()

func foldHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// LoadAgreement reads an agreement in any format ekatalog reads. Its lines
// need an item number or a GTIN, and an agreed price. The error means the
// file could not be read (to the end); it names the file.
func LoadAgreement(name string, o source.Options) (*Agreement, error) {
	src, err := source.Open(name, o)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	a := &Agreement{File: src.Name, Format: src.Format.Name, Currency: src.Header().Currency,
		units: []string{""}, moneys: []string{""}, unitIx: map[string]uint16{}, moneyIx: map[string]uint16{}}
	a.byID = keyindex.New(a.idBytes)
	a.byGTIN = keyindex.New(func(i int32) []byte { return catalog.GTINKeyBytes(a.gtinBytes(i)) })
	if n := src.EstimateLines(); n > 0 {
		a.items = make([]item, 0, n)
	}
	b := agreementBuilder{a: a, loc: src.Reader, roles: map[string]int{}}
	src.Each(func(l *catalog.Line) error {
		b.add(l)
		return nil
	})
	for _, f := range src.Reader.Findings() {
		b.passOn(f, "")
	}
	if err := src.Err(); err != nil {
		return nil, err
	}
	if len(a.items) == 0 {
		return nil, catalog.Errorf(src.Name, 0, 0, "the agreement has no lines with an item number or GTIN")
	}
	a.items = slices.Clip(a.items)
	a.arena = slices.Clip(a.arena)
	return a, nil
}

// Len is the number of agreed items.
func (a *Agreement) Len() int { return len(a.items) }

type agreementBuilder struct {
	a     *Agreement
	loc   catalog.Locator
	units unitCache
	roles map[string]int // extra column name → role
}

func (b *agreementBuilder) finding(l *catalog.Line, r *catalog.Rule, f catalog.Field, id string, args ...string) {
	fi := catalog.Finding{Rule: r, Severity: r.Severity, Line: l.Src.Line, Field: r.Field, Args: args,
		Source: SourceAgreement, Item: id}
	if f != catalog.FieldNone {
		fi.Pos = b.loc.Locate(l, f)
	} else {
		fi.Pos = catalog.Pos{Row: l.Src.Row}
	}
	b.a.findings = append(b.a.findings, fi)
}

func (b *agreementBuilder) add(l *catalog.Line) {
	a := b.a
	for _, f := range l.Findings { // stamped with their position by the source
		b.passOn(f, l.SellerItemID)
	}
	// The item number and GTIN as written; they are matched by their keys
	// (catalog.Line.MatchKeys).
	id, gtin := catalog.ItemKey(l.SellerItemID), strings.TrimSpace(l.GTIN)
	gkey := catalog.GTINKey(gtin)
	if id == "" && gtin == "" {
		b.finding(l, RuleAgrNoItem, catalog.FieldSellerItemID, "")
		return
	}
	key := id
	if key == "" {
		key = gtin
	}
	if _, dup := a.byID.Get(id); dup {
		b.finding(l, RuleAgrDuplicate, catalog.FieldSellerItemID, id, id)
		return
	}
	if _, dup := a.byGTIN.Get(gkey); dup && id == "" {
		b.finding(l, RuleAgrDuplicate, catalog.FieldGTIN, gtin, gtin)
		return
	}
	if len(a.arena)+len(id)+len(gtin) > math.MaxUint32 || len(a.items) == math.MaxInt32 {
		b.finding(l, RuleAgrNoItem, catalog.FieldSellerItemID, "")
		return
	}
	it := item{off: uint32(len(a.arena)), idLen: uint32(len(id)), gtinLen: uint32(len(gtin)), pack: math.NaN(),
		tolerance: -1, row: int32(l.Src.Row), line: int32(l.Src.Line), base: 1,
		currency: intern(&a.moneys, &a.moneyIx, l.Currency)}
	if l.PriceBaseQuantity.Valid && l.PriceBaseQuantity.V > 0 {
		it.base = l.PriceBaseQuantity.V
	}
	if l.PackQuantity.Valid {
		it.pack = l.PackQuantity.V
	}
	unit, content := b.units.get(l.Unit), b.units.get(l.ContentUnit)
	if unit.code != "" {
		it.unit = intern(&a.units, &a.unitIx, unit.code)
	} else {
		it.unit = intern(&a.units, &a.unitIx, l.Unit)
	}
	for _, e := range l.Extra {
		role, ok := b.roles[e.Name]
		if !ok {
			role = extraRoles[foldHeader(e.Name)]
			b.roles[strings.Clone(e.Name)] = role
		}
		if role == roleNone || strings.TrimSpace(e.Value) == "" {
			continue
		}
		v, ok := parseLoose(e.Value)
		if !ok || v < 0 {
			b.finding(l, RuleAgrBadValue, catalog.FieldNone, key, strings.Clone(e.Name), strings.Clone(e.Value))
			continue
		}
		if role == roleMax {
			it.max = v
		} else {
			it.tolerance = v
		}
	}
	if l.Price.Valid && l.Price.V > 0 {
		it.price, it.priced = l.Price.V, true
		k, amt, ok := amount(unit, it.pack, l.PackQuantity.Valid, content, l.ContentUnit != "")
		if ok && amt > 0 {
			it.kind = k
			it.unitPrice = it.price / it.base / amt
			it.maxUnit = it.max / it.base / amt
		}
	} else {
		b.finding(l, RuleAgrNoPrice, catalog.FieldPrice, key, key)
	}
	n := int32(len(a.items))
	a.arena = append(append(a.arena, id...), gtin...)
	a.items = append(a.items, it)
	if id != "" {
		a.byID.Put(id, n)
	}
	if _, taken := a.byGTIN.Get(gkey); gkey != "" && !taken {
		a.byGTIN.Put(gkey, n)
	}
}

// passOn keeps a reader's finding of warning or error level about the
// agreement: an agreed item on a row that could not be read would
// otherwise be missing from the index without a word.
func (b *agreementBuilder) passOn(f catalog.Finding, itemID string) {
	if f.Severity == catalog.Info {
		return
	}
	f = f.Detach()
	f.Source, f.Item = SourceAgreement, strings.Clone(strings.TrimSpace(itemID))
	b.a.findings = append(b.a.findings, f)
}

// parseLoose reads a number from an extra column, where the file's decimal
// convention is not known: the last of ',' and '.' is the decimal
// separator, and a trailing "%" is allowed.
func parseLoose(s string) (float64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	dec := byte('.')
	if c := strings.LastIndexByte(s, ','); c >= 0 && c > strings.LastIndexByte(s, '.') {
		dec = ','
	}
	return tabular.ParseNumber(s, dec)
}
