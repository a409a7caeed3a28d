package bmecat_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/bmecat"
	"github.com/ekatalog/ekatalog/formats/internal/writertest"
	"github.com/ekatalog/ekatalog/formats/jsoncat"
)

// TestRoundTrip: ekatalog's own BMEcat, read back, gives the same canonical
// lines for every field BMEcat carries (the unit as written aside: BMEcat
// carries the code, not the supplier's word for it).
func TestRoundTrip(t *testing.T) {
	for _, input := range []string{"testdata/canonical/csv-katalog-da.json", "testdata/canonical/targets-katalog-fuld.json"} {
		t.Run(input, func(t *testing.T) {
			h, lines := writertest.Lines(t, input, writertest.Header(t), 0)
			var out bytes.Buffer
			w := bmecat.NewWriter(&out, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
			if err := w.Begin(h); err != nil {
				t.Fatal(err)
			}
			for _, l := range lines {
				if err := w.Line(l); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.End(); err != nil {
				t.Fatal(err)
			}
			_, gh, got, err := readAll(t, "out.xml", out.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if gh.ID != h.ID || gh.Seller.Name != h.Seller.Name || gh.Currency != h.Currency || gh.Receiver.Name != h.Receiver.Name && h.Receiver.Name != "" {
				t.Errorf("header read back as %+v, written from %+v", gh, h)
			}
			if len(got) != len(lines) {
				t.Fatalf("%d lines read back, %d written", len(got), len(lines))
			}
			keep := bmecat.Carries
			keep &^= 1 << catalog.FieldUnitText
			for i, l := range lines {
				want := writertest.Project(expectBMEcat(l, &h), keep)
				g := writertest.Project(got[i], keep)
				g.Src.Line = want.Src.Line
				// BMEcat carries a unit as its own code (H87 is written C62,
				// XBX as BX): compare the units as BMEcat codes.
				want.Unit, want.ContentUnit = bmecatUnit(want.Unit), bmecatUnit(want.ContentUnit)
				g.Unit, g.ContentUnit = bmecatUnit(g.Unit), bmecatUnit(g.ContentUnit)
				if a, b := string(jsoncat.AppendLine(nil, want)), string(jsoncat.AppendLine(nil, g)); a != b {
					t.Errorf("line %d:\n wrote %s\n  read %s", i+1, a, b)
				}
				if len(got[i].Findings) > 0 {
					t.Errorf("line %d: findings %+v", i+1, got[i].Findings)
				}
			}
		})
	}
}

// bmecatUnit is the BMEcat code a canonical unit is written as.
func bmecatUnit(u string) string {
	if c, ok := bmecat.UnitCode(u); ok {
		return c
	}
	return u
}

// expectBMEcat is what a line written as a PRODUCT reads back as: the
// content unit the writer supplies when the line has none, and the price's
// currency, tax and validity only with a price.
func expectBMEcat(l *catalog.Line, h *catalog.Header) *catalog.Line {
	e := l.Clone()
	if e.ContentUnit == "" {
		e.ContentUnit = e.Unit
		if e.PackQuantity.Valid && e.PackQuantity.V != 1 {
			e.ContentUnit = "C62"
		}
	}
	if e.Price.Valid {
		if e.Currency == "" {
			e.Currency = h.Currency
		}
	} else {
		e.Currency, e.ValidFrom, e.ValidTo, e.VATPercent = "", "", "", catalog.Num{}
	}
	return e
}
