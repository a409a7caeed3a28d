package oioubl

import (
	"hash/maphash"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/ubl"
)

// Checker checks one OIOUBL Catalogue as the UBL reader streams it; it
// implements ubl.Checker. Use a new Checker for every document (New): it
// remembers the line IDs it has seen (F-CAT248).
type Checker struct {
	add func(catalog.Finding)

	seed    maphash.Seed
	lineIDs map[uint64]struct{} // hashes of the CatalogueLine IDs so far

	// The code lists, each remembering the last code it found: a
	// catalogue uses a few units and one currency on every line.
	units, currencies, countries, actions memo
}

// memo is a sorted code list that remembers its last hit.
type memo struct {
	list []string
	hit  string
}

func (m *memo) has(code string) bool {
	if code != "" && code == m.hit {
		return true
	}
	if listed(m.list, code) {
		m.hit = code
		return true
	}
	return false
}

// New returns a Checker for one document.
func New() *Checker {
	return &Checker{seed: maphash.MakeSeed(), lineIDs: make(map[uint64]struct{}),
		units: memo{list: unitCodes}, currencies: memo{list: currencyCodes},
		countries: memo{list: countryCodes}, actions: memo{list: catActions}}
}

var _ ubl.Checker = (*Checker)(nil)

var ruleIndex = sync.OnceValue(func() map[string]*catalog.Rule { return catalog.IndexRules(Rules) })

// report records a finding of rule on the element n. The severity follows
// the official ID: W-… is a warning, F-… an error.
func (c *Checker) report(rule string, n *ubl.Node, field, value string, args ...string) {
	r := ruleIndex()[rule]
	if r == nil { // TestCheckerRules keeps this from happening
		panic("oioubl: no OIOUBL rule " + rule)
	}
	c.add(catalog.Finding{Rule: r, Severity: r.Severity, Pos: catalog.Pos{XPath: n.XPath()}, Field: field, Value: value, Args: args})
}

// End has nothing to settle: every rule is decided on its header or line.
func (c *Checker) End(func(catalog.Finding)) {}

// Header checks the Catalogue element and everything before the first line.
func (c *Checker) Header(root *ubl.Node, add func(catalog.Finding)) {
	c.add = add
	// F-CAT001, F-CAT249: the reader refuses any other root before a
	// checker runs, so these hold for every document that gets here.
	if root.Local != "Catalogue" {
		c.report("F-CAT001", root, "", root.Local)
		return
	}
	if root.Space != ubl.NSCatalogue {
		c.report("F-CAT249", root, "", root.Space)
		return
	}
	c.docLevel(root)

	var nValidity, nSupplier, nContract int
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if !n.IsUBL() {
			continue
		}
		switch n.Local {
		case "UBLExtensions":
			c.extensions(n)
		case "UUID":
			c.uuid(n)
		case "Note":
			c.multiLang(n, "W-LIB011", "W-LIB012", "")
		case "LineCountNumeric":
			c.report("F-CAT004", n, "", n.Value())
		case "ValidityPeriod":
			nValidity++
			c.period(n, "catalogue.validFrom", "catalogue.validTo")
			c.descriptions(n, "")
		case "ReferencedContract":
			nContract++
			c.contract(n)
		case "Signature":
			c.signature(n)
		case "ProviderParty":
			c.excludedParty(n)
			if id := n.Child("EndpointID"); id == nil || id.Text == "" {
				c.report("F-CAT040", n, "seller.endpointId", "")
			}
			if count(n, "PartyLegalEntity") != 1 {
				c.report("F-CAT041", n, "", "")
			}
			c.party(n, "seller")
		case "ReceiverParty":
			c.excludedParty(n)
			if id := n.Child("EndpointID"); id == nil || id.Text == "" {
				c.report("F-CAT050", n, "receiver.endpointId", "")
			}
			if count(n, "PartyLegalEntity") > 1 {
				c.report("F-CAT051", n, "", "")
			}
			c.party(n, "receiver")
		case "SellerSupplierParty":
			nSupplier++
			c.roleParty(n, "F-CAT060", "F-CAT061", "F-CAT062", supplierContacts)
		case "ContractorCustomerParty":
			c.roleParty(n, "", "F-CAT070", "F-CAT071", customerContacts)
		case "TradingTerms":
			if a := n.Child("ApplicableAddress"); a != nil {
				c.address(a, "")
			}
		}
	}
	if id := root.Child("ID"); id == nil || id.Text == "" {
		c.report("F-CAT002", root, "catalogue.id", "")
	}
	if v := root.Child("VersionID"); v == nil || v.Text == "" {
		c.report("F-CAT003", root, "catalogue.version", "")
	}
	if nValidity != 1 {
		c.report("F-CAT005", root, "catalogue.validFrom", "")
	}
	if nSupplier != 1 {
		c.report("F-CAT006", root, "", "")
	}
	if nContract > 1 {
		c.report("F-CAT008", root, "catalogue.agreementId", "")
	}
	if cc := root.Child("ContractorCustomerParty"); cc != nil {
		// F-CAT007: a report on node-set equality: any receiver party ID
		// equal to any contractor customer party ID.
		for r := range root.FindAll("ReceiverParty/PartyIdentification/ID") {
			for p := range cc.FindAll("Party/PartyIdentification/ID") {
				if r.Text == p.Text {
					c.report("F-CAT007", cc, "", p.Value())
				}
			}
		}
	}
	c.descriptions(root, "")
	c.checkCurrencies(root)
}

