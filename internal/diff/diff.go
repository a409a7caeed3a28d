package diff

import (
	"bytes"
	"cmp"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/catalog/units"
	"github.com/ekatalog/ekatalog/internal/keyindex"
	"github.com/ekatalog/ekatalog/internal/source"
)

// Fields are the canonical fields compared, in the order of catalog.Fields. Left
// out: lineId (a CSV line's ordinal moves with every inserted line),
// unitText (the unit as written; the normalised unit is compared) and
// extra (columns that map to no field differ between formats by nature).
var Fields = func() []catalog.Field {
	var fs []catalog.Field
	for f := catalog.FieldLineID + 1; int(f) < len(catalog.Fields); f++ {
		if f != catalog.FieldUnitText && f != catalog.FieldExtra {
			fs = append(fs, f)
		}
	}
	return fs
}()

// Options for one diff.
type Options struct {
	// Limit bounds the lines listed per kind (added, removed, changed);
	// the counts stay exact. 0 keeps catalog.DefaultLimits.PerRule.
	Limit int
}

// Result is what changed from Old to New.
type Result struct {
	Old, OldFormat, New, NewFormat string
	// Error is set when New could not be read to the end: lines after it
	// show as removed.
	Error   string
	Summary Summary
	Added   []Line
	Removed []Line
	Changed []Change
	Prices  Distribution
	// Problems are the readers' warnings and errors about either file
	// (READ-*), their Source naming the file (catalog.SourceOld or
	// SourceNew): a row that could not be read shows in the diff as what
	// was made of it, and is named here.
	Problems []catalog.Finding
	// Cap bounds the lines listed per kind ("added", "removed", "changed",
	// "problems"; Options.Limit each); Cap.Omitted counts the lines of
	// each kind counted but not listed.
	catalog.Cap
}

// Summary counts a diff.
type Summary struct {
	OldLines, NewLines            int
	Added, Removed, Changed, Same int
	MatchedByGTIN                 int
	// FieldChanges counts the changed lines per field.
	FieldChanges map[string]int
}

// Line is an added or removed line.
type Line struct {
	ItemID, GTIN, Name string
	Line               int
	Row                int
}

// Change is a line in both versions whose fields differ.
type Change struct {
	ItemID           string
	OldLine, NewLine int
	OldRow, NewRow   int
	Fields           []FieldChange
	// PriceChange is set when the price changed: the percentage of the old
	// price (NaN when the old price was 0).
	PriceChange *float64
}

// FieldChange is one field's old and new value, as text; Numeric fields
// are written with '.' decimals.
type FieldChange struct {
	Field    string
	Old, New string
	Numeric  bool
}

// Buckets are the upper bounds of the price-change size classes, in
// percent; the last class is open.
var Buckets = []float64{1, 5, 10, 25}

// Distribution is how prices moved.
type Distribution struct {
	Changed, Up, Down int
	// UpBuckets and DownBuckets count by size: ≤1 %, ≤5 %, ≤10 %, ≤25 %,
	// more (len(Buckets)+1 classes).
	UpBuckets, DownBuckets []int
	// Largest are the largest price changes either way, largest first.
	Largest []Change
}

// oldLine is one line of the old version: its record (the compared fields,
// fieldSep between them) lies in the arena. Nothing in it is a pointer, so
// the old version costs the garbage collector nothing to scan.
type oldLine struct {
	off, n          uint32 // the record in the arena
	idOff, idLen    uint32 // the item number, within the record
	gtinOff, gtinLn uint32
	line, row       int32
	price           float64
	hasP, matched   bool
}

const (
	fieldSep = '\x1f'
	listSep  = '\x1e'
)

