package oioubl

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ekatalog/ekatalog/formats/ubl"
)

// The common patterns of OIOUBL_Common_Schematron that the Catalogue uses.

// The contacts of a SellerSupplierParty and of a ContractorCustomerParty.
var (
	supplierContacts = [...]string{"DespatchContact", "AccountingContact", "SellerContact"}
	customerContacts = [...]string{"DeliveryContact", "AccountingContact", "BuyerContact"}
)

// roleParty checks a SellerSupplierParty or ContractorCustomerParty of the
// header or of a line: no DataSendingCapability (the rule capability, ""
// when the role has none), exactly one Party (one), at most one
// PartyLegalEntity in it (legal), the party and the contacts.
func (c *Checker) roleParty(n *ubl.Node, capability, one, legal string, contacts [3]string) {
	if x := n.Child("DataSendingCapability"); x != nil && capability != "" {
		c.report(capability, x, "", x.Value())
	}
	if count(n, "Party") != 1 {
		c.report(one, n, "", "")
	}
	for x := n.FirstChild; x != nil; x = x.NextSibling {
		switch {
		case x.Local == "Party":
			c.excludedParty(x)
			if count(x, "PartyLegalEntity") > 1 {
				c.report(legal, x, "", "")
			}
			c.party(x, "")
		case x.Local == contacts[0] || x.Local == contacts[1] || x.Local == contacts[2]:
			c.contact(x)
		}
	}
}

// contract checks the ReferencedContract (F-CAT020 to F-CAT022).
func (c *Checker) contract(n *ubl.Node) {
	if id := n.Child("ID"); id == nil || id.Text == "" {
		c.report("F-CAT020", n, "catalogue.agreementId", "")
	}
	if n.Child("ContractType") != nil && n.Child("ContractTypeCode") != nil {
		c.report("F-CAT021", n, "", "")
	}
	if count(n, "ContractDocumentReference") > 1 {
		c.report("F-CAT022", n, "", "")
	}
	for x := n.FirstChild; x != nil; x = x.NextSibling {
		switch x.Local {
		case "ValidityPeriod":
			c.period(x, "", "")
			c.descriptions(x, "")
		case "ContractDocumentReference":
			c.knownDocRef(x)
		}
	}
}

// signature checks a Signature (F-CAT030, F-CAT031).
func (c *Checker) signature(n *ubl.Node) {
	if id := n.Child("ID"); id == nil || id.Text == "" {
		c.report("F-CAT030", n, "", "")
	}
	for x := n.FirstChild; x != nil; x = x.NextSibling {
		switch x.Local {
		case "SignatoryParty":
			c.excludedParty(x)
			if count(x, "PartyLegalEntity") > 1 {
				c.report("F-CAT031", x, "", "")
			}
			c.party(x, "")
		case "DigitalSignatureAttachment":
			c.attachment(x)
		case "OriginalDocumentReference":
			c.docRef(x, "")
		}
	}
}

// excludedParty is PartyExcludedCheck.
func (c *Checker) excludedParty(p *ubl.Node) { c.excluded(p, partyExcluded[:]) }

// exclusion is an element a pattern forbids, with its rule.
type exclusion struct{ local, rule string }

var partyExcluded = [...]exclusion{{"MarkCareIndicator", "F-LIB166"}, {"MarkAttentionIndicator", "F-LIB167"}, {"AgentParty", "F-LIB168"}}

// excluded reports the children of n that the table forbids.
func (c *Checker) excluded(n *ubl.Node, table []exclusion) {
	for x := n.FirstChild; x != nil; x = x.NextSibling {
		for _, e := range table {
			if x.Local == e.local && x.IsUBL() {
				c.report(e.rule, x, "", x.Value())
			}
		}
	}
}