// docLevel checks UBLVersionID, CustomizationID and ProfileID.
func (c *Checker) docLevel(root *ubl.Node) {
	if v := root.Child("UBLVersionID"); v == nil || v.Text != "2.0" && v.Text != "2.1" {
		c.report("F-LIB001", nodeOr(v, root), "", text(v))
	}
	if v := root.Child("CustomizationID"); v == nil || v.Text != "OIOUBL-2.01" && v.Text != "OIOUBL-2.02" && v.Text != "OIOUBL-2.1" {
		c.report("F-LIB002", nodeOr(v, root), "", text(v))
	}
	p := root.Child("ProfileID")
	at := nodeOr(p, root)
	scheme, agency := attr(p, "schemeID"), attr(p, "schemeAgencyID")
	known := false
	for _, l := range &profileLists {
		if scheme == l.scheme {
			known = true
			if !listed(l.codes, text(p)) {
				c.report(l.rule, at, "", text(p), text(p))
			}
		}
	}
	if !known {
		c.report("W-LIB003", at, "", scheme)
	}
	if agency != profileAgency {
		c.report("W-LIB203", at, "", agency)
	}
	switch v := text(p); v {
	case "Procurement-OrdRes-1.0":
		c.report("F-LIB328", at, "", v, v, "Catalogue")
	case "Procurement-BilSimReminderOnly-1.0":
		c.report("F-LIB352", at, "", v, v, "Catalogue")
	}
}

// extensions is UBLExtensionsCheck (F-LIB313): Digitaliseringsstyrelsen's
// extensions are numbered 1001 to 1999.
func (c *Checker) extensions(n *ubl.Node) {
	for e := n.FirstChild; e != nil; e = e.NextSibling {
		if e.Local != "UBLExtension" {
			continue
		}
		agency := e.ChildNS(ubl.NSExt, "ExtensionAgencyID")
		if agency == nil || agency.Text != "Digitaliseringsstyrelsen" {
			continue
		}
		id := e.Child("ID")
		if v, ok := number(text(id)); id != nil && ok && (v < 1001 || v > 1999) {
			c.report("F-LIB313", id, "", id.Value())
		}
	}
}

// uuid is UUIDCheck: 36 characters.
func (c *Checker) uuid(n *ubl.Node) {
	if utf8.RuneCountInString(n.Text) != 36 {
		c.report("F-LIB006", n, "", n.Value(), "cbc:UUID")
	}
}

