package ubl

import (
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
)

// Name numbers of the elements and attributes the mapping looks at.
var (
	nCatalogueLine, nID, nActionCode, nOrderableIndicator, nOrderableUnit, nContentUnitQuantity,
	nOrderQuantityIncrementNumeric, nMinimumOrderQuantity, nMaximumOrderQuantity, nLineValidityPeriod,
	nStartDate, nEndDate, nRequiredItemLocationQuantity, nLeadTimeMeasure, nPrice, nPriceAmount,
	nBaseQuantity, nApplicableTaxCategory, nPercent, nTaxScheme, nName, nItem, nDescription, nKeyword,
	nBrandName, nSellersItemIdentification, nManufacturersItemIdentification, nStandardItemIdentification,
	nItemSpecificationDocumentReference, nDocumentTypeCode, nAttachment, nExternalReference, nURI,
	nOriginCountry, nIdentificationCode, nCommodityClassification, nItemClassificationCode,
	nClassifiedTaxCategory, nManufacturerParty, nPartyName, nCustomizationID, nProfileID, nVersionID,
	nIssueDate, nValidityPeriod, nReferencedContract, nProviderParty, nReceiverParty, nEndpointID,
	nPartyIdentification, nPartyLegalEntity, nRegistrationName, nPostalAddress, nCountry uint16

	aUnitCode, aCurrencyID, aSchemeID, aSchemeAgencyID, aListID, aListAgencyID uint16
)

func initNames() {
	for _, e := range []struct {
		v    *uint16
		name string
	}{
		{&nCatalogueLine, "CatalogueLine"}, {&nID, "ID"}, {&nActionCode, "ActionCode"},
		{&nOrderableIndicator, "OrderableIndicator"}, {&nOrderableUnit, "OrderableUnit"},
		{&nContentUnitQuantity, "ContentUnitQuantity"}, {&nOrderQuantityIncrementNumeric, "OrderQuantityIncrementNumeric"},
		{&nMinimumOrderQuantity, "MinimumOrderQuantity"}, {&nMaximumOrderQuantity, "MaximumOrderQuantity"},
		{&nLineValidityPeriod, "LineValidityPeriod"}, {&nStartDate, "StartDate"}, {&nEndDate, "EndDate"},
		{&nRequiredItemLocationQuantity, "RequiredItemLocationQuantity"}, {&nLeadTimeMeasure, "LeadTimeMeasure"},
		{&nPrice, "Price"}, {&nPriceAmount, "PriceAmount"}, {&nBaseQuantity, "BaseQuantity"},
		{&nApplicableTaxCategory, "ApplicableTaxCategory"}, {&nPercent, "Percent"}, {&nTaxScheme, "TaxScheme"},
		{&nName, "Name"}, {&nItem, "Item"}, {&nDescription, "Description"}, {&nKeyword, "Keyword"},
		{&nBrandName, "BrandName"}, {&nSellersItemIdentification, "SellersItemIdentification"},
		{&nManufacturersItemIdentification, "ManufacturersItemIdentification"},
		{&nStandardItemIdentification, "StandardItemIdentification"},
		{&nItemSpecificationDocumentReference, "ItemSpecificationDocumentReference"},
		{&nDocumentTypeCode, "DocumentTypeCode"}, {&nAttachment, "Attachment"}, {&nExternalReference, "ExternalReference"},
		{&nURI, "URI"}, {&nOriginCountry, "OriginCountry"}, {&nIdentificationCode, "IdentificationCode"},
		{&nCommodityClassification, "CommodityClassification"}, {&nItemClassificationCode, "ItemClassificationCode"},
		{&nClassifiedTaxCategory, "ClassifiedTaxCategory"}, {&nManufacturerParty, "ManufacturerParty"},
		{&nPartyName, "PartyName"}, {&nCustomizationID, "CustomizationID"}, {&nProfileID, "ProfileID"},
		{&nVersionID, "VersionID"}, {&nIssueDate, "IssueDate"}, {&nValidityPeriod, "ValidityPeriod"},
		{&nReferencedContract, "ReferencedContract"}, {&nProviderParty, "ProviderParty"},
		{&nReceiverParty, "ReceiverParty"}, {&nEndpointID, "EndpointID"}, {&nPartyIdentification, "PartyIdentification"},
		{&nPartyLegalEntity, "PartyLegalEntity"}, {&nRegistrationName, "RegistrationName"},
		{&nPostalAddress, "PostalAddress"}, {&nCountry, "Country"},
		{&aUnitCode, "unitCode"}, {&aCurrencyID, "currencyID"}, {&aSchemeID, "schemeID"},
		{&aSchemeAgencyID, "schemeAgencyID"}, {&aListID, "listID"}, {&aListAgencyID, "listAgencyID"},
	} {
		id, ok := staticNames[e.name]
		if !ok {
			panic("ubl: name " + e.name + " not in the schema table")
		}
		*e.v = id
	}
}

