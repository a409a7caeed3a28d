package peppol

import (
	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/catalog/check"
	"github.com/ekatalog/ekatalog/formats/ubl"
)

// Profiles PEPPOL-T19-R017 allows.
const (
	profileCatalogueOnly   = "urn:fdc:peppol.eu:poacc:bis:catalogue_only:3"
	profileWithoutResponse = "urn:fdc:peppol.eu:poacc:bis:catalogue_wo_response:3"
	customizationPrefix    = "urn:fdc:peppol.eu:poacc:trns:catalogue:3"
)

// t19 applies the PEPPOL-T19-R rules whose context is n. Their contexts
// are element names wherever they occur (cac:Item, cac:CatalogueLine, …),
// except R001's /ubl:Catalogue/cac:ValidityPeriod.
func (c *Checker) t19(n *ubl.Node, add func(catalog.Finding)) {
	switch n.Space {
	case nsURIs[nsCBC]:
		switch n.Local {
		case "ProfileID":
			if v := check.XMLTrim(n.Text); v != profileCatalogueOnly && v != profileWithoutResponse {
				fire(add, "PEPPOL-T19-R017", n, "", n.Text)
			}
		case "CustomizationID":
			if v := check.XMLTrim(n.Text); len(v) < len(customizationPrefix) || v[:len(customizationPrefix)] != customizationPrefix {
				fire(add, "PEPPOL-T19-R018", n, "", n.Text)
			}
		}
	case nsURIs[nsCAC]:
		switch n.Local {
		case "ValidityPeriod":
			if p := n.Parent; p != nil && p.Parent == nil && p.Local == "Catalogue" && p.Space == nsURIs[nsDoc] &&
				!(c.catEnd >= c.catStart) {
				fire(add, "PEPPOL-T19-R001", n, "catalogue.validTo", textOf(childNS(n, nsCBC, "EndDate")))
			}
		case "SellerSupplierParty":
			if !partyNamed(n) {
				fire(add, "PEPPOL-T19-R004", n, "", "")
			}
		case "ContractorCustomerParty":
			if !partyNamed(n) {
				fire(add, "PEPPOL-T19-R005", n, "", "")
			}
		case "CatalogueLine":
			c.line(n, add)
		case "RequiredItemLocationQuantity":
			c.priceRules(n, add)
		case "ClassifiedTaxCategory":
			id := check.XMLTrim(textOf(childNS(n, nsCBC, "ID")))
			pct := childNS(n, nsCBC, "Percent")
			if pct == nil && id != "O" {
				fire(add, "PEPPOL-T19-R014", n, "vatPercent", "")
			}
			// (cbc:Percent) > 0 compares every Percent; a value that is not
			// a number stops the official validator with an error, which is
			// a failure here.
			if id == "S" && !anyPositive(n, "Percent") {
				fire(add, "PEPPOL-T19-R015", n, "vatPercent", textOf(pct))
			}
		case "Item":
			if !hasPath(n, "StandardItemIdentification", "ID") && !hasPath(n, "SellersItemIdentification", "ID") {
				fire(add, "PEPPOL-T19-R012", n, "sellerItemId", "")
			}
		}
	}
}

// line applies the rules of context cac:CatalogueLine.
func (c *Checker) line(n *ubl.Node, add func(catalog.Finding)) {
	maxQ := childNS(n, nsCBC, "MaximumOrderQuantity")
	minQ := childNS(n, nsCBC, "MinimumOrderQuantity")
	if maxQ != nil && !(number(maxQ.Text) >= 0) {
		fire(add, "PEPPOL-T19-R008", n, "maxOrderQuantity", maxQ.Text)
	}
	if minQ != nil && !(number(minQ.Text) >= 0) {
		fire(add, "PEPPOL-T19-R009", n, "minOrderQuantity", minQ.Text)
	}
	if maxQ != nil && minQ != nil && !(number(maxQ.Text) >= number(minQ.Text)) {
		fire(add, "PEPPOL-T19-R010", n, "maxOrderQuantity", maxQ.Text)
	}
	start, end := c.lineValidity(n)
	if !(start >= c.catStart && start <= c.catEnd && end <= c.catEnd && end >= c.catStart) {
		fire(add, "PEPPOL-T19-R007", n, "validFrom", "")
	}
	if !(start <= end) {
		fire(add, "PEPPOL-T19-R013", n, "validTo", "")
	}
}

// lineValidity is $CatalogueLineValidityStart and …End of a CatalogueLine
// (or, for a RequiredItemLocationQuantity, of its parent, "..").
func (c *Checker) lineValidity(line *ubl.Node) (start, end float64) {
	return periodOf(line, "LineValidityPeriod", c.catStart, c.catEnd)
}

// priceRules applies the rules of context cac:RequiredItemLocationQuantity.
func (c *Checker) priceRules(n *ubl.Node, add func(catalog.Finding)) {
	price := childNS(n, nsCAC, "Price")
	amount := childNS(price, nsCBC, "PriceAmount")
	// number(cac:Price/cbc:PriceAmount) >= 0: NaN, so a failure, when
	// there is no price at all.
	if !(number(textOf(amount)) >= 0) {
		fire(add, "PEPPOL-T19-R006", n, "price", textOf(amount))
	}
	lineStart, lineEnd := c.lineValidity(n.Parent)
	// cac:Price/cac:ValidityPeriod/…: XSD allows one Price.
	start, end := periodOf(price, "ValidityPeriod", lineStart, lineEnd)
	if !(start >= lineStart && start <= lineEnd && end <= lineEnd && end >= lineStart) {
		fire(add, "PEPPOL-T19-R011", n, "price", "")
	}
	if !(start <= end) {
		fire(add, "PEPPOL-T19-R016", n, "price", "")
	}
}

// partyNamed is (cac:Party/cac:PartyName/cbc:Name) or
// (cac:Party/cac:PartyIdentification/cbc:ID).
func partyNamed(n *ubl.Node) bool {
	for p := n.FirstChild; p != nil; p = p.NextSibling {
		if p.Local == "Party" && p.Space == nsURIs[nsCAC] &&
			(hasPath(p, "PartyName", "Name") || hasPath(p, "PartyIdentification", "ID")) {
			return true
		}
	}
	return false
}

// hasPath reports whether n has a cac:agg child with a cbc:basic child.
func hasPath(n *ubl.Node, agg, basic string) bool {
	for a := n.FirstChild; a != nil; a = a.NextSibling {
		if a.Local == agg && a.Space == nsURIs[nsCAC] && childNS(a, nsCBC, basic) != nil {
			return true
		}
	}
	return false
}

// anyPositive is (cbc:local) > 0 over n's children.
func anyPositive(n *ubl.Node, local string) bool {
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Local == local && k.Space == nsURIs[nsCBC] && number(k.Text) > 0 {
			return true
		}
	}
	return false
}

func textOf(n *ubl.Node) string {
	if n == nil {
		return ""
	}
	return n.Text
}