// Line checks one CatalogueLine.
func (c *Checker) Line(line *ubl.Node, ordinal int, add func(catalog.Finding)) {
	c.add = add
	var (
		id, action, orderable, orderableUnit, content *ubl.Node
		nComparison                                   int
	)
	for n := line.FirstChild; n != nil; n = n.NextSibling {
		if !n.IsUBL() {
			continue
		}
		switch n.Local {
		case "ID":
			id = n
		case "ActionCode":
			action = n
		case "LifeCycleStatusCode":
			c.lifeCycle(n)
		case "Note":
			c.multiLang(n, "W-LIB011", "W-LIB012", "")
		case "OrderableIndicator":
			orderable = n
		case "OrderableUnit":
			orderableUnit = n
			// F-CAT107 ("The value of unitCode attribute should be a valid
			// UOM measure"): the 1.17.2 Schematron's test is only
			// string-length(.) > 1, no code list; a Rec 20 code such as
			// H87 passes it (units in unitCode attributes are F-LIB318's).
			if utf8.RuneCountInString(n.Text) <= 1 {
				c.report("F-CAT107", n, "unit", n.Value())
			}
		case "ContentUnitQuantity":
			content = n
			c.positive(n, "packQuantity")
			c.unitCode(n, "contentUnit")
		case "OrderQuantityIncrementNumeric":
			c.positive(n, "orderQuantityIncrement")
		case "MinimumOrderQuantity":
			c.positive(n, "minOrderQuantity")
		case "MaximumOrderQuantity":
			c.positive(n, "maxOrderQuantity")
		case "WarrantyInformation":
			c.multiLang(n, "W-CAT109", "W-CAT110", "")
		case "ContractorCustomerParty":
			c.roleParty(n, "", "F-CAT120", "F-CAT121", customerContacts)
		case "SellerSupplierParty":
			c.roleParty(n, "F-CAT130", "F-CAT131", "F-CAT132", supplierContacts)
		case "WarrantyValidityPeriod":
			c.descriptions(n, "")
			c.period(n, "", "")
		case "LineValidityPeriod":
			c.descriptions(n, "")
			c.period(n, "validFrom", "validTo")
		case "ItemComparison":
			nComparison++
			if p := n.Child("PriceAmount"); p == nil || p.Text == "" {
				c.report("F-CAT140", n, "", "")
			}
			if q := n.Child("Quantity"); q == nil || q.Text == "" {
				c.report("F-CAT141", n, "", "")
			}
		case "ComponentRelatedItem":
			c.relatedItem(n, "F-CAT150")
		case "AccessoryRelatedItem":
			c.relatedItem(n, "F-CAT160")
		case "RequiredRelatedItem":
			c.relatedItem(n, "F-CAT170")
		case "ReplacementRelatedItem":
			c.relatedItem(n, "F-CAT180")
		case "ComplementaryRelatedItem":
			c.relatedItem(n, "F-CAT190")
		case "RequiredItemLocationQuantity":
			c.locationQuantity(n)
		case "DocumentReference":
			c.report("F-CAT114", n, "", "")
		case "Item":
			c.item(n)
		}
	}

	if id == nil || id.Text == "" {
		c.report("F-CAT100", line, "lineId", "")
	} else {
		// F-CAT248 reports a line whose ID a following line repeats; a
		// stream knows only the earlier lines, so the finding goes to the
		// later line. Its count is the official one (k-1 for k equal IDs).
		h := maphash.String(c.seed, id.Text)
		if _, seen := c.lineIDs[h]; seen {
			c.report("F-CAT248", id, "lineId", id.Value())
		} else {
			c.lineIDs[h] = struct{}{}
		}
	}

	// ActionCode: the asserts hold the attributes and the code even when
	// the element is missing, so a missing ActionCode fails all four.
	at := nodeOr(action, line)
	if action == nil || action.Text == "" {
		c.report("F-CAT101", at, "action", "")
	}
	c.listAttrs(action, at, "action", "F-CAT102", "urn:oioubl:codelist:catalogueactioncode-1.1", "F-CAT103", "320")
	if !c.actions.has(text(action)) {
		c.report("F-CAT111", at, "action", text(action), text(action))
	}
	if orderable == nil || orderable.Text == "" {
		c.report("F-CAT106", nodeOr(orderable, line), "orderable", "")
	} else if orderable.Text == "true" && orderableUnit == nil {
		c.report("F-CAT115", line, "unit", "")
	}
	if content == nil || content.Text == "" {
		c.report("F-CAT108", nodeOr(content, line), "packQuantity", "")
	}
	if nComparison > 1 {
		c.report("F-CAT113", line, "", "")
	}
	c.checkCurrencies(line)
}

