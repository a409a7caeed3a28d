// Command gen writes the PEPPOL BIS Catalogue 3 (T19) tables from the
// reference data in shared/standards: the data model of the generated
// B-rules (formats/ubl/peppol/model_gen.go) and the rule catalogue with
// official IDs, flags, English messages and Danish translations
// (rules_gen.go beside the checker).
//
// Inputs: structure/syntax/ubl-catalogue.xml (the vefa structure the
// official Schematron's B-rules are generated from) and
// derived/PEPPOLBIS-T19-2026.5-rules.tsv (every assert of the 2026.5
// release: id, flag, context, message). Every B-rule of the TSV must land
// on an element of the structure, or the generator fails.
package main

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

func main() {
	std := flag.String("standards", "", "shared/standards/peppol-poacc-bis3 folder")
	modelOut := flag.String("model", "model_gen.go", "output: the data model table")
	rulesOut := flag.String("rules", "", "output: rules_gen.go")
	flag.Parse()
	if *std == "" || *rulesOut == "" {
		log.Fatal("usage: gen -standards DIR -model FILE -rules FILE")
	}
	doc, err := readStructure(filepath.Join(*std, "structure", "syntax", "ubl-catalogue.xml"))
	if err != nil {
		log.Fatal(err)
	}
	rules, err := readRules(filepath.Join(*std, "derived", "PEPPOLBIS-T19-2026.5-rules.tsv"))
	if err != nil {
		log.Fatal(err)
	}
	m, err := buildModel(doc, rules)
	if err != nil {
		log.Fatal(err)
	}
	if err := write(*modelOut, m.source()); err != nil {
		log.Fatal(err)
	}
	src, err := rulesSource(rules, m)
	if err != nil {
		log.Fatal(err)
	}
	if err := write(*rulesOut, src); err != nil {
		log.Fatal(err)
	}
}

func write(path string, src []byte) error {
	out, err := format.Source(src)
	if err != nil {
		return fmt.Errorf("%s: %v\n%s", path, err, src)
	}
	return os.WriteFile(path, out, 0o644)
}

// The vefa structure format.
type sDoc struct {
	Term     string     `xml:"Document>Term"`
	Elements []sElement `xml:"Document>Element"`
}

type sElement struct {
	Cardinality string     `xml:"cardinality,attr"`
	Term        string     `xml:"Term"`
	Refs        []sRef     `xml:"Reference"`
	Attrs       []sAttr    `xml:"Attribute"`
	Elements    []sElement `xml:"Element"`
}

type sAttr struct {
	Usage string `xml:"usage,attr"`
	Term  string `xml:"Term"`
	Refs  []sRef `xml:"Reference"`
}

type sRef struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

func codeLists(refs []sRef) []string {
	var l []string
	for _, r := range refs {
		if r.Type == "CODE_LIST" {
			l = append(l, strings.TrimSpace(r.Value))
		}
	}
	return l
}

func readStructure(path string) (*sDoc, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var d sDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if d.Term != "ubl:Catalogue" {
		return nil, fmt.Errorf("%s: document %q, want ubl:Catalogue", path, d.Term)
	}
	return &d, nil
}

type rule struct {
	id, flag, context, message string
	used                       bool
}

func readRules(path string) ([]*rule, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rules []*rule
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if n == 1 {
			continue
		}
		p := strings.Split(sc.Text(), "\t")
		if len(p) != 4 {
			return nil, fmt.Errorf("%s:%d: %d columns", path, n, len(p))
		}
		rules = append(rules, &rule{id: p[0], flag: p[1], context: p[2], message: p[3]})
	}
	return rules, sc.Err()
}

// elem is one element of the data model as the generated table holds it.
type elem struct {
	path          string // absolute, prefixed
	ns, local     string
	field         string
	kids          []int
	require       []need
	attrs         []attrCheck
	textRule      string
	textLists     []string
	other         string // catch-all rule for children outside the model
	schemaLocRule string // the root's schema location rule
}

type need struct{ ns, local, rule, field string }

type attrCheck struct {
	name, mandatory, list, field string
	lists                        []string
}

type model struct {
	elems []*elem
	// fieldOf is the canonical field of each B-rule.
	fieldOf map[string]string
}

var (
	reElement = regexp.MustCompile(`^Element '(\w+):(\w+)' MUST be provided\.$`)
	reAttr    = regexp.MustCompile(`^Attribute '(\w+)' MUST be present\.$`)
)

