package catresponse

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/beevik/etree"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/catalog/check"
)

// responseCodes is the T58 subset of UNCL4343 (codelists-csv/UNCL4343.csv
// of PEPPOL BIS 2026.5).
var responseCodes = []string{"AB", "AP", "RE"}

// model is the T58 data model: the children each element may have, from
// T58-catalogue-response-structure-tree.txt. A child outside it fires the
// element's "not part of the data model" rule.
var model = map[string]struct {
	rule     string
	children []string
}{
	"":                                           {"PEPPOL-T58-B00108", []string{"cbc:CustomizationID", "cbc:ProfileID", "cbc:ID", "cbc:IssueDate", "cbc:IssueTime", "cbc:Note", "cac:SenderParty", "cac:ReceiverParty", "cac:DocumentResponse"}},
	"cac:SenderParty":                            {"PEPPOL-T58-B00802", []string{"cbc:EndpointID", "cac:PartyIdentification", "cac:PartyLegalEntity"}},
	"cac:SenderParty/cac:PartyLegalEntity":       {"PEPPOL-T58-B01402", []string{"cbc:RegistrationName"}},
	"cac:ReceiverParty":                          {"PEPPOL-T58-B01602", []string{"cbc:EndpointID", "cac:PartyIdentification", "cac:PartyLegalEntity"}},
	"cac:ReceiverParty/cac:PartyLegalEntity":     {"PEPPOL-T58-B02202", []string{"cbc:RegistrationName"}},
	"cac:DocumentResponse":                       {"PEPPOL-T58-B02403", []string{"cac:Response", "cac:DocumentReference"}},
	"cac:DocumentResponse/cac:Response":          {"PEPPOL-T58-B02502", []string{"cbc:ResponseCode"}},
	"cac:DocumentResponse/cac:DocumentReference": {"PEPPOL-T58-B02702", []string{"cbc:ID", "cbc:VersionID"}},
}

// Warnings among the rules; every other T58 rule is fatal (an error).
var warnings = map[string]bool{
	"PEPPOL-COMMON-R003": true, "PEPPOL-COMMON-R044": true, "PEPPOL-COMMON-R045": true, "PEPPOL-COMMON-R046": true,
	"PEPPOL-COMMON-R047": true, "PEPPOL-COMMON-R054": true, "PEPPOL-COMMON-R055": true, "PEPPOL-COMMON-R056-1": true,
	"PEPPOL-COMMON-R057": true,
}

var dateRE = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// Check runs the T58 rules over a Catalogue Response and returns what
// fired, each with its official rule ID and the XPath of the element. The
// error is for a document that is not XML or not an ApplicationResponse.
func Check(doc []byte) ([]catalog.Finding, error) {
	d := etree.NewDocument()
	if err := d.ReadFromBytes(doc); err != nil {
		return nil, fmt.Errorf("catalogue response: %w", err)
	}
	root := d.Root()
	if root == nil || root.Tag != "ApplicationResponse" || root.NamespaceURI() != NSApplicationResponse {
		return nil, fmt.Errorf("catalogue response: the root element is not a UBL ApplicationResponse")
	}
	c := &checker{}
	c.root(root)
	return c.out, nil
}

type checker struct {
	out   []catalog.Finding
	rules map[string]*catalog.Rule
}

// rule is the T58 rule of the ID, one value per ID: its message is the
// official text, which each finding carries (Finding.Text).
func (c *checker) rule(id string) *catalog.Rule {
	r := c.rules[id]
	if r == nil {
		r = &catalog.Rule{ID: id, Severity: catalog.Error, Set: "PEPPOL"}
		if warnings[id] {
			r.Severity = catalog.Warning
		}
		if c.rules == nil {
			c.rules = map[string]*catalog.Rule{}
		}
		c.rules[id] = r
	}
	return r
}

func (c *checker) fire(rule, xpath, value, msg string) {
	r := c.rule(rule)
	c.out = append(c.out, catalog.Finding{Rule: r, Severity: r.Severity, Pos: catalog.Pos{XPath: xpath}, Value: value,
		Text: "[" + rule + "]-" + msg})
}