// lifeCycle checks a LifeCycleStatusCode (F-CAT104, F-CAT105, F-CAT112).
func (c *Checker) lifeCycle(n *ubl.Node) {
	c.listAttrs(n, n, "", "F-CAT104", "urn:oioubl:codelist:lifecyclestatuscode-1.1", "F-CAT105", "320")
	if !listed(lifeCycles, n.Text) {
		c.report("F-CAT112", n, "", n.Value(), n.Text)
	}
}

// listAttrs checks the listID and listAgencyID of a code, which may be
// missing (its attributes are then empty); findings go to at.
func (c *Checker) listAttrs(code, at *ubl.Node, field, listRule, listID, agencyRule, agency string) {
	if v := attr(code, "listID"); v != listID {
		c.report(listRule, at, field, v)
	}
	if v := attr(code, "listAgencyID"); v != agency {
		c.report(agencyRule, at, field, v)
	}
}

// relatedItem checks a …RelatedItem: its ID and descriptions.
func (c *Checker) relatedItem(n *ubl.Node, rule string) {
	if id := n.Child("ID"); id == nil || id.Text == "" {
		c.report(rule, n, "", "")
	}
	c.descriptions(n, "")
}

// locationQuantity checks a RequiredItemLocationQuantity and its price.
func (c *Checker) locationQuantity(q *ubl.Node) {
	nRestrictions := 0
	for n := q.FirstChild; n != nil; n = n.NextSibling {
		switch n.Local {
		case "TradingRestrictions":
			nRestrictions++
		case "MinimumQuantity", "MaximumQuantity":
			c.positive(n, "")
		case "ApplicableTerritoryAddress":
			c.address(n, "")
		case "Price":
			c.price(n)
		case "DeliveryUnit":
			for d := n.FirstChild; d != nil; d = d.NextSibling {
				if d.Local == "BatchQuantity" || d.Local == "ConsumerUnitQuantity" {
					c.positive(d, "")
				}
			}
		case "ApplicableTaxCategory":
			c.taxCategory(n, true)
		}
	}
	if nRestrictions > 1 {
		c.report("F-CAT200", q, "", "")
	}
}

// price checks a Price (F-CAT201 to F-CAT207 and the common patterns).
func (c *Checker) price(p *ubl.Node) {
	var amount *ubl.Node
	nValidity := 0
	for n := p.FirstChild; n != nil; n = n.NextSibling {
		switch n.Local {
		case "PriceAmount":
			if amount == nil {
				amount = n
			}
			// F-CAT202: substring-after(., '.') has fewer than 2
			// characters, so an amount without a decimal point fails.
			_, dec, _ := strings.Cut(n.Text, ".")
			if utf8.RuneCountInString(dec) < 2 {
				c.report("F-CAT202", n, "price", n.Value())
			}
			if strings.HasPrefix(n.Text, "-") {
				c.report("F-CAT203", n, "price", n.Value())
			}
		case "BaseQuantity":
			c.unitCode(n, "priceBaseQuantity")
			c.positive(n, "priceBaseQuantity")
		case "PriceChangeReason":
			c.multiLang(n, "W-CAT204", "W-CAT205", "")
		case "PriceTypeCode":
			if n.Attr("listID") != "UN/ECE 5387" {
				c.report("F-CAT206", n, "", n.Attr("listID"))
			}
		case "OrderableUnitFactorRate":
			c.positive(n, "")
		case "ValidityPeriod":
			nValidity++
			c.descriptions(n, "")
			c.period(n, "", "")
		case "PriceList":
			if v := n.Child("ValidityPeriod"); v != nil {
				c.period(v, "", "")
				c.descriptions(v, "")
			}
			if v := n.Find("PreviousPriceList/ValidityPeriod"); v != nil {
				c.period(v, "", "")
				c.descriptions(v, "")
			}
		case "AllowanceCharge":
			c.allowanceCharge(n)
		}
	}
	if amount == nil || amount.Text == "" {
		c.report("F-CAT201", p, "price", "")
	}
	if nValidity > 1 {
		c.report("F-CAT207", p, "", "")
	}
}

