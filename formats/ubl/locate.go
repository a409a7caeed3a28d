package ubl

import (
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
)

// Locate returns the XPath of the element that holds field f of l. For a
// field the line lacks it is the deepest element on the field's path (the
// line field table's, in the document's flavour) that the line has: the
// Item for a missing Item/Name. For a line other than the current one, it
// is the field's path under that line.
func (rd *Reader) Locate(l *catalog.Line, f catalog.Field) catalog.Pos {
	lineXPath := "/" + rd.doc + "/" + updateLineOf(rd.doc) + "[" + strconv.Itoa(l.Src.Line) + "]"
	if int(f) >= len(locatePaths) {
		return catalog.Pos{XPath: lineXPath}
	}
	fl := flPeppol
	if rd.flavour == FlavourOIOUBL {
		fl = flOIOUBL
	}
	path := locatePaths[f][fl]
	ln := rd.lm.node
	if ln == nil || l.Src.Line != rd.ordinal {
		if path == "" {
			return catalog.Pos{XPath: lineXPath}
		}
		return catalog.Pos{XPath: lineXPath + "/" + path}
	}
	if n := rd.lm.at[f]; n != nil {
		return catalog.Pos{XPath: n.XPath()}
	}
	n := ln
	for step := range strings.SplitSeq(path, "/") {
		if step == "" {
			break
		}
		m := n.Find(step)
		if m == nil {
			break
		}
		n = m
	}
	return catalog.Pos{XPath: n.XPath()}
}

// LocateScheme returns where the classification of a scheme sits.
func (rd *Reader) LocateScheme(l *catalog.Line, scheme string) catalog.Pos {
	if rd.lm.node != nil && l.Src.Line == rd.ordinal {
		for i, c := range l.Classification {
			if c.Scheme == scheme && i < len(rd.lm.class) {
				return catalog.Pos{XPath: rd.lm.class[i].XPath()}
			}
		}
	}
	return rd.Locate(l, catalog.FieldClassification)
}

// LocateHeader says where a header field (catalogue.id, seller.endpointId,
// …) sits: the element when the document has it, else the path it would
// have; nothing for a field the document has no place for.
func (rd *Reader) LocateHeader(field string) catalog.Pos {
	p, ok := headerPaths[field]
	if !ok {
		return catalog.Pos{}
	}
	if rd.root != nil {
		// A party's name is read from PartyName, else from
		// PartyLegalEntity (mapParty): point where it was read.
		if alt, ok := partyNamePaths[field]; ok {
			if n := rd.root.Find(alt); n != nil {
				return catalog.Pos{XPath: n.XPath()}
			}
		}
		if n := rd.root.Find(p); n != nil {
			return catalog.Pos{XPath: n.XPath()}
		}
	}
	return catalog.Pos{XPath: "/" + rd.doc + "/" + p}
}

// partyNamePaths are where mapParty reads a party's name first.
var partyNamePaths = map[string]string{
	"seller.name":   "ProviderParty/PartyName[1]/Name",
	"receiver.name": "ReceiverParty/PartyName[1]/Name",
}

var headerPaths = map[string]string{
	"catalogue.id":            "ID",
	"catalogue.name":          "Name",
	"catalogue.version":       "VersionID",
	"catalogue.issueDate":     "IssueDate",
	"catalogue.validFrom":     "ValidityPeriod[1]/StartDate",
	"catalogue.validTo":       "ValidityPeriod[1]/EndDate",
	"catalogue.action":        "ActionCode",
	"catalogue.agreementId":   "ReferencedContract[1]/ID",
	"seller.name":             "ProviderParty/PartyLegalEntity[1]/RegistrationName",
	"seller.id":               "ProviderParty/PartyIdentification[1]/ID",
	"seller.idScheme":         "ProviderParty/PartyIdentification[1]/ID",
	"seller.endpointId":       "ProviderParty/EndpointID",
	"seller.endpointScheme":   "ProviderParty/EndpointID",
	"seller.country":          "ProviderParty/PostalAddress/Country/IdentificationCode",
	"receiver.name":           "ReceiverParty/PartyLegalEntity[1]/RegistrationName",
	"receiver.id":             "ReceiverParty/PartyIdentification[1]/ID",
	"receiver.idScheme":       "ReceiverParty/PartyIdentification[1]/ID",
	"receiver.endpointId":     "ReceiverParty/EndpointID",
	"receiver.endpointScheme": "ReceiverParty/EndpointID",
	"receiver.country":        "ReceiverParty/PostalAddress/Country/IdentificationCode",
}
