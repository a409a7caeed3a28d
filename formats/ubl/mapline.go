package ubl

import (
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
)

// Name numbers of the elements and attributes the header mapping and the
// line mapping's own code look at; the line field table numbers its own.
var (
	nCatalogueLine, nID, nTaxScheme, nName, nDocumentTypeCode, nCustomizationID, nProfileID,
	nValidityPeriod, nProviderParty, nReceiverParty uint16

	aUnitCode, aSchemeID, aSchemeAgencyID, aListID, aListAgencyID uint16
)

func initNames() {
	for _, e := range []struct {
		v    *uint16
		name string
	}{
		{&nCatalogueLine, "CatalogueLine"}, {&nID, "ID"}, {&nTaxScheme, "TaxScheme"},
		{&nName, "Name"}, {&nDocumentTypeCode, "DocumentTypeCode"},
		{&nCustomizationID, "CustomizationID"}, {&nProfileID, "ProfileID"}, {&nValidityPeriod, "ValidityPeriod"},
		{&nProviderParty, "ProviderParty"}, {&nReceiverParty, "ReceiverParty"},
		{&aUnitCode, "unitCode"}, {&aSchemeID, "schemeID"},
		{&aSchemeAgencyID, "schemeAgencyID"}, {&aListID, "listID"}, {&aListAgencyID, "listAgencyID"},
	} {
		id, ok := staticNames[e.name]
		if !ok {
			panic("ubl: name " + e.name + " not in the schema table")
		}
		*e.v = id
	}
}

// Values the writers put in by default, which the reader therefore takes
// back without keeping them as extra: what makes UBL → canonical → UBL →
// canonical the identity.
const (
	gtinScheme          = "0160" // ICD of GS1 GTIN, Peppol's StandardItemIdentification/ID@schemeID
	oioGTINScheme       = "GTIN"
	oioGTINAgency       = "9"
	vatScheme           = "VAT"
	oioActionListID     = "urn:oioubl:codelist:catalogueactioncode-1.1"
	oioAgency           = "320"
	oioTaxCategoryID    = "urn:oioubl:id:taxcategoryid-1.1"
	oioTaxSchemeID      = "urn:oioubl:id:taxschemeid-1.1"
	oioVATSchemeCode    = "63"
	oioVATSchemeName    = "Moms"
	oioUNSPSCAgency     = "113"
	leadTimeUnit        = "DAY"
	productImageCode    = "PRODUCT_IMAGE"
	oioAddressFormatURI = "urn:oioubl:codelist:addressformatcode-1.1"
)

// lineMap is what the reader knows about the current line besides the
// canonical values: where each field came from, for Locate.
type lineMap struct {
	node  *Node
	nodes []*Node // the element of each of the table's prefixes (linePrefixes)
	at    [catalog.FieldExtra + 1]*Node
	class []*Node // the ItemClassificationCode of each classification
	path  []byte
	paths map[string]string // interned extra names
}

// actionIn maps the UBL action codes to the canonical ones; other values
// stay as written (the validator reports them).
func actionIn(v string) string {
	switch v {
	case "Add":
		return "add"
	case "Update":
		return "update"
	case "Delete":
		return "delete"
	case "Replace":
		return "replace"
	}
	return v
}

// schemeIn maps a UNCL7143 listID (and the names OIOUBL and others write)
// to the canonical scheme name.
func schemeIn(listID string) string {
	switch strings.ToUpper(listID) {
	case "TST", "UNSPSC":
		return "UNSPSC"
	case "STI", "CPV":
		return "CPV"
	case "STQ", "ECLASS", "ECL@SS":
		return "ECLASS"
	case "ETIM":
		return "ETIM"
	}
	return listID
}

// vatCategoryIn maps OIOUBL tax category IDs to UNCL5305.
func vatCategoryIn(v string) string {
	switch v {
	case "StandardRated":
		return "S"
	case "ZeroRated":
		return "Z"
	case "ReverseCharge":
		return "AE"
	}
	return v
}

// isImageCode says whether an ItemSpecificationDocumentReference with this
// DocumentTypeCode is an image of the item.
func isImageCode(code string) bool { return code == "" || code == productImageCode }

// decimal reports whether s is an xsd:decimal: digits with an optional sign
// and decimal point. strconv.ParseFloat alone would also take 1e5, Inf and
// hex.
func decimal(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
		case (c == '+' || c == '-') && i == 0:
		default:
			return false
		}
	}
	return digits > 0 && strings.Count(s, ".") <= 1
}