// party is what every party of the Catalogue shares: PartyNameCheck,
// EndpointIDCheck and the checks of its parts. role is "seller" or
// "receiver" for the parties that map to the canonical header, else "".
func (c *Checker) party(p *ubl.Node, role string) {
	field := func(name string) string {
		if role == "" {
			return ""
		}
		return role + "." + name
	}
	// F-LIB022 compares node-sets: "not(X) or X/Name = ''" holds when
	// there is no X, or some X has an empty Name.
	nID, nName, emptyID, emptyName := 0, 0, false, false
	for x := p.FirstChild; x != nil; x = x.NextSibling {
		switch x.Local {
		case "EndpointID":
			c.endpointID(x, field("endpointId"))
		case "PartyIdentification":
			nID++
			for id := range x.ChildrenNamed("ID") {
				emptyID = emptyID || id.Text == ""
			}
			c.partyIdentification(x, field("id"))
		case "PartyName":
			nName++
			for n := range x.ChildrenNamed("Name") {
				emptyName = emptyName || n.Text == ""
			}
			c.partyNameLanguage(x)
		case "PostalAddress":
			c.address(x, field("country"))
		case "PhysicalLocation":
			if (x.Child("ID") == nil || x.Child("ID").Text == "") && x.Child("Address") == nil {
				c.report("F-LIB221", x, "", "")
			}
			for v := range x.ChildrenNamed("ValidityPeriod") {
				c.descriptions(v, "")
				c.period(v, "", "")
			}
			if a := x.Child("Address"); a != nil {
				c.address(a, "")
			}
		case "PartyTaxScheme":
			c.partyTaxScheme(x)
		case "PartyLegalEntity":
			c.partyLegalEntity(x)
		case "Contact":
			c.contact(x)
		case "Person":
			if empty(x.Child("FamilyName")) && empty(x.Child("FirstName")) {
				c.report("F-LIB024", x, "", "")
			}
		}
	}
	if (nID == 0 || emptyID) && (nName == 0 || emptyName) {
		c.report("F-LIB022", p, field("name"), "")
	}
}

// endpointID is EndpointIDCheck: a scheme of the list, and the length the
// scheme's numbers have (the official tests check the length only).
func (c *Checker) endpointID(id *ubl.Node, field string) {
	scheme := id.Attr("schemeID")
	if !listed(endpointSchemes, scheme) {
		c.report("F-LIB179", id, field, id.Value(), scheme, endpointSchemeList)
	}
	n := utf8.RuneCountInString(id.Text)
	switch {
	case scheme == "DK:CVR" && n != 10:
		c.report("F-LIB180", id, field, id.Value(), id.Text)
	case scheme == "GLN" && n != 13:
		c.report("F-LIB181", id, field, id.Value(), id.Text)
	case scheme == "EAN" && n != 13:
		c.report("F-LIB216", id, field, id.Value(), id.Text)
	}
}

// partyIdentification is PartyIdentificationCheck.
func (c *Checker) partyIdentification(pi *ubl.Node, field string) {
	id := pi.Child("ID")
	at := nodeOr(id, pi)
	scheme := attr(id, "schemeID")
	if !listed(partySchemes, scheme) {
		c.report("F-LIB183", at, field, text(id), scheme, partySchemeList)
	}
	if id == nil {
		return
	}
	n := utf8.RuneCountInString(id.Text)
	switch {
	case scheme == "DK:CVR" && n != 10:
		c.report("F-LIB184", id, field, id.Value(), id.Text)
	case scheme == "DK:CPR" && n != 10:
		c.report("F-LIB217", id, field, id.Value(), id.Text)
	case scheme == "GLN" && n != 13:
		c.report("F-LIB185", id, field, id.Value(), id.Text)
	case scheme == "EAN" && n != 13:
		c.report("F-LIB218", id, field, id.Value(), id.Text)
	case scheme == "DK:P" && n != 10:
		c.report("F-LIB287", id, field, id.Value(), id.Text)
	}
}

// partyNameLanguage is PartyNameLanguageCheck on one PartyName.
func (c *Checker) partyNameLanguage(pn *ubl.Node) {
	lang, has := lookup(pn.Child("Name"), "languageID")
	if !has && countSiblings(pn) > 1 {
		c.report("W-LIB219", pn, "", "")
	}
	if has && nextIsSame(pn) {
		for s := pn.NextSibling; s != nil; s = s.NextSibling {
			if v, ok := lookup(s.Child("Name"), "languageID"); ok && v == lang {
				c.report("W-LIB220", pn, "", lang)
				break
			}
		}
	}
}

