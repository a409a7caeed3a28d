package catalog

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"strings"

	"github.com/ekatalog/ekatalog/catalog/units"
)

// AppendRecord appends a compact binary record of the fields of l in set
// (every other field is written empty) to b. A record holds no pointer, so
// a whole catalogue of them in one byte arena costs the garbage collector
// nothing to scan; DecodeRecord reads it back. Two lines with the same
// values in set have the same record, so records compare as bytes.
func AppendRecord(b []byte, l *Line, set FieldSet) []byte {
	for f := FieldLineID; f < numFields; f++ {
		if !set.Has(f) {
			b = append(b, 0)
			continue
		}
		switch Fields[f].Kind {
		case KindString, KindDate:
			b = appendStr(b, *l.StringField(f))
		case KindNumber, KindInteger:
			n := l.NumField(f)
			if !n.Valid {
				b = append(b, 0)
				continue
			}
			b = append(b, 1)
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(n.V))
		case KindBool:
			switch {
			case !l.Orderable.Valid:
				b = append(b, 0)
			case l.Orderable.V:
				b = append(b, 2)
			default:
				b = append(b, 1)
			}
		case KindStrings:
			vs := l.Keywords
			if f == FieldImages {
				vs = l.Images
			}
			b = binary.AppendUvarint(b, uint64(len(vs)))
			for _, v := range vs {
				b = appendStr(b, v)
			}
		case KindClassification:
			b = binary.AppendUvarint(b, uint64(len(l.Classification)))
			for _, c := range l.Classification {
				b = appendStr(appendStr(b, c.Scheme), c.Code)
			}
		case KindExtra:
			b = binary.AppendUvarint(b, uint64(len(l.Extra)))
			for _, e := range l.Extra {
				b = appendStr(appendStr(b, e.Name), e.Value)
			}
		}
	}
	return b
}

func appendStr(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errRecord = errors.New("catalog: broken line record")

// DecodeRecord fills l (after Reset) from a record of AppendRecord. The
// strings are copies: l does not share memory with rec.
func DecodeRecord(rec []byte, l *Line) error {
	l.Reset()
	d := recDecoder{b: rec}
	for f := FieldLineID; f < numFields && d.err == nil; f++ {
		switch Fields[f].Kind {
		case KindString, KindDate:
			*l.StringField(f) = d.str()
		case KindNumber, KindInteger:
			if d.byte() == 1 {
				*l.NumField(f) = N(math.Float64frombits(d.u64()))
			}
		case KindBool:
			switch d.byte() {
			case 1:
				l.Orderable = Bool{V: false, Valid: true}
			case 2:
				l.Orderable = Bool{V: true, Valid: true}
			}
		case KindStrings:
			n := d.count()
			for range n {
				if f == FieldImages {
					l.Images = append(l.Images, d.str())
				} else {
					l.Keywords = append(l.Keywords, d.str())
				}
			}
		case KindClassification:
			n := d.count()
			for range n {
				s := d.str()
				l.Classification = append(l.Classification, Classification{Scheme: s, Code: d.str()})
			}
		case KindExtra:
			n := d.count()
			for range n {
				s := d.str()
				l.Extra = append(l.Extra, Extra{Name: s, Value: d.str()})
			}
		}
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errRecord
	}
	return d.err
}

type recDecoder struct {
	b   []byte
	err error
}

func (d *recDecoder) fail() { d.err, d.b = errRecord, nil }

func (d *recDecoder) byte() byte {
	if len(d.b) == 0 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *recDecoder) u64() uint64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

func (d *recDecoder) count() int {
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return int(n)
}

func (d *recDecoder) str() string {
	n := d.count()
	if n > len(d.b) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// MatchKeys are the keys that find a line's item in another version of its
// catalogue or in an agreement, in the order they are tried: the supplier's
// item number (ItemKey), else the GTIN (GTINKey), else, for a line that has
// neither (a UBL pricing update line may carry only its line ID), the line
// ID. compare, diff and the update documents (internal/delta) match lines
// by them, and the validator's duplicate checks use the same keys.
func (l *Line) MatchKeys() (id, gtin, lineID string) {
	id, gtin = ItemKey(l.SellerItemID), GTINKey(l.GTIN)
	if id == "" && gtin == "" {
		lineID = strings.TrimSpace(l.LineID)
	}
	return id, gtin, lineID
}

// ItemKey is what a supplier's item number is matched by: the number as
// written, without the space around it. Item numbers are the supplier's
// own and compare exactly otherwise ("A-1" and "a1" are two items).
func ItemKey(s string) string { return strings.TrimSpace(s) }

// GTINKey is what a GTIN is matched by: the number without the space
// around it and without its leading zeros. GTIN-8, GTIN-12 (UPC), GTIN-13
// (EAN) and GTIN-14 are one number space, each the others padded with
// zeros on the left to 14 digits (GS1 General Specifications), so
// "05701234567892" and "5701234567892" name one item, and a spreadsheet
// that stored a GTIN as a number and lost its leading zero still matches.
// A GTIN of zeros only has the key "", as no GTIN.
func GTINKey(s string) string { return strings.TrimLeft(strings.TrimSpace(s), "0") }

// GTINKeyBytes is GTINKey for a GTIN held as bytes.
func GTINKeyBytes(b []byte) []byte {
	return bytes.TrimLeft(bytes.TrimSpace(b), "0")
}

// MergeFrom copies the fields that u has a value for over l, except the
// line ID and the action: how a partial update (a price update, a cXML
// IndexItemPortion) changes the item it names.
func (l *Line) MergeFrom(u *Line) {
	have := u.Present()
	for f := FieldSellerItemID; f < numFields; f++ {
		if !have.Has(f) {
			continue
		}
		if p := l.StringField(f); p != nil {
			*p = *u.StringField(f)
			continue
		}
		if n := l.NumField(f); n != nil {
			*n = *u.NumField(f)
			continue
		}
		switch f {
		case FieldKeywords:
			l.Keywords = append(l.Keywords[:0], u.Keywords...)
		case FieldClassification:
			l.Classification = append(l.Classification[:0], u.Classification...)
		case FieldOrderable:
			l.Orderable = u.Orderable
		case FieldImages:
			l.Images = append(l.Images[:0], u.Images...)
		case FieldExtra:
			l.Extra = append(l.Extra[:0], u.Extra...)
		}
	}
}

// Normalize makes a line's action and units canonical as validation does
// (Validator.Line) without judging it: the action's synonyms (ny, slet,
// …) become add, update or delete, unit words and codes their UN/ECE code
// read in the language lang of the file's headers ("" for none), the unit
// as written kept in unitText. Update documents (internal/delta) compare
// and write lines read by a reader alone, so they take this step
// themselves.
func Normalize(l *Line, lang string) {
	normalizeAction(l)
	if l.Bad.Has(FieldUnit) {
		return
	}
	for _, f := range [...]Field{FieldUnit, FieldContentUnit} {
		s := l.StringField(f)
		if *s == "" {
			continue
		}
		text := *s
		res, ok := units.ResolveIn(text, lang)
		if !ok {
			continue
		}
		*s = res.Code
		if f == FieldUnit && text != res.Code && l.UnitText == "" {
			l.UnitText = text
		}
	}
}

// PlaceFindings gives the line's findings that say nothing of where they
// are the line's place: its ordinal and its row in the source.
func (l *Line) PlaceFindings() {
	for i := range l.Findings {
		f := &l.Findings[i]
		if f.Line == 0 {
			f.Line = l.Src.Line
		}
		if f.Pos == (Pos{}) {
			f.Pos.Row = l.Src.Row
		}
	}
}
