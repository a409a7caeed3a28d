package bmecat

import (
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/internal/outfmt"
)

// NS is the BMEcat 2005 namespace real BMEcat 2005 files use. (The
// published XSD declares http://www.bmecat.org/bmecat/2005fd, the final
// draft's; importers expect this one.)
const NS = "http://www.bmecat.org/bmecat/2005"

// NS12 is the namespace of a BMEcat 1.2 new catalogue as real 1.2 files use
// it. (The published XSDs declare
// http://www.bmecat.org/XMLSchema/1.2/bmecat_new_catalog.)
const NS12 = "http://www.bmecat.org/bmecat/1.2/bmecat_new_catalog"

// fieldsOf is the set of the fields.
func fieldsOf(fs ...catalog.Field) catalog.FieldSet {
	var s catalog.FieldSet
	for _, f := range fs {
		s.Add(f)
	}
	return s
}

// Carries is the set of line fields BMEcat 2005 has a place for.
var Carries = fieldsOf(catalog.FieldSellerItemID, catalog.FieldGTIN, catalog.FieldManufacturerItemID,
	catalog.FieldManufacturerName, catalog.FieldName, catalog.FieldDescription, catalog.FieldKeywords,
	catalog.FieldClassification, catalog.FieldUnit, catalog.FieldUnitText, catalog.FieldPackQuantity,
	catalog.FieldContentUnit, catalog.FieldMinOrderQuantity, catalog.FieldOrderQuantityIncrement,
	catalog.FieldMaxOrderQuantity, catalog.FieldPrice, catalog.FieldCurrency, catalog.FieldPriceBaseQuantity,
	catalog.FieldVATPercent, catalog.FieldLeadTimeDays, catalog.FieldOriginCountry, catalog.FieldValidFrom,
	catalog.FieldValidTo, catalog.FieldImages)

// Carries12 is the set of line fields BMEcat 1.2 has a place for: those of
// 2005 but the maximum order quantity and the country of origin.
var Carries12 = Carries &^ fieldsOf(catalog.FieldMaxOrderQuantity, catalog.FieldOriginCountry)

// writeSpec is what differs between the BMEcat versions written: element names,
// lengths and code lists, all from the published XSDs.
type writeSpec struct {
	version, ns string
	target      string // the name of the target in reports
	// element names: PRODUCT (2005) or ARTICLE (1.2) and its parts
	product, pid, details, gtin, mpid, features, order, priceDetails, price string

	shortMax   int // DESCRIPTION_SHORT
	mimeMax    int // MIME_SOURCE
	systemMax  int // REFERENCE_FEATURE_SYSTEM_NAME
	partyIDMax int // BUYER_ID, SUPPLIER_ID
	gtinMax    int

	intQuantity  bool // QUANTITY_MIN and QUANTITY_INTERVAL are integers (1.2)
	mimeTypes    bool // MIME_TYPE is restricted to a few values (2005)
	onRequest    bool // a PRODUCT_PRICE may have no amount (price_type on_request)
	langDefault  bool // LANGUAGE has the default attribute
	agreementReq bool // AGREEMENT needs a DATETIME

	langs, currencies, countries []string
	glnType                      string // the type of a GLN party ID

	// t holds the indented tags of a PRODUCT's parts, made once.
	t tags
}

// tags are the lines that open and close a PRODUCT's parts.
type tags struct {
	product, productEnd, details, detailsEnd, features, featuresEnd, order, orderEnd,
	priceDetails, priceDetailsEnd, price, priceOnRequest, priceEnd string
}

// withTags returns s with its tags made.
func (s *writeSpec) withTags() *writeSpec {
	const i2, i3, i4 = "    ", "      ", "        "
	o := func(indent, name string) string { return indent + "<" + name + ">\n" }
	c := func(indent, name string) string { return indent + "</" + name + ">\n" }
	s.t = tags{
		product: o(i2, s.product), productEnd: c(i2, s.product),
		details: o(i3, s.details), detailsEnd: c(i3, s.details),
		features: o(i3, s.features), featuresEnd: c(i3, s.features),
		order: o(i3, s.order), orderEnd: c(i3, s.order),
		priceDetails: o(i3, s.priceDetails), priceDetailsEnd: c(i3, s.priceDetails),
		price:          i4 + "<" + s.price + " price_type=\"net_customer\">\n",
		priceOnRequest: i4 + "<" + s.price + " price_type=\"on_request\">\n",
		priceEnd:       c(i4, s.price),
	}
	return s
}

