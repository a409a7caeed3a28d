package bmecat

import (
	"io"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/internal/outfmt"
)

// NS is the BMEcat 2005 namespace.
const NS = "http://www.bmecat.org/bmecat/2005"

// Carries is the set of line fields BMEcat has a place for.
var Carries = func() catalog.FieldSet {
	var s catalog.FieldSet
	for _, f := range []catalog.Field{catalog.FieldSellerItemID, catalog.FieldGTIN, catalog.FieldManufacturerItemID,
		catalog.FieldManufacturerName, catalog.FieldName, catalog.FieldDescription, catalog.FieldKeywords,
		catalog.FieldClassification, catalog.FieldUnit, catalog.FieldUnitText, catalog.FieldPackQuantity,
		catalog.FieldContentUnit, catalog.FieldMinOrderQuantity, catalog.FieldOrderQuantityIncrement,
		catalog.FieldMaxOrderQuantity, catalog.FieldPrice, catalog.FieldCurrency, catalog.FieldPriceBaseQuantity,
		catalog.FieldVATPercent, catalog.FieldLeadTimeDays, catalog.FieldOriginCountry, catalog.FieldValidFrom,
		catalog.FieldValidTo, catalog.FieldImages} {
		s.Add(f)
	}
	return s
}()

// Writer writes a BMEcat 2005 T_NEW_CATALOG document.
type Writer struct {
	x    *outfmt.XML
	h    catalog.Header
	when time.Time
}

// NewWriter returns a writer to w. now is GENERATION_DATE when the header
// has no issue date (zero: the clock).
func NewWriter(w io.Writer, now time.Time) *Writer {
	return &Writer{x: outfmt.NewXML(w), when: now}
}

var (
	versionRE = regexp.MustCompile(`^\d{1,3}\.\d{1,3}$`)
	majorRE   = regexp.MustCompile(`^\d{1,3}$`)
)

// version is CATALOG_VERSION, which BMEcat wants as major.minor.
func version(v string) string {
	switch {
	case versionRE.MatchString(v):
		return v
	case majorRE.MatchString(v):
		return v + ".0"
	}
	return "1.0"
}

// idType is the type attribute of a BUYER_ID or SUPPLIER_ID.
func idType(scheme, own string) string {
	switch scheme {
	case "0088":
		return "gln"
	case "0060":
		return "duns"
	}
	return own
}

// Begin writes the document start and the HEADER. The catalogue's ID and
// the seller's name are needed.
func (w *Writer) Begin(h catalog.Header) error {
	if err := outfmt.NeedHeader("a BMEcat catalogue", &h, "catalogue.id", "seller.name"); err != nil {
		return err
	}
	w.h = h
	w.when = outfmt.Time(h, w.when)
	x := w.x
	x.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BMECAT version=\"2005\" xmlns=\"" + NS + "\">\n  <HEADER>\n")
	x.Elem("    ", "GENERATOR_INFO", "ekatalog")
	x.Raw("    <CATALOG>\n")
	x.ElemAttr("      ", "LANGUAGE", "default", "true", outfmt.Lang3(h.Language))
	x.Elem("      ", "CATALOG_ID", h.ID)
	x.Elem("      ", "CATALOG_VERSION", version(h.Version))
	x.Elem("      ", "CATALOG_NAME", h.Name)
	x.Elem("      ", "GENERATION_DATE", w.when.Format(time.RFC3339))
	territory := h.Receiver.Country
	if territory == "" {
		territory = h.Seller.Country
	}
	x.Elem("      ", "TERRITORY", territory)
	x.Elem("      ", "CURRENCY", h.Currency)
	x.Raw("    </CATALOG>\n")
	if !h.Receiver.IsZero() {
		x.Raw("    <BUYER>\n")
		id, scheme := outfmt.PartyID(h.Receiver)
		x.ElemAttr("      ", "BUYER_ID", "type", idType(scheme, "buyer_specific"), id)
		name := h.Receiver.Name
		if name == "" {
			name = id
		}
		x.Elem("      ", "BUYER_NAME", name)
		x.Raw("    </BUYER>\n")
	}
	if h.AgreementID != "" {
		x.Raw("    <AGREEMENT>\n")
		x.Elem("      ", "AGREEMENT_ID", h.AgreementID)
		w.datetime("      ", "agreement_start_date", h.ValidFrom)
		w.datetime("      ", "agreement_end_date", h.ValidTo)
		x.Raw("    </AGREEMENT>\n")
	}
	x.Raw("    <SUPPLIER>\n")
	id, scheme := outfmt.PartyID(h.Seller)
	x.ElemAttr("      ", "SUPPLIER_ID", "type", idType(scheme, "supplier_specific"), id)
	x.Elem("      ", "SUPPLIER_NAME", h.Seller.Name)
	x.Raw("    </SUPPLIER>\n  </HEADER>\n  <T_NEW_CATALOG>\n")
	return x.Err()
}

func (w *Writer) datetime(indent, typ, date string) {
	if date == "" {
		return
	}
	w.x.Raw(indent + `<DATETIME type="` + typ + "\">\n")
	w.x.Elem(indent+"  ", "DATE", date)
	w.x.Raw(indent + "</DATETIME>\n")
}