// partyLegalEntity is PartyLegalEntityCheck.
func (c *Checker) partyLegalEntity(n *ubl.Node) {
	if x := n.Child("CorporateRegistrationScheme"); x != nil {
		c.report("F-LIB186", x, "", "")
	}
	id := n.Child("CompanyID")
	at := nodeOr(id, n)
	if id == nil || id.Value() == "" {
		c.report("F-LIB187", at, "", "")
	}
	scheme := attr(id, "schemeID")
	if scheme != "DK:CVR" && scheme != "DK:CPR" && scheme != "ZZZ" {
		c.report("F-LIB189", at, "", scheme)
	}
	switch {
	case scheme == "DK:CVR" && !dkNumber(id):
		c.report("F-LIB190", id, "", id.Value(), id.Text)
	case scheme == "DK:CPR" && utf8.RuneCountInString(id.Text) != 10:
		c.report("F-LIB191", id, "", id.Value(), id.Text)
	}
}

// partyTaxScheme is PartyTaxSchemeCheck and TaxSchemeCheck on its scheme.
func (c *Checker) partyTaxScheme(n *ubl.Node) {
	if x := n.Child("TaxLevelCode"); x != nil {
		c.report("F-LIB192", x, "", x.Value())
	}
	id := n.Child("CompanyID")
	at := nodeOr(id, n)
	if id == nil || id.Value() == "" {
		c.report("F-LIB193", at, "", "")
	}
	scheme := attr(id, "schemeID")
	if scheme != "DK:SE" && scheme != "ZZZ" {
		c.report("F-LIB195", at, "", scheme)
	}
	if scheme == "DK:SE" && !dkNumber(id) {
		c.report("F-LIB196", id, "", id.Value(), id.Text)
	}
	if ts := n.Child("TaxScheme"); ts != nil {
		c.taxScheme(ts)
	}
}

// dkNumber is the test of F-LIB190 and F-LIB196: 10 characters after
// normalize-space, starting with DK.
func dkNumber(id *ubl.Node) bool {
	v := id.Value()
	return utf8.RuneCountInString(v) == 10 && strings.HasPrefix(id.Text, "DK")
}

// jurisdictionExcluded are the elements TaxSchemeCheck forbids in a
// JurisdictionRegionAddress, with their rules.
var jurisdictionExcluded = [...]exclusion{
	{"ID", "F-LIB041"}, {"AddressTypeCode", "F-LIB042"}, {"Postbox", "F-LIB043"}, {"Floor", "F-LIB044"},
	{"Room", "F-LIB045"}, {"StreetName", "F-LIB046"}, {"AdditionalStreetName", "F-LIB047"},
	{"BlockName", "F-LIB048"}, {"BuildingName", "F-LIB049"}, {"BuildingNumber", "F-LIB050"},
	{"InhouseMail", "F-LIB051"}, {"Department", "F-LIB052"}, {"MarkAttention", "F-LIB053"},
	{"MarkCare", "F-LIB054"}, {"PlotIdentification", "F-LIB055"}, {"CitySubdivisionName", "F-LIB056"},
	{"CityName", "F-LIB057"}, {"PostalZone", "F-LIB058"}, {"CountrySubentity", "F-LIB059"},
	{"CountrySubentityCode", "F-LIB060"}, {"TimezoneOffset", "F-LIB063"}, {"AddressLine", "F-LIB234"},
	{"LocationCoordinate", "F-LIB064"},
}