// allowanceCharge is AllowanceChargeTopCheck and AccountingCostCheck on a
// price's allowance or charge.
func (c *Checker) allowanceCharge(a *ubl.Node) {
	var amount, base, factor *ubl.Node
	nTax := 0
	for n := a.FirstChild; n != nil; n = n.NextSibling {
		switch n.Local {
		case "TaxTotal":
			c.report("F-LIB224", n, "", "")
		case "PaymentMeans":
			c.report("F-LIB225", n, "", "")
		case "TaxCategory":
			nTax++
			c.taxCategory(n, false)
		case "SequenceNumeric":
			if strings.HasPrefix(n.Text, "-") {
				c.report("F-LIB020", n, "", n.Value(), "cbc:SequenceNumeric")
			}
		case "Amount":
			amount = n
			c.positive(n, "")
		case "BaseAmount":
			base = n
			c.positive(n, "")
		case "MultiplierFactorNumeric":
			factor = n
		}
	}
	if nTax != 1 {
		c.report("F-LIB226", a, "", "")
	}
	if factor != nil {
		if base == nil {
			c.report("F-LIB248", a, "", "")
		}
		if strings.HasPrefix(factor.Text, "-") {
			c.report("F-LIB227", factor, "", factor.Value())
		}
		// F-LIB228 allows a difference of 1.00 either way.
		am, ok1 := number(text(amount))
		b, ok2 := number(text(base))
		f, ok3 := number(factor.Text)
		if ok1 && ok2 && ok3 && (am < b*f-1 || am > b*f+1) {
			c.report("F-LIB228", nodeOr(amount, a), "", text(amount))
		}
	}
	if a.Child("AccountingCost") != nil && a.Child("AccountingCostCode") != nil {
		c.report("F-LIB021", a, "", "")
	}
}

// item checks the Item of a line.
func (c *Checker) item(it *ubl.Node) {
	var name *ubl.Node
	var nSellers, nManufacturers, nAdditional, nClass, nOrigin int
	for n := it.FirstChild; n != nil; n = n.NextSibling {
		if !n.IsUBL() {
			continue
		}
		switch n.Local {
		case "CatalogueIndicator":
			c.report("F-CAT220", n, "", n.Value())
		case "ClassifiedTaxCategory":
			c.report("F-CAT234", n, "vatCategory", "")
		case "Name":
			if name == nil {
				name = n
			}
		case "PackQuantity":
			c.positive(n, "")
		case "PackSizeNumeric":
			c.positive(n, "")
		case "SellersItemIdentification":
			nSellers++
			c.sellersItemID(n)
		case "BuyersItemIdentification", "StandardItemIdentification", "CatalogueItemIdentification":
			field := ""
			if n.Local == "StandardItemIdentification" {
				field = "gtin"
			}
			c.itemIdentification(n, field)
		case "ManufacturersItemIdentification":
			nManufacturers++
			c.itemIdentification(n, "manufacturerItemId")
		case "AdditionalItemIdentification":
			nAdditional++
			c.itemIdentification(n, "")
		case "CatalogueDocumentReference":
			c.knownDocRef(n)
		case "ItemSpecificationDocumentReference":
			c.docRef(n, "images")
		case "CommodityClassification":
			nClass++
			c.classification(n)
		case "TransactionConditions":
			c.descriptions(n, "")
			for d := range n.ChildrenNamed("DocumentReference") {
				c.docRef(d, "")
			}
		case "AdditionalItemProperty":
			c.property(n, "F-CAT235", "F-CAT236", "F-CAT237")
		case "OriginAddress":
			nOrigin++
			c.address(n, "")
		case "ItemInstance":
			for p := range n.ChildrenNamed("AdditionalItemProperty") {
				c.property(p, "F-CAT245", "F-CAT246", "F-CAT247")
			}
			for p := range n.FindAll("LotIdentification/AdditionalItemProperty") {
				c.property(p, "F-CAT238", "F-CAT239", "F-CAT240")
			}
		}
	}
	if name == nil || name.Text == "" {
		c.report("F-CAT221", nodeOr(name, it), "name", "")
	}
	if nSellers != 1 {
		c.report("F-CAT223", it, "sellerItemId", "")
	}
	if nClass == 0 {
		c.report("F-CAT230", it, "classification", "")
	}
	if nManufacturers > 1 {
		c.report("F-CAT228", it, "manufacturerItemId", "")
	}
	if nAdditional > 1 {
		c.report("F-CAT229", it, "", "")
	}
	if nOrigin > 1 {
		c.report("F-CAT244", it, "", "")
	}
	c.descriptions(it, "description")
}