var (
	v2005 = (&writeSpec{
		version: "2005", ns: NS, target: "bmecat",
		product: "PRODUCT", pid: "SUPPLIER_PID", details: "PRODUCT_DETAILS", gtin: "INTERNATIONAL_PID",
		mpid: "MANUFACTURER_PID", features: "PRODUCT_FEATURES", order: "PRODUCT_ORDER_DETAILS",
		priceDetails: "PRODUCT_PRICE_DETAILS", price: "PRODUCT_PRICE",
		shortMax: 150, mimeMax: 255, systemMax: 80, partyIDMax: 250, gtinMax: 100,
		mimeTypes: true, onRequest: true, langDefault: true, agreementReq: true,
		langs: languages2005, currencies: currencies2005, countries: countries2005, glnType: "gln",
	}).withTags()
	v12 = (&writeSpec{
		version: "1.2", ns: NS12, target: "bmecat-1.2",
		product: "ARTICLE", pid: "SUPPLIER_AID", details: "ARTICLE_DETAILS", gtin: "EAN",
		mpid: "MANUFACTURER_AID", features: "ARTICLE_FEATURES", order: "ARTICLE_ORDER_DETAILS",
		priceDetails: "ARTICLE_PRICE_DETAILS", price: "ARTICLE_PRICE",
		shortMax: 80, mimeMax: 250, systemMax: 50, partyIDMax: 50, gtinMax: 14,
		intQuantity: true, agreementReq: true,
		langs: languages12, currencies: currencies12, countries: countries12, glnType: "iln",
	}).withTags()
)

// Limits every version shares.
const (
	pidMax       = 32 // SUPPLIER_PID, SUPPLIER_AID
	textMax      = 50 // MANUFACTURER_PID/_AID, MANUFACTURER_NAME, KEYWORD
	groupIDMax   = 60 // REFERENCE_FEATURE_GROUP_ID
	catalogIDMax = 20
	nameMax      = 50 // BUYER_NAME, SUPPLIER_NAME
	catalogNmMax = 100
	agreementMax = 50
	longMax      = 64000 // DESCRIPTION_LONG
)

// Writer writes a BMEcat T_NEW_CATALOG document, 2005 or 1.2.
type Writer struct {
	x       *outfmt.XML
	s       *writeSpec
	h       catalog.Header
	when    time.Time
	changes []catalog.Finding
	p       linePlan
	// planned is the line p was made for: Dropped, Missing and Line of one
	// line (the pipeline calls them in that order) share one plan.
	planned *catalog.Line
	// skipped counts the lines not written, by the field that kept each
	// out, with the first such line.
	skipped map[catalog.Field][2]int
	// update makes the document a T_UPDATE_PRODUCTS (update.go); written
	// counts its products.
	update  bool
	written int
}

// NewWriter returns a BMEcat 2005 writer to w. now is GENERATION_DATE when
// the header has no issue date (zero: the clock).
func NewWriter(w io.Writer, now time.Time) *Writer {
	return &Writer{x: outfmt.NewXML(w), s: v2005, when: now}
}

// NewWriter12 returns a BMEcat 1.2 writer to w.
func NewWriter12(w io.Writer, now time.Time) *Writer {
	return &Writer{x: outfmt.NewXML(w), s: v12, when: now}
}

var (
	versionRE = regexp.MustCompile(`^\d{1,3}\.\d{1,3}$`)
	majorRE   = regexp.MustCompile(`^\d{1,3}$`)
)

// catalogVersion is CATALOG_VERSION, which BMEcat wants as major.minor.
func catalogVersion(v string) string {
	switch {
	case versionRE.MatchString(v):
		return v
	case majorRE.MatchString(v):
		return v + ".0"
	}
	return "1.0"
}

