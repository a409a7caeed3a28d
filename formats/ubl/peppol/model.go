package peppol

import "github.com/ekatalog/ekatalog/catalog/check"

// Namespaces of the model's elements.
const (
	nsDoc uint8 = iota // urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2
	nsCAC
	nsCBC
)

var nsURIs = [...]string{
	nsDoc: "urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2",
	nsCAC: "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
	nsCBC: "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}

// elem is one element of the T19 data model with the B-rules whose context
// it is. An element of the document matches the model element of its parent
// with the same name and namespace; one that matches none fires the
// parent's other rule (where the Schematron has one: "/…/parent/*").
type elem struct {
	ns    uint8
	local string
	// field is the canonical field the element holds, "" for none.
	field string
	kids  []int16
	// require: child elements that must be present.
	require []need
	attrs   []attrCheck
	// textRule checks normalize-space(text()) against textLists;
	// textEmptyOK when one of the lists holds the empty token.
	textRule    string
	textLists   []check.CodeList
	textEmptyOK bool
	other       string
	// schemaLocRule is the root's PEPPOL-T19-B00109.
	schemaLocRule string
}

type need struct {
	ns          uint8
	local, rule string
	field       string
}

// attrCheck is what the B-rules ask of one attribute: presence (mandatory)
// and membership of a code list (list) when present, compared as written.
type attrCheck struct {
	name, mandatory, list, field string
	lists                        []check.CodeList
}

// InModel reports whether the element at the path (local names from the
// root, "Catalogue", "CatalogueLine", "Item", …) is part of the T19 data
// model: a writer leaves out whatever is not (PEPPOL-T19-B00110 and the
// other "not part of the data model" rules).
func InModel(path []string) bool {
	if len(path) == 0 || path[0] != model[0].local {
		return false
	}
	e := &model[0]
next:
	for _, local := range path[1:] {
		for _, k := range e.kids {
			if model[k].local == local {
				e = &model[k]
				continue next
			}
		}
		return false
	}
	return true
}