// Missing returns the fields a PRODUCT cannot do without that l lacks
// (formats.Checker): SUPPLIER_PID, DESCRIPTION_SHORT, ORDER_UNIT and a price.
func (w *Writer) Missing(l *catalog.Line) catalog.FieldSet {
	var m catalog.FieldSet
	for _, f := range [...]catalog.Field{catalog.FieldSellerItemID, catalog.FieldName, catalog.FieldUnit, catalog.FieldPrice} {
		if l.IsEmpty(f) {
			m.Add(f)
		}
	}
	return m
}

// Line writes one PRODUCT.
func (w *Writer) Line(l *catalog.Line) error {
	x := w.x
	const i3, i4, i5 = "      ", "        ", "          "
	x.Raw("    <PRODUCT>\n")
	x.ElemAttr(i3, "SUPPLIER_PID", "type", "supplier_specific", l.SellerItemID)
	x.Raw(i3 + "<PRODUCT_DETAILS>\n")
	x.Elem(i4, "DESCRIPTION_SHORT", l.Name)
	x.Elem(i4, "DESCRIPTION_LONG", l.Description)
	x.ElemAttr(i4, "INTERNATIONAL_PID", "type", "gtin", l.GTIN)
	x.Elem(i4, "MANUFACTURER_PID", l.ManufacturerItemID)
	x.Elem(i4, "MANUFACTURER_NAME", l.ManufacturerName)
	x.Elem(i4, "DELIVERY_TIME", outfmt.Opt(l.LeadTimeDays))
	for _, k := range l.Keywords {
		x.Elem(i4, "KEYWORD", k)
	}
	x.Raw(i3 + "</PRODUCT_DETAILS>\n")
	for _, c := range l.Classification {
		x.Raw(i3 + "<PRODUCT_FEATURES>\n")
		x.Elem(i4, "REFERENCE_FEATURE_SYSTEM_NAME", c.Scheme)
		x.Elem(i4, "REFERENCE_FEATURE_GROUP_ID", c.Code)
		x.Raw(i3 + "</PRODUCT_FEATURES>\n")
	}
	x.Raw(i3 + "<PRODUCT_ORDER_DETAILS>\n")
	x.Elem(i4, "ORDER_UNIT", l.Unit)
	content := l.ContentUnit
	if content == "" {
		content = l.Unit
		if l.PackQuantity.Valid && l.PackQuantity.V != 1 {
			content = "C62"
		}
	}
	x.Elem(i4, "CONTENT_UNIT", content)
	x.Elem(i4, "NO_CU_PER_OU", outfmt.Opt(l.PackQuantity))
	x.Elem(i4, "PRICE_QUANTITY", outfmt.Opt(l.PriceBaseQuantity))
	x.Elem(i4, "QUANTITY_MIN", outfmt.Opt(l.MinOrderQuantity))
	x.Elem(i4, "QUANTITY_INTERVAL", outfmt.Opt(l.OrderQuantityIncrement))
	x.Elem(i4, "QUANTITY_MAX", outfmt.Opt(l.MaxOrderQuantity))
	x.Raw(i3 + "</PRODUCT_ORDER_DETAILS>\n")
	if l.Price.Valid {
		x.Raw(i3 + "<PRODUCT_PRICE_DETAILS>\n")
		w.datetime(i4, "valid_start_date", l.ValidFrom)
		w.datetime(i4, "valid_end_date", l.ValidTo)
		x.Raw(i4 + "<PRODUCT_PRICE price_type=\"net_customer\">\n")
		x.Elem(i5, "PRICE_AMOUNT", outfmt.Num(l.Price.V))
		x.Elem(i5, "PRICE_CURRENCY", outfmt.Currency(l, &w.h))
		if l.VATPercent.Valid {
			x.Elem(i5, "TAX", outfmt.Num(l.VATPercent.V/100))
		}
		x.Raw(i4 + "</PRODUCT_PRICE>\n")
		x.Raw(i3 + "</PRODUCT_PRICE_DETAILS>\n")
	}
	if len(l.Images) > 0 {
		x.Raw(i3 + "<MIME_INFO>\n")
		for n, u := range l.Images {
			x.Raw(i4 + "<MIME>\n")
			x.Elem(i5, "MIME_TYPE", mimeType(u))
			x.Elem(i5, "MIME_SOURCE", u)
			purpose := "normal"
			if n > 0 {
				purpose = "detail"
			}
			x.Elem(i5, "MIME_PURPOSE", purpose)
			x.Raw(i4 + "</MIME>\n")
		}
		x.Raw(i3 + "</MIME_INFO>\n")
	}
	if l.OriginCountry != "" {
		x.Raw(i3 + "<PRODUCT_LOGISTIC_DETAILS>\n")
		x.Elem(i4, "COUNTRY_OF_ORIGIN", l.OriginCountry)
		x.Raw(i3 + "</PRODUCT_LOGISTIC_DETAILS>\n")
	}
	x.Raw("    </PRODUCT>\n")
	return x.Err()
}

// mimeType guesses an image's MIME type from its URL's extension; "" (no
// MIME_TYPE, which is optional) when the extension does not say.
func mimeType(url string) string {
	u := url
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	switch strings.ToLower(path.Ext(u)) {
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".svg":
		return "image/svg+xml"
	case ".tif", ".tiff":
		return "image/tiff"
	case ".pdf":
		return "application/pdf"
	}
	return ""
}

// End closes the document and flushes it.
func (w *Writer) End() error {
	w.x.Raw("  </T_NEW_CATALOG>\n</BMECAT>\n")
	return w.x.Flush()
}
