package peppol

import (
	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/catalog/check"
	"github.com/ekatalog/ekatalog/formats/ubl"
	"sync"
)

// Checker implements the official PEPPOL BIS Catalogue 3 rules as a
// ubl.Checker. It keeps the catalogue's validity period between the
// header and the lines, so use one Checker per document.
type Checker struct {
	// catStart and catEnd are the Schematron's $CatalogueValidityStart and
	// $CatalogueValidityEnd: the catalogue validity dates as numbers
	// (20260531), 0 and 99999999 when absent, NaN when malformed.
	catStart, catEnd float64
	header           bool
	lines            int
}

// New returns a Checker for one document.
func New() *Checker { return &Checker{} }

var _ ubl.Checker = (*Checker)(nil)

// lineModel is the model element of cac:CatalogueLine.
var lineModel = func() int16 {
	for _, k := range model[0].kids {
		if model[k].local == "CatalogueLine" {
			return k
		}
	}
	panic("peppol: the model has no CatalogueLine")
}()

// Header checks the Catalogue root and the header elements.
func (c *Checker) Header(root *ubl.Node, add func(catalog.Finding)) {
	c.header = true
	c.catStart, c.catEnd = periodOf(root, "ValidityPeriod", 0, 99999999)
	// /* : PEPPOL-COMMON-R003 and, in the B-rules, PEPPOL-T19-B00109.
	for _, a := range root.Attrs() {
		if a.Local == "schemaLocation" {
			fire(add, "PEPPOL-COMMON-R003", root, "", a.Value)
			if root.Space == nsURIs[nsDoc] && root.Local == "Catalogue" {
				fire(add, model[0].schemaLocRule, root, "", a.Value)
			}
			break
		}
	}
	var mi int16 = -1
	if root.Space == nsURIs[nsDoc] && root.Local == "Catalogue" {
		mi = 0
	}
	c.visit(root, mi, add)
}

// Line checks one catalogue line.
func (c *Checker) Line(line *ubl.Node, _ int, add func(catalog.Finding)) {
	c.lines++
	c.visit(line, lineModel, add)
}

// End reports a catalogue without lines (PEPPOL-T19-B00108).
func (c *Checker) End(add func(catalog.Finding)) {
	if c.header && c.lines == 0 {
		for _, r := range model[0].require {
			if r.local == "CatalogueLine" {
				add(catalog.Finding{Rule: rule(r.rule), Severity: rule(r.rule).Severity, Pos: catalog.Pos{XPath: "/Catalogue"}})
			}
		}
	}
}

// visit applies every rule whose context is n, then visits n's children.
// mi is n's element of the data model, -1 when n is outside it (no B-rule
// applies to it or below it).
func (c *Checker) visit(n *ubl.Node, mi int16, add func(catalog.Finding)) {
	var m *elem
	field := ""
	if mi >= 0 {
		m = &model[mi]
		field = m.field
	}
	c.common(n, field, add)
	c.t19(n, add)
	if m != nil {
		c.bRules(n, m, add)
	}
	cur := 0
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		ki := int16(-1)
		if m != nil {
			ki, cur = m.match(k, cur)
			if ki < 0 && m.other != "" {
				fire(add, m.other, k, "", qualified(k))
			}
		}
		c.visit(k, ki, add)
	}
}

// match finds the model child of m that n is, looking first from cur on,
// as the children of a valid document come in schema order.
func (m *elem) match(n *ubl.Node, cur int) (int16, int) {
	for i := cur; i < len(m.kids); i++ {
		if k := &model[m.kids[i]]; k.local == n.Local && nsURIs[k.ns] == n.Space {
			return m.kids[i], i
		}
	}
	for i := 0; i < cur && i < len(m.kids); i++ {
		if k := &model[m.kids[i]]; k.local == n.Local && nsURIs[k.ns] == n.Space {
			return m.kids[i], i
		}
	}
	return -1, cur
}

// bRules applies the generated B-rules of n's model element.
func (c *Checker) bRules(n *ubl.Node, m *elem, add func(catalog.Finding)) {
	for i := range m.require {
		r := &m.require[i]
		if r.local == "CatalogueLine" {
			continue // the lines come after the header: see End
		}
		if childNS(n, r.ns, r.local) == nil {
			fire(add, r.rule, n, r.field, "")
		}
	}
	for i := range m.attrs {
		a := &m.attrs[i]
		v, ok := n.LookupAttr(a.name)
		switch {
		case !ok:
			if a.mandatory != "" {
				fire(add, a.mandatory, n, a.field, "")
			}
		case a.list != "" && !inLists(a.lists, v):
			fire(add, a.list, n, a.field, v)
		}
	}
	if m.textRule != "" {
		v := check.XMLTrim(n.Text)
		if !(m.textEmptyOK && v == "") && !inLists(m.textLists, v) {
			fire(add, m.textRule, n, m.field, v)
		}
	}
}

func inLists(lists []check.CodeList, v string) bool {
	for _, l := range lists {
		if check.InCodeList(l, v) {
			return true
		}
	}
	return false
}