func buildModel(d *sDoc, rules []*rule) (*model, error) {
	byCtx := map[string][]*rule{}
	for _, r := range rules {
		if strings.HasPrefix(r.id, "PEPPOL-T19-B") {
			byCtx[r.context] = append(byCtx[r.context], r)
		}
	}
	m := &model{fieldOf: map[string]string{}}
	root := &elem{path: "/ubl:Catalogue", ns: "ubl", local: "Catalogue"}
	m.elems = append(m.elems, root)
	var add func(parent int, es []sElement) error
	fill := func(i int, se *sElement) error {
		e := m.elems[i]
		for _, r := range byCtx[e.path] {
			r.used = true
			switch {
			case reElement.MatchString(r.message):
				s := reElement.FindStringSubmatch(r.message)
				f := fieldOfPath(e.path + "/" + s[1] + ":" + s[2])
				if f == "" {
					f = e.field
				}
				e.require = append(e.require, need{s[1], s[2], r.id, f})
				m.fieldOf[r.id] = f
			case reAttr.MatchString(r.message):
				name := reAttr.FindStringSubmatch(r.message)[1]
				a := e.attr(name)
				a.mandatory = r.id
				m.fieldOf[r.id] = a.field
			case strings.HasPrefix(r.message, "Value MUST be part of code list"):
				if se == nil {
					return fmt.Errorf("%s: code list rule %s on the root", e.path, r.id)
				}
				var onAttr []sAttr
				for _, sa := range se.Attrs {
					if len(codeLists(sa.Refs)) > 0 {
						onAttr = append(onAttr, sa)
					}
				}
				switch {
				case len(onAttr) == 1 && len(codeLists(se.Refs)) == 0:
					a := e.attr(onAttr[0].Term)
					a.list, a.lists = r.id, codeLists(onAttr[0].Refs)
					m.fieldOf[r.id] = a.field
				case len(onAttr) == 0 && len(codeLists(se.Refs)) > 0:
					e.textRule, e.textLists = r.id, codeLists(se.Refs)
					m.fieldOf[r.id] = e.field
				default:
					return fmt.Errorf("%s: cannot tell what code list rule %s checks", e.path, r.id)
				}
			case r.message == "Document MUST not contain schema location." && i == 0:
				e.schemaLocRule = r.id
			default:
				return fmt.Errorf("%s: rule %s: unknown message %q", e.path, r.id, r.message)
			}
		}
		for _, r := range byCtx[e.path+"/*"] {
			if r.message != "Document MUST NOT contain elements not part of the data model." {
				return fmt.Errorf("%s/*: rule %s: unknown message %q", e.path, r.id, r.message)
			}
			r.used = true
			e.other = r.id
			m.fieldOf[r.id] = ""
		}
		return nil
	}
	add = func(parent int, es []sElement) error {
		for k := range es {
			se := &es[k]
			ns, local, ok := strings.Cut(se.Term, ":")
			if !ok || (ns != "cac" && ns != "cbc") {
				return fmt.Errorf("element %q: want a cac: or cbc: name", se.Term)
			}
			p := m.elems[parent]
			e := &elem{path: p.path + "/" + se.Term, ns: ns, local: local}
			e.field = fieldOfPath(e.path)
			m.elems = append(m.elems, e)
			i := len(m.elems) - 1
			p.kids = append(p.kids, i)
			if err := fill(i, se); err != nil {
				return err
			}
			if err := add(i, se.Elements); err != nil {
				return err
			}
		}
		return nil
	}
	if err := fill(0, nil); err != nil {
		return nil, err
	}
	if err := add(0, d.Elements); err != nil {
		return nil, err
	}
	for _, r := range rules {
		if strings.HasPrefix(r.id, "PEPPOL-T19-B") && !r.used {
			return nil, fmt.Errorf("rule %s (context %s) matches no element of the structure", r.id, r.context)
		}
	}
	return m, nil
}

func (e *elem) attr(name string) *attrCheck {
	for i := range e.attrs {
		if e.attrs[i].name == name {
			return &e.attrs[i]
		}
	}
	f := fieldOfPath(e.path + "/@" + name)
	if f == "" {
		f = e.field
	}
	e.attrs = append(e.attrs, attrCheck{name: name, field: f})
	return &e.attrs[len(e.attrs)-1]
}