// Values the writers put in by default, which the reader therefore takes
// back without keeping them as extra: what makes UBL → canonical → UBL →
// canonical the identity.
const (
	gtinScheme          = "0160" // ICD of GS1 GTIN, Peppol's StandardItemIdentification/ID@schemeID
	oioGTINScheme       = "GTIN"
	oioGTINAgency       = "9"
	vatScheme           = "VAT"
	oioActionListID     = "urn:oioubl:codelist:catalogueactioncode-1.1"
	oioAgency           = "320"
	oioTaxCategoryID    = "urn:oioubl:id:taxcategoryid-1.1"
	oioTaxSchemeID      = "urn:oioubl:id:taxschemeid-1.1"
	oioVATSchemeCode    = "63"
	oioVATSchemeName    = "Moms"
	oioUNSPSCAgency     = "113"
	leadTimeUnit        = "DAY"
	productImageCode    = "PRODUCT_IMAGE"
	oioAddressFormatURI = "urn:oioubl:codelist:addressformatcode-1.1"
)

// lineMap is what the reader knows about the current line besides the
// canonical values: where each field came from, for Locate.
type lineMap struct {
	node  *Node
	at    [catalog.FieldExtra + 1]*Node
	class []*Node // the ItemClassificationCode of each classification
	path  []byte
	paths map[string]string // interned extra names
}

// actionIn maps the UBL action codes to the canonical ones; other values
// stay as written (the validator reports them).
func actionIn(v string) string {
	switch v {
	case "Add":
		return "add"
	case "Update":
		return "update"
	case "Delete":
		return "delete"
	case "Replace":
		return "replace"
	}
	return v
}

// schemeIn maps a UNCL7143 listID (and the names OIOUBL and others write)
// to the canonical scheme name.
func schemeIn(listID string) string {
	switch strings.ToUpper(listID) {
	case "TST", "UNSPSC":
		return "UNSPSC"
	case "STI", "CPV":
		return "CPV"
	case "STQ", "ECLASS", "ECL@SS":
		return "ECLASS"
	case "ETIM":
		return "ETIM"
	}
	return listID
}

// vatCategoryIn maps OIOUBL tax category IDs to UNCL5305.
func vatCategoryIn(v string) string {
	switch v {
	case "StandardRated":
		return "S"
	case "ZeroRated":
		return "Z"
	case "ReverseCharge":
		return "AE"
	}
	return v
}

// isImageCode says whether an ItemSpecificationDocumentReference with this
// DocumentTypeCode is an image of the item.
func isImageCode(code string) bool { return code == "" || code == productImageCode }

// decimal reports whether s is an xsd:decimal: digits with an optional sign
// and decimal point. strconv.ParseFloat alone would also take 1e5, Inf and
// hex.
func decimal(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
		case (c == '+' || c == '-') && i == 0:
		default:
			return false
		}
	}
	return digits > 0 && strings.Count(s, ".") <= 1
}

