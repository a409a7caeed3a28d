package cxml

import (
	"hash/fnv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/internal/outfmt"
)

// DTD is the system identifier of the cXML version written.
const DTD = "http://xml.cxml.org/schemas/cXML/1.2.050/cXML.dtd"

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

// payloadID is unique per catalogue and issue: the time, a hash of the
// header's identifying values, and the generator.
func payloadID(h *catalog.Header, when time.Time) string {
	f := fnv.New64a()
	for _, s := range []string{h.ID, h.Version, h.Seller.ID, h.Seller.EndpointID, h.Receiver.ID, h.Receiver.EndpointID} {
		f.Write([]byte(s))
		f.Write([]byte{0})
	}
	return when.Format("20060102150405") + "." + strconv.FormatUint(f.Sum64(), 36) + "@ekatalog"
}

func (w *Writer) credential(indent string, p catalog.Party) {
	id, scheme := outfmt.PartyID(p)
	w.x.Raw(indent + `<Credential domain="`)
	w.x.Text(outfmt.Domain(scheme))
	w.x.Raw("\">\n" + indent + "  <Identity>")
	w.x.Text(id)
	w.x.Raw("</Identity>\n" + indent + "</Credential>\n")
}

// Begin writes the envelope and the Index's SupplierID. The seller's ID is
// needed.
func (w *Writer) Begin(h catalog.Header) error {
	if err := outfmt.NeedHeader("a cXML index", &h, outfmt.SellerID(&h)); err != nil {
		return err
	}
	w.h = h
	w.when = outfmt.Time(h, w.when).UTC()
	w.lang = outfmt.Lang2(h.Language)
	x := w.x
	x.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE cXML SYSTEM \"" + DTD + "\">\n")
	x.Raw(`<cXML payloadID="`)
	x.Text(payloadID(&h, w.when))
	x.Raw(`" timestamp="` + w.when.Format(stamp) + `" xml:lang="`)
	x.Text(w.lang)
	x.Raw("\">\n  <Header>\n    <From>\n")
	w.credential("      ", h.Seller)
	x.Raw("    </From>\n    <To>\n")
	w.credential("      ", h.Receiver)
	x.Raw("    </To>\n    <Sender>\n")
	w.credential("      ", h.Seller)
	x.Raw("      <UserAgent>ekatalog</UserAgent>\n    </Sender>\n  </Header>\n  <Message>\n    <Index>\n")
	id, scheme := outfmt.PartyID(h.Seller)
	x.ElemAttr("      ", "SupplierID", "domain", outfmt.Domain(scheme), id)
	if h.ID != "" || h.Name != "" {
		x.ElemAttr("      ", "Comments", "xml:lang", w.lang, strings.TrimSpace(h.ID+" "+h.Name))
	}
	return x.Err()
}

func isDelete(l *catalog.Line) bool { return l.Action == "delete" }

// Missing returns what cXML needs that l lacks (formats.Checker): an added
// item needs a part ID, a description, a price and currency, a unit, a
// classification and a lead time; a deleted one its part ID.
func (w *Writer) Missing(l *catalog.Line) catalog.FieldSet {
	var m catalog.FieldSet
	if l.SellerItemID == "" {
		m.Add(catalog.FieldSellerItemID)
	}
	if isDelete(l) {
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
		w.x.Raw("      </IndexItem>\n")
	}
	w.x.Raw("      <IndexItem>\n")
	w.open = kind
}

// Line writes one IndexItemAdd or IndexItemDelete.
func (w *Writer) Line(l *catalog.Line) error {
	x := w.x
	const i4, i5, i6, i7 = "        ", "          ", "            ", "              "
	if isDelete(l) {
		w.item("IndexItemDelete")
		x.Raw(i4 + "<IndexItemDelete>\n" + i5 + "<ItemID>\n")
		x.Elem(i6, "SupplierPartID", l.SellerItemID)
		x.Raw(i5 + "</ItemID>\n" + i4 + "</IndexItemDelete>\n")
		return x.Err()
	}
	w.item("IndexItemAdd")
	x.Raw(i4 + "<IndexItemAdd>\n" + i5 + "<ItemID>\n")
	x.Elem(i6, "SupplierPartID", l.SellerItemID)
	x.Raw(i5 + "</ItemID>\n" + i5 + "<ItemDetail>\n")
	x.Raw(i6 + "<UnitPrice>\n")
	price := ""
	if l.Price.Valid {
		price = outfmt.Fixed(l.Price.V, 2)
	}
	x.ElemAttr(i7, "Money", "currency", outfmt.Currency(l, &w.h), price)
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
	x.Elem(i6, "UnitOfMeasure", unit)
	if l.PriceBaseQuantity.Valid && l.PriceBaseQuantity.V != 1 && unit != "" {
		x.Raw(i6 + `<PriceBasisQuantity quantity="` + outfmt.Num(l.PriceBaseQuantity.V) + "\" conversionFactor=\"1\">\n")
		x.Elem(i7, "UnitOfMeasure", unit)
		x.Raw(i6 + "</PriceBasisQuantity>\n")
	}
	for _, c := range l.Classification {
		x.ElemAttr(i6, "Classification", "domain", c.Scheme, c.Code)
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

// End closes the document and flushes it.
func (w *Writer) End() error {
	if w.open != "" {
		w.x.Raw("      </IndexItem>\n")
	}
	w.x.Raw("    </Index>\n  </Message>\n</cXML>\n")
	return w.x.Flush()
}
