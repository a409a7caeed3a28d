package cxml

import (
	"errors"
	"io"
	"strings"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/internal/outfmt"
)

// Version is the cXML version written: the DTD the document follows.
const Version = "1.2.063"

// DTD is the system identifier of the cXML version written.
const DTD = "http://xml.cxml.org/schemas/cXML/" + Version + "/cXML.dtd"

// Carries is the set of line fields a cXML Index has a place for.
var Carries = func() catalog.FieldSet {
	var s catalog.FieldSet
	for _, f := range []catalog.Field{catalog.FieldAction, catalog.FieldSellerItemID, catalog.FieldGTIN,
		catalog.FieldManufacturerItemID, catalog.FieldManufacturerName, catalog.FieldName, catalog.FieldDescription,
		catalog.FieldClassification, catalog.FieldUnit, catalog.FieldUnitText, catalog.FieldPrice, catalog.FieldCurrency,
		catalog.FieldPriceBaseQuantity, catalog.FieldLeadTimeDays, catalog.FieldValidFrom, catalog.FieldValidTo} {
		s.Add(f)
	}
	return s
}()

// Writer writes a cXML Index document.
type Writer struct {
	x    *outfmt.XML
	h    catalog.Header
	when time.Time
	lang string
	// open is the kind of IndexItem open: "", "IndexItemAdd" or
	// "IndexItemDelete".
	open string
}

// NewWriter returns a writer to w. now is the timestamp when the header has
// no issue date (zero: the clock).
func NewWriter(w io.Writer, now time.Time) *Writer {
	return &Writer{x: outfmt.NewXML(w), when: now}
}

const stamp = "2006-01-02T15:04:05-07:00"

// Begin writes the document start and the Index's SupplierID. The
// seller's ID is needed.
//
// The cXML User's Guide gives catalogues (Supplier, Index, Contract) as
// documents of their own, not carried in a cXML envelope: the root element
// is Index and the DOCTYPE names it and the DTD version. (A
// CatalogUploadRequest carries a catalogue file as an attachment, for
// Ariba's upload service; it is not how an index is written.)
func (w *Writer) Begin(h catalog.Header) error {
	if err := outfmt.NeedHeader("a cXML index", &h, outfmt.SellerID(&h)); err != nil {
		return err
	}
	w.h = h
	w.when = outfmt.Time(h, w.when).UTC()
	w.lang = outfmt.Lang2(h.Language)
	x := w.x
	x.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE Index SYSTEM \"" + DTD + "\">\n<Index>\n")
	id, scheme := outfmt.PartyID(h.Seller)
	x.ElemAttr("  ", "SupplierID", "domain", outfmt.Domain(scheme), id)
	comment := strings.TrimSpace(h.ID + " " + h.Name)
	if comment != "" {
		comment = "catalogue " + comment + ", "
	}
	comment += "written by ekatalog " + w.when.Format(stamp)
	x.ElemAttr("  ", "Comments", "xml:lang", w.lang, comment)
	return x.Err()
}

func writesDelete(l *catalog.Line) bool { return l.Action == "delete" }

// Missing returns what cXML needs that l lacks (formats.Checker): an added
// item needs a part ID, a description, a price and currency, a unit, a
// classification and a lead time; a deleted one its part ID.
func (w *Writer) Missing(l *catalog.Line) catalog.FieldSet {
	var m catalog.FieldSet
	if l.SellerItemID == "" {
		m.Add(catalog.FieldSellerItemID)
	}
	if writesDelete(l) {
		return m
	}
	if l.Name == "" && l.Description == "" {
		m.Add(catalog.FieldName)
	}
	for _, f := range [...]catalog.Field{catalog.FieldPrice, catalog.FieldUnit, catalog.FieldClassification, catalog.FieldLeadTimeDays} {
		if l.IsEmpty(f) {
			m.Add(f)
		}
	}
	if outfmt.Currency(l, &w.h) == "" {
		m.Add(catalog.FieldCurrency)
	}
	return m
}

// item opens an IndexItem for the kind, closing one of another kind.
func (w *Writer) item(kind string) {
	if w.open == kind {
		return
	}
	if w.open != "" {
		w.x.Raw("  </IndexItem>\n")
	}
	w.x.Raw("  <IndexItem>\n")
	w.open = kind
}