// idType is the type attribute of a BUYER_ID or SUPPLIER_ID.
func (w *Writer) idType(scheme, own string) string {
	switch scheme {
	case "0088":
		return w.s.glnType
	case "0060":
		return "duns"
	}
	return own
}

// fits reports whether s is at most n characters long, as XML Schema
// counts length: in characters (a string of n bytes or fewer always fits).
func fits(s string, n int) bool { return len(s) <= n || utf8.RuneCountInString(s) <= n }

// clipChars shortens s to at most n characters.
func clipChars(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// fit returns the header value v cut to n characters, noting the change.
func (w *Writer) fit(field, v string, n int) string {
	if fits(v, n) {
		return v
	}
	c := clipChars(v, n)
	w.change(field, v, c)
	return c
}

// code returns v when the list has it; else "", noting the change when v
// is not empty.
func (w *Writer) code(field, v string, list []string) string {
	if v == "" || inList(list, v) {
		return v
	}
	w.change(field, v, "")
	return ""
}

// change notes a header value not written as it stands: written instead,
// or left out ("").
func (w *Writer) change(field, v, written string) {
	f := catalog.Finding{Rule: catalog.RuleTargetHeader, Severity: catalog.Warning, Field: field, Value: v,
		Args: []string{w.s.target, v, written}}
	if written == "" {
		f.Rule, f.Args = catalog.RuleTargetHeaderDropped, f.Args[:2]
	}
	w.changes = append(w.changes, f)
}

// Findings returns the header values Begin cut to BMEcat's lengths, left
// out or replaced because BMEcat's code lists lack them (formats.Noter):
// TARGET-HEADER and TARGET-HEADER-DROPPED.
//
// It also returns one TARGET-LINE-DROPPED error per reason for the lines
// that could not be written at all (no item number, name or currency, an
// item number too long, a currency outside BMEcat's list, in 1.2 no
// price): a line missing from the output is never only a warning.
func (w *Writer) Findings() []catalog.Finding {
	fs := w.changes
	for _, f := range skipOrder {
		if c, ok := w.skipped[f]; ok {
			fs = append(fs, catalog.Finding{Rule: catalog.RuleTargetLineDropped, Severity: catalog.Error, Field: f.String(),
				Args: []string{w.s.target, strconv.Itoa(c[0]), strconv.Itoa(c[1])}})
		}
	}
	return fs
}

// skipOrder is the order in which the reasons for leaving a line out are
// named: the first the line has is its reason.
var skipOrder = [...]catalog.Field{catalog.FieldSellerItemID, catalog.FieldName, catalog.FieldCurrency, catalog.FieldPrice}

// Begin writes the document start and the HEADER. The catalogue's ID and
// the seller's name are needed.
func (w *Writer) Begin(h catalog.Header) error {
	if err := outfmt.NeedHeader("a BMEcat catalogue", &h, "catalogue.id", "seller.name"); err != nil {
		return err
	}
	w.h = h
	w.when = outfmt.Time(h, w.when)
	x, s := w.x, w.s
	x.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BMECAT version=\"" + s.version + "\" xmlns=\"" + w.namespace() + "\">\n  <HEADER>\n")
	x.Elem("    ", "GENERATOR_INFO", "ekatalog")
	x.Raw("    <CATALOG>\n")
	lang := outfmt.Lang3(h.Language)
	if !inList(s.langs, lang) {
		w.change("catalogue.language", h.Language, "dan")
		lang = "dan"
	}
	if s.langDefault {
		x.ElemAttr("      ", "LANGUAGE", "default", "true", lang)
	} else {
		x.Elem("      ", "LANGUAGE", lang)
	}
	x.Elem("      ", "CATALOG_ID", w.fit("catalogue.id", h.ID, catalogIDMax))
	x.Elem("      ", "CATALOG_VERSION", catalogVersion(h.Version))
	x.Elem("      ", "CATALOG_NAME", w.fit("catalogue.name", h.Name, catalogNmMax))
	if s == v2005 {
		x.Elem("      ", "GENERATION_DATE", w.when.Format(time.RFC3339))
	} else {
		u := w.when.UTC()
		x.Raw("      <DATETIME type=\"generation_date\">\n")
		x.Elem("        ", "DATE", u.Format(time.DateOnly))
		x.Elem("        ", "TIME", u.Format(time.TimeOnly))
		x.Elem("        ", "TIMEZONE", "+00:00")
		x.Raw("      </DATETIME>\n")
	}
	territory, field := h.Receiver.Country, "receiver.country"
	if territory == "" {
		territory, field = h.Seller.Country, "seller.country"
	}
	x.Elem("      ", "TERRITORY", w.code(field, territory, s.countries))
	x.Elem("      ", "CURRENCY", w.code("catalogue.currency", h.Currency, s.currencies))
	x.Raw("    </CATALOG>\n")
	if !h.Receiver.IsZero() {
		id, scheme := outfmt.PartyID(h.Receiver)
		name := h.Receiver.Name
		if name == "" {
			name = id
		}
		if name != "" {
			x.Raw("    <BUYER>\n")
			x.ElemAttr("      ", "BUYER_ID", "type", w.idType(scheme, "buyer_specific"), w.fit("receiver.id", id, s.partyIDMax))
			x.Elem("      ", "BUYER_NAME", w.fit("receiver.name", name, nameMax))
			x.Raw("    </BUYER>\n")
		}
	}
	if h.AgreementID != "" {
		from, to := xsdDate(h.ValidFrom), xsdDate(h.ValidTo)
		switch {
		case s.agreementReq && from == "" && to == "":
			// AGREEMENT needs a date.
			w.change("catalogue.agreementId", h.AgreementID, "")
		default:
			x.Raw("    <AGREEMENT>\n")
			x.Elem("      ", "AGREEMENT_ID", w.fit("catalogue.agreementId", h.AgreementID, agreementMax))
			w.datetime("      ", "agreement_start_date", from)
			w.datetime("      ", "agreement_end_date", to)
			x.Raw("    </AGREEMENT>\n")
		}
	}
	x.Raw("    <SUPPLIER>\n")
	id, scheme := outfmt.PartyID(h.Seller)
	x.ElemAttr("      ", "SUPPLIER_ID", "type", w.idType(scheme, "supplier_specific"), w.fit("seller.id", id, s.partyIDMax))
	x.Elem("      ", "SUPPLIER_NAME", w.fit("seller.name", h.Seller.Name, nameMax))
	x.Raw("    </SUPPLIER>\n  </HEADER>\n" + w.transaction(h))
	return x.Err()
}