// fieldPaths are the canonical fields (catalog.Fields) of the model's
// elements and attributes, as the UBL reader maps them.
var fieldPaths = map[string]string{
	"cbc:ID":                                          "catalogue.id",
	"cbc:Name":                                        "catalogue.name",
	"cbc:IssueDate":                                   "catalogue.issueDate",
	"cbc:VersionID":                                   "catalogue.version",
	"cbc:ActionCode":                                  "catalogue.action",
	"cac:ValidityPeriod/cbc:StartDate":                "catalogue.validFrom",
	"cac:ValidityPeriod/cbc:EndDate":                  "catalogue.validTo",
	"cac:ReferencedContract/cbc:ID":                   "catalogue.agreementId",
	"PARTY/cbc:EndpointID":                            ".endpointId",
	"PARTY/cbc:EndpointID/@schemeID":                  ".endpointScheme",
	"PARTY/cac:PartyIdentification/cbc:ID":            ".id",
	"PARTY/cac:PartyIdentification/cbc:ID/@schemeID":  ".idScheme",
	"PARTY/cac:PartyLegalEntity/cbc:RegistrationName": ".name",
	"PARTY/cac:PostalAddress/cac:Country/cbc:IdentificationCode": ".country",
	"L/cbc:ID":                                                                 "lineId",
	"L/cbc:ActionCode":                                                         "action",
	"L/cbc:OrderableIndicator":                                                 "orderable",
	"L/cbc:OrderableUnit":                                                      "unit",
	"L/cbc:ContentUnitQuantity":                                                "packQuantity",
	"L/cbc:ContentUnitQuantity/@unitCode":                                      "contentUnit",
	"L/cbc:OrderQuantityIncrementNumeric":                                      "orderQuantityIncrement",
	"L/cbc:MinimumOrderQuantity":                                               "minOrderQuantity",
	"L/cbc:MaximumOrderQuantity":                                               "maxOrderQuantity",
	"L/cac:LineValidityPeriod/cbc:StartDate":                                   "validFrom",
	"L/cac:LineValidityPeriod/cbc:EndDate":                                     "validTo",
	"L/cac:RequiredItemLocationQuantity/cbc:LeadTimeMeasure":                   "leadTimeDays",
	"L/cac:RequiredItemLocationQuantity/cac:Price":                             "price",
	"L/cac:RequiredItemLocationQuantity/cac:Price/cbc:PriceAmount":             "price",
	"L/cac:RequiredItemLocationQuantity/cac:Price/cbc:PriceAmount/@currencyID": "currency",
	"L/cac:RequiredItemLocationQuantity/cac:Price/cbc:BaseQuantity":            "priceBaseQuantity",
	"L/cac:Item/cbc:Description":                                               "description",
	"L/cac:Item/cbc:Name":                                                      "name",
	"L/cac:Item/cbc:Keyword":                                                   "keywords",
	"L/cac:Item/cbc:BrandName":                                                 "brand",
	"L/cac:Item/cac:SellersItemIdentification":                                 "sellerItemId",
	"L/cac:Item/cac:SellersItemIdentification/cbc:ID":                          "sellerItemId",
	"L/cac:Item/cac:StandardItemIdentification":                                "gtin",
	"L/cac:Item/cac:StandardItemIdentification/cbc:ID":                         "gtin",
	"L/cac:Item/cac:ManufacturersItemIdentification/cbc:ID":                    "manufacturerItemId",
	"L/cac:Item/cac:ManufacturerParty/cac:PartyName/cbc:Name":                  "manufacturerName",
	"L/cac:Item/cac:CommodityClassification":                                   "classification",
	"L/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode":        "classification",
	"L/cac:Item/cac:OriginCountry/cbc:IdentificationCode":                      "originCountry",
	"L/cac:Item/cac:ClassifiedTaxCategory/cbc:ID":                              "vatCategory",
	"L/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent":                         "vatPercent",
	"L/cac:Item/cac:ItemSpecificationDocumentReference/cac:Attachment/cac:ExternalReference/cbc:URI": "images",
}

func fieldOfPath(abs string) string {
	rel := strings.TrimPrefix(abs, "/ubl:Catalogue/")
	if r, ok := strings.CutPrefix(rel, "cac:CatalogueLine/"); ok {
		return fieldPaths["L/"+r]
	}
	for _, p := range [...]struct{ el, name string }{{"cac:ProviderParty", "seller"}, {"cac:ReceiverParty", "receiver"}} {
		if r, ok := strings.CutPrefix(rel, p.el+"/"); ok {
			if f := fieldPaths["PARTY/"+r]; f != "" {
				return p.name + f
			}
			return ""
		}
	}
	return fieldPaths[rel]
}