// Line writes one IndexItemAdd or IndexItemDelete.
func (w *Writer) Line(l *catalog.Line) error {
	x := w.x
	const i4, i5, i6, i7 = "    ", "      ", "        ", "          "
	if writesDelete(l) {
		w.item("IndexItemDelete")
		x.Raw(i4 + "<IndexItemDelete>\n" + i5 + "<ItemID>\n")
		w.req(i6, "SupplierPartID", l.SellerItemID)
		x.Raw(i5 + "</ItemID>\n" + i4 + "</IndexItemDelete>\n")
		return x.Err()
	}
	w.item("IndexItemAdd")
	x.Raw(i4 + "<IndexItemAdd>\n" + i5 + "<ItemID>\n")
	w.req(i6, "SupplierPartID", l.SellerItemID)
	x.Raw(i5 + "</ItemID>\n" + i5 + "<ItemDetail>\n")
	x.Raw(i6 + "<UnitPrice>\n")
	price := ""
	if l.Price.Valid {
		price = outfmt.Fixed(l.Price.V, 2)
	}
	x.Raw(i7 + `<Money currency="`)
	x.Text(outfmt.Currency(l, &w.h))
	x.Raw(`">`)
	x.Text(price)
	x.Raw("</Money>\n")
	x.Raw(i6 + "</UnitPrice>\n")
	x.Raw(i6 + `<Description xml:lang="`)
	x.Text(w.lang)
	x.Raw(`">`)
	if l.Name != "" {
		x.Raw("<ShortName>")
		x.Text(l.Name)
		x.Raw("</ShortName>")
	}
	if l.Description != "" {
		x.Text(l.Description)
	} else {
		x.Text(l.Name)
	}
	x.Raw("</Description>\n")
	unit := outfmt.ClassicUnit(l.Unit)
	w.req(i6, "UnitOfMeasure", unit)
	if l.PriceBaseQuantity.Valid && l.PriceBaseQuantity.V != 1 && unit != "" {
		x.Raw(i6 + `<PriceBasisQuantity quantity="` + outfmt.Num(l.PriceBaseQuantity.V) + "\" conversionFactor=\"1\">\n")
		x.Elem(i7, "UnitOfMeasure", unit)
		x.Raw(i6 + "</PriceBasisQuantity>\n")
	}
	n := 0
	for _, c := range l.Classification {
		if c.Code != "" {
			x.ElemAttr(i6, "Classification", "domain", c.Scheme, c.Code)
			n++
		}
	}
	if n == 0 {
		// Required; Missing reports the line.
		x.Raw(i6 + `<Classification domain="UNSPSC"></Classification>` + "\n")
	}
	x.Elem(i6, "ManufacturerPartID", l.ManufacturerItemID)
	x.Elem(i6, "ManufacturerName", l.ManufacturerName)
	if l.GTIN != "" {
		x.Raw(i6 + "<ItemDetailIndustry>\n" + i7 + "<ItemDetailRetail>\n")
		x.Elem(i7+"  ", "EANID", l.GTIN)
		x.Raw(i7 + "</ItemDetailRetail>\n" + i6 + "</ItemDetailIndustry>\n")
	}
	x.Raw(i5 + "</ItemDetail>\n" + i5 + "<IndexItemDetail>\n")
	// LeadTime is required here; a line without one is reported, and
	// the element stays empty rather than claiming a time.
	x.Raw(i6 + "<LeadTime>" + outfmt.Opt(l.LeadTimeDays) + "</LeadTime>\n")
	if l.ValidTo != "" {
		x.Elem(i6, "ExpirationDate", l.ValidTo+"T23:59:59+00:00")
	}
	if l.ValidFrom != "" {
		x.Elem(i6, "EffectiveDate", l.ValidFrom+"T00:00:00+00:00")
	}
	x.Raw(i5 + "</IndexItemDetail>\n" + i4 + "</IndexItemAdd>\n")
	return x.Err()
}

// req writes an element the DTD requires, empty when the line has no
// value (Missing reports the line): the document stays valid and the line
// is not lost.
func (w *Writer) req(indent, name, value string) {
	x := w.x
	x.Raw(indent)
	x.Raw("<")
	x.Raw(name)
	x.Raw(">")
	x.Text(value)
	x.Raw("</")
	x.Raw(name)
	x.Raw(">\n")
}

// End closes the document and flushes it. An Index holds at least one
// item: a catalogue without lines is an error.
func (w *Writer) End() error {
	if w.open == "" {
		w.x.Flush()
		return errors.New("a cXML index needs at least one item, and the catalogue has no lines")
	}
	w.x.Raw("  </IndexItem>\n</Index>\n")
	return w.x.Flush()
}