// Diff reads OLD into memory and streams NEW past it. The error is for an
// input that cannot be opened, or an OLD that cannot be read to the end.
func Diff(oldName, newName string, oo, no source.Options, o Options) (*Result, error) {
	if o.Limit == 0 {
		o.Limit = catalog.DefaultLimits.PerRule
	}
	d := &differ{o: o}
	d.byID = keyindex.New(func(i int32) []byte {
		ol := &d.old[i]
		return d.arena[ol.off+ol.idOff : ol.off+ol.idOff+ol.idLen]
	})
	d.byGTIN = keyindex.New(func(i int32) []byte {
		ol := &d.old[i]
		return catalog.GTINKeyBytes(d.arena[ol.off+ol.gtinOff : ol.off+ol.gtinOff+ol.gtinLn])
	})
	res := &Result{Prices: Distribution{UpBuckets: make([]int, len(Buckets)+1), DownBuckets: make([]int, len(Buckets)+1)},
		Summary: Summary{FieldChanges: map[string]int{}}, Cap: catalog.Cap{Limits: catalog.Limits{PerRule: o.Limit, Total: -1}}}
	d.res = res
	src, err := source.Open(oldName, oo)
	if err != nil {
		return nil, err
	}
	res.Old, res.OldFormat = src.Name, src.Format.Name
	d.currency = src.Header().Currency
	d.arena = make([]byte, 0, arenaSize(src))
	src.Each(func(l *catalog.Line) error {
		d.problems(catalog.SourceOld, l)
		d.index(l)
		return nil
	})
	// The readers' findings only: a version without lines is no reading
	// problem here but a diff in which every line was added or removed.
	for _, f := range src.Reader.Findings() {
		d.problem(catalog.SourceOld, f)
	}
	src.Close()
	err = src.Err()
	if err == nil && d.tooBig {
		err = &catalog.ReadError{File: res.Old, Err: errors.New("too large to hold in memory (4 GB of text): compare it in parts")}
	}
	if err != nil {
		return nil, err
	}
	if src, err = source.Open(newName, no); err != nil {
		return nil, err
	}
	defer src.Close()
	res.New, res.NewFormat = src.Name, src.Format.Name
	d.currency = src.Header().Currency
	src.Each(func(l *catalog.Line) error {
		d.problems(catalog.SourceNew, l)
		d.line(l)
		return nil
	})
	if err := src.Err(); err != nil {
		res.Error = err.Error()
	}
	for _, f := range src.Reader.Findings() {
		d.problem(catalog.SourceNew, f)
	}
	d.end()
	return res, nil
}

// arenaSize guesses the bytes the records of a file take, so that the
// arena is allocated once: about the file's size for text (pages never
// written cost no memory) and a half, more for a compressed workbook.
func arenaSize(src *source.Source) int {
	n := src.Size * 3 / 2 // normalised records run a little longer than the text
	if src.Format.Name == "xlsx" {
		n *= 8
	}
	return int(min(n, 1<<30))
}

type differ struct {
	o            Options
	res          *Result
	old          []oldLine
	arena        []byte // the old version's records
	byID, byGTIN *keyindex.Index
	buf          []byte
	tooBig       bool   // the old version did not fit the arena
	currency     string // the header currency of the file being read
}

func (d *differ) index(l *catalog.Line) {
	start := len(d.arena)
	d.arena = d.record(d.arena, l)
	rec := d.arena[start:]
	if len(d.arena) > math.MaxUint32 || len(d.old) == math.MaxInt32 {
		d.tooBig = true
		d.arena = d.arena[:start]
		return
	}
	// The record starts action, sellerItemId, gtin (see Fields).
	i1 := bytes.IndexByte(rec, fieldSep)
	i2 := i1 + 1 + bytes.IndexByte(rec[i1+1:], fieldSep)
	i3 := i2 + 1 + bytes.IndexByte(rec[i2+1:], fieldSep)
	ol := oldLine{off: uint32(start), n: uint32(len(rec)), idOff: uint32(i1 + 1), idLen: uint32(i2 - i1 - 1),
		gtinOff: uint32(i2 + 1), gtinLn: uint32(i3 - i2 - 1),
		line: int32(l.Src.Line), row: int32(l.Src.Row), price: l.Price.V, hasP: l.Price.Valid}
	n := int32(len(d.old))
	d.old = append(d.old, ol)
	if id := rec[i1+1 : i2]; len(id) > 0 {
		if _, dup := d.byID.Get(string(id)); !dup {
			d.byID.Put(string(id), n)
		}
	}
	// Indexed by the keys a new line is looked up by (catalog.Line.MatchKeys):
	// the record holds the item number and GTIN as written, trimmed.
	if g := catalog.GTINKeyBytes(rec[i2+1 : i3]); len(g) > 0 {
		if _, dup := d.byGTIN.Get(string(g)); !dup {
			d.byGTIN.Put(string(g), n)
		}
	}
}

