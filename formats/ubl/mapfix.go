package ubl

import (
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
)

// What a writer does to the tree of a written header or line so that it
// holds only what the target lawfully carries, whichever flavour the data
// came from (a PEPPOL catalogue converted to OIOUBL or the reverse). What it
// leaves out is recorded (DroppedPaths, Dropped) for the pipeline to report
// as TARGET-DROPPED; nothing is invented.
//
//   - xsi:schemaLocation (and any xsi attribute) is never copied: the
//     source's schema location is not the output's (PEPPOL-T19-B00109).
//   - PEPPOL: an element outside the T19 data model is left out (SetModel;
//     PEPPOL-T19-B00110 and the rules of each aggregate); OIOUBL identifier
//     schemes become ISO 6523 ICD codes (GLN → 0088, DK:CVR → 0184 without
//     the DK prefix, DK:SE → 0198, DK:P → 0096); a party identifier of a
//     scheme with no ICD code (ZZZ, DK:CPR) keeps its value without the
//     scheme (PEPPOL-T19-B03401), an endpoint of such a scheme is left out.
//   - OIOUBL: a structured address keeps its street, city and postal zone
//     and leaves out its AddressLine elements (F-LIB036); an attachment is
//     embedded or linked, not both: the embedded file is kept (F-LIB095); a
//     document reference keeps DocumentTypeCode over DocumentType (F-LIB092);
//     Item/ClassifiedTaxCategory is left out, the tax category being written
//     as RequiredItemLocationQuantity/ApplicableTaxCategory (F-CAT234); one
//     ItemComparison (F-CAT113); a document reference without a type
//     (F-LIB092) and a ContractorCustomerParty that is the receiver
//     (F-CAT007) are left out, so is the endpoint of another party whose
//     EAS scheme OIOUBL has no name for (F-LIB179) and a standard-rated tax
//     category without its rate (F-LIB382). The action code list is
//     OIOUBL's whatever the source named (F-CAT102).
//   - PEPPOL: a RequiredItemLocationQuantity without a price is left out
//     (PEPPOL-T19-R006 fails it), with its lead time.
//   - Both: an element left with no text, no child and no attribute is
//     never written (PEPPOL-COMMON-R001; OIOUBL's schema forbids most).

// SetModel makes the writer leave out every element whose path (local
// names from the root) the function rejects: the target's data model.
func (wr *Writer) SetModel(inModel func(path []string) bool) { wr.model = inModel }

// DroppedPaths returns the paths of the elements the writer left out of
// the header (after Begin) or of the line last written (after Line), as
// /Catalogue/… paths of local names; valid until the next call.
func (wr *Writer) DroppedPaths() []string { return wr.dropped }

// Dropped returns the canonical fields of the line last written of which
// not every value was written (formats.Dropper).
func (wr *Writer) Dropped(*catalog.Line) catalog.FieldSet { return wr.dropFields }

// Missing returns the fields a line needs in the target and lacks
// (formats.Checker): OIOUBL wants a UNSPSC code (F-CAT230), an order unit
// (F-CAT115) and a seller's item number (F-CAT223) on every line; PEPPOL an
// item name (PEPPOL-T19-B02401).
func (wr *Writer) Missing(l *catalog.Line) catalog.FieldSet {
	var m catalog.FieldSet
	if wr.target == targetOIOUBL {
		if _, ok := l.ClassificationCode("UNSPSC"); !ok {
			m.Add(catalog.FieldClassification)
		}
		if l.Unit == "" {
			m.Add(catalog.FieldUnit)
		}
		if l.SellerItemID == "" {
			m.Add(catalog.FieldSellerItemID)
		}
		return m
	}
	if l.Name == "" {
		m.Add(catalog.FieldName)
	}
	return m
}

func (wr *Writer) drop(path []string, local string) {
	if len(wr.dropped) < 1000 {
		wr.dropped = append(wr.dropped, "/"+strings.Join(append(path, local), "/"))
	}
}

// clean applies the rules above to a tree before it is sorted and written.
func (wr *Writer) clean(root *wnode) {
	wr.cleanNode(root, []string{root.local})
}

func (wr *Writer) cleanNode(n *wnode, path []string) {
	// No xsi attribute (schemaLocation) on any element.
	attrs := n.attrs[:0]
	for _, a := range n.attrs {
		if strings.HasPrefix(a.name, "{http://www.w3.org/2001/XMLSchema-instance}") {
			continue
		}
		attrs = append(attrs, a)
	}
	n.attrs = attrs
	if wr.target == targetPeppol {
		peppolScheme(wr, n, path)
		if n.local == "CatalogueLine" {
			// A location quantity without a price fails PEPPOL-T19-R006
			// (the price is compared as a number, and none is NaN).
			kids := n.children[:0]
			for _, c := range n.children {
				if c.local == "RequiredItemLocationQuantity" && findPath(c, "Price/PriceAmount") == nil {
					wr.drop(path, c.local)
					continue
				}
				kids = append(kids, c)
			}
			n.children = kids
		}
	} else {
		wr.oioDrop(n, path)
	}
	kids := n.children[:0]
	for _, c := range n.children {
		cpath := append(path, c.local)
		if wr.model != nil && !wr.model(cpath) {
			wr.drop(path, c.local)
			continue
		}
		if c.raw == "" {
			wr.cleanNode(c, cpath)
			if strings.HasSuffix(c.local, "DocumentReference") && len(c.children) > 0 && c.find("ID", 1) == nil {
				// A document reference must have its ID (the schema says
				// so); the source's was empty. As for images, the URI is
				// the ID; without one the reference says nothing.
				if uri := findPath(c, "Attachment/ExternalReference/URI"); uri != nil {
					wr.tree.set(c, "ID", uri.text)
				} else {
					wr.drop(path, c.local)
					continue
				}
			}
			if len(c.children) == 0 && strings.TrimSpace(c.text) == "" {
				if len(c.attrs) > 0 {
					wr.drop(path, c.local) // attributes of nothing
				}
				continue
			}
		}
		kids = append(kids, c)
	}
	n.children = kids
}

