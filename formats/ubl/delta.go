package ubl

import (
	"bufio"
	"encoding/xml"
	"github.com/ekatalog/ekatalog/formats/internal/spill"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
)

// OIOUBLDeltaDoc says what the OIOUBL update document (ekatalog diff --to
// oioubl) is, and why.
const OIOUBLDeltaDoc = "an OIOUBL 2.1 CataloguePricingUpdate when only prices, currencies, price quantities and lead times " +
	"of existing lines changed (its lines name them by the old line ID); otherwise an OIOUBL Catalogue with header " +
	"ActionCode Update and line ActionCode Add, Update or Delete (OIOUBL's catalogueactioncode-1.1): the pricing and " +
	"item specification updates cannot add or remove lines, and CatalogueDeletion deletes a whole catalogue"

// pricingFields are what a CataloguePricingUpdate line carries, as the
// reader reads it back.
var pricingFields = func() catalog.FieldSet {
	var s catalog.FieldSet
	for _, f := range []catalog.Field{catalog.FieldPrice, catalog.FieldCurrency, catalog.FieldPriceBaseQuantity, catalog.FieldLeadTimeDays} {
		s.Add(f)
	}
	return s
}()

// DeltaWriter writes OIOUBL's update document. It writes the lines twice,
// to spills: as an OIOUBL Catalogue with line actions, and as the lines of
// a CataloguePricingUpdate; End keeps the pricing update when every line
// was a change of pricing fields alone (Changed says so before each
// update line), else the Catalogue.
type DeltaWriter struct {
	out       io.Writer
	h         catalog.Header
	cat       *Writer
	catSpill  spill.Buffer
	lines     spill.Buffer
	n         int
	pricing   bool   // every line so far fits a pricing update
	oldLineID string // set by Changed for the next line
	changed   bool
	tree      wtree // a pricing line's tree
	lineType  int16 // the schema type of a CataloguePricingUpdateLine
	buf       []byte
}

// NewOIOUBLDeltaWriter returns the writer of an OIOUBL update document.
func NewOIOUBLDeltaWriter(w io.Writer, h catalog.Header) (*DeltaWriter, error) {
	dw := &DeltaWriter{out: w, pricing: true, lineType: childType(xsdRoots["CataloguePricingUpdate"], "CataloguePricingUpdateLine")}
	cat, err := NewOIOUBLWriter(&dw.catSpill, h)
	if err != nil {
		return nil, err
	}
	dw.cat = cat
	return dw, nil
}

// Begin starts both forms.
func (w *DeltaWriter) Begin(h catalog.Header) error {
	w.h = h
	return w.cat.Begin(h)
}

// Changed tells the writer, before an update line, the old version of the
// line and which fields changed (internal/delta calls it).
func (w *DeltaWriter) Changed(old *catalog.Line, fields catalog.FieldSet) {
	w.changed = fields&^pricingFields == 0
	w.oldLineID = old.LineID
}

// Line writes l in both forms.
func (w *DeltaWriter) Line(l *catalog.Line) error {
	if err := w.cat.Line(l); err != nil {
		return err
	}
	fits := w.pricing && l.Action == "update" && w.changed && w.oldLineID != "" && l.Price.Valid
	w.changed = false
	if fits {
		w.pricingLine(l, w.oldLineID)
	}
	w.pricing = fits
	w.n++
	return nil
}