func (d *differ) rec(ol *oldLine) []byte { return d.arena[ol.off : ol.off+ol.n] }

// find returns the unmatched old line that a new line is: by item number,
// else by GTIN.
func (d *differ) find(l *catalog.Line) (int32, bool, bool) {
	id, gtin, _ := l.MatchKeys()
	if i, ok := d.byID.Get(id); ok && !d.old[i].matched {
		return i, true, false
	}
	if i, ok := d.byGTIN.Get(gtin); ok && !d.old[i].matched {
		return i, true, true
	}
	return 0, false, false
}

func (d *differ) line(l *catalog.Line) {
	s := &d.res.Summary
	s.NewLines++
	i, ok, byGTIN := d.find(l)
	if !ok {
		s.Added++
		if d.res.Keep("added") {
			d.res.Added = append(d.res.Added, Line{ItemID: strings.Clone(l.SellerItemID), GTIN: strings.Clone(l.GTIN),
				Name: strings.Clone(l.Name), Line: l.Src.Line, Row: l.Src.Row})
		}
		return
	}
	ol := &d.old[i]
	ol.matched = true
	if byGTIN {
		s.MatchedByGTIN++
	}
	d.buf = d.record(d.buf[:0], l)
	if string(d.buf) == string(d.rec(ol)) {
		s.Same++
		return
	}
	s.Changed++
	c := Change{ItemID: strings.Clone(l.SellerItemID), OldLine: int(ol.line), NewLine: l.Src.Line, OldRow: int(ol.row), NewRow: l.Src.Row}
	olds, news := strings.Split(string(d.rec(ol)), string(fieldSep)), strings.Split(string(d.buf), string(fieldSep))
	if c.ItemID == "" { // the new line has no item number: call it by the old one, or its GTIN
		c.ItemID = cmp.Or(olds[fieldIndex(catalog.FieldSellerItemID)], strings.Clone(l.GTIN))
	}
	for k, f := range Fields {
		if olds[k] != news[k] {
			kind := catalog.Fields[f].Kind
			s.FieldChanges[f.String()]++
			c.Fields = append(c.Fields, FieldChange{Field: f.String(), Old: readable(olds[k]), New: readable(news[k]),
				Numeric: kind == catalog.KindNumber || kind == catalog.KindInteger})
		}
	}
	if ol.hasP && l.Price.Valid && ol.price != l.Price.V {
		p := math.NaN()
		if ol.price != 0 {
			p = 100 * (l.Price.V - ol.price) / ol.price
		}
		c.PriceChange = &p
		d.price(c, p)
	}
	if d.res.Keep("changed") {
		d.res.Changed = append(d.res.Changed, c)
	}
}

// problems keeps the reading findings of a line of the source (old, new).
func (d *differ) problems(source string, l *catalog.Line) {
	for _, f := range l.Findings { // stamped with their position by the source
		d.problem(source, f)
	}
}

// problem keeps a reader's warning or error, within the limit.
func (d *differ) problem(source string, f catalog.Finding) {
	if f.Severity == catalog.Info || !d.res.Keep("problems") {
		return
	}
	f = f.Detach()
	f.Source = source
	d.res.Problems = append(d.res.Problems, f)
}

// maxLargest is how many of the largest price changes are listed.
const maxLargest = 10