// mapLine fills l from the line tree: first the canonical fields, whose
// elements and attributes are marked claimed, then everything unclaimed as
// extra.
func (rd *Reader) mapLine(l *catalog.Line) {
	lm := &rd.lm
	ln := lm.node
	l.Src = catalog.Src{Line: rd.ordinal}
	lm.at = [len(lm.at)]*Node{}
	lm.class = lm.class[:0]

	str := func(f catalog.Field, n *Node) {
		if n != nil {
			*l.StringField(f) = n.Value()
			n.claimed = true
			lm.at[f] = n
		}
	}
	num := func(f catalog.Field, n *Node) bool {
		if n == nil {
			return false
		}
		v := n.Value()
		lm.at[f] = n
		if v == "" {
			n.claimed = true
			return true
		}
		var rule *catalog.Rule
		x, err := strconv.ParseFloat(v, 64)
		switch {
		case err != nil || !decimal(v):
			rule = catalog.RuleReadNotNumber
		case catalog.Fields[f].Kind == catalog.KindInteger && x != float64(int64(x)):
			rule = catalog.RuleReadNotInteger
		}
		if rule != nil {
			// Kept as extra so that nothing is lost; the finding says why.
			l.Bad.Add(f)
			l.Findings = append(l.Findings, catalog.Finding{Rule: rule, Severity: catalog.Error, Line: l.Src.Line,
				Pos: catalog.Pos{XPath: n.XPath()}, Field: f.String(), Value: v, Args: []string{qualified(n), v}})
			return false
		}
		*l.NumField(f) = catalog.N(x)
		n.claimed = true
		return true
	}
	// claimAttr takes an attribute whose value the writer reproduces.
	claimAttr := func(n *Node, name uint16, want string) {
		if a := n.attr(name); a != nil && strings.TrimSpace(a.Value) == want {
			a.claimed = true
		}
	}
	attrStr := func(f catalog.Field, n *Node, name uint16) {
		if a := n.attr(name); a != nil {
			*l.StringField(f) = strings.TrimSpace(a.Value)
			a.claimed = true
			lm.at[f] = n
		}
	}

	str(catalog.FieldLineID, ln.first(nID))
	if n := ln.first(nActionCode); n != nil {
		str(catalog.FieldAction, n)
		l.Action = actionIn(l.Action)
		claimAttr(n, aListID, oioActionListID)
		claimAttr(n, aListAgencyID, oioAgency)
	}
	if n := ln.first(nOrderableIndicator); n != nil {
		lm.at[catalog.FieldOrderable] = n
		switch v := n.Value(); v {
		case "true", "1":
			l.Orderable, n.claimed = catalog.Bool{V: true, Valid: true}, true
		case "false", "0":
			l.Orderable, n.claimed = catalog.Bool{Valid: true}, true
		case "":
			n.claimed = true
		default:
			l.Bad.Add(catalog.FieldOrderable)
			l.Findings = append(l.Findings, catalog.Finding{Rule: catalog.RuleReadNotBool, Severity: catalog.Error, Line: l.Src.Line,
				Pos: catalog.Pos{XPath: n.XPath()}, Field: "orderable", Value: v, Args: []string{qualified(n), v}})
		}
	}
	str(catalog.FieldUnit, ln.first(nOrderableUnit))
	if n := ln.first(nContentUnitQuantity); n != nil {
		num(catalog.FieldPackQuantity, n)
		attrStr(catalog.FieldContentUnit, n, aUnitCode)
	}
	num(catalog.FieldOrderQuantityIncrement, ln.first(nOrderQuantityIncrementNumeric))
	for _, q := range [...]struct {
		f    catalog.Field
		name uint16
	}{{catalog.FieldMinOrderQuantity, nMinimumOrderQuantity}, {catalog.FieldMaxOrderQuantity, nMaximumOrderQuantity}} {
		if n := ln.first(q.name); n != nil {
			num(q.f, n)
			claimAttr(n, aUnitCode, l.Unit)
		}
	}
	if p := ln.first(nLineValidityPeriod); p != nil {
		str(catalog.FieldValidFrom, p.first(nStartDate))
		str(catalog.FieldValidTo, p.first(nEndDate))
	}
	rilq := ln.first(nRequiredItemLocationQuantity)
	if n := rilq.first(nLeadTimeMeasure); n != nil {
		unit := strings.TrimSpace(n.Attr("unitCode"))
		switch unit {
		case "", leadTimeUnit:
			if num(catalog.FieldLeadTimeDays, n) {
				claimAttr(n, aUnitCode, leadTimeUnit)
			}
		case "WEE":
			if x, err := strconv.ParseFloat(n.Value(), 64); err == nil && decimal(n.Value()) && x*7 == float64(int64(x*7)) {
				l.LeadTimeDays = catalog.N(x * 7)
				n.claimed = true
				claimAttr(n, aUnitCode, "WEE")
				lm.at[catalog.FieldLeadTimeDays] = n
			}
		}
	}
	if p := rilq.first(nPrice); p != nil {
		if n := p.first(nPriceAmount); n != nil {
			num(catalog.FieldPrice, n)
			attrStr(catalog.FieldCurrency, n, aCurrencyID)
		}
		if n := p.first(nBaseQuantity); n != nil {
			num(catalog.FieldPriceBaseQuantity, n)
			claimAttr(n, aUnitCode, l.Unit)
		}
	}

	item := ln.first(nItem)
	str(catalog.FieldName, item.first(nName))
	str(catalog.FieldDescription, item.first(nDescription))
	str(catalog.FieldBrand, item.first(nBrandName))
	str(catalog.FieldSellerItemID, item.first(nSellersItemIdentification).first(nID))
	str(catalog.FieldManufacturerItemID, item.first(nManufacturersItemIdentification).first(nID))
	if n := item.first(nStandardItemIdentification).first(nID); n != nil {
		switch scheme := strings.TrimSpace(n.Attr("schemeID")); scheme {
		case gtinScheme, "":
			str(catalog.FieldGTIN, n)
			claimAttr(n, aSchemeID, gtinScheme)
		case oioGTINScheme:
			str(catalog.FieldGTIN, n)
			claimAttr(n, aSchemeID, oioGTINScheme)
			claimAttr(n, aSchemeAgencyID, oioGTINAgency)
		}
	}
	str(catalog.FieldOriginCountry, item.first(nOriginCountry).first(nIdentificationCode))
	str(catalog.FieldManufacturerName, item.first(nManufacturerParty).first(nPartyName).first(nName))
	if item != nil {
		for c := item.FirstChild; c != nil; c = c.NextSibling {
			if !isUBL(c.ns) {
				continue
			}
			switch c.name {
			case nKeyword:
				l.Keywords = append(l.Keywords, c.Value())
				c.claimed = true
				if lm.at[catalog.FieldKeywords] == nil {
					lm.at[catalog.FieldKeywords] = c
				}
			case nCommodityClassification:
				n := c.first(nItemClassificationCode)
				if n == nil {
					continue
				}
				scheme := ""
				if a := n.attr(aListID); a != nil {
					scheme = schemeIn(strings.TrimSpace(a.Value))
					a.claimed = true
					if scheme == "UNSPSC" {
						claimAttr(n, aListAgencyID, oioUNSPSCAgency)
					}
				}
				l.Classification = append(l.Classification, catalog.Classification{Scheme: scheme, Code: n.Value()})
				n.claimed = true
				lm.class = append(lm.class, n)
				if lm.at[catalog.FieldClassification] == nil {
					lm.at[catalog.FieldClassification] = n
				}
			case nItemSpecificationDocumentReference:
				uri := c.first(nAttachment).first(nExternalReference).first(nURI)
				if uri == nil {
					continue
				}
				if dtc := c.first(nDocumentTypeCode); dtc != nil && !isImageCode(dtc.Value()) {
					continue
				}
				v := uri.Value()
				l.Images = append(l.Images, v)
				uri.claimed = true
				if id := c.first(nID); id != nil && id.Value() == v && id.FirstChild == nil && len(id.attrs) == 0 {
					id.claimed = true // the writers' default ID is the URI
				}
				if lm.at[catalog.FieldImages] == nil {
					lm.at[catalog.FieldImages] = uri
				}
			}
		}
	}
	// VAT: Peppol puts it on the item, OIOUBL (which forbids that) on the
	// price's location.
	if tc := item.first(nClassifiedTaxCategory); tc != nil {
		str(catalog.FieldVATCategory, tc.first(nID))
		num(catalog.FieldVATPercent, tc.first(nPercent))
		if id := tc.first(nTaxScheme).first(nID); id != nil && id.Value() == vatScheme {
			id.claimed = true
		}
	} else if tc := rilq.first(nApplicableTaxCategory); tc != nil {
		if id := tc.first(nID); id != nil {
			str(catalog.FieldVATCategory, id)
			l.VATCategory = vatCategoryIn(l.VATCategory)
			claimAttr(id, aSchemeID, oioTaxCategoryID)
			claimAttr(id, aSchemeAgencyID, oioAgency)
		}
		num(catalog.FieldVATPercent, tc.first(nPercent))
		if ts := tc.first(nTaxScheme); ts != nil {
			if id := ts.first(nID); id != nil && id.Value() == oioVATSchemeCode {
				id.claimed = true
				claimAttr(id, aSchemeID, oioTaxSchemeID)
				claimAttr(id, aSchemeAgencyID, oioAgency)
			}
			if n := ts.first(nName); n != nil && n.Value() == oioVATSchemeName {
				n.claimed = true
			}
		}
	}

	l.Extra = rd.appendExtras(l.Extra, ln)
}