// name is an element's name with the UBL prefix its namespace has, whatever
// prefix the document uses.
func name(e *etree.Element) string {
	switch e.NamespaceURI() {
	case NSCBC:
		return "cbc:" + e.Tag
	case NSCAC:
		return "cac:" + e.Tag
	case NSApplicationResponse:
		return "ubl:" + e.Tag
	}
	return e.FullTag()
}

func child(e *etree.Element, n string) *etree.Element {
	for _, ch := range e.ChildElements() {
		if name(ch) == n {
			return ch
		}
	}
	return nil
}

func children(e *etree.Element, n string) []*etree.Element {
	var out []*etree.Element
	for _, ch := range e.ChildElements() {
		if name(ch) == n {
			out = append(out, ch)
		}
	}
	return out
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

const rootPath = "/ubl:ApplicationResponse"

func (c *checker) root(root *etree.Element) {
	// Common rules over every element.
	c.common(root, rootPath)
	if root.SelectAttr("xsi:schemaLocation") != nil || hasSchemaLocation(root) {
		c.fire("PEPPOL-COMMON-R003", rootPath, "", "Document SHOULD not contain schema location.")
		c.fire("PEPPOL-T58-B00107", rootPath, "", "Document MUST not contain schema location.")
	}
	for _, req := range []struct{ rule, el string }{
		{"PEPPOL-T58-B00101", "cbc:CustomizationID"}, {"PEPPOL-T58-B00102", "cbc:ProfileID"}, {"PEPPOL-T58-B00103", "cbc:ID"},
		{"PEPPOL-T58-B00104", "cbc:IssueDate"}, {"PEPPOL-T58-B00105", "cac:SenderParty"}, {"PEPPOL-T58-B00106", "cac:ReceiverParty"},
	} {
		if child(root, req.el) == nil {
			c.fire(req.rule, rootPath, "", fmt.Sprintf("Element '%s' MUST be provided.", req.el))
		}
	}
	if e := child(root, "cbc:ProfileID"); e != nil && norm(e.Text()) != ProfileID {
		c.fire("PEPPOL-T58-B00301", rootPath+"/cbc:ProfileID", e.Text(), "Element 'cbc:ProfileID' MUST contain value '"+ProfileID+"'.")
	}
	for _, e := range children(root, "cbc:CustomizationID") {
		if !strings.HasPrefix(norm(e.Text()), CustomizationID) {
			c.fire("PEPPOL-T58-R001", rootPath+"/cbc:CustomizationID", e.Text(),
				"Specification identifier SHALL start with the value '"+CustomizationID+"'.")
		}
	}
	c.party(root, "cac:SenderParty", [...]string{"B00801", "B00901", "B00902", "B01101", "B01201", "B01401"})
	c.party(root, "cac:ReceiverParty", [...]string{"B01601", "B01701", "B01702", "B01901", "B02001", "B02201"})
	for _, dr := range children(root, "cac:DocumentResponse") {
		p := rootPath + "/cac:DocumentResponse"
		resp, ref := child(dr, "cac:Response"), child(dr, "cac:DocumentReference")
		if resp == nil {
			c.fire("PEPPOL-T58-B02401", p, "", "Element 'cac:Response' MUST be provided.")
		} else {
			code := child(resp, "cbc:ResponseCode")
			if code == nil {
				c.fire("PEPPOL-T58-B02501", p+"/cac:Response", "", "Element 'cbc:ResponseCode' MUST be provided.")
			} else if !slices.Contains(responseCodes, norm(code.Text())) {
				c.fire("PEPPOL-T58-B02601", p+"/cac:Response/cbc:ResponseCode", code.Text(),
					"Value MUST be part of code list 'Application Response type code (UNCL4343 Subset)'.")
			}
		}
		if ref == nil {
			c.fire("PEPPOL-T58-B02402", p, "", "Element 'cac:DocumentReference' MUST be provided.")
		} else if child(ref, "cbc:ID") == nil {
			c.fire("PEPPOL-T58-B02701", p+"/cac:DocumentReference", "", "Element 'cbc:ID' MUST be provided.")
		}
	}
	c.model(root, "", rootPath)
}

func hasSchemaLocation(e *etree.Element) bool {
	for _, a := range e.Attr {
		if a.Key == "schemaLocation" || a.Key == "noNamespaceSchemaLocation" {
			return true
		}
	}
	return false
}

// party checks a sender or receiver; ids are its rules' numbers: endpoint,
// its scheme, the scheme's code list, identification, its code list, legal
// entity.
func (c *checker) party(root *etree.Element, el string, ids [6]string) {
	p := child(root, el)
	if p == nil {
		return
	}
	path := rootPath + "/" + el
	ep := child(p, "cbc:EndpointID")
	if ep == nil {
		c.fire("PEPPOL-T58-"+ids[0], path, "", "Element 'cbc:EndpointID' MUST be provided.")
	} else if a := ep.SelectAttr("schemeID"); a == nil {
		c.fire("PEPPOL-T58-"+ids[1], path+"/cbc:EndpointID", ep.Text(), "Attribute 'schemeID' MUST be present.")
	} else if !check.InCodeList(check.ListEAS, a.Value) {
		c.fire("PEPPOL-T58-"+ids[2], path+"/cbc:EndpointID", a.Value, "Value MUST be part of code list 'Electronic Address Scheme (EAS)'.")
	}
	for _, pi := range children(p, "cac:PartyIdentification") {
		id := child(pi, "cbc:ID")
		if id == nil {
			c.fire("PEPPOL-T58-"+ids[3], path+"/cac:PartyIdentification", "", "Element 'cbc:ID' MUST be provided.")
		} else if a := id.SelectAttr("schemeID"); a != nil && !check.InCodeList(check.ListICD, a.Value) {
			c.fire("PEPPOL-T58-"+ids[4], path+"/cac:PartyIdentification/cbc:ID", a.Value, "Value MUST be part of code list 'ISO 6523 ICD list'.")
		}
	}
	for _, le := range children(p, "cac:PartyLegalEntity") {
		if child(le, "cbc:RegistrationName") == nil {
			c.fire("PEPPOL-T58-"+ids[5], path+"/cac:PartyLegalEntity", "", "Element 'cbc:RegistrationName' MUST be provided.")
		}
	}
}

// common applies the PEPPOL-COMMON rules to e and everything in it.
func (c *checker) common(e *etree.Element, path string) {
	n := name(e)
	kids := e.ChildElements()
	if len(kids) == 0 && norm(e.Text()) == "" {
		c.fire("PEPPOL-COMMON-R001", path, "", "Document MUST not contain empty elements.")
	}
	switch n {
	case "cbc:IssueDate", "cbc:DueDate", "cbc:TaxPointDate", "cbc:StartDate", "cbc:EndDate", "cbc:ActualDeliveryDate":
		if !dateRE.MatchString(e.Text()) {
			c.fire("PEPPOL-COMMON-R030", path, e.Text(), "A date must be formatted YYYY-MM-DD.")
		}
	case "cbc:EndpointID", "cbc:ID", "cbc:CompanyID":
		in := check.EndpointID
		if n == "cbc:ID" {
			if e.Parent() == nil || name(e.Parent()) != "cac:PartyIdentification" {
				break
			}
			in = check.PartyID
		}
		if a := e.SelectAttr("schemeID"); a != nil {
			if rule, ok := check.SchemeIDIn(in, a.Value, e.Text()); rule != "" && !ok {
				c.fire(rule, path, e.Text(), fmt.Sprintf("Identifier %q is not in the correct format of scheme %s.", e.Text(), a.Value))
			}
		}
	}
	for _, k := range kids {
		c.common(k, path+"/"+name(k))
	}
}

// model fires the "not part of the data model" rules: key is the path of e
// below the root ("" for the root).
func (c *checker) model(e *etree.Element, key, path string) {
	m, ok := model[key]
	if !ok {
		return
	}
	for _, k := range e.ChildElements() {
		n := name(k)
		if !slices.Contains(m.children, n) {
			c.fire(m.rule, path+"/"+n, "", "Document MUST NOT contain elements not part of the data model.")
			continue
		}
		sub := n
		if key != "" {
			sub = key + "/" + n
		}
		c.model(k, sub, path+"/"+n)
	}
}
