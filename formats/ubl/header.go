package ubl

import (
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
)

// Identifier schemes: ekatalog's canonical party schemes are ISO 6523 ICD
// (and Peppol EAS) codes; OIOUBL writes its own names for the same schemes.
var oioSchemes = [...]struct{ icd, oio string }{
	{"0088", "GLN"},
	{"0060", "DUNS"},
	{"0184", "DK:CVR"},
	{"0096", "DK:P"},
	{"0198", "DK:SE"},
	{"0192", "NO:ORGNR"},
	{"0007", "SE:ORGNR"},
	{"0009", "FR:SIRET"},
	{"0216", "FI:OVT"},
}

// schemeFromOIOUBL maps an OIOUBL scheme name to its ICD code and the value
// to its canonical form (a CVR number without OIOUBL's DK prefix).
func schemeFromOIOUBL(scheme, value string) (string, string, bool) {
	for _, s := range oioSchemes {
		if s.oio == scheme {
			if scheme == "DK:CVR" {
				if v, ok := strings.CutPrefix(value, "DK"); ok && len(v) == 8 && allDigits(v) {
					value = v
				}
			}
			return s.icd, value, true
		}
	}
	return scheme, value, false
}

// schemeToOIOUBL is the inverse of schemeFromOIOUBL.
func schemeToOIOUBL(scheme, value string) (string, string) {
	for _, s := range oioSchemes {
		if s.icd == scheme {
			if s.oio == "DK:CVR" && len(value) == 8 && allDigits(value) {
				value = "DK" + value
			}
			return s.oio, value
		}
	}
	return scheme, value
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// mapHeader fills the header from the header tree and decides the flavour.
func (rd *Reader) mapHeader() {
	root := rd.root
	h := &rd.hdr
	for _, hf := range headerFields {
		if n := root.Find(hf.path); n != nil {
			v := n.Value()
			if hf.in != nil {
				v = hf.in(v)
			}
			*hf.value(h) = v
			n.claimed = true
		}
	}
	switch rd.doc {
	case "CataloguePricingUpdate", "CatalogueItemSpecificationUpdate":
		h.Action = "update"
	case "CatalogueDeletion":
		h.Action = "delete"
	}
	if p := root.first(nValidityPeriod); p != nil && p.FirstChild == nil && len(p.attrs) == 0 {
		p.claimed = true // the writers always write one
	}
	mapParty(&h.Seller, root.first(nProviderParty))
	mapParty(&h.Receiver, root.first(nReceiverParty))

	// Either may be missing (a fragment, a broken document): no flavour then.
	var custom, profile, profileScheme string
	if n := root.first(nCustomizationID); n != nil {
		custom = n.Value()
	}
	if n := root.first(nProfileID); n != nil {
		profile, profileScheme = n.Value(), n.Attr("schemeID")
	}
	switch {
	case strings.HasPrefix(custom, "urn:fdc:peppol.eu:poacc:trns:catalogue:3") ||
		strings.HasPrefix(profile, "urn:fdc:peppol.eu:poacc:bis:catalogue"):
		rd.flavour = FlavourPeppol
	case strings.HasPrefix(custom, "OIOUBL-2") || strings.HasPrefix(profileScheme, "urn:oioubl:"):
		rd.flavour = FlavourOIOUBL
	default:
		rd.flavour = FlavourUBL
	}

	// Everything else of the header travels as extra. The header tree is
	// walked with the same naming as a line, relative to the root.
	rd.lm.path = rd.lm.path[:0]
	if rd.lm.paths == nil {
		rd.lm.paths = make(map[string]string)
	}
	h.Extra = rd.attrExtras(nil, root)
	h.Extra = rd.extras(h.Extra, root)
}

// mapParty reads a ProviderParty or ReceiverParty.
func mapParty(p *catalog.Party, n *Node) {
	if n == nil {
		return
	}
	idOf := func(id *Node, value, scheme *string) {
		if id == nil {
			return
		}
		*value = id.Value()
		id.claimed = true
		if a := id.attr(aSchemeID); a != nil {
			a.claimed = true
			s, v, oio := schemeFromOIOUBL(strings.TrimSpace(a.Value), *value)
			*scheme, *value = s, v
			if oio && s == "0088" {
				if b := id.attr(aSchemeAgencyID); b != nil && strings.TrimSpace(b.Value) == oioGTINAgency {
					b.claimed = true
				}
			}
		}
	}
	idOf(n.Find(partyEndpoint), &p.EndpointID, &p.EndpointScheme)
	idOf(n.Find(partyID), &p.ID, &p.IDScheme)
	pn := n.Find(partyName)
	rn := n.Find(partyLegalName)
	switch {
	case pn != nil:
		p.Name, pn.claimed = pn.Value(), true
		if rn != nil && rn.Value() == p.Name {
			rn.claimed = true // the writers repeat the name there
		}
	case rn != nil:
		p.Name, rn.claimed = rn.Value(), true
	}
	if c := n.Find(partyCountry); c != nil {
		p.Country, c.claimed = c.Value(), true
	}
}