// mapLine fills l from the line tree through the line field table: first
// the canonical fields, whose elements and attributes are marked claimed,
// then everything unclaimed as extra.
func (rd *Reader) mapLine(l *catalog.Line) {
	lm := &rd.lm
	l.Src = catalog.Src{Line: rd.ordinal}
	lm.at = [len(lm.at)]*Node{}
	lm.class = lm.class[:0]

	// The table's elements: each prefix of its paths, from its parent.
	if len(lm.nodes) != len(linePrefixes) {
		lm.nodes = make([]*Node, len(linePrefixes))
	}
	nodes := lm.nodes
	nodes[0] = lm.node
	for i := 1; i < len(linePrefixes); i++ {
		p := &linePrefixes[i]
		if parent := nodes[p.parent]; parent != nil {
			nodes[i] = parent.first(p.name)
		} else {
			nodes[i] = nil
		}
	}

	for i := range lineFields {
		e, c := &lineFields[i], &lineCompiled[i]
		switch {
		case e.take == takeNone:
			continue
		case c.at[flPeppol].repeated != 0:
			// The lists share their parent (the Item): one walk over its
			// children maps them all.
			if i == lineLists[0] {
				rd.mapLists(l, nodes[c.at[flPeppol].node])
			}
			continue
		case e.take == takeOwn:
			rd.mapOwn(l, e, c)
			continue
		}
		n := nodes[c.at[flPeppol].node]
		if n == nil {
			n = nodes[c.at[flOIOUBL].node]
		}
		if n == nil {
			continue
		}
		if c.attr != 0 {
			rd.attrStr(l, e.field, n, c.attr)
			continue
		}
		fl := -1 // the attributes of both flavours
		if c.key != 0 {
			if fl = keyFlavour(e, n, c.key); fl < 0 {
				continue // another scheme: not the field
			}
		}
		switch e.take {
		case takeText:
			rd.str(l, e.field, n)
			if e.in != nil {
				p := l.StringField(e.field)
				*p = e.in(*p)
			}
		case takeNumber:
			rd.num(l, e.field, n)
		case takeBool:
			rd.boolean(l, e.field, n)
		}
		if c.hasAttrs {
			for f := range 2 {
				if fl < 0 || f == fl {
					for j, a := range e.attrs[f] {
						claimAttr(n, c.attrs[f][j], a.value)
					}
				}
			}
		}
		if e.lineUnit {
			claimAttr(n, aUnitCode, l.Unit)
		}
	}

	l.Extra = rd.appendExtras(l.Extra, lm.node)
}

// keyFlavour says whose attributes an element carries, by its key
// attribute: PEPPOL's without one, -1 for a value no flavour writes.
func keyFlavour(e *lineField, n *Node, key uint16) int {
	v := ""
	if a := n.attr(key); a != nil {
		v = strings.TrimSpace(a.Value)
	}
	if v == "" {
		return flPeppol
	}
	for fl := range 2 {
		for _, a := range e.attrs[fl] {
			if a.name == e.key && a.value == v {
				return fl
			}
		}
	}
	return -1
}

// str takes an element's text.
func (rd *Reader) str(l *catalog.Line, f catalog.Field, n *Node) {
	if n != nil {
		*l.StringField(f) = n.Value()
		n.claimed = true
		rd.lm.at[f] = n
	}
}

// num takes an element's number; a value that is no number (or no integer
// where the field wants one) stays as extra, with a finding that says why.
func (rd *Reader) num(l *catalog.Line, f catalog.Field, n *Node) bool {
	if n == nil {
		return false
	}
	v := n.Value()
	rd.lm.at[f] = n
	if v == "" {
		n.claimed = true
		return true
	}
	var rule *catalog.Rule
	x, err := strconv.ParseFloat(v, 64)
	switch {
	case err != nil || !decimal(v):
		rule = catalog.RuleReadNotNumber
	case catalog.Fields[f].Kind == catalog.KindInteger && x != float64(int64(x)):
		rule = catalog.RuleReadNotInteger
	}
	if rule != nil {
		// Kept as extra so that nothing is lost; the finding says why.
		l.Bad.Add(f)
		l.Findings = append(l.Findings, catalog.Finding{Rule: rule, Severity: rule.Severity, Line: l.Src.Line,
			Pos: catalog.Pos{XPath: n.XPath()}, Field: f.String(), Value: v, Args: []string{qualified(n), v}})
		return false
	}
	*l.NumField(f) = catalog.N(x)
	n.claimed = true
	return true
}