// price counts one price change into the distribution.
func (d *differ) price(c Change, p float64) {
	dist := &d.res.Prices
	dist.Changed++
	if math.IsNaN(p) {
		return
	}
	b := len(Buckets)
	for k, hi := range Buckets {
		if math.Abs(p) <= hi {
			b = k
			break
		}
	}
	if p > 0 {
		dist.Up++
		dist.UpBuckets[b]++
	} else {
		dist.Down++
		dist.DownBuckets[b]++
	}
	t := dist.Largest
	if len(t) == maxLargest && math.Abs(*t[len(t)-1].PriceChange) >= math.Abs(p) {
		return
	}
	k, _ := slices.BinarySearchFunc(t, math.Abs(p), func(e Change, v float64) int { return cmp.Compare(v, math.Abs(*e.PriceChange)) })
	for k < len(t) && math.Abs(*t[k].PriceChange) == math.Abs(p) {
		k++
	}
	t = slices.Insert(t, k, c)
	if len(t) > maxLargest {
		t = t[:maxLargest]
	}
	dist.Largest = t
}

func (d *differ) end() {
	s := &d.res.Summary
	s.OldLines = len(d.old)
	for i := range d.old {
		ol := &d.old[i]
		if ol.matched {
			continue
		}
		s.Removed++
		if !d.res.Keep("removed") {
			continue
		}
		vals := strings.Split(string(d.rec(ol)), string(fieldSep))
		d.res.Removed = append(d.res.Removed, Line{ItemID: vals[fieldIndex(catalog.FieldSellerItemID)],
			GTIN: vals[fieldIndex(catalog.FieldGTIN)], Name: vals[fieldIndex(catalog.FieldName)], Line: int(ol.line), Row: int(ol.row)})
	}
}

func fieldIndex(f catalog.Field) int { return slices.Index(Fields, f) }

// readable turns the list separators of a record value into "; ".
func readable(v string) string { return strings.ReplaceAll(v, string(listSep), "; ") }

// record writes the compared fields of l, normalised so that the same
// catalogue reads the same from any format: units as their code (H87 for
// every code that counts single items), a pack
// quantity without a content unit as pieces (H87), a missing price base
// quantity as 1, a missing currency as the header's.
func (d *differ) record(b []byte, l *catalog.Line) []byte {
	for k, f := range Fields {
		if k > 0 {
			b = append(b, fieldSep)
		}
		switch f {
		case catalog.FieldUnit, catalog.FieldContentUnit:
			v := strings.TrimSpace(*l.StringField(f))
			if r, ok := units.Resolve(v); ok {
				v = units.Canonical(r.Code)
			}
			if v == "" && f == catalog.FieldContentUnit && l.PackQuantity.Valid {
				v = "H87" // a pack quantity without a unit counts pieces
			}
			b = append(b, v...)
		case catalog.FieldCurrency:
			v := strings.TrimSpace(l.Currency)
			if v == "" {
				v = d.currency
			}
			b = append(b, strings.ToUpper(v)...)
		case catalog.FieldPriceBaseQuantity:
			v := l.PriceBaseQuantity
			if !v.Valid {
				v = catalog.N(1)
			}
			b = strconv.AppendFloat(b, v.V, 'f', -1, 64)
		case catalog.FieldKeywords:
			b = appendList(b, l.Keywords)
		case catalog.FieldImages:
			b = appendList(b, l.Images)
		case catalog.FieldClassification:
			for i, c := range l.Classification {
				if i > 0 {
					b = append(b, listSep)
				}
				b = appendText(append(appendText(b, c.Scheme), ' '), c.Code)
			}
		case catalog.FieldOrderable:
			if l.Orderable.Valid {
				b = strconv.AppendBool(b, l.Orderable.V)
			}
		default:
			if p := l.StringField(f); p != nil {
				b = appendText(b, strings.TrimSpace(*p))
			} else if n := l.NumField(f); n != nil && n.Valid {
				b = strconv.AppendFloat(b, n.V, 'f', -1, 64)
			}
		}
	}
	return b
}

func appendList(b []byte, vs []string) []byte {
	for i, v := range vs {
		if i > 0 {
			b = append(b, listSep)
		}
		b = appendText(b, strings.TrimSpace(v))
	}
	return b
}

// appendText appends s with the record's separators, should a value hold
// them, made spaces.
func appendText(b []byte, s string) []byte {
	if strings.IndexByte(s, fieldSep) < 0 && strings.IndexByte(s, listSep) < 0 {
		return append(b, s...)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == fieldSep || c == listSep {
			c = ' '
		}
		b = append(b, c)
	}
	return b
}