// sellersItemID checks SellersItemIdentification (F-CAT224 to F-CAT227,
// F-CAT242, F-CAT243).
func (c *Checker) sellersItemID(s *ubl.Node) {
	if id := s.Child("ID"); id == nil || id.Text == "" {
		c.report("F-CAT224", nodeOr(id, s), "sellerItemId", "")
	}
	for n := s.FirstChild; n != nil; n = n.NextSibling {
		switch n.Local {
		case "PhysicalAttribute":
			if x := n.Child("PositionCode"); x != nil {
				c.report("F-CAT242", x, "", x.Value())
			}
			if x := n.Child("DescriptionCode"); x != nil {
				c.report("F-CAT243", x, "", x.Value())
			}
			if d := n.Child("Description"); d == nil || d.Text == "" {
				c.report("F-CAT226", n, "", "")
			}
			if a := n.Child("AttributeID"); a == nil || a.Text == "" {
				c.report("F-CAT225", n, "", "")
			}
			c.descriptions(n, "")
		case "MeasurementDimension":
			c.descriptions(n, "")
			if a := n.Child("AttributeID"); a == nil || a.Text == "" {
				c.report("F-CAT227", n, "", "")
			}
		}
	}
}

// itemIdentification is DefaultItemIdentificationCheck.
func (c *Checker) itemIdentification(n *ubl.Node, field string) {
	if x := n.Child("PhysicalAttribute"); x != nil {
		c.report("F-LIB175", x, field, "")
	}
	if x := n.Child("MeasurementDimension"); x != nil {
		c.report("F-LIB176", x, field, "")
	}
	if id := n.Child("ID"); id == nil || id.Text == "" {
		c.report("F-LIB177", nodeOr(id, n), field, "")
	}
}

// classification checks a CommodityClassification: a UNSPSC code with
// listID UNSPSC and listAgencyID 113 (F-CAT231 to F-CAT233). The asserts
// read the attributes of a missing code as empty, so a classification
// without an ItemClassificationCode fails all three.
func (c *Checker) classification(n *ubl.Node) {
	code := n.Child("ItemClassificationCode")
	at := nodeOr(code, n)
	if code == nil || code.Text == "" {
		c.report("F-CAT231", at, "classification", "")
	}
	c.listAttrs(code, at, "classification", "F-CAT232", "UNSPSC", "F-CAT233", "113")
}

// property checks an AdditionalItemProperty: a name, a value and the ID of
// its property group.
func (c *Checker) property(p *ubl.Node, nameRule, valueRule, groupRule string) {
	if n := p.Child("Name"); n == nil || n.Text == "" {
		c.report(nameRule, p, "", "")
	}
	if v := p.Child("Value"); v == nil || v.Text == "" {
		c.report(valueRule, p, "", "")
	}
	for g := range p.ChildrenNamed("ItemPropertyGroup") {
		if id := g.Child("ID"); id == nil || id.Text == "" {
			c.report(groupRule, g, "", "")
		}
	}
	for u := range p.ChildrenNamed("UsabilityPeriod") {
		c.period(u, "", "")
		c.descriptions(u, "")
	}
}