// End writes the form that fits.
func (w *DeltaWriter) End() error {
	defer w.catSpill.Close()
	defer w.lines.Close()
	if err := w.cat.End(); err != nil {
		return err
	}
	if !w.pricing || w.n == 0 {
		_, err := w.catSpill.WriteTo(w.out)
		return err
	}
	bw := bufio.NewWriter(w.out)
	w.pricingHeader(bw)
	if _, err := w.lines.WriteTo(bw); err != nil {
		return err
	}
	bw.WriteString("</CataloguePricingUpdate>\n")
	return bw.Flush()
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// pricingLine writes a CataloguePricingUpdateLine: the old line ID, the
// lead time, the price with its currency and base quantity, at the line
// field table's OIOUBL paths (the line's type shares them with a
// CatalogueLine's).
func (w *DeltaWriter) pricingLine(l *catalog.Line, id string) {
	t := &w.tree
	t.reset()
	root := t.root(w.lineType, "CataloguePricingUpdateLine")
	root.ns = nsCac
	number := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	t.set(root, lineFieldOf(catalog.FieldLineID).path(flOIOUBL), id)
	if l.LeadTimeDays.Valid {
		e := lineFieldOf(catalog.FieldLeadTimeDays)
		n := t.set(root, e.path(flOIOUBL), number(l.LeadTimeDays.V))
		for _, a := range e.attrs[flOIOUBL] {
			n.setAttr(a.name, a.value)
		}
	}
	cur := l.Currency
	if cur == "" {
		cur = w.h.Currency
	}
	n := t.set(root, lineFieldOf(catalog.FieldPrice).path(flOIOUBL), number(l.Price.V))
	n.setAttr(lineFieldOf(catalog.FieldCurrency).attr, cur)
	if l.PriceBaseQuantity.Valid {
		unit := l.Unit
		if unit == "" {
			unit = "EA"
		}
		t.set(root, lineFieldOf(catalog.FieldPriceBaseQuantity).path(flOIOUBL), number(l.PriceBaseQuantity.V)).setAttr("unitCode", unit)
	}
	sortTree(root)
	w.buf = appendNode(w.buf[:0], root, 1)
	w.lines.Write(w.buf)
}

// oioSchemeID is the OIOUBL scheme of a PEPPOL EAS code.
func oioSchemeID(eas string) string {
	switch eas {
	case "0184":
		return "DK:CVR"
	case "0088":
		return "GLN"
	case "0096":
		return "DK:P"
	case "0198":
		return "DK:SE"
	}
	return eas
}

func (w *DeltaWriter) party(b *bufio.Writer, indent string, p catalog.Party) {
	id, scheme := p.EndpointID, p.EndpointScheme
	if id == "" {
		id, scheme = p.ID, p.IDScheme
	}
	if id != "" {
		b.WriteString(indent + "<cbc:EndpointID schemeID=\"" + esc(oioSchemeID(scheme)) + "\">" + esc(id) + "</cbc:EndpointID>\n")
	}
	if p.ID != "" {
		b.WriteString(indent + "<cac:PartyIdentification>\n" + indent + "\t<cbc:ID schemeID=\"" + esc(oioSchemeID(p.IDScheme)) + "\">" + esc(p.ID) + "</cbc:ID>\n" + indent + "</cac:PartyIdentification>\n")
	}
	if p.Name != "" {
		b.WriteString(indent + "<cac:PartyName>\n" + indent + "\t<cbc:Name>" + esc(p.Name) + "</cbc:Name>\n" + indent + "</cac:PartyName>\n")
	}
}

func (w *DeltaWriter) pricingHeader(b *bufio.Writer) {
	h := w.h
	date := h.IssueDate
	if date == "" {
		date = time.Now().UTC().Format(time.DateOnly)
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<CataloguePricingUpdate xmlns="urn:oasis:names:specification:ubl:schema:xsd:CataloguePricingUpdate-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
	<cbc:UBLVersionID>2.1</cbc:UBLVersionID>
	<cbc:CustomizationID>` + oioCustomization + `</cbc:CustomizationID>
	<cbc:ProfileID schemeAgencyID="320" schemeID="` + oioProfileScheme + `">` + oioProfile + `</cbc:ProfileID>
`)
	id := h.ID
	if id == "" {
		id = "update"
	}
	b.WriteString("\t<cbc:ID>" + esc(id+"-PRICEUPDATE") + "</cbc:ID>\n")
	if h.Name != "" {
		b.WriteString("\t<cbc:Name>" + esc(h.Name) + "</cbc:Name>\n")
	}
	b.WriteString("\t<cbc:IssueDate>" + esc(date) + "</cbc:IssueDate>\n")
	if h.Version != "" {
		b.WriteString("\t<cbc:VersionID>" + esc(h.Version) + "</cbc:VersionID>\n")
	}
	if h.ValidFrom != "" || h.ValidTo != "" {
		b.WriteString("\t<cac:ValidityPeriod>\n")
		if h.ValidFrom != "" {
			b.WriteString("\t\t<cbc:StartDate>" + esc(h.ValidFrom) + "</cbc:StartDate>\n")
		}
		if h.ValidTo != "" {
			b.WriteString("\t\t<cbc:EndDate>" + esc(h.ValidTo) + "</cbc:EndDate>\n")
		}
		b.WriteString("\t</cac:ValidityPeriod>\n")
	}
	b.WriteString("\t<cac:RelatedCatalogueReference>\n\t\t<cbc:ID>" + esc(id) + "</cbc:ID>\n\t</cac:RelatedCatalogueReference>\n")
	if h.AgreementID != "" {
		b.WriteString("\t<cac:ReferencedContract>\n\t\t<cbc:ID>" + esc(h.AgreementID) + "</cbc:ID>\n\t</cac:ReferencedContract>\n")
	}
	b.WriteString("\t<cac:ProviderParty>\n")
	w.party(b, "\t\t", h.Seller)
	b.WriteString("\t</cac:ProviderParty>\n\t<cac:ReceiverParty>\n")
	w.party(b, "\t\t", h.Receiver)
	b.WriteString("\t</cac:ReceiverParty>\n\t<cac:SellerSupplierParty>\n\t\t<cac:Party>\n")
	w.party(b, "\t\t\t", h.Seller)
	b.WriteString("\t\t</cac:Party>\n\t</cac:SellerSupplierParty>\n")
	if h.Receiver != (catalog.Party{}) {
		b.WriteString("\t<cac:ContractorCustomerParty>\n\t\t<cac:Party>\n")
		w.party(b, "\t\t\t", h.Receiver)
		b.WriteString("\t\t</cac:Party>\n\t</cac:ContractorCustomerParty>\n")
	}
}