// taxScheme is TaxSchemeCheck.
func (c *Checker) taxScheme(ts *ubl.Node) {
	id, name := ts.Child("ID"), ts.Child("Name")
	if id == nil || id.Value() == "" {
		c.report("F-LIB065", nodeOr(id, ts), "", "")
	}
	if name == nil || name.Value() == "" {
		c.report("F-LIB066", nodeOr(name, ts), "", "")
	}
	scheme := attr(id, "schemeID")
	if !slices.ContainsFunc(taxSchemeLists[:], func(l struct {
		scheme string
		codes  []string
	}) bool {
		return l.scheme == scheme
	}) {
		c.report("F-LIB070", nodeOr(id, ts), "", scheme)
	}
	if tt := ts.Child("TaxTypeCode"); tt != nil {
		if text(id) == "63" {
			c.report("F-LIB067", tt, "", tt.Value())
		}
		if l := tt.Attr("listID"); l != "urn:oioubl:codelist:taxtypecode-1.1" && l != "urn:oioubl:codelist:taxtypecode-1.2" {
			c.report("F-LIB071", tt, "", l)
		}
		// F-LIB197 as its message says it: for a tax other than VAT, a
		// code of $TaxType2. (The spreadsheet's test reads the other way
		// round, which would reject every valid code.)
		if v := text(id); v != "63" && v != "VAT" {
			switch tt.Text {
			case "StandardRated", "ZeroRated", "ReverseCharge":
			default:
				c.report("F-LIB197", tt, "", tt.Value())
			}
		}
	}
	if name != nil {
		if text(id) == "63" && name.Text != "Moms" {
			c.report("F-LIB198", name, "", name.Value())
		}
		if id != nil && id.Text != "63" && name.Text == "Moms" {
			c.report("F-LIB199", name, "", name.Value())
		}
	}
	if j := ts.Child("JurisdictionRegionAddress"); j != nil {
		c.excluded(j, jurisdictionExcluded[:])
		if f := j.Child("AddressFormatCode"); f != nil && f.Text != "StructuredRegion" {
			c.report("F-LIB233", f, "", f.Value())
		}
		if cc := j.Find("Country/IdentificationCode"); cc != nil && !c.countries.has(cc.Text) {
			c.report("F-LIB337", cc, "", cc.Value(), cc.Text)
		}
	}
}

// taxCategory is TaxCategoryCheck, with TaxSchemeCheck on its scheme; vat
// says whether it is the line's VAT (ApplicableTaxCategory).
func (c *Checker) taxCategory(tc *ubl.Node, vat bool) {
	field := func(f string) string {
		if vat {
			return f
		}
		return ""
	}
	if x := tc.Child("TierRange"); x != nil {
		c.report("F-LIB072", x, "", x.Value())
	}
	if x := tc.Child("TierRatePercent"); x != nil {
		c.report("F-LIB073", x, "", x.Value())
	}
	id := tc.Child("ID")
	at := nodeOr(id, tc)
	if id == nil || id.Value() == "" {
		c.report("F-LIB074", at, field("vatCategory"), "")
	}
	scheme := attr(id, "schemeID")
	var codes []string
	for i := range taxCategoryLists {
		if taxCategoryLists[i].scheme == scheme {
			codes = taxCategoryLists[i].codes
		}
	}
	if codes == nil {
		c.report("F-LIB075", at, field("vatCategory"), scheme)
	} else if !listed(codes, text(id)) {
		c.report("F-LIB309", at, field("vatCategory"), text(id), text(id))
	}
	if attr(id, "schemeAgencyID") != "320" {
		c.report("W-LIB229", at, field("vatCategory"), attr(id, "schemeAgencyID"))
	}
	if n := tc.Child("Name"); n != nil && n.Text != "" {
		c.report("W-LIB230", n, "", n.Value())
	}
	pct, per := tc.Child("Percent"), tc.Child("PerUnitAmount")
	if pct != nil && per != nil {
		c.report("F-LIB231", per, "", per.Value())
	}
	if per != nil && empty(tc.Child("BaseUnitMeasure")) {
		c.report("F-LIB232", per, "", per.Value())
	}
	if text(id) == "StandardRated" {
		if v, ok := number(text(pct)); !ok || v <= 0 {
			c.report("F-LIB382", nodeOr(pct, tc), field("vatPercent"), text(pct), text(pct))
		}
	}
	if ts := tc.Child("TaxScheme"); ts != nil {
		c.taxScheme(ts)
	}
}

