// Package schemagen turns the UBL 2.1 XSDs into the element-order table of
// package ubl: for every aggregate type reachable from CatalogueType and
// from the roots of the catalogue update documents (CataloguePricingUpdate,
// CatalogueItemSpecificationUpdate, CatalogueDeletion), its children in
// sequence order with their namespace, cardinality and type.
// The reader uses it to name repeated elements and the writers to put
// elements in the order the XSD sequences demand.
package schemagen

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"go/format"
	"io/fs"
	"slices"
	"strings"
)

const (
	catalogueXSD = "ubl-2.1-xsd/maindoc/UBL-Catalogue-2.1.xsd"
	maindoc      = "ubl-2.1-xsd/maindoc/UBL-%s-2.1.xsd"
	cacXSD       = "ubl-2.1-xsd/common/UBL-CommonAggregateComponents-2.1.xsd"
	cbcXSD       = "ubl-2.1-xsd/common/UBL-CommonBasicComponents-2.1.xsd"
	extXSD       = "ubl-2.1-xsd/common/UBL-CommonExtensionComponents-2.1.xsd"
)

type schema struct {
	Elements     []xsdElement     `xml:"element"`
	ComplexTypes []xsdComplexType `xml:"complexType"`
}

type xsdElement struct {
	Name string `xml:"name,attr"`
	Type string `xml:"type,attr"`
}

type xsdComplexType struct {
	Name     string   `xml:"name,attr"`
	Sequence []xsdRef `xml:"sequence>element"`
	Any      []struct {
		Namespace string `xml:"namespace,attr"`
	} `xml:"sequence>any"`
}

type xsdRef struct {
	Ref       string `xml:"ref,attr"`
	MinOccurs string `xml:"minOccurs,attr"`
	MaxOccurs string `xml:"maxOccurs,attr"`
}

// module is one XSD file: its element declarations and complex types.
type module struct {
	elemType map[string]string
	types    map[string]xsdComplexType
}

func load(fsys fs.FS, name string) (*module, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var s schema
	if err := xml.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	m := &module{elemType: map[string]string{}, types: map[string]xsdComplexType{}}
	for _, e := range s.Elements {
		m.elemType[e.Name] = e.Type
	}
	for _, t := range s.ComplexTypes {
		m.types[t.Name] = t
	}
	return m, nil
}

// updateDocs are the UBL catalogue update documents ekatalog reads.
var updateDocs = []string{"CataloguePricingUpdate", "CatalogueItemSpecificationUpdate", "CatalogueDeletion"}

type child struct {
	name, ns string
	many     bool
	min      bool // minOccurs >= 1
	typ      string
}

// Generate reads the XSDs below fsys (the shared/standards directory) and
// returns the Go source of schema_gen.go.
func Generate(fsys fs.FS) ([]byte, error) {
	mods := map[string]*module{}
	for ns, file := range map[string]string{"doc": catalogueXSD, "cac": cacXSD, "cbc": cbcXSD, "ext": extXSD} {
		m, err := load(fsys, file)
		if err != nil {
			return nil, err
		}
		mods[ns] = m
	}
	// The update documents: each XSD is a module of its own, named by its
	// root element.
	for _, d := range updateDocs {
		m, err := load(fsys, fmt.Sprintf(maindoc, d))
		if err != nil {
			return nil, err
		}
		mods[d] = m
	}
	// Every aggregate type reachable from the document roots, in the order
	// of a breadth-first walk, so that the Catalogue root is type 0; the
	// update documents' roots and the types only they reach come after
	// the Catalogue's, whose numbers stay as they were.
	type typeKey struct{ mod, name string }
	order := []typeKey{{"doc", "CatalogueType"}}
	index := map[typeKey]int{order[0]: 0}
	roots := slices.Clone(updateDocs)
	children := map[typeKey][]child{}
	anyTypes := map[typeKey]bool{}
	for i := 0; i < len(order) || len(roots) > 0; i++ {
		if i == len(order) {
			k := typeKey{roots[0], roots[0] + "Type"}
			roots = roots[1:]
			if _, ok := index[k]; ok {
				i--
				continue
			}
			index[k] = len(order)
			order = append(order, k)
		}
		k := order[i]
		t, ok := mods[k.mod].types[k.name]
		if !ok {
			return nil, fmt.Errorf("type %s:%s not found", k.mod, k.name)
		}
		if len(t.Any) > 0 {
			anyTypes[k] = true
		}
		var cs []child
		seen := map[string]string{}
		for _, r := range t.Sequence {
			prefix, name, ok := strings.Cut(r.Ref, ":")
			if !ok {
				prefix, name = k.mod, r.Ref // the module's own namespace
			}
			if other, dup := seen[name]; dup {
				return nil, fmt.Errorf("%s: %s:%s and %s:%s share a local name", k.name, other, name, prefix, name)
			}
			seen[name] = prefix
			c := child{name: name, ns: prefix, many: r.MaxOccurs == "unbounded" || (r.MaxOccurs != "" && r.MaxOccurs != "1"),
				min: r.MinOccurs == "" || r.MinOccurs != "0"}
			m := mods[prefix]
			if m == nil {
				return nil, fmt.Errorf("%s: unknown prefix in %q", k.name, r.Ref)
			}
			et, ok := m.elemType[name]
			if !ok {
				return nil, fmt.Errorf("%s: element %s not declared", k.name, r.Ref)
			}
			// An aggregate has a complex type of its own module with a
			// sequence; cbc and the simple ext elements are leaves.
			if ct, ok := m.types[et]; ok && (len(ct.Sequence) > 0 || len(ct.Any) > 0) {
				tk := typeKey{prefix, et}
				if _, ok := index[tk]; !ok {
					index[tk] = len(order)
					order = append(order, tk)
				}
				c.typ = et
			}
			cs = append(cs, c)
		}
		children[k] = cs
	}

	var b bytes.Buffer
	b.WriteString("// Code generated by formats/ubl/internal/gen from shared/standards/ubl-2.1-xsd; DO NOT EDIT.\n\n")
	b.WriteString("package ubl\n\n")
	b.WriteString("// xsdRoots are the types of the document roots ekatalog reads.\n")
	b.WriteString("var xsdRoots = map[string]int16{\n\t\"Catalogue\": 0,\n")
	for _, d := range updateDocs {
		fmt.Fprintf(&b, "\t%q: %d,\n", d, index[typeKey{d, d + "Type"}])
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(&b, "// xsdTypes are the %d aggregate types reachable from CatalogueType and\n// the update documents' roots, Catalogue first.\n", len(order))
	b.WriteString("var xsdTypes = [...]xsdType{\n")
	for i, k := range order {
		fmt.Fprintf(&b, "\t%d: {name: %q, any: %v, children: []xsdChild{\n", i, k.name, anyTypes[k])
		for _, c := range children[k] {
			typ := -1
			if c.typ != "" {
				typ = index[typeKey{c.ns, c.typ}]
			}
			fmt.Fprintf(&b, "\t\t{%q, ns%s, %v, %v, %d},\n", c.name, strings.ToUpper(c.ns[:1])+c.ns[1:], c.many, c.min, typ)
		}
		b.WriteString("\t}},\n")
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, err
	}
	return src, nil
}