// boolean takes an xsd:boolean.
func (rd *Reader) boolean(l *catalog.Line, f catalog.Field, n *Node) {
	rd.lm.at[f] = n
	switch v := n.Value(); v {
	case "true", "1":
		*boolField(l, f), n.claimed = catalog.Bool{V: true, Valid: true}, true
	case "false", "0":
		*boolField(l, f), n.claimed = catalog.Bool{Valid: true}, true
	case "":
		n.claimed = true
	default:
		l.Bad.Add(f)
		l.Findings = append(l.Findings, catalog.Finding{Rule: catalog.RuleReadNotBool, Severity: catalog.RuleReadNotBool.Severity, Line: l.Src.Line,
			Pos: catalog.Pos{XPath: n.XPath()}, Field: f.String(), Value: v, Args: []string{qualified(n), v}})
	}
}

// attrStr takes an attribute's value.
func (rd *Reader) attrStr(l *catalog.Line, f catalog.Field, n *Node, name uint16) {
	if a := n.attr(name); a != nil {
		*l.StringField(f) = strings.TrimSpace(a.Value)
		a.claimed = true
		rd.lm.at[f] = n
	}
}

// claimAttr takes an attribute whose value the writer reproduces.
func claimAttr(n *Node, name uint16, want string) {
	if a := n.attr(name); a != nil && strings.TrimSpace(a.Value) == want {
		a.claimed = true
	}
}

// mapLists maps the list fields (keywords, classifications, images): the
// repeated elements of their table paths under parent, in one walk.
func (rd *Reader) mapLists(l *catalog.Line, parent *Node) {
	if parent == nil {
		return
	}
	for c := parent.FirstChild; c != nil; c = c.NextSibling {
		if !isUBL(c.ns) {
			continue
		}
		for _, i := range lineLists {
			p := &lineCompiled[i].at[flPeppol]
			if c.name != p.repeated {
				continue
			}
			n := c
			for _, s := range p.sub {
				n = n.first(s)
			}
			if n == nil {
				break
			}
			switch f := lineFields[i].field; f {
			case catalog.FieldClassification:
				rd.mapClassification(l, n)
			case catalog.FieldImages:
				rd.mapImage(l, c, n)
			default: // a list of texts
				list := stringsField(l, f)
				*list = append(*list, n.Value())
				n.claimed = true
				if rd.lm.at[f] == nil {
					rd.lm.at[f] = n
				}
			}
			break
		}
	}
}

// mapClassification takes an ItemClassificationCode and its scheme.
func (rd *Reader) mapClassification(l *catalog.Line, n *Node) {
	scheme := ""
	if a := n.attr(aListID); a != nil {
		scheme = schemeIn(strings.TrimSpace(a.Value))
		a.claimed = true
		if scheme == "UNSPSC" {
			claimAttr(n, aListAgencyID, oioUNSPSCAgency)
		}
	}
	l.Classification = append(l.Classification, catalog.Classification{Scheme: scheme, Code: n.Value()})
	n.claimed = true
	rd.lm.class = append(rd.lm.class, n)
	if rd.lm.at[catalog.FieldClassification] == nil {
		rd.lm.at[catalog.FieldClassification] = n
	}
}

// mapImage takes the URI of an ItemSpecificationDocumentReference that is
// an image of the item (no DocumentTypeCode, or the writers' own).
func (rd *Reader) mapImage(l *catalog.Line, ref, uri *Node) {
	if dtc := ref.first(nDocumentTypeCode); dtc != nil && !isImageCode(dtc.Value()) {
		return
	}
	v := uri.Value()
	l.Images = append(l.Images, v)
	uri.claimed = true
	if id := ref.first(nID); id != nil && id.Value() == v && id.FirstChild == nil && len(id.attrs) == 0 {
		id.claimed = true // the writers' default ID is the URI
	}
	if rd.lm.at[catalog.FieldImages] == nil {
		rd.lm.at[catalog.FieldImages] = uri
	}
}