// address is AddressCheck with the address-format patterns it extends.
// field is the canonical field of its country code, if any.
func (c *Checker) address(a *ubl.Node, field string) {
	var format, typ, id, country *ubl.Node
	var nStreet, nBuilding, nCity, nZone, nLines int
	for x := a.FirstChild; x != nil; x = x.NextSibling {
		switch x.Local {
		case "BlockName":
			c.report("F-LIB210", x, "", x.Value())
		case "TimezoneOffset":
			c.report("F-LIB211", x, "", x.Value())
		case "LocationCoordinate":
			c.report("F-LIB212", x, "", "")
		case "AddressFormatCode":
			format = x
		case "AddressTypeCode":
			typ = x
		case "ID":
			id = x
		case "Country":
			country = x
		case "StreetName":
			nStreet++
		case "BuildingNumber":
			nBuilding++
		case "CityName":
			nCity++
		case "PostalZone":
			nZone++
		case "AddressLine":
			nLines++
		}
	}
	at := nodeOr(format, a)
	if format == nil || format.Value() == "" {
		c.report("F-LIB025", at, "", "")
	}
	if typ != nil {
		if typ.Attr("listID") != "urn:oioubl:codelist:addresstypecode-1.1" {
			c.report("F-LIB204", typ, "", typ.Attr("listID"))
		}
		if typ.Attr("listAgencyID") != "320" {
			c.report("F-LIB205", typ, "", typ.Attr("listAgencyID"))
		}
		if typ.Text != "Home" && typ.Text != "Business" {
			c.report("F-LIB206", typ, "", typ.Value())
		}
	}
	list, code := attr(format, "listID"), text(format)
	switch list {
	case "urn:oioubl:codelist:addressformatcode-1.1":
		if format.Attr("listAgencyID") != "320" {
			c.report("F-LIB207", format, "", format.Attr("listAgencyID"))
		}
		switch code {
		case "StructuredDK", "StructuredLax", "StructuredID", "StructuredRegion", "Unstructured":
		default:
			c.report("F-LIB027", format, "", format.Value())
		}
	case "UN/ECE 3477":
		if format.Attr("listAgencyID") != "6" {
			c.report("F-LIB208", format, "", format.Attr("listAgencyID"))
		}
		if len(code) != 1 || code[0] < '1' || code[0] > '9' {
			c.report("F-LIB209", format, "", format.Value())
		}
	default:
		c.report("F-LIB026", at, "", list)
	}
	countryCode := country.Child("IdentificationCode")
	if country != nil && (countryCode == nil || countryCode.Text == "") {
		c.report("F-LIB213", country, field, "")
	}
	switch code {
	case "Unstructured":
		if nStreet+nBuilding+nCity+nZone > 0 || country != nil {
			c.report("F-LIB031", a, "", code)
		}
	case "StructuredDK":
		if nLines > 0 {
			c.report("F-LIB032", a, "", code)
		}
		if empty(a.Child("PostalZone")) {
			c.report("F-LIB033", a, "", code)
		}
		postbox := !emptyNorm(a.Child("Postbox"))
		if emptyNorm(a.Child("StreetName")) && !postbox {
			c.report("F-LIB034", a, "", code)
		}
		if emptyNorm(a.Child("BuildingNumber")) && !postbox {
			c.report("F-LIB035", a, "", code)
		}
	case "StructuredLax":
		if nLines > 0 {
			c.report("F-LIB036", a, "", code)
		}
	case "StructuredID":
		if empty(id) {
			c.report("F-LIB037", a, "", code)
		}
		if nStreet+nBuilding+nCity+nZone > 0 || country != nil {
			c.report("F-LIB038", a, "", code)
		}
	case "StructuredRegion":
		if empty(countryCode) && empty(a.Child("Region")) && empty(a.Child("District")) {
			c.report("F-LIB039", a, "", code)
		}
		if nStreet+nBuilding+nCity+nZone > 0 {
			c.report("F-LIB040", a, "", code)
		}
	}
	if id != nil && id.Attr("schemeID") == "" { // absent or empty: string-length(@schemeID) > 0
		c.report("F-LIB028", a, "", id.Value())
	}
	if id != nil && !has(id, "schemeID") {
		c.report("F-LIB029", id, "", id.Value())
	}
	if countryCode != nil && !c.countries.has(countryCode.Text) {
		c.report("F-LIB301", countryCode, field, countryCode.Value(), countryCode.Text)
	}
}