// xsdDate returns d when it is a calendar date (xsd:date), else "".
func xsdDate(d string) string {
	if _, err := time.Parse(time.DateOnly, d); err != nil {
		return ""
	}
	return d
}

func (w *Writer) datetime(indent, typ, date string) {
	if date == "" {
		return
	}
	w.x.Raw(indent + `<DATETIME type="` + typ + "\">\n")
	w.x.Elem(indent+"  ", "DATE", date)
	w.x.Raw(indent + "</DATETIME>\n")
}

// linePlan is what one line becomes: the values written, the fields left out
// or replaced (reported), and whether the line can be written at all.
type linePlan struct {
	skip           bool
	missing        catalog.FieldSet // TARGET-REQUIRED
	dropped        catalog.FieldSet // TARGET-DROPPED
	short, long    string
	orderUnit      string
	contentUnit    string // "" with noContent: CONTENT_UNIT left out
	gtin           string
	mpid, mname    string
	currency       string
	validFrom, to  string
	minQ, intervlQ string
	// classBad marks the classifications BMEcat cannot hold (the first
	// 64; later ones are checked again when written).
	classBad uint64
}

// makePlan decides how l is written. A line without an item ID that fits,
// a name or a currency BMEcat knows cannot be a valid PRODUCT and is not
// written (Missing reports it); a unit with no BMEcat code is written as ZZ
// (mutually defined) and reported; other values BMEcat cannot hold are left
// out and reported (Dropped).
func (w *Writer) makePlan(l *catalog.Line, p *linePlan) {
	s := w.s
	*p = linePlan{}
	if l.SellerItemID == "" {
		p.missing.Add(catalog.FieldSellerItemID)
		p.skip = true
	} else if !fits(l.SellerItemID, pidMax) {
		p.dropped.Add(catalog.FieldSellerItemID)
		p.skip = true
	}
	if strings.TrimSpace(l.Name) == "" {
		p.missing.Add(catalog.FieldName)
		p.skip = true
	}
	p.currency = outfmt.Currency(l, &w.h)
	switch {
	case p.currency == "":
		p.missing.Add(catalog.FieldCurrency)
		p.skip = true
	case !inList(s.currencies, p.currency):
		p.dropped.Add(catalog.FieldCurrency)
		p.skip = true
	}
	if !l.Price.Valid {
		p.missing.Add(catalog.FieldPrice)
		if !s.onRequest {
			p.skip = true
		}
	}
	// Names: DESCRIPTION_SHORT is limited; a longer name is cut, and goes
	// whole into DESCRIPTION_LONG when the line has no description.
	p.short, p.long = l.Name, l.Description
	if !fits(p.short, s.shortMax) {
		p.short = clipChars(p.short, s.shortMax)
		if p.long == "" {
			p.long = l.Name
		} else {
			p.dropped.Add(catalog.FieldName)
		}
	}
	if !fits(p.long, longMax) {
		p.long = clipChars(p.long, longMax)
		p.dropped.Add(catalog.FieldDescription)
	}
	// Units.
	if l.Unit == "" {
		p.missing.Add(catalog.FieldUnit)
		p.orderUnit = "ZZ"
	} else if u, ok := UnitCode(l.Unit); ok {
		p.orderUnit = u
	} else {
		p.dropped.Add(catalog.FieldUnit)
		p.orderUnit = "ZZ"
	}
	content := l.ContentUnit
	if content == "" {
		content = l.Unit
		if l.PackQuantity.Valid && l.PackQuantity.V != 1 {
			content = "C62"
		}
	}
	if u, ok := UnitCode(content); ok {
		p.contentUnit = u
	} else if content != "" {
		if l.ContentUnit != "" {
			p.dropped.Add(catalog.FieldContentUnit)
		}
		if l.PackQuantity.Valid {
			p.dropped.Add(catalog.FieldPackQuantity)
		}
	} else if l.PackQuantity.Valid {
		p.dropped.Add(catalog.FieldPackQuantity)
	}
	p.gtin = w.text(l.GTIN, s.gtinMax, catalog.FieldGTIN, p)
	p.mpid = w.text(l.ManufacturerItemID, textMax, catalog.FieldManufacturerItemID, p)
	p.mname = w.text(l.ManufacturerName, textMax, catalog.FieldManufacturerName, p)
	for _, k := range l.Keywords {
		if !fits(k, textMax) {
			p.dropped.Add(catalog.FieldKeywords)
		}
	}
	for i, c := range l.Classification {
		if !w.classOK(c) {
			p.dropped.Add(catalog.FieldClassification)
			if i < 64 {
				p.classBad |= 1 << i
			}
		}
	}
	for _, u := range l.Images {
		if !fits(u, s.mimeMax) {
			p.dropped.Add(catalog.FieldImages)
		}
	}
	if l.OriginCountry != "" && s == v2005 && !inList(s.countries, l.OriginCountry) {
		p.dropped.Add(catalog.FieldOriginCountry)
	}
	p.validFrom = w.dateField(l.ValidFrom, catalog.FieldValidFrom, p)
	p.to = w.dateField(l.ValidTo, catalog.FieldValidTo, p)
	p.minQ = w.quantity(l.MinOrderQuantity, catalog.FieldMinOrderQuantity, p)
	p.intervlQ = w.quantity(l.OrderQuantityIncrement, catalog.FieldOrderQuantityIncrement, p)
}

