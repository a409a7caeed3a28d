package ubl

import (
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
)

// The one table of where each canonical field sits in a cac:CatalogueLine,
// per flavour. The reader maps elements to fields through it (mapLine),
// Locate answers with its paths, and both writers put each field where it
// says (Writer.line). Values with a structure of their own (the price and
// its currency, the tax category, classifications, images, lead times in
// weeks) are read or written by code of their own, but at the table's
// paths.

// Flavour indexes of lineField.attrs and of the compiled paths.
const (
	flPeppol = 0
	flOIOUBL = 1
)

// take says how the reader takes a field's value from its element.
type take uint8

const (
	takeText   take = iota // the element's text (or the attribute attr)
	takeNumber             // the element's text, an xsd:decimal (READ-NOT-NUMBER, READ-NOT-INTEGER)
	takeBool               // true, false, 1 or 0 (READ-NOT-BOOL)
	takeOwn                // code of its own (mapOwn, mapLists), at the table's paths
	takeNone               // UBL has no element of its own: the path is only Locate's answer
)

// lineField is one canonical field's place in a catalogue line.
type lineField struct {
	field catalog.Field
	// peppol is the element's path under cac:CatalogueLine as the reader's
	// XPaths and the writers' trees write it: local names, [1] on elements
	// the schema allows more than once, [n] on the element a list field
	// repeats (the n-th value).
	peppol string
	// oioubl is OIOUBL's path where it differs from PEPPOL's ("" = the same).
	oioubl string
	// attr is the attribute that holds the value; "" for the text.
	attr string
	take take
	// writeOwn: Writer.line writes the field by code of its own (a default
	// line ID, a price with its currency, a tax category, a classification
	// or an image), at the table's paths.
	writeOwn bool
	// unitCode: the value is a unit code, written in the target's code list.
	unitCode bool
	// quantity: a UBL quantity, to which PEPPOL wants a unitCode (C62
	// where the line names no unit).
	quantity bool
	// lineUnit: the writers put the line's unit on the element's unitCode,
	// and the reader takes it back when it is the line's unit.
	lineUnit bool
	// attrs are the attributes each flavour's writer puts on the element
	// ([flPeppol], [flOIOUBL]), in the order written; the reader takes
	// them back (claims them) when they have these values.
	attrs [2][]wattr
	// key is the attribute whose value tells which flavour's attrs apply;
	// an element with another value is not the field (it travels as
	// extra). Without the attribute the element is PEPPOL's.
	key string
	// attrsLast: the writers set attrs after the extras, whatever list the
	// source named.
	attrsLast bool
	// in and out convert the value between canonical and UBL codes.
	in, out func(string) string
}