// contact is ContactCheck.
func (c *Checker) contact(n *ubl.Node) {
	if empty(n.Child("ID")) && empty(n.Child("Name")) && empty(n.Child("Telephone")) && empty(n.Child("Telefax")) &&
		empty(n.Child("ElectronicMail")) && empty(n.Child("Note")) && n.Child("OtherCommunication") == nil {
		c.report("F-LIB235", n, "", "")
	}
	for o := range n.ChildrenNamed("OtherCommunication") {
		if o.Child("ChannelCode") != nil && o.Child("Channel") != nil {
			c.report("F-LIB236", o, "", "")
		}
	}
	// F-LIB237 reads the first OtherCommunication/Value (normalize-space
	// of a node-set is that of its first node).
	if o := n.Child("OtherCommunication"); o != nil {
		if v := n.Find("OtherCommunication/Value"); v == nil || v.Value() == "" {
			c.report("F-LIB237", o, "", "")
		}
	}
}

// period is PeriodCheck; from and to are the canonical fields of its dates.
func (c *Checker) period(p *ubl.Node, from, to string) {
	var sd, ed, st, et *ubl.Node
	for x := p.FirstChild; x != nil; x = x.NextSibling {
		switch x.Local {
		case "DurationMeasure":
			c.report("F-LIB076", x, "", x.Value())
		case "DescriptionCode":
			c.report("F-LIB077", x, "", x.Value())
		case "StartDate":
			sd = x
		case "EndDate":
			ed = x
		case "StartTime":
			st = x
		case "EndTime":
			et = x
		}
	}
	if st != nil && empty(sd) {
		c.report("F-LIB078", st, from, st.Value())
	}
	if et != nil && empty(ed) {
		c.report("F-LIB079", et, to, et.Value())
	}
	// F-LIB080 and F-LIB081 compare the values as numbers with the
	// separators removed: a value that is no number fails the comparison,
	// so the report fires.
	if sd != nil && ed != nil && !notBefore(ed.Text, sd.Text, '-') {
		c.report("F-LIB080", ed, to, ed.Value())
	}
	if st != nil && et != nil && !notBefore(et.Text, st.Text, ':') {
		c.report("F-LIB081", et, to, et.Value())
	}
}

// notBefore reports whether end >= start as numbers, with the separator sep removed (the XPath translate).
func notBefore(end, start string, sep byte) bool {
	e, ok1 := numberWithout(end, sep)
	s, ok2 := numberWithout(start, sep)
	return ok1 && ok2 && e >= s
}

// numberWithout is XPath number() of s with sep removed, without allocating.
func numberWithout(s string, sep byte) (float64, bool) {
	s = trimXML(s)
	neg := false
	if strings.HasPrefix(s, "-") && sep != '-' {
		neg, s = true, s[1:]
	}
	v, scale, digits, dot := 0.0, 1.0, 0, false
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b == sep:
		case b >= '0' && b <= '9':
			digits++
			v = v*10 + float64(b-'0')
			if dot {
				scale *= 10
			}
		case b == '.' && !dot:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v / scale, true
}

// descriptions is DescriptionLanguageCheckNew on the Description children
// of n: when there are several, each needs a languageID (W-LIB222).
func (c *Checker) descriptions(n *ubl.Node, field string) {
	first := n.Child("Description")
	if first == nil || first.NextSibling == nil {
		return
	}
	if count(n, "Description") < 2 {
		return
	}
	for d := range n.ChildrenNamed("Description") {
		if !has(d, "languageID") {
			c.report("W-LIB222", d, field, d.Value())
		}
	}
}

// multiLang checks a repeatable text element such as Note: with several of
// them each needs a languageID (noLang), and two of them must not share one
// (dup). dup follows the schematron's test: it fires when the next sibling
// is of the same name and a later sibling has the same languageID.
func (c *Checker) multiLang(n *ubl.Node, noLang, dup, field string) {
	lang, has := n.LookupAttr("languageID")
	if !has && countSiblings(n) > 1 {
		c.report(noLang, n, field, n.Value())
	}
	if has && nextIsSame(n) {
		for s := n.NextSibling; s != nil; s = s.NextSibling {
			if v, ok := s.LookupAttr("languageID"); ok && v == lang {
				c.report(dup, n, field, lang)
				break
			}
		}
	}
}