// peppolScheme turns OIOUBL identifier schemes into ICD codes.
func peppolScheme(wr *Writer, n *wnode, path []string) {
	switch n.local {
	case "EndpointID", "ID", "CompanyID":
	default:
		return
	}
	scheme, ok := n.attr("schemeID")
	if !ok || isICD(scheme) {
		return
	}
	parent := ""
	if len(path) > 1 {
		parent = path[len(path)-2]
	}
	if n.local == "ID" && parent != "PartyIdentification" && parent != "StandardItemIdentification" {
		return
	}
	if parent == "StandardItemIdentification" {
		if scheme == "GTIN" {
			n.setAttr("schemeID", gtinScheme)
			n.removeAttr("schemeAgencyID")
		}
		return
	}
	icd, v, known := schemeFromOIOUBL(scheme, n.text)
	if known {
		n.setAttr("schemeID", icd)
		n.text = v
		n.removeAttr("schemeAgencyID")
		return
	}
	// No ICD code for the scheme: the value stays (where the model lets
	// an identifier go without a scheme), the scheme is dropped.
	n.removeAttr("schemeID")
	n.removeAttr("schemeAgencyID")
	wr.drop(path[:len(path)-1], n.local+"/@schemeID")
	if n.local == "EndpointID" {
		n.text = "" // an endpoint without its scheme is no address: left out
	}
}

// oioDrop leaves out what OIOUBL has no lawful place for.
func (wr *Writer) oioDrop(n *wnode, path []string) {
	has := func(local string) bool { return n.find(local, 1) != nil }
	remove := func(keep func(c *wnode) bool) {
		kids := n.children[:0]
		for _, c := range n.children {
			if keep(c) {
				kids = append(kids, c)
			} else {
				wr.drop(path, c.local)
			}
		}
		n.children = kids
	}
	switch n.local {
	case "PostalAddress", "Address", "ApplicableTerritoryAddress", "OriginAddress", "ApplicableAddress":
		format := ""
		if f := n.find("AddressFormatCode", 1); f != nil {
			format = f.text
		}
		structured := has("StreetName") || has("BuildingNumber") || has("CityName") || has("PostalZone")
		if has("AddressLine") && (structured || strings.HasPrefix(format, "Structured")) {
			remove(func(c *wnode) bool { return c.local != "AddressLine" })
		}
	case "Party":
		// The endpoint of a party other than provider and receiver whose
		// scheme OIOUBL has no name for (F-LIB179) is left out.
		remove(func(c *wnode) bool {
			if c.local != "EndpointID" {
				return true
			}
			scheme, _ := c.attr("schemeID")
			s, _ := schemeToOIOUBL(scheme, c.text)
			return !isICD(s)
		})
	case "Attachment":
		if has("EmbeddedDocumentBinaryObject") && has("ExternalReference") {
			remove(func(c *wnode) bool { return c.local != "ExternalReference" })
		}
	case "ItemSpecificationDocumentReference", "DocumentReference":
		if has("DocumentType") && has("DocumentTypeCode") {
			remove(func(c *wnode) bool { return c.local != "DocumentType" })
		}
	case "Catalogue":
		// ContractorCustomerParty must be another party than the receiver
		// (F-CAT007): the same party again says nothing and is left out.
		recv, cc := findPath(n, "ReceiverParty/PartyIdentification[1]/ID"), findPath(n, "ContractorCustomerParty/Party/PartyIdentification[1]/ID")
		if recv != nil && cc != nil && recv.text == cc.text {
			remove(func(c *wnode) bool { return c.local != "ContractorCustomerParty" })
		}
	case "Item":
		// A document reference names its type (F-LIB092); the source's
		// reference that has none is not given an invented one.
		remove(func(c *wnode) bool {
			if c.local == "ItemSpecificationDocumentReference" {
				typed := func(local string) bool {
					d := c.find(local, 1)
					return d != nil && strings.TrimSpace(d.text) != ""
				}
				return typed("DocumentType") || typed("DocumentTypeCode")
			}
			return c.local != "ClassifiedTaxCategory"
		})
	case "CatalogueLine":
		seen := false
		remove(func(c *wnode) bool {
			if c.local != "ItemComparison" {
				return true
			}
			keep := !seen
			seen = true
			return keep
		})
	}
}

// removeAttr deletes an attribute.
func (n *wnode) removeAttr(name string) {
	for i, a := range n.attrs {
		if a.name == name {
			n.attrs = append(n.attrs[:i], n.attrs[i+1:]...)
			return
		}
	}
}

// cleanLine cleans a line's tree; its paths start at the root.
func (wr *Writer) cleanLine(root *wnode) {
	wr.cleanNode(root, []string{"Catalogue", root.local})
}