// mapOwn reads the fields whose values have a structure of their own, at
// the table's paths.
func (rd *Reader) mapOwn(l *catalog.Line, e *lineField, c *compiledField) {
	nodes := rd.lm.nodes
	switch e.field {
	case catalog.FieldLeadTimeDays:
		n := nodes[c.at[flPeppol].node]
		if n == nil {
			return
		}
		switch unit := strings.TrimSpace(n.Attr("unitCode")); unit {
		case "", leadTimeUnit:
			if rd.num(l, catalog.FieldLeadTimeDays, n) {
				claimAttr(n, aUnitCode, leadTimeUnit)
			}
		case "WEE":
			if x, err := strconv.ParseFloat(n.Value(), 64); err == nil && decimal(n.Value()) && x*7 == float64(int64(x*7)) {
				l.LeadTimeDays = catalog.N(x * 7)
				n.claimed = true
				claimAttr(n, aUnitCode, "WEE")
				rd.lm.at[catalog.FieldLeadTimeDays] = n
			}
		}
	case catalog.FieldVATCategory:
		// The category and its rate, from the item (PEPPOL) or else from
		// the price's location (OIOUBL).
		pct := &lineCompiled[lineFieldIndex[catalog.FieldVATPercent]-1]
		if tc := nodes[linePrefixes[c.at[flPeppol].node].parent]; tc != nil {
			rd.str(l, catalog.FieldVATCategory, nodes[c.at[flPeppol].node])
			rd.num(l, catalog.FieldVATPercent, nodes[pct.at[flPeppol].node])
			if id := tc.first(nTaxScheme).first(nID); id != nil && id.Value() == vatScheme {
				id.claimed = true
			}
		} else if tc := nodes[linePrefixes[c.at[flOIOUBL].node].parent]; tc != nil {
			if id := nodes[c.at[flOIOUBL].node]; id != nil {
				rd.str(l, catalog.FieldVATCategory, id)
				l.VATCategory = vatCategoryIn(l.VATCategory)
				for j, a := range e.attrs[flOIOUBL] {
					claimAttr(id, c.attrs[flOIOUBL][j], a.value)
				}
			}
			rd.num(l, catalog.FieldVATPercent, nodes[pct.at[flOIOUBL].node])
			if ts := tc.first(nTaxScheme); ts != nil {
				if id := ts.first(nID); id != nil && id.Value() == oioVATSchemeCode {
					id.claimed = true
					claimAttr(id, aSchemeID, oioTaxSchemeID)
					claimAttr(id, aSchemeAgencyID, oioAgency)
				}
				if n := ts.first(nName); n != nil && n.Value() == oioVATSchemeName {
					n.claimed = true
				}
			}
		}
	}
}

// appendExtras appends everything of n's subtree that no field claimed.
func (rd *Reader) appendExtras(dst []catalog.Extra, n *Node) []catalog.Extra {
	lm := &rd.lm
	if lm.paths == nil {
		lm.paths = make(map[string]string)
	}
	lm.path = lm.path[:0]
	return rd.extras(dst, n)
}

// maxPaths bounds the interned extra names; beyond it names are allocated.
const maxPaths = 50_000

func (rd *Reader) pathString(b []byte) string {
	lm := &rd.lm
	if s, ok := lm.paths[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(lm.paths) < maxPaths {
		lm.paths[s] = s
	}
	return s
}

func (rd *Reader) extras(dst []catalog.Extra, n *Node) []catalog.Extra {
	lm := &rd.lm
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		base := len(lm.path)
		if base > 0 {
			lm.path = append(lm.path, '/')
		}
		lm.path = appendStep(lm.path, c)
		switch {
		case !isUBL(c.ns):
			dst = append(dst, catalog.Extra{Name: rd.pathString(lm.path), Value: string(appendXML(nil, c))})
		default:
			if c.FirstChild == nil && !c.claimed {
				dst = append(dst, catalog.Extra{Name: rd.pathString(lm.path), Value: c.Value()})
			}
			dst = rd.attrExtras(dst, c)
			dst = rd.extras(dst, c)
		}
		lm.path = lm.path[:base]
	}
	return dst
}

func (rd *Reader) attrExtras(dst []catalog.Extra, c *Node) []catalog.Extra {
	lm := &rd.lm
	for i := range c.attrs {
		a := &c.attrs[i]
		if a.claimed {
			continue
		}
		base := len(lm.path)
		lm.path = appendAttrStep(lm.path, a)
		dst = append(dst, catalog.Extra{Name: rd.pathString(lm.path), Value: strings.TrimSpace(a.Value)})
		lm.path = lm.path[:base]
	}
	return dst
}

// appendAttrStep appends /@name: @xml:lang for the XML namespace,
// @{namespace}name for others.
func appendAttrStep(b []byte, a *Attr) []byte {
	if len(b) > 0 {
		b = append(b, '/')
	}
	b = append(b, '@')
	switch a.Space {
	case "":
	case nsXML:
		b = append(b, "xml:"...)
	default:
		b = append(b, '{')
		b = append(b, a.Space...)
		b = append(b, '}')
	}
	return append(b, a.Local...)
}