// appendExtras appends everything of n's subtree that no field claimed.
func (rd *Reader) appendExtras(dst []catalog.Extra, n *Node) []catalog.Extra {
	lm := &rd.lm
	if lm.paths == nil {
		lm.paths = make(map[string]string)
	}
	lm.path = lm.path[:0]
	return rd.extras(dst, n)
}

// maxPaths bounds the interned extra names; beyond it names are allocated.
const maxPaths = 50_000

func (rd *Reader) pathString(b []byte) string {
	lm := &rd.lm
	if s, ok := lm.paths[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(lm.paths) < maxPaths {
		lm.paths[s] = s
	}
	return s
}

func (rd *Reader) extras(dst []catalog.Extra, n *Node) []catalog.Extra {
	lm := &rd.lm
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		base := len(lm.path)
		if base > 0 {
			lm.path = append(lm.path, '/')
		}
		lm.path = appendStep(lm.path, c)
		switch {
		case !isUBL(c.ns):
			dst = append(dst, catalog.Extra{Name: rd.pathString(lm.path), Value: string(appendXML(nil, c))})
		default:
			if c.FirstChild == nil && !c.claimed {
				dst = append(dst, catalog.Extra{Name: rd.pathString(lm.path), Value: c.Value()})
			}
			dst = rd.attrExtras(dst, c)
			dst = rd.extras(dst, c)
		}
		lm.path = lm.path[:base]
	}
	return dst
}

func (rd *Reader) attrExtras(dst []catalog.Extra, c *Node) []catalog.Extra {
	lm := &rd.lm
	for i := range c.attrs {
		a := &c.attrs[i]
		if a.claimed {
			continue
		}
		base := len(lm.path)
		lm.path = appendAttrStep(lm.path, a)
		dst = append(dst, catalog.Extra{Name: rd.pathString(lm.path), Value: strings.TrimSpace(a.Value)})
		lm.path = lm.path[:base]
	}
	return dst
}

// appendAttrStep appends /@name: @xml:lang for the XML namespace,
// @{namespace}name for others.
func appendAttrStep(b []byte, a *Attr) []byte {
	if len(b) > 0 {
		b = append(b, '/')
	}
	b = append(b, '@')
	switch a.Space {
	case "":
	case nsXML:
		b = append(b, "xml:"...)
	default:
		b = append(b, '{')
		b = append(b, a.Space...)
		b = append(b, '}')
	}
	return append(b, a.Local...)
}