// common applies the PEPPOL-COMMON rules whose context is n.
func (c *Checker) common(n *ubl.Node, field string, add func(catalog.Finding)) {
	// //*[not(*) and not(normalize-space())]
	if n.FirstChild == nil && check.XMLTrim(n.Text) == "" {
		fire(add, "PEPPOL-COMMON-R001", n, field, "")
	}
	if n.Space != nsURIs[nsCBC] {
		return
	}
	switch n.Local {
	case "IssueDate", "DueDate", "TaxPointDate", "StartDate", "EndDate", "ActualDeliveryDate":
		if !xsDate(n.Text) {
			fire(add, "PEPPOL-COMMON-R030", n, field, n.Text)
		}
	case "EndpointID":
		c.identifier(n, check.EndpointID, field, add)
	case "ID":
		if p := n.Parent; p != nil && p.Local == "PartyIdentification" && p.Space == nsURIs[nsCAC] {
			c.identifier(n, check.PartyID, field, add)
		}
	case "CompanyID":
		if c.identifier(n, check.CompanyID, field, add) {
			return
		}
		// cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) = 'VAT']
		//   /cbc:CompanyID[starts-with(normalize-space(.), 'NL')]
		p := n.Parent
		if p == nil || p.Local != "PartyTaxScheme" || p.Space != nsURIs[nsCAC] {
			return
		}
		v := check.XMLTrim(n.Text)
		if len(v) < 2 || v[:2] != "NL" || !vatScheme(p) {
			return
		}
		if !check.DutchVAT(v) {
			fire(add, "PEPPOL-COMMON-R056-2", n, field, n.Text)
		}
	}
}

// identifier applies the national identifier rule of n's schemeID, and
// reports whether one applied (the Schematron then tries no later rule of
// the pattern on n).
func (c *Checker) identifier(n *ubl.Node, e check.Element, field string, add func(catalog.Finding)) bool {
	scheme, ok := n.LookupAttr("schemeID")
	if !ok {
		return false
	}
	rule, valid := check.SchemeIDIn(e, scheme, n.Text)
	if rule == "" {
		return false
	}
	if !valid {
		fire(add, rule, n, field, n.Text)
	}
	return true
}

// vatScheme: some cac:TaxScheme/cbc:ID of the PartyTaxScheme is "VAT".
func vatScheme(p *ubl.Node) bool {
	for ts := p.FirstChild; ts != nil; ts = ts.NextSibling {
		if ts.Local != "TaxScheme" || ts.Space != nsURIs[nsCAC] {
			continue
		}
		for id := ts.FirstChild; id != nil; id = id.NextSibling {
			if id.Local == "ID" && id.Space == nsURIs[nsCBC] && check.XMLTrim(id.Text) == "VAT" {
				return true
			}
		}
	}
	return false
}

func fire(add func(catalog.Finding), id string, n *ubl.Node, field, value string) {
	r := rule(id)
	add(catalog.Finding{Rule: r, Severity: r.Severity, Pos: catalog.Pos{XPath: n.XPath()}, Field: field, Value: value})
}

var ruleIndex = sync.OnceValue(func() map[string]*catalog.Rule { return catalog.IndexRules(Rules) })

// rule is the PEPPOL rule of the ID. The model and the rule table are
// generated together from the same release (TestGenerated), so every ID
// the model names is in the table.
func rule(id string) *catalog.Rule {
	r := ruleIndex()[id]
	if r == nil {
		panic("peppol: no PEPPOL rule " + id)
	}
	return r
}

// periodOf is the Schematron's
//
//	if (exists(cac:P/cbc:StartDate)) then number(translate(cac:P/cbc:StartDate, '-', '')) else start
//
// and the same for the end date: the first StartDate and EndDate of any
// cac:P child of n, as numbers, or the defaults.
func periodOf(n *ubl.Node, period string, start, end float64) (float64, float64) {
	var gotStart, gotEnd bool
	for p := firstChild(n); p != nil && !(gotStart && gotEnd); p = p.NextSibling {
		if p.Local != period || p.Space != nsURIs[nsCAC] {
			continue
		}
		for d := p.FirstChild; d != nil; d = d.NextSibling {
			switch {
			case d.Space != nsURIs[nsCBC]:
			case !gotStart && d.Local == "StartDate":
				start, gotStart = dateNumber(d.Text), true
			case !gotEnd && d.Local == "EndDate":
				end, gotEnd = dateNumber(d.Text), true
			}
		}
	}
	return start, end
}

func firstChild(n *ubl.Node) *ubl.Node {
	if n == nil {
		return nil
	}
	return n.FirstChild
}

// childNS returns n's first child with the model namespace and local name.
func childNS(n *ubl.Node, ns uint8, local string) *ubl.Node {
	if n == nil {
		return nil
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Local == local && k.Space == nsURIs[ns] {
			return k
		}
	}
	return nil
}

func qualified(n *ubl.Node) string {
	if n.Prefix == "" {
		return n.Local
	}
	return n.Prefix + ":" + n.Local
}