// lineFields lists the fields in the order the reader maps them (a field
// whose reading depends on another comes after it: the quantities' unit
// after the unit) and the writers write them. Each catalog field with a
// place in a catalogue line appears once.
var lineFields = []lineField{
	{field: catalog.FieldLineID, peppol: "ID", writeOwn: true},
	{field: catalog.FieldAction, peppol: "ActionCode", in: actionIn, out: actionOut,
		attrs: [2][]wattr{flOIOUBL: {{"listAgencyID", oioAgency}, {"listID", oioActionListID}}}, attrsLast: true},
	{field: catalog.FieldOrderable, peppol: "OrderableIndicator", take: takeBool},
	{field: catalog.FieldUnit, peppol: "OrderableUnit", unitCode: true},
	{field: catalog.FieldUnitText, peppol: "OrderableUnit", take: takeNone},
	{field: catalog.FieldPackQuantity, peppol: "ContentUnitQuantity", take: takeNumber, quantity: true},
	{field: catalog.FieldContentUnit, peppol: "ContentUnitQuantity", attr: "unitCode", unitCode: true},
	{field: catalog.FieldOrderQuantityIncrement, peppol: "OrderQuantityIncrementNumeric", take: takeNumber},
	{field: catalog.FieldMinOrderQuantity, peppol: "MinimumOrderQuantity", take: takeNumber, quantity: true, lineUnit: true},
	{field: catalog.FieldMaxOrderQuantity, peppol: "MaximumOrderQuantity", take: takeNumber, quantity: true, lineUnit: true},
	{field: catalog.FieldValidFrom, peppol: "LineValidityPeriod/StartDate"},
	{field: catalog.FieldValidTo, peppol: "LineValidityPeriod/EndDate"},
	{field: catalog.FieldLeadTimeDays, peppol: "RequiredItemLocationQuantity[1]/LeadTimeMeasure", take: takeOwn,
		attrs: [2][]wattr{flPeppol: {{"unitCode", leadTimeUnit}}, flOIOUBL: {{"unitCode", leadTimeUnit}}}},
	{field: catalog.FieldPrice, peppol: "RequiredItemLocationQuantity[1]/Price/PriceAmount", take: takeNumber, writeOwn: true},
	{field: catalog.FieldCurrency, peppol: "RequiredItemLocationQuantity[1]/Price/PriceAmount", attr: "currencyID", writeOwn: true},
	{field: catalog.FieldPriceBaseQuantity, peppol: "RequiredItemLocationQuantity[1]/Price/BaseQuantity", take: takeNumber,
		writeOwn: true, quantity: true, lineUnit: true},
	// VAT: PEPPOL puts it on the item, OIOUBL (which forbids that) on the
	// price's location. The reader takes either, whatever the flavour.
	{field: catalog.FieldVATCategory, peppol: "Item/ClassifiedTaxCategory[1]/ID",
		oioubl: "RequiredItemLocationQuantity[1]/ApplicableTaxCategory[1]/ID", take: takeOwn, writeOwn: true,
		attrs: [2][]wattr{flOIOUBL: {{"schemeAgencyID", oioAgency}, {"schemeID", oioTaxCategoryID}}}},
	{field: catalog.FieldVATPercent, peppol: "Item/ClassifiedTaxCategory[1]/Percent",
		oioubl: "RequiredItemLocationQuantity[1]/ApplicableTaxCategory[1]/Percent", take: takeOwn, writeOwn: true},
	{field: catalog.FieldDescription, peppol: "Item/Description[1]"},
	{field: catalog.FieldName, peppol: "Item/Name"},
	{field: catalog.FieldKeywords, peppol: "Item/Keyword[n]"},
	{field: catalog.FieldBrand, peppol: "Item/BrandName[1]"},
	{field: catalog.FieldSellerItemID, peppol: "Item/SellersItemIdentification/ID"},
	{field: catalog.FieldManufacturerItemID, peppol: "Item/ManufacturersItemIdentification[1]/ID"},
	{field: catalog.FieldGTIN, peppol: "Item/StandardItemIdentification/ID", key: "schemeID",
		attrs: [2][]wattr{flPeppol: {{"schemeID", gtinScheme}}, flOIOUBL: {{"schemeAgencyID", oioGTINAgency}, {"schemeID", oioGTINScheme}}}},
	{field: catalog.FieldImages, peppol: "Item/ItemSpecificationDocumentReference[n]/Attachment/ExternalReference/URI",
		take: takeOwn, writeOwn: true},
	{field: catalog.FieldOriginCountry, peppol: "Item/OriginCountry/IdentificationCode"},
	{field: catalog.FieldClassification, peppol: "Item/CommodityClassification[n]/ItemClassificationCode",
		take: takeOwn, writeOwn: true},
	{field: catalog.FieldManufacturerName, peppol: "Item/ManufacturerParty[1]/PartyName[1]/Name"},
}

// path returns the field's element path in a flavour.
func (e *lineField) path(fl int) string {
	if fl == flOIOUBL && e.oioubl != "" {
		return e.oioubl
	}
	return e.peppol
}

// list returns a list field's path around its repeated element:
// "Item/CommodityClassification[n]/ItemClassificationCode" gives
// "Item/CommodityClassification" and "ItemClassificationCode"; ok is false
// for a field that is no list.
func (e *lineField) list(fl int) (repeated, leaf string, ok bool) {
	c := &lineCompiled[lineFieldIndex[e.field]-1].at[fl]
	return c.repeatedPath, c.leafPath, c.repeated != 0
}

// item returns the path of a list field's k-th element (1-based),
// "Item/Keyword[3]"; the field's path for a field that is no list.
func (e *lineField) item(fl, k int) string {
	repeated, leaf, ok := e.list(fl)
	switch {
	case !ok:
		return e.path(fl)
	case leaf == "":
		return repeated + "[" + strconv.Itoa(k) + "]"
	}
	return repeated + "[" + strconv.Itoa(k) + "]/" + leaf
}

// splitList cuts a path at its list step "[n]".
func splitList(path string) (repeated, leaf string, ok bool) {
	repeated, leaf, ok = strings.Cut(path, "[n]")
	return repeated, strings.TrimPrefix(leaf, "/"), ok
}

// lineFieldOf returns the table's entry of a field, or nil.
func lineFieldOf(f catalog.Field) *lineField {
	if int(f) < len(lineFieldIndex) {
		if i := lineFieldIndex[f]; i > 0 {
			return &lineFields[i-1]
		}
	}
	return nil
}