// positive is PosZeroNumberCheck (F-LIB019): not starting with '-' and not
// equal to 0.
func (c *Checker) positive(n *ubl.Node, field string) {
	if strings.HasPrefix(n.Text, "-") || isZero(n.Text) {
		c.report("F-LIB019", n, field, n.Value(), "cbc:"+n.Local)
	}
}

// unitCode is unitCodeCheck: a unitCode (F-LIB007) of more than one
// character (W-LIB008) from the UN/CEFACT 66411:2001 list (F-LIB318).
func (c *Checker) unitCode(n *ubl.Node, field string) {
	u, has := n.LookupAttr("unitCode")
	if !has {
		c.report("F-LIB007", n, field, "", "cbc:"+n.Local)
	}
	if utf8.RuneCountInString(u) <= 1 {
		c.report("W-LIB008", n, field, u)
	}
	if !c.units.has(u) {
		c.report("F-LIB318", n, field, u, u)
	}
}

// mimeOK are the mimeCodes of F-LIB098, F-LIB174 and F-LIB285.
func mimeOK(m string) bool {
	switch m {
	case "image/tiff", "image/png", "image/jpeg", "image/gif", "application/pdf", "text/xml", "text/csv", "application/vnd.ms-excel":
		return true
	}
	return false
}

// knownDocRef is KnownDocumentReferenceCheck.
func (c *Checker) knownDocRef(d *ubl.Node) {
	if x := d.Child("DocumentType"); x != nil {
		c.report("F-LIB170", x, "", x.Value())
	}
	if x := d.Child("DocumentTypeCode"); x != nil {
		c.report("F-LIB172", x, "", x.Value())
	}
	att := d.Child("Attachment")
	if att != nil && d.Child("XPath") != nil {
		c.report("F-LIB169", d, "", "")
	}
	emb, ext := att.Child("EmbeddedDocumentBinaryObject"), att.Child("ExternalReference")
	if emb != nil && ext != nil {
		c.report("F-LIB171", att, "", "")
	}
	if u := d.Child("UUID"); u != nil && utf8.RuneCountInString(u.Text) != 36 {
		c.report("F-LIB173", u, "", u.Value())
	}
	if emb != nil && !mimeOK(emb.Attr("mimeCode")) {
		c.report("F-LIB174", emb, "", emb.Attr("mimeCode"))
	}
	if ext != nil && empty(ext.Child("URI")) {
		c.report("F-LIB096", ext, "", "")
	}
}

// docRef is DocumentReferenceCheck.
func (c *Checker) docRef(d *ubl.Node, field string) {
	// F-LIB092 is an assert whose test is "DocumentType or
	// DocumentTypeCode": one of the two must be there.
	if d.Child("DocumentType") == nil && d.Child("DocumentTypeCode") == nil {
		c.report("F-LIB092", d, field, "")
	}
	att := d.Child("Attachment")
	if att != nil && d.Child("XPath") != nil {
		c.report("F-LIB093", d, field, "")
	}
	emb, ext := att.Child("EmbeddedDocumentBinaryObject"), att.Child("ExternalReference")
	if emb != nil && ext != nil {
		c.report("F-LIB095", att, field, "")
	}
	if u := d.Child("UUID"); u != nil && utf8.RuneCountInString(u.Text) != 36 {
		c.report("F-LIB097", u, field, u.Value())
	}
	if emb != nil && !mimeOK(emb.Attr("mimeCode")) {
		c.report("F-LIB098", emb, field, emb.Attr("mimeCode"))
	}
	if ext != nil && empty(ext.Child("URI")) {
		c.report("F-LIB279", ext, field, "")
	}
	if t := d.Child("DocumentTypeCode"); t != nil && t.Text == "PersonalSecure" {
		if id := text(d.Child("ID")); id != "1" && id != "2" {
			c.report("F-LIB335", d, field, id)
		}
	}
}

// attachment is AttachmentCheck.
func (c *Checker) attachment(a *ubl.Node) {
	emb, ext := a.Child("EmbeddedDocumentBinaryObject"), a.Child("ExternalReference")
	if emb != nil && ext != nil {
		c.report("F-LIB284", a, "", "")
	}
	if emb != nil && !mimeOK(emb.Attr("mimeCode")) {
		c.report("F-LIB285", emb, "", emb.Attr("mimeCode"))
	}
	if ext != nil && empty(ext.Child("URI")) {
		c.report("F-LIB286", ext, "", "")
	}
}

