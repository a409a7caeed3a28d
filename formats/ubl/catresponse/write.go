package catresponse

import (
	"fmt"
	"strings"
	"time"

	"github.com/beevik/etree"
)

// Namespaces and fixed identifiers of a T58 document.
const (
	NSApplicationResponse = "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2"
	NSCAC                 = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
	NSCBC                 = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
	CustomizationID       = "urn:fdc:peppol.eu:poacc:trns:catalogue_response:3"
	ProfileID             = "urn:fdc:peppol.eu:poacc:bis:catalogue_only:3"
)

// Response codes (UNCL4343 subset of T58).
const (
	Accepted = "AP"
	Rejected = "RE"
)

// Party is a sender or receiver: its electronic address and identifier
// share one ID and its EAS/ICD scheme (0184, 0088, …).
type Party struct {
	ID, Scheme, Name string
}

// Response is one Catalogue Response.
type Response struct {
	ID     string
	Issued time.Time
	// Code is Accepted or Rejected.
	Code string
	// Notes are the overall reason first, then one per rejected line.
	Notes []string
	// Sender is the buyer, Receiver the supplier.
	Sender, Receiver Party
	// Catalogue is the ID of the catalogue responded to; Version its
	// version, optional.
	Catalogue, Version string
}

// LineNote is the note of a rejected line: "ITEM: reason".
func LineNote(item, reason string) string { return item + ": " + reason }

// xmlText replaces what XML 1.0 cannot carry (control characters, invalid
// UTF-8) with U+FFFD, so that a reason typed with one still makes a
// well-formed response.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// Write returns the response as XML.
func Write(r Response) ([]byte, error) {
	if r.Code != Accepted && r.Code != Rejected {
		return nil, fmt.Errorf("catalogue response: code %q is neither AP nor RE", r.Code)
	}
	for _, p := range []Party{r.Sender, r.Receiver} {
		if p.ID == "" || p.Scheme == "" {
			return nil, fmt.Errorf("catalogue response: party %q without an ID and an EAS scheme", p.Name)
		}
	}
	if r.ID == "" || r.Catalogue == "" {
		return nil, fmt.Errorf("catalogue response: no response ID or catalogue ID")
	}
	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	root := doc.CreateElement("ApplicationResponse")
	root.CreateAttr("xmlns", NSApplicationResponse)
	root.CreateAttr("xmlns:cac", NSCAC)
	root.CreateAttr("xmlns:cbc", NSCBC)
	text := func(parent *etree.Element, name, value string) *etree.Element {
		e := parent.CreateElement(name)
		e.SetText(xmlText(value))
		return e
	}
	text(root, "cbc:CustomizationID", CustomizationID)
	text(root, "cbc:ProfileID", ProfileID)
	text(root, "cbc:ID", r.ID)
	t := r.Issued.UTC()
	text(root, "cbc:IssueDate", t.Format("2006-01-02"))
	text(root, "cbc:IssueTime", t.Format("15:04:05"))
	for _, n := range r.Notes {
		// An empty note would break PEPPOL-COMMON-R001.
		if n = strings.TrimSpace(n); n != "" {
			text(root, "cbc:Note", n)
		}
	}
	party := func(name string, p Party) {
		e := root.CreateElement(name)
		text(e, "cbc:EndpointID", p.ID).CreateAttr("schemeID", p.Scheme)
		text(e.CreateElement("cac:PartyIdentification"), "cbc:ID", p.ID).CreateAttr("schemeID", p.Scheme)
		if strings.TrimSpace(p.Name) != "" {
			text(e.CreateElement("cac:PartyLegalEntity"), "cbc:RegistrationName", p.Name)
		}
	}
	party("cac:SenderParty", r.Sender)
	party("cac:ReceiverParty", r.Receiver)
	dr := root.CreateElement("cac:DocumentResponse")
	text(dr.CreateElement("cac:Response"), "cbc:ResponseCode", r.Code)
	ref := dr.CreateElement("cac:DocumentReference")
	text(ref, "cbc:ID", r.Catalogue)
	if r.Version != "" {
		text(ref, "cbc:VersionID", r.Version)
	}
	doc.Indent(2)
	return doc.WriteToBytes()
}