// text returns v when it fits in n characters; else "" and the field is
// reported as left out.
func (w *Writer) text(v string, n int, f catalog.Field, p *linePlan) string {
	if !fits(v, n) {
		p.dropped.Add(f)
		return ""
	}
	return v
}

func (w *Writer) dateField(v string, f catalog.Field, p *linePlan) string {
	if v == "" {
		return ""
	}
	if xsdDate(v) == "" {
		p.dropped.Add(f)
	}
	return xsdDate(v)
}

// quantity formats an order quantity; BMEcat 1.2 takes whole numbers only.
func (w *Writer) quantity(n catalog.Num, f catalog.Field, p *linePlan) string {
	if !n.Valid {
		return ""
	}
	if w.s.intQuantity && n.V != float64(int64(n.V)) {
		p.dropped.Add(f)
		return ""
	}
	return outfmt.Num(n.V)
}

// classOK reports whether BMEcat can hold the classification.
func (w *Writer) classOK(c catalog.Classification) bool {
	if c.Code == "" || !fits(c.Code, groupIDMax) || !fits(c.Scheme, w.s.systemMax) {
		return false
	}
	return c.Scheme == "" || w.s != v2005 || systemName(c.Scheme)
}

// systemName reports whether s matches BMEcat 2005's pattern for a
// classification system name: XSD's \w (letters, marks, digits, symbols),
// '-' and '.'.
func systemName(s string) bool {
	for _, r := range s {
		if r == '-' || r == '.' || unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.S) {
			continue
		}
		return false
	}
	return s != ""
}