// checkCurrencies is CurrencyCheck on every element with a currencyID under n
// (the schematron's //*[@currencyID]); for the header, the lines are not
// part of the tree.
func (c *Checker) checkCurrencies(n *ubl.Node) {
	for x := n.FirstChild; x != nil; x = x.NextSibling {
		if v, ok := x.LookupAttr("currencyID"); ok && !c.currencies.has(v) {
			field := ""
			if x.Local == "PriceAmount" && x.Parent != nil && x.Parent.Local == "Price" {
				field = "currency"
			}
			c.report("F-LIB403", x, field, v, v)
		}
		if x.FirstChild != nil {
			c.checkCurrencies(x)
		}
	}
}

// Helpers.

// count returns the number of children in a UBL namespace with the name.
func count(n *ubl.Node, local string) int {
	k := 0
	for x := n.FirstChild; x != nil; x = x.NextSibling {
		if x.Local == local && x.IsUBL() {
			k++
		}
	}
	return k
}

// countSiblings returns how many children of n's parent share its name.
func countSiblings(n *ubl.Node) int {
	if n.Parent == nil {
		return 1
	}
	k := 0
	for x := n.Parent.FirstChild; x != nil; x = x.NextSibling {
		if x.Local == n.Local && x.Space == n.Space {
			k++
		}
	}
	return k
}

// nextIsSame says whether the next sibling has n's name.
func nextIsSame(n *ubl.Node) bool {
	s := n.NextSibling
	return s != nil && s.Local == n.Local && s.Space == n.Space
}

// nodeOr returns n, or at when n is nil: where a finding about a missing
// element goes.
func nodeOr(n, at *ubl.Node) *ubl.Node {
	if n != nil {
		return n
	}
	return at
}

// text is the string value of an optional element ("" when missing).
func text(n *ubl.Node) string {
	if n == nil {
		return ""
	}
	return n.Text
}

// attr is an optional element's attribute.
func attr(n *ubl.Node, name string) string {
	if n == nil {
		return ""
	}
	return n.Attr(name)
}

// lookup is LookupAttr on an optional element.
func lookup(n *ubl.Node, name string) (string, bool) {
	if n == nil {
		return "", false
	}
	return n.LookupAttr(name)
}

// has says whether an optional element has the attribute.
func has(n *ubl.Node, name string) bool {
	_, ok := lookup(n, name)
	return ok
}

// empty is the XPath test "not(x) or x = empty string".
func empty(n *ubl.Node) bool { return n == nil || n.Text == "" }

// emptyNorm is "not(x) or normalize-space(x) = empty string".
func emptyNorm(n *ubl.Node) bool { return n == nil || n.Value() == "" }

// listed reports whether a code is in a sorted list: the schematron's
// contains($list, concat(',', code, ',')) for codes without commas (a
// value with a comma is never a code, though the substring test could
// match two neighbouring codes).
func listed(sorted []string, code string) bool {
	if code == "" || strings.IndexByte(code, ',') >= 0 {
		return false
	}
	_, ok := slices.BinarySearch(sorted, code)
	return ok
}

// number is XPath 1.0's number() on a string: optional white space, an
// optional minus, digits with at most one decimal point.
func number(s string) (float64, bool) {
	s = trimXML(s)
	if !numeric(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// numeric says whether a trimmed string is an XPath number.
func numeric(s string) bool {
	d := s
	if len(d) > 0 && d[0] == '-' {
		d = d[1:]
	}
	digits, dot := 0, false
	for i := 0; i < len(d); i++ {
		switch {
		case d[i] >= '0' && d[i] <= '9':
			digits++
		case d[i] == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// isZero is "number(.) = 0": a number whose digits are all 0.
func isZero(s string) bool {
	s = trimXML(s)
	if !numeric(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= '1' && s[i] <= '9' {
			return false
		}
	}
	return true
}

// trimXML removes XML white space around s.
func trimXML(s string) string {
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }
