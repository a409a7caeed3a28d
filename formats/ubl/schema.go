package ubl

import (
	"slices"
	"strings"
)

//go:generate go run ./internal/gen -shared ../../../shared/standards -o schema_gen.go

// Namespace URIs of UBL 2.1.
const (
	NSCatalogue = "urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2"
	NSCac       = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
	NSCbc       = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
	NSExt       = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"

	nsXML    = "http://www.w3.org/XML/1998/namespace"
	ublDocNS = "urn:oasis:names:specification:ubl:schema:xsd:" // + Order-2, Invoice-2, …
)

// Namespace numbers: the UBL ones are fixed, every other namespace a
// document uses gets the next free number.
const (
	nsNone uint16 = iota
	nsCac
	nsCbc
	nsExt
	nsDoc // the root's namespace, Catalogue-2
	nsXMLID
	nsFirstForeign
)

var fixedNS = [...]string{nsNone: "", nsCac: NSCac, nsCbc: NSCbc, nsExt: NSExt, nsDoc: NSCatalogue, nsXMLID: nsXML}

// prefixOf is the prefix the writers use for each UBL namespace.
var prefixOf = [...]string{nsCac: "cac", nsCbc: "cbc", nsExt: "ext", nsDoc: ""}

// isUBL reports whether a namespace number is one of UBL's own.
func isUBL(ns uint16) bool { return ns >= nsCac && ns <= nsDoc }

// xsdType is an aggregate type of the UBL schema: its children in the
// order of its xsd:sequence.
type xsdType struct {
	name     string
	any      bool // an xsd:any of other namespaces (ExtensionContent)
	children []xsdChild
	byName   []nameIdx // children sorted by name number, for find
}

type xsdChild struct {
	name string
	ns   uint16
	many bool  // maxOccurs > 1
	req  bool  // minOccurs >= 1
	typ  int16 // index in xsdTypes; -1 for a basic (leaf) element
}

type nameIdx struct {
	name uint16
	idx  uint8
}

const noType = -1

// find returns the position of a child in the type's sequence.
func (t *xsdType) find(name uint16) (int, bool) {
	i, ok := slices.BinarySearchFunc(t.byName, name, func(e nameIdx, n uint16) int { return int(e.name) - int(n) })
	if !ok {
		return 0, false
	}
	return int(t.byName[i].idx), true
}

// The static name table: every element name of the schema table and the
// attribute names UBL uses. Names are numbered so the tree can compare
// numbers; names a document brings beyond these are numbered per reader.
var (
	staticNames = map[string]uint16{}
	nameList    []string
)

func intern(s string) uint16 {
	if id, ok := staticNames[s]; ok {
		return id
	}
	id := uint16(len(nameList))
	staticNames[s] = id
	nameList = append(nameList, s)
	return id
}

// Type numbers the reader and writers start from.
var tCatalogue, tCatalogueLine, tItem int16 = 0, -1, -1

func init() {
	intern("") // number 0: no name
	for _, n := range []string{"Catalogue", "unitCode", "currencyID", "schemeID", "schemeAgencyID", "schemeName",
		"schemeVersionID", "schemeDataURI", "schemeURI", "listID", "listAgencyID", "listAgencyName", "listName",
		"listVersionID", "listURI", "listSchemeURI", "languageID", "name", "mimeCode", "filename", "encodingCode",
		"characterSetCode", "format", "unitCodeListVersionID", "unitCodeListID", "currencyCodeListVersionID",
		"cac", "cbc", "ext", "xml", "xmlns", "lang"} {
		intern(n)
	}
	for i := range xsdTypes {
		t := &xsdTypes[i]
		for j, c := range t.children {
			t.byName = append(t.byName, nameIdx{intern(c.name), uint8(j)})
		}
		slices.SortFunc(t.byName, func(a, b nameIdx) int { return int(a.name) - int(b.name) })
	}
	tCatalogueLine = childType(tCatalogue, "CatalogueLine")
	tItem = childType(tCatalogueLine, "Item")
	initNames()
	compileLineFields()
}

func childType(t int16, name string) int16 {
	i, ok := xsdTypes[t].find(staticNames[name])
	if !ok {
		panic("ubl: no " + name + " in " + xsdTypes[t].name)
	}
	return xsdTypes[t].children[i].typ
}

// childInfo returns the schema's entry for a child of an element of type t.
func childInfo(t int16, name uint16) (*xsdChild, int, bool) {
	if t < 0 {
		return nil, 0, false
	}
	i, ok := xsdTypes[t].find(name)
	if !ok {
		return nil, 0, false
	}
	return &xsdTypes[t].children[i], i, true
}

// docTypeOf returns the UBL document type a root namespace names ("Order"
// for …:xsd:Order-2), or "".
func docTypeOf(uri string) string {
	if rest, ok := strings.CutPrefix(uri, ublDocNS); ok {
		if t, ok := strings.CutSuffix(rest, "-2"); ok && !strings.HasPrefix(t, "Common") {
			return t
		}
	}
	return ""
}