// Missing returns the fields a PRODUCT cannot do without that l lacks
// (formats.Checker): SUPPLIER_PID, DESCRIPTION_SHORT, ORDER_UNIT, a
// currency and a price. A line without an item ID, a name or a currency
// (in 1.2 also a price) is not written.
func (w *Writer) Missing(l *catalog.Line) catalog.FieldSet {
	return w.plan(l).missing
}

// plan returns the plan of l, made once for the calls about one line.
func (w *Writer) plan(l *catalog.Line) *linePlan {
	if w.planned != l {
		w.makePlan(l, &w.p)
		w.planned = l
	}
	return &w.p
}

// Dropped returns the fields of l that BMEcat has a place for but not for
// this value (formats.Dropper): a unit with no BMEcat code (ZZ is written),
// texts longer than BMEcat allows, a currency or country not in its lists,
// a classification scheme name it does not allow. An item ID longer than 32
// characters keeps the whole line out.
func (w *Writer) Dropped(l *catalog.Line) catalog.FieldSet {
	return w.plan(l).dropped
}

// Line writes one PRODUCT (ARTICLE in 1.2), or nothing when the line
// cannot be one (see Missing and Dropped).
func (w *Writer) Line(l *catalog.Line) error {
	p := w.plan(l)
	w.planned = nil // the next call is about another line, even at this address
	if p.skip {
		w.skip(l, p)
		return w.x.Err()
	}
	x, s := w.x, w.s
	const i3, i4, i5 = "      ", "        ", "          "
	w.productTag(l)
	if s == v2005 {
		x.ElemAttr(i3, s.pid, "type", "supplier_specific", l.SellerItemID)
	} else {
		x.Elem(i3, s.pid, l.SellerItemID)
	}
	x.Raw(s.t.details)
	x.Elem(i4, "DESCRIPTION_SHORT", p.short)
	x.Elem(i4, "DESCRIPTION_LONG", p.long)
	if s == v2005 {
		x.ElemAttr(i4, s.gtin, "type", "gtin", p.gtin)
	} else {
		x.Elem(i4, s.gtin, p.gtin)
	}
	x.Elem(i4, s.mpid, p.mpid)
	x.Elem(i4, "MANUFACTURER_NAME", p.mname)
	x.Elem(i4, "DELIVERY_TIME", outfmt.Opt(l.LeadTimeDays))
	for _, k := range l.Keywords {
		if fits(k, textMax) {
			x.Elem(i4, "KEYWORD", k)
		}
	}
	x.Raw(s.t.detailsEnd)
	for i, c := range l.Classification {
		if i < 64 && p.classBad&(1<<i) != 0 || i >= 64 && !w.classOK(c) {
			continue
		}
		x.Raw(s.t.features)
		x.Elem(i4, "REFERENCE_FEATURE_SYSTEM_NAME", c.Scheme)
		x.Elem(i4, "REFERENCE_FEATURE_GROUP_ID", c.Code)
		x.Raw(s.t.featuresEnd)
	}
	x.Raw(s.t.order)
	x.Elem(i4, "ORDER_UNIT", p.orderUnit)
	if p.contentUnit != "" {
		x.Elem(i4, "CONTENT_UNIT", p.contentUnit)
		x.Elem(i4, "NO_CU_PER_OU", outfmt.Opt(l.PackQuantity))
	}
	x.Elem(i4, "PRICE_QUANTITY", outfmt.Opt(l.PriceBaseQuantity))
	x.Elem(i4, "QUANTITY_MIN", p.minQ)
	x.Elem(i4, "QUANTITY_INTERVAL", p.intervlQ)
	if s == v2005 {
		x.Elem(i4, "QUANTITY_MAX", outfmt.Opt(l.MaxOrderQuantity))
	}
	x.Raw(s.t.orderEnd)
	x.Raw(s.t.priceDetails)
	w.datetime(i4, "valid_start_date", p.validFrom)
	w.datetime(i4, "valid_end_date", p.to)
	if l.Price.Valid {
		x.Raw(s.t.price)
		x.Elem(i5, "PRICE_AMOUNT", outfmt.Num(l.Price.V))
	} else {
		// BMEcat 2005 only: the price is asked for (Missing reports it).
		x.Raw(s.t.priceOnRequest)
	}
	x.Elem(i5, "PRICE_CURRENCY", p.currency)
	if l.VATPercent.Valid {
		x.Elem(i5, "TAX", outfmt.Num(l.VATPercent.V/100))
	}
	x.Raw(s.t.priceEnd)
	x.Raw(s.t.priceDetailsEnd)
	w.mime(l)
	if l.OriginCountry != "" && s == v2005 && inList(s.countries, l.OriginCountry) {
		x.Raw(i3 + "<PRODUCT_LOGISTIC_DETAILS>\n")
		x.Elem(i4, "COUNTRY_OF_ORIGIN", l.OriginCountry)
		x.Raw(i3 + "</PRODUCT_LOGISTIC_DETAILS>\n")
	}
	x.Raw(s.t.productEnd)
	return x.Err()
}

