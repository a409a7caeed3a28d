package ubl

import (
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
)

// header builds the header: document identification, the canonical
// header fields, the parties, the extras and the target's defaults.
func (wr *Writer) header(root *wnode, h catalog.Header) {
	t := &wr.tree
	oio := wr.target == targetOIOUBL
	extra := func(name string) (string, bool) {
		for _, e := range h.Extra {
			if e.Name == name {
				return e.Value, true
			}
		}
		return "", false
	}

	if oio {
		t.set(root, "UBLVersionID", oioUBLVersion)
		t.set(root, "CustomizationID", oioCustomization)
		scheme, _ := extra("ProfileID/@schemeID")
		if p, ok := extra("ProfileID"); ok && strings.HasPrefix(scheme, oioProfilePrefix) {
			n := t.set(root, "ProfileID", p)
			for _, e := range h.Extra {
				if a, ok := strings.CutPrefix(e.Name, "ProfileID/@"); ok {
					n.setAttr(a, e.Value)
				}
			}
		} else {
			n := t.set(root, "ProfileID", oioProfile)
			n.setAttr("schemeAgencyID", oioAgency)
			n.setAttr("schemeID", oioProfileScheme)
		}
	} else {
		t.set(root, "CustomizationID", peppolCustomization)
		p, ok := extra("ProfileID")
		if !ok || !strings.HasPrefix(p, peppolProfilePrefix) {
			p = peppolProfile
		}
		t.set(root, "ProfileID", p)
	}
	set := func(path, v string) {
		if v != "" {
			t.set(root, path, v)
		}
	}
	for _, hf := range headerFields {
		v := *hf.value(&h)
		if hf.out != nil {
			v = hf.out(v)
		}
		set(hf.path, v)
	}
	t.at(root, "ValidityPeriod[1]") // the writers always write one
	wr.party(root, "ProviderParty", h.Seller, h.Extra)
	wr.party(root, "ReceiverParty", h.Receiver, h.Extra)

	owned := func(name string) bool {
		switch {
		case name == "UBLVersionID", name == "CustomizationID", name == "ProfileID",
			strings.HasPrefix(name, "ProfileID/@"), strings.HasPrefix(name, "UBLVersionID/@"),
			strings.HasPrefix(name, "CustomizationID/@"):
			return true
		}
		return false
	}
	for _, e := range h.Extra {
		if owned(e.Name) {
			continue
		}
		switch resolveExtra(tCatalogue, e.Name) {
		case notPath:
			// A header value of no UBL element (from a spreadsheet or
			// --header): there is nowhere to put it.
		case foreign:
			if wellFormed(e.Value) {
				t.insertExtra(root, e.Name, e.Value, wr.unit)
			}
		default:
			t.insertExtra(root, e.Name, e.Value, wr.unit)
		}
	}

	if oio {
		t.fill(root, "VersionID", oioDefaultVersion)
		hasSupplier := false
		for _, e := range h.Extra {
			if strings.HasPrefix(e.Name, "SellerSupplierParty/") {
				hasSupplier = true
				break
			}
		}
		if !hasSupplier {
			wr.party(root, "SellerSupplierParty/Party", h.Seller, nil)
		}
		parties := [...]catalog.Party{h.Seller, h.Receiver, h.Seller}
		for i, p := range []string{"ProviderParty", "ReceiverParty", "SellerSupplierParty/Party"} {
			n := findPath(root, p)
			if n == nil {
				continue
			}
			wr.oioLegalEntity(n, parties[i], i == 0)
		}
	}
}

// oioLegalEntity gives an OIOUBL party its PartyLegalEntity: the name and
// a CompanyID of scheme DK:CVR, DK:CPR or ZZZ (F-LIB187, F-LIB189). The
// ProviderParty must have one (F-CAT041): without a CVR number its
// CompanyID is the party's ID of scheme ZZZ. Other parties get one only for
// a CVR number.
func (wr *Writer) oioLegalEntity(n *wnode, p catalog.Party, required bool) {
	t := &wr.tree
	scheme, id := "", ""
	for _, c := range [...][2]string{{p.IDScheme, p.ID}, {p.EndpointScheme, p.EndpointID}} {
		if s, v := schemeToOIOUBL(c[0], c[1]); s == "DK:CVR" && len(v) == 10 {
			scheme, id = s, v
			break
		}
	}
	le := n.find("PartyLegalEntity", 1)
	if le == nil && id == "" && !required {
		return
	}
	if id == "" {
		scheme, id = oioOtherScheme, p.ID
		if id == "" {
			id = p.EndpointID
		}
	}
	le = t.at(n, "PartyLegalEntity[1]")
	if name := findPath(n, partyName); name != nil {
		t.fill(le, "RegistrationName", name.text)
	}
	if le.find("CompanyID", 1) == nil && id != "" {
		t.set(le, "CompanyID", id).setAttr("schemeID", scheme)
	}
}

// party builds a ProviderParty or ReceiverParty (or the OIOUBL supplier)
// from a canonical party.
func (wr *Writer) party(root *wnode, path string, p catalog.Party, extras []catalog.Extra) {
	t := &wr.tree
	oio := wr.target == targetOIOUBL
	n := t.at(root, path)
	id := func(elem, value, scheme string) {
		if value == "" {
			return
		}
		if oio {
			if scheme == "" && elem == partyEndpoint {
				scheme = inferScheme(value)
			}
			icd := scheme
			scheme, value = schemeToOIOUBL(scheme, value)
			e := t.set(n, elem, value)
			if icd == "0088" {
				e.setAttr("schemeAgencyID", oioGTINAgency)
			}
			if scheme != "" {
				e.setAttr("schemeID", scheme)
			}
			return
		}
		e := t.set(n, elem, value)
		if scheme != "" {
			e.setAttr("schemeID", scheme)
		}
	}
	id(partyEndpoint, p.EndpointID, p.EndpointScheme)
	id(partyID, p.ID, p.IDScheme)
	if p.Name != "" {
		regName := false
		for _, e := range extras {
			if e.Name == path+"/"+partyLegalName {
				regName = true
			}
		}
		if oio || regName {
			t.set(n, partyName, p.Name)
		} else {
			t.set(n, partyLegalName, p.Name)
		}
	}
	if p.Country != "" {
		t.set(n, partyCountry, p.Country)
	}
}