// The table compiled for the reader, once (compileLineFields): the
// distinct element paths of the table as a tree of prefixes, which the
// reader resolves once per line, each prefix from its parent, so that a
// field's element costs one child lookup however many fields share its
// ancestors.
var (
	// lineFieldIndex is 1 + the index in lineFields of each field; 0 for a
	// field the table does not have.
	lineFieldIndex [catalog.FieldExtra + 1]int
	// linePrefixes are the element paths' prefixes; 0 is the
	// CatalogueLine itself, and a prefix's parent comes before it.
	linePrefixes []linePrefix
	// lineCompiled parallels lineFields.
	lineCompiled []compiledField
	// lineLists are the indexes in lineFields of the list fields, which
	// share the parent of their repeated elements.
	lineLists []int
	// locatePaths are Locate's paths of each field per flavour, lists at
	// their first element.
	locatePaths [catalog.FieldExtra + 1][2]string
)

type linePrefix struct {
	parent int16
	name   uint16
}

type compiledField struct {
	at       [2]compiledPath
	attrs    [2][]uint16 // name numbers of attrs
	hasAttrs bool        // attrs is not empty
	attr     uint16      // name number of attr
	key      uint16      // name number of key
}

type compiledPath struct {
	// node is the prefix of the element; for a list, of the element that
	// holds the repeated ones (Item).
	node int16
	// repeated is the name of a list's repeated element, sub the steps from
	// it to the value's element.
	repeated uint16
	sub      []uint16
	// repeatedPath and leafPath are the path's text before and after the
	// list step.
	repeatedPath, leafPath string
}

// compileLineFields compiles the table; it panics on a name the schema
// table does not know, so that a misspelt path fails every test.
func compileLineFields() {
	prefix := map[string]int16{"": 0}
	linePrefixes = append(linePrefixes[:0], linePrefix{parent: -1})
	name := func(local string) uint16 {
		id, ok := staticNames[local]
		if !ok {
			panic("ubl: " + local + " of the line field table is not in the schema table")
		}
		return id
	}
	// node returns the prefix number of a path of plain steps ([1] is the
	// first element, which is what the reader takes).
	node := func(path string) int16 {
		at, key := int16(0), ""
		if path == "" {
			return 0
		}
		for step := range strings.SplitSeq(path, "/") {
			local, _ := splitIndex(step)
			if key != "" {
				key += "/"
			}
			key += local
			i, ok := prefix[key]
			if !ok {
				i = int16(len(linePrefixes))
				linePrefixes = append(linePrefixes, linePrefix{parent: at, name: name(local)})
				prefix[key] = i
			}
			at = i
		}
		return at
	}
	lineCompiled = make([]compiledField, len(lineFields))
	for i := range lineFields {
		e := &lineFields[i]
		if lineFieldIndex[e.field] != 0 {
			panic("ubl: " + e.field.String() + " twice in the line field table")
		}
		lineFieldIndex[e.field] = i + 1
		c := &lineCompiled[i]
		if e.attr != "" {
			c.attr = name(e.attr)
		}
		if e.key != "" {
			c.key = name(e.key)
		}
		for fl := range 2 {
			for _, a := range e.attrs[fl] {
				c.attrs[fl] = append(c.attrs[fl], name(a.name))
				c.hasAttrs = true
			}
		}
		for fl := range 2 {
			if repeated, leaf, ok := splitList(e.path(fl)); ok {
				c.at[fl].repeatedPath, c.at[fl].leafPath = repeated, leaf
				parent, local := "", repeated
				if j := strings.LastIndexByte(repeated, '/'); j >= 0 {
					parent, local = repeated[:j], repeated[j+1:]
				}
				c.at[fl].node = node(parent)
				c.at[fl].repeated = name(local)
				if leaf != "" {
					for step := range strings.SplitSeq(leaf, "/") {
						local, _ := splitIndex(step)
						c.at[fl].sub = append(c.at[fl].sub, name(local))
					}
				}
			} else {
				c.at[fl].node = node(e.path(fl))
			}
			locatePaths[e.field][fl] = e.item(fl, 1)
		}
		if c.at[flPeppol].repeated != 0 {
			if len(lineLists) > 0 && lineCompiled[lineLists[0]].at[flPeppol].node != c.at[flPeppol].node {
				panic("ubl: the list fields of the line field table do not share a parent")
			}
			lineLists = append(lineLists, i)
		}
	}
}

// boolField and stringsField are catalog.Line.StringField for the kinds
// the table holds of them: the orderable flag, the keywords.
func boolField(l *catalog.Line, f catalog.Field) *catalog.Bool {
	if f != catalog.FieldOrderable {
		panic("ubl: " + f.String() + " is not a boolean field")
	}
	return &l.Orderable
}

func stringsField(l *catalog.Line, f catalog.Field) *[]string {
	if f != catalog.FieldKeywords {
		panic("ubl: " + f.String() + " is not a list of texts")
	}
	return &l.Keywords
}