// skip counts a line left out, under the first reason it has.
func (w *Writer) skip(l *catalog.Line, p *linePlan) {
	reasons := p.missing | p.dropped
	for _, f := range skipOrder {
		if !reasons.Has(f) || (f == catalog.FieldPrice && w.s.onRequest) {
			continue
		}
		if w.skipped == nil {
			w.skipped = map[catalog.Field][2]int{}
		}
		c := w.skipped[f]
		if c[0]++; c[1] == 0 {
			c[1] = l.Src.Line
		}
		w.skipped[f] = c
		return
	}
}

// mime writes MIME_INFO with the image URLs that fit.
func (w *Writer) mime(l *catalog.Line) {
	x, s := w.x, w.s
	const i3, i4, i5 = "      ", "        ", "          "
	n := 0
	for _, u := range l.Images {
		if u == "" || !fits(u, s.mimeMax) {
			continue
		}
		if n == 0 {
			x.Raw(i3 + "<MIME_INFO>\n")
		}
		x.Raw(i4 + "<MIME>\n")
		x.Elem(i5, "MIME_TYPE", w.mimeType(u))
		x.Elem(i5, "MIME_SOURCE", u)
		purpose := "normal"
		if n > 0 {
			purpose = "detail"
		}
		x.Elem(i5, "MIME_PURPOSE", purpose)
		x.Raw(i4 + "</MIME>\n")
		n++
	}
	if n > 0 {
		x.Raw(i3 + "</MIME_INFO>\n")
	}
}

// mimeType guesses an image's MIME type from its URL's extension; "" (no
// MIME_TYPE, which is optional) when the extension does not say, or when
// BMEcat 2005's short list of MIME types lacks it (image/png among them).
func (w *Writer) mimeType(url string) string {
	t := mimeType(url)
	if w.s.mimeTypes {
		switch t {
		case "application/pdf", "application/xml", "image/gif", "image/jpeg", "text/html", "text/plain":
		default:
			return ""
		}
	}
	return t
}

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
	if w.update && w.written == 0 {
		return errNoProducts
	}
	w.x.Raw(w.transactionEnd() + "</BMECAT>\n")
	return w.x.Flush()
}
