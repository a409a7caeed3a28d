package ubl

import "github.com/ekatalog/ekatalog/catalog"

// headerFields are the catalogue header's own fields and their elements
// under the document's root, the same in both flavours, in the order the
// writers set them. The reader (mapHeader), the writers (Writer.header)
// and LocateHeader all use this one table; the parties' fields follow
// partyFields.
var headerFields = []struct {
	field string // the dotted name (catalog.Header.Value)
	path  string
	value func(h *catalog.Header) *string
	// in and out convert the value read and written, where UBL's codes
	// differ from the canonical ones (the action).
	in, out func(string) string
}{
	{field: "catalogue.id", path: "ID", value: func(h *catalog.Header) *string { return &h.ID }},
	{field: "catalogue.action", path: "ActionCode", value: func(h *catalog.Header) *string { return &h.Action },
		in: actionIn, out: actionOut},
	{field: "catalogue.name", path: "Name", value: func(h *catalog.Header) *string { return &h.Name }},
	{field: "catalogue.issueDate", path: "IssueDate", value: func(h *catalog.Header) *string { return &h.IssueDate }},
	{field: "catalogue.version", path: "VersionID", value: func(h *catalog.Header) *string { return &h.Version }},
	{field: "catalogue.validFrom", path: "ValidityPeriod[1]/StartDate", value: func(h *catalog.Header) *string { return &h.ValidFrom }},
	{field: "catalogue.validTo", path: "ValidityPeriod[1]/EndDate", value: func(h *catalog.Header) *string { return &h.ValidTo }},
	{field: "catalogue.agreementId", path: "ReferencedContract[1]/ID", value: func(h *catalog.Header) *string { return &h.AgreementID }},
}

// The paths of a party's fields under its element (ProviderParty for the
// seller, ReceiverParty for the receiver). A party's name is read from
// PartyName, else from PartyLegalEntity; PEPPOL writes it to the legal
// entity, OIOUBL to PartyName (mapParty, Writer.party).
const (
	partyEndpoint  = "EndpointID"
	partyID        = "PartyIdentification[1]/ID"
	partyName      = "PartyName[1]/Name"
	partyLegalName = "PartyLegalEntity[1]/RegistrationName"
	partyCountry   = "PostalAddress/Country/IdentificationCode"
)

// partyFields place a party's fields (seller.name, receiver.endpointId, …):
// a scheme is its identifier's schemeID attribute.
var partyFields = []struct{ field, path string }{
	{"name", partyLegalName},
	{"id", partyID},
	{"idScheme", partyID},
	{"endpointId", partyEndpoint},
	{"endpointScheme", partyEndpoint},
	{"country", partyCountry},
}

// parties are the header's parties and their elements.
var parties = [...]struct{ name, elem string }{{"seller", "ProviderParty"}, {"receiver", "ReceiverParty"}}

// headerPath returns the element of a header field under the root, and for
// a party's name the element it is read from first.
func headerPath(field string) (path, first string, ok bool) {
	for _, hf := range headerFields {
		if hf.field == field {
			return hf.path, "", true
		}
	}
	for _, p := range parties {
		for _, pf := range partyFields {
			if p.name+"."+pf.field == field {
				if pf.field == "name" {
					first = p.elem + "/" + partyName
				}
				return p.elem + "/" + pf.path, first, true
			}
		}
	}
	return "", "", false
}