// listIdents are the catalog/check names of the code lists.
var listIdents = map[string]string{
	"ActionCode_header": "ListActionCodeHeader", "ActionCode_line": "ListActionCodeLine",
	"eas": "ListEAS", "GS17009": "ListGS17009", "ICD": "ListICD", "ISO3166": "ListISO3166",
	"ISO4217": "ListISO4217", "Image": "ListImage", "MimeCode": "ListMimeCode", "NA": "ListNA",
	"PackagingMarkedLabelAccreditationCode": "ListPackagingMarkedLabelAccreditationCode",
	"TransactionCondition":                  "ListTransactionCondition", "TrueFalse": "ListTrueFalse",
	"UNCL1001": "ListUNCL1001", "UNCL5387": "ListUNCL5387", "UNCL6313": "ListUNCL6313",
	"UNCL7143": "ListUNCL7143", "UNCL8273": "ListUNCL8273", "UNECERec20": "ListUNECERec20",
}

func lists(names []string) string {
	var b strings.Builder
	b.WriteString("[]check.CodeList{")
	for i, n := range names {
		id, ok := listIdents[n]
		if !ok {
			log.Fatalf("code list %q has no catalog/check name", n)
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("check." + id)
	}
	b.WriteString("}")
	return b.String()
}

// emptyCodeLists are the code lists whose Schematron token list holds the
// empty string: PackagingMarkedLabelAccreditationCode is written with a
// double space ("DLG_CERTIFIED_ALLERGEN_MANAGEMENT  DNV_BUSINESS_ASSURANCE"),
// and tokenize(…, '\s') makes an empty token of it, so an empty value passes.
var emptyCodeLists = map[string]bool{"PackagingMarkedLabelAccreditationCode": true}

func (m *model) source() []byte {
	var b bytes.Buffer
	b.WriteString("// Code generated by formats/ubl/peppol/internal/gen from structure/syntax/ubl-catalogue.xml and PEPPOLBIS-T19-2026.5-rules.tsv; DO NOT EDIT.\n\n")
	b.WriteString("package peppol\n\nimport \"github.com/ekatalog/ekatalog/catalog/check\"\n\n")
	b.WriteString("// model is the T19 data model: model[0] is ubl:Catalogue; each element\n")
	b.WriteString("// lists its children (indexes into model) in schema order.\n")
	fmt.Fprintf(&b, "var model = [%d]elem{\n", len(m.elems))
	for i, e := range m.elems {
		fmt.Fprintf(&b, "\t%d: {// %s\n", i, e.path)
		ns := map[string]string{"ubl": "nsDoc", "cac": "nsCAC", "cbc": "nsCBC"}[e.ns]
		fmt.Fprintf(&b, "\t\tns: %s, local: %q,\n", ns, e.local)
		if e.field != "" {
			fmt.Fprintf(&b, "\t\tfield: %q,\n", e.field)
		}
		if len(e.kids) > 0 {
			b.WriteString("\t\tkids: []int16{")
			for j, k := range e.kids {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString(strconv.Itoa(k))
			}
			b.WriteString("},\n")
		}
		if len(e.require) > 0 {
			b.WriteString("\t\trequire: []need{\n")
			for _, r := range e.require {
				fmt.Fprintf(&b, "\t\t\t{%s, %q, %q, %q},\n", map[string]string{"cac": "nsCAC", "cbc": "nsCBC"}[r.ns], r.local, r.rule, r.field)
			}
			b.WriteString("\t\t},\n")
		}
		if len(e.attrs) > 0 {
			b.WriteString("\t\tattrs: []attrCheck{\n")
			for _, a := range e.attrs {
				fmt.Fprintf(&b, "\t\t\t{name: %q, mandatory: %q, list: %q, field: %q", a.name, a.mandatory, a.list, a.field)
				if len(a.lists) > 0 {
					fmt.Fprintf(&b, ", lists: %s", lists(a.lists))
				}
				b.WriteString("},\n")
			}
			b.WriteString("\t\t},\n")
		}
		if e.textRule != "" {
			fmt.Fprintf(&b, "\t\ttextRule: %q, textLists: %s,\n", e.textRule, lists(e.textLists))
			if slices.ContainsFunc(e.textLists, func(n string) bool { return emptyCodeLists[n] }) {
				b.WriteString("\t\ttextEmptyOK: true,\n")
			}
		}
		if e.other != "" {
			fmt.Fprintf(&b, "\t\tother: %q,\n", e.other)
		}
		if e.schemaLocRule != "" {
			fmt.Fprintf(&b, "\t\tschemaLocRule: %q,\n", e.schemaLocRule)
		}
		b.WriteString("\t},\n")
	}
	b.WriteString("}\n")
	return b.Bytes()
}
