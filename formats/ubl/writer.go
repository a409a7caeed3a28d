package ubl

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/catalog/units"
)

// Document-level values of the two targets.
const (
	peppolCustomization = "urn:fdc:peppol.eu:poacc:trns:catalogue:3"
	peppolProfile       = "urn:fdc:peppol.eu:poacc:bis:catalogue_only:3"
	peppolProfilePrefix = "urn:fdc:peppol.eu:poacc:bis:"
	peppolDefaultUnit   = "C62" // UN/ECE Rec 20 "one"

	oioUBLVersion      = "2.1"
	oioCustomization   = "OIOUBL-2.1"
	oioProfile         = "Catalogue-CatBas-1.0"
	oioProfileScheme   = "urn:oioubl:id:profileid-1.6"
	oioProfilePrefix   = "urn:oioubl:id:profileid-"
	oioDefaultVersion  = "1.0"
	oioDefaultAction   = "Add"
	oioDefaultContent  = "1"
	oioDefaultOrderble = "true"
	oioPieceUnit       = "EA" // UN/CEFACT 66411:2001 "each"
	oioOtherScheme     = "ZZZ"
)

type target uint8

const (
	targetPeppol target = iota
	targetOIOUBL
)

// Writer writes a UBL 2.1 Catalogue a line at a time: Begin writes the
// XML declaration, the root's start tag and the header; each Line one
// cac:CatalogueLine; End the closing tag. Nothing but the current line is
// held in memory.
type Writer struct {
	w      io.Writer
	target target
	h      catalog.Header
	buf    []byte
	tree   wtree
	refs   []*wnode
	lines  int
	began  bool
	ended  bool
	err    error

	// model, when set, is the target's data model (SetModel).
	model func(path []string) bool
	// dropped and dropFields are what the last Begin or Line left out.
	dropped    []string
	dropFields catalog.FieldSet
}

// NewPeppolWriter returns a writer of PEPPOL BIS Catalogue 3 (T19)
// documents. It fails, writing nothing, when the header lacks a value the
// document must have; the error names them (catalogue.id, seller.endpointId, …).
func NewPeppolWriter(w io.Writer, h catalog.Header) (*Writer, error) {
	wr := &Writer{w: w, target: targetPeppol, h: h}
	if err := wr.checkHeader(h); err != nil {
		return nil, err
	}
	return wr, nil
}

// NewOIOUBLWriter returns a writer of OIOUBL 2.1 Catalogue documents, with
// the same rule about missing header values as NewPeppolWriter.
func NewOIOUBLWriter(w io.Writer, h catalog.Header) (*Writer, error) {
	wr := &Writer{w: w, target: targetOIOUBL, h: h}
	if err := wr.checkHeader(h); err != nil {
		return nil, err
	}
	return wr, nil
}

// unitTarget is the units package's name of the target's code list.
func (wr *Writer) unitTarget() units.Target {
	if wr.target == targetOIOUBL {
		return units.OIOUBL
	}
	return units.Peppol
}

// unit translates a unit code to the target's list; a code the list has no
// equivalent for is written as it is (the validator has reported it).
func (wr *Writer) unit(code string) string {
	if code == "" {
		return ""
	}
	if c, ok := units.ForTarget(code, wr.unitTarget()); ok {
		return c
	}
	return code
}

// inferScheme guesses an OIOUBL endpoint scheme: 13 digits are a GLN, 8 a CVR.
func inferScheme(id string) string {
	v := strings.TrimPrefix(id, "DK")
	switch {
	case len(id) == 13 && allDigits(id):
		return "0088"
	case len(v) == 8 && allDigits(v):
		return "0184"
	}
	return ""
}

// checkHeader names the header values the target cannot do without.
func (wr *Writer) checkHeader(h catalog.Header) error {
	var missing []string
	need := func(name, v string) {
		if strings.TrimSpace(v) == "" {
			missing = append(missing, name)
		}
	}
	need("catalogue.id", h.ID)
	need("catalogue.issueDate", h.IssueDate)
	if wr.target == targetPeppol && strings.TrimSpace(h.ValidFrom) == "" && strings.TrimSpace(h.ValidTo) == "" {
		// PEPPOL wants a validity period (PEPPOL-T19-B00105) that is not
		// empty (PEPPOL-COMMON-R001).
		need("catalogue.validFrom", "")
	}
	for _, p := range []struct {
		name  string
		party catalog.Party
	}{{"seller", h.Seller}, {"receiver", h.Receiver}} {
		need(p.name+".name", p.party.Name)
		need(p.name+".endpointId", p.party.EndpointID)
		scheme := p.party.EndpointScheme
		if wr.target == targetOIOUBL && scheme == "" {
			scheme = inferScheme(p.party.EndpointID)
		}
		if p.party.EndpointID != "" {
			need(p.name+".endpointScheme", scheme)
		}
	}
	if len(missing) > 0 {
		doc := "a PEPPOL BIS 3 catalogue"
		if wr.target == targetOIOUBL {
			doc = "an OIOUBL catalogue"
		}
		return fmt.Errorf("%s needs header values the input does not have: %s (give them with --header)", doc, strings.Join(missing, ", "))
	}
	return nil
}

// Begin writes the start of the document and the header.
func (wr *Writer) Begin(h catalog.Header) error {
	if wr.began {
		return errors.New("ubl: Begin called twice")
	}
	if err := wr.checkHeader(h); err != nil {
		return err
	}
	wr.h, wr.began = h, true
	wr.dropped, wr.dropFields = wr.dropped[:0], 0
	wr.tree.reset()
	root := wr.tree.root(tCatalogue, "Catalogue")
	wr.header(root, h)
	wr.clean(root)
	if wr.target == targetOIOUBL {
		oioFix(root)
	}
	sortTree(root)

	b := append(wr.buf[:0], "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Catalogue"...)
	b = appendDecl(b, "", NSCatalogue)
	b = appendDecl(b, "cac", NSCac)
	b = appendDecl(b, "cbc", NSCbc)
	if root.find("UBLExtensions", 1) != nil {
		b = appendDecl(b, "ext", NSExt)
	}
	b = appendAttrs(b, root.attrs)
	b = append(b, '>', '\n')
	for _, c := range root.children {
		b = appendNode(b, c, 1)
	}
	wr.buf = b
	return wr.flush()
}

func (wr *Writer) flush() error {
	if wr.err != nil {
		return wr.err
	}
	if _, err := wr.w.Write(wr.buf); err != nil {
		wr.err = err
	}
	return wr.err
}

// Line writes one catalogue line.
func (wr *Writer) Line(l *catalog.Line) error {
	if !wr.began || wr.ended {
		return errors.New("ubl: Line outside Begin and End")
	}
	wr.lines++
	wr.dropped, wr.dropFields = wr.dropped[:0], 0
	wr.tree.reset()
	root := wr.tree.root(tCatalogueLine, "CatalogueLine")
	root.ns = nsCac
	if err := wr.line(root, l); err != nil {
		return err
	}
	wr.cleanLine(root)
	if wr.target == targetOIOUBL {
		oioFix(root)
	}
	sortTree(root)
	wr.buf = appendNode(wr.buf[:0], root, 1)
	return wr.flush()
}

// End closes the document. A UBL Catalogue must have a line: End reports
// an error when none was written (the document is closed all the same).
func (wr *Writer) End() error {
	if !wr.began || wr.ended {
		return errors.New("ubl: End without Begin")
	}
	wr.ended = true
	wr.buf = append(wr.buf[:0], "</Catalogue>\n"...)
	if err := wr.flush(); err != nil {
		return err
	}
	if wr.lines == 0 {
		return errors.New("the catalogue has no lines, and a UBL Catalogue needs at least one")
	}
	return nil
}

func actionOut(v string) string {
	switch v {
	case "add":
		return "Add"
	case "update":
		return "Update"
	case "delete":
		return "Delete"
	case "replace":
		return "Replace"
	}
	return v
}

func schemeOut(scheme string, t target) string {
	if t == targetOIOUBL {
		return scheme
	}
	switch scheme {
	case "UNSPSC":
		return "TST"
	case "CPV":
		return "STI"
	case "ECLASS":
		return "STQ"
	}
	return scheme
}

func vatCategoryOut(v string) string {
	switch v {
	case "S":
		return "StandardRated"
	case "Z", "E":
		return "ZeroRated"
	case "AE":
		return "ReverseCharge"
	}
	return v
}

// line builds the tree of one catalogue line: canonical values first, at
// the line field table's paths for the target's flavour, then the extras
// where they came from, then the defaults the target needs.
func (wr *Writer) line(root *wnode, l *catalog.Line) error {
	t := &wr.tree
	oio := wr.target == targetOIOUBL
	fl := flPeppol
	if oio {
		fl = flOIOUBL
	}
	numText := func(v float64, minDec int) string { return string(appendNumber(nil, v, minDec)) }
	unit := wr.unit(l.Unit)

	// Which repeated elements hold something other than what a canonical
	// list maps to, so that the list skips them.
	taken := func(e *lineField) func(k int) bool {
		list, leaf, _ := e.list(fl)
		prefix := list + "["
		return func(k int) bool {
			key := prefix + strconv.Itoa(k) + "]/"
			for _, x := range l.Extra {
				rest, ok := strings.CutPrefix(x.Name, key)
				if !ok {
					continue
				}
				if rest == leaf || e.field == catalog.FieldImages && rest == "DocumentTypeCode" && !isImageCode(x.Value) {
					return true
				}
			}
			return false
		}
	}

	imageRefs := wr.refs[:0]
	for i := range lineFields {
		e := &lineFields[i]
		path := e.path(fl)
		switch {
		case e.take == takeNone:
			continue
		case e.writeOwn:
			// Values with a structure of their own, at the table's paths.
			switch e.field {
			case catalog.FieldLineID:
				id := l.LineID
				if id == "" {
					id = strconv.Itoa(wr.lines)
					if l.Src.Line > 0 {
						id = strconv.Itoa(l.Src.Line)
					}
				}
				t.set(root, path, id)
			case catalog.FieldPrice: // with its currency and base quantity
				if l.Price.Valid && !oio && l.Price.V < 0 {
					// PEPPOL-T19-R006: a price is never negative in PEPPOL.
					wr.dropFields.Add(catalog.FieldPrice)
				} else if l.Price.Valid {
					dec := 0
					if oio {
						dec = 2
					}
					n := t.set(root, path, numText(l.Price.V, dec))
					cur := l.Currency
					if cur == "" {
						cur = wr.h.Currency
					}
					if cur == "" {
						return fmt.Errorf("line %d: the price %s has no currency; give a currency on the line or as catalogue.currency (--header)", l.Src.Line, n.text)
					}
					n.setAttr(lineFieldOf(catalog.FieldCurrency).attr, cur)
					if l.PriceBaseQuantity.Valid {
						t.set(root, lineFieldOf(catalog.FieldPriceBaseQuantity).path(fl), numText(l.PriceBaseQuantity.V, 0))
					}
				}
			case catalog.FieldVATCategory: // with its rate
				if l.VATCategory == "" && !l.VATPercent.Valid {
					break
				}
				pct := lineFieldOf(catalog.FieldVATPercent).path(fl)
				if oio && vatCategoryOut(l.VATCategory) == "StandardRated" && !(l.VATPercent.Valid && l.VATPercent.V > 0) {
					// OIOUBL wants the rate of a standard-rated category (F-LIB382);
					// the source has none, and none is invented.
					wr.dropFields.Add(catalog.FieldVATCategory)
					break
				}
				cat := l.VATCategory
				if cat == "" {
					cat = defaultVATCategory(l.VATPercent)
				}
				if oio {
					cat = vatCategoryOut(cat)
				}
				n := t.set(root, path, cat)
				for _, a := range e.attrs[fl] {
					n.fillAttr(a.name, a.value)
				}
				if l.VATPercent.Valid {
					t.set(root, pct, numText(l.VATPercent.V, 0))
				}
			case catalog.FieldImages:
				isTaken := taken(e)
				k := 0
				repeated, leaf, _ := e.list(fl)
				for _, img := range l.Images {
					for k++; isTaken(k); k++ {
					}
					ref := t.at(root, repeated+"["+strconv.Itoa(k)+"]")
					t.set(ref, leaf, img)
					imageRefs = append(imageRefs, ref)
				}
			case catalog.FieldClassification:
				isTaken := taken(e)
				k := 0
				for _, c := range l.Classification {
					if oio && c.Scheme != "UNSPSC" {
						// OIOUBL holds UNSPSC codes only (F-CAT232): another scheme has
						// no lawful place and is reported as dropped.
						wr.dropFields.Add(catalog.FieldClassification)
						continue
					}
					for k++; isTaken(k); k++ {
					}
					n := t.set(root, e.item(fl, k), c.Code)
					if c.Scheme != "" {
						if oio && c.Scheme == "UNSPSC" {
							n.setAttr("listAgencyID", oioUNSPSCAgency)
						}
						n.setAttr("listID", schemeOut(c.Scheme, wr.target))
					}
				}
			}
			continue
		case e.attr != "":
			// An attribute of the element another field wrote.
			v := *l.StringField(e.field)
			n := findPath(root, path)
			if v == "" || n == nil {
				continue
			}
			if e.unitCode {
				v = wr.unit(v)
			}
			n.setAttr(e.attr, v)
			continue
		case strings.Contains(path, "[n]"):
			for k, v := range *stringsField(l, e.field) {
				t.set(root, e.item(fl, k+1), v)
			}
			continue
		}
		var v string
		switch catalog.Fields[e.field].Kind {
		case catalog.KindNumber, catalog.KindInteger:
			n := *l.NumField(e.field)
			if !n.Valid {
				continue
			}
			v = numText(n.V, 0)
		case catalog.KindBool:
			b := *boolField(l, e.field)
			if !b.Valid {
				continue
			}
			v = strconv.FormatBool(b.V)
		default:
			v = *l.StringField(e.field)
			if e.unitCode {
				v = wr.unit(v)
			}
			if v == "" {
				continue
			}
			if e.out != nil {
				v = e.out(v)
			}
		}
		n := t.set(root, path, v)
		if !e.attrsLast {
			for _, a := range e.attrs[fl] {
				n.setAttr(a.name, a.value)
			}
		}
	}
	wr.refs = imageRefs
	t.at(root, "Item")

	// The extras: UBL paths where they came from, other names (the columns
	// of a spreadsheet) as additional item properties.
	var columns []catalog.Extra
	for _, e := range l.Extra {
		switch resolveExtra(tCatalogueLine, e.Name) {
		case notPath:
			columns = append(columns, e)
		case foreign:
			if wellFormed(e.Value) {
				t.insertExtra(root, e.Name, e.Value, wr.unit)
			}
		default:
			t.insertExtra(root, e.Name, e.Value, wr.unit)
		}
	}
	if len(columns) > 0 {
		item := t.at(root, "Item")
		next := 1
		for _, c := range item.children {
			if c.local == "AdditionalItemProperty" && c.index >= next {
				next = c.index + 1
			}
		}
		for _, c := range columns {
			if strings.TrimSpace(c.Value) == "" {
				continue
			}
			p := "AdditionalItemProperty[" + strconv.Itoa(next) + "]"
			t.set(item, p+"/Name", c.Name)
			t.set(item, p+"/Value", c.Value)
			next++
		}
	}

	// Defaults: values the target wants that the line did not say. An
	// image reference's ID is its URI, unless the source had one.
	for i, ref := range imageRefs {
		t.fill(ref, "ID", l.Images[i])
	}
	for i := range lineFields {
		e := &lineFields[i]
		if e.lineUnit && unit != "" {
			if n := findPath(root, e.path(fl)); n != nil {
				n.fillAttr("unitCode", unit)
			}
		}
	}
	if wr.target == targetPeppol {
		// PEPPOL makes unitCode mandatory on every quantity
		// (PEPPOL-T19-B11701, B12001, B12201, B17001): C62 ("one") where
		// the line names no unit, as the official example has it.
		for i := range lineFields {
			e := &lineFields[i]
			if !e.quantity {
				continue
			}
			if n := findPath(root, e.path(fl)); n != nil {
				n.fillAttr("unitCode", peppolDefaultUnit)
			}
		}
	}
	vat := lineFieldOf(catalog.FieldVATCategory)
	if n := findPath(root, parentPath(vat.path(flPeppol))); n != nil {
		t.fill(n, "TaxScheme/ID", vatScheme)
	}
	if oio {
		action := lineFieldOf(catalog.FieldAction)
		if n := findPath(root, action.path(fl)); n == nil {
			t.set(root, action.path(fl), oioDefaultAction)
		}
		// The OIOUBL list, whatever list the source named (F-CAT102, F-CAT103).
		a := findPath(root, action.path(fl))
		for _, at := range action.attrs[fl] {
			a.setAttr(at.name, at.value)
		}
		t.fill(root, lineFieldOf(catalog.FieldOrderable).path(fl), oioDefaultOrderble)
		content := lineFieldOf(catalog.FieldPackQuantity).path(fl)
		if findPath(root, content) == nil {
			n := t.set(root, content, oioDefaultContent)
			if unit != "" {
				n.setAttr("unitCode", unit)
			}
		}
		// OIOUBL wants a unit on the content quantity (F-LIB007, F-LIB318).
		// Without a content unit, one order unit holds itself and a pack
		// of several holds pieces.
		if n := findPath(root, content); n != nil {
			cu := unit
			if cu == "" || l.PackQuantity.Valid && l.PackQuantity.V != 1 {
				cu = oioPieceUnit
			}
			n.fillAttr("unitCode", cu)
		}
		// A document reference names its type (F-LIB092): the images are
		// product images.
		for _, ref := range imageRefs {
			if ref.find("DocumentType", 1) == nil {
				t.fill(ref, "DocumentTypeCode", productImageCode)
			}
		}
		if n := findPath(root, parentPath(vat.path(fl))); n != nil {
			id := t.at(n, "TaxScheme/ID")
			if !id.hasText {
				id.text, id.hasText = oioVATSchemeCode, true
				id.fillAttr("schemeAgencyID", oioAgency)
				id.fillAttr("schemeID", oioTaxSchemeID)
				t.fill(n, "TaxScheme/Name", oioVATSchemeName)
			}
		}
		class := lineFieldOf(catalog.FieldClassification)
		repeated, leaf, _ := class.list(fl)
		list, local := parentPath(repeated), repeated[len(parentPath(repeated))+1:]
		for _, c := range t.at(root, list).children {
			if c.local == local {
				if n := c.find(leaf, 1); n != nil {
					if v, _ := n.attr("listID"); v == "UNSPSC" {
						n.fillAttr("listAgencyID", oioUNSPSCAgency)
					}
				}
			}
		}
	}
	return nil
}

// parentPath is a path without its last step.
func parentPath(path string) string {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		return path[:i]
	}
	return ""
}

// defaultVATCategory is the category of a rate when only the rate is
// known: S for a positive rate, Z for 0.
func defaultVATCategory(p catalog.Num) string {
	if p.Valid && p.V == 0 {
		return "Z"
	}
	return "S"
}

// findPath returns the element at a path, or nil.
func findPath(n *wnode, path string) *wnode {
	for step := range strings.SplitSeq(path, "/") {
		local, idx := splitIndex(step)
		n = n.find(local, max(idx, 1))
		if n == nil {
			return nil
		}
	}
	return n
}

// header builds the header: document identification, the canonical
// header fields, the parties, the extras and the target's defaults.
func (wr *Writer) header(root *wnode, h catalog.Header) {
	t := &wr.tree
	oio := wr.target == targetOIOUBL
	extra := func(name string) (string, bool) {
		for _, e := range h.Extra {
			if e.Name == name {
				return e.Value, true
			}
		}
		return "", false
	}

	if oio {
		t.set(root, "UBLVersionID", oioUBLVersion)
		t.set(root, "CustomizationID", oioCustomization)
		scheme, _ := extra("ProfileID/@schemeID")
		if p, ok := extra("ProfileID"); ok && strings.HasPrefix(scheme, oioProfilePrefix) {
			n := t.set(root, "ProfileID", p)
			for _, e := range h.Extra {
				if a, ok := strings.CutPrefix(e.Name, "ProfileID/@"); ok {
					n.setAttr(a, e.Value)
				}
			}
		} else {
			n := t.set(root, "ProfileID", oioProfile)
			n.setAttr("schemeAgencyID", oioAgency)
			n.setAttr("schemeID", oioProfileScheme)
		}
	} else {
		t.set(root, "CustomizationID", peppolCustomization)
		p, ok := extra("ProfileID")
		if !ok || !strings.HasPrefix(p, peppolProfilePrefix) {
			p = peppolProfile
		}
		t.set(root, "ProfileID", p)
	}
	set := func(path, v string) {
		if v != "" {
			t.set(root, path, v)
		}
	}
	set("ID", h.ID)
	set("ActionCode", actionOut(h.Action))
	set("Name", h.Name)
	set("IssueDate", h.IssueDate)
	set("VersionID", h.Version)
	set("ValidityPeriod[1]/StartDate", h.ValidFrom)
	set("ValidityPeriod[1]/EndDate", h.ValidTo)
	t.at(root, "ValidityPeriod[1]")
	set("ReferencedContract[1]/ID", h.AgreementID)
	wr.party(root, "ProviderParty", h.Seller, h.Extra)
	wr.party(root, "ReceiverParty", h.Receiver, h.Extra)

	owned := func(name string) bool {
		switch {
		case name == "UBLVersionID", name == "CustomizationID", name == "ProfileID",
			strings.HasPrefix(name, "ProfileID/@"), strings.HasPrefix(name, "UBLVersionID/@"),
			strings.HasPrefix(name, "CustomizationID/@"):
			return true
		}
		return false
	}
	for _, e := range h.Extra {
		if owned(e.Name) {
			continue
		}
		switch resolveExtra(tCatalogue, e.Name) {
		case notPath:
			// A header value of no UBL element (from a spreadsheet or
			// --header): there is nowhere to put it.
		case foreign:
			if wellFormed(e.Value) {
				t.insertExtra(root, e.Name, e.Value, wr.unit)
			}
		default:
			t.insertExtra(root, e.Name, e.Value, wr.unit)
		}
	}

	if oio {
		t.fill(root, "VersionID", oioDefaultVersion)
		hasSupplier := false
		for _, e := range h.Extra {
			if strings.HasPrefix(e.Name, "SellerSupplierParty/") {
				hasSupplier = true
				break
			}
		}
		if !hasSupplier {
			wr.party(root, "SellerSupplierParty/Party", h.Seller, nil)
		}
		parties := [...]catalog.Party{h.Seller, h.Receiver, h.Seller}
		for i, p := range []string{"ProviderParty", "ReceiverParty", "SellerSupplierParty/Party"} {
			n := findPath(root, p)
			if n == nil {
				continue
			}
			wr.oioLegalEntity(n, parties[i], i == 0)
		}
	}
}

// oioLegalEntity gives an OIOUBL party its PartyLegalEntity: the name and
// a CompanyID of scheme DK:CVR, DK:CPR or ZZZ (F-LIB187, F-LIB189). The
// ProviderParty must have one (F-CAT041): without a CVR number its
// CompanyID is the party's ID of scheme ZZZ. Other parties get one only for
// a CVR number.
func (wr *Writer) oioLegalEntity(n *wnode, p catalog.Party, required bool) {
	t := &wr.tree
	scheme, id := "", ""
	for _, c := range [...][2]string{{p.IDScheme, p.ID}, {p.EndpointScheme, p.EndpointID}} {
		if s, v := schemeToOIOUBL(c[0], c[1]); s == "DK:CVR" && len(v) == 10 {
			scheme, id = s, v
			break
		}
	}
	le := n.find("PartyLegalEntity", 1)
	if le == nil && id == "" && !required {
		return
	}
	if id == "" {
		scheme, id = oioOtherScheme, p.ID
		if id == "" {
			id = p.EndpointID
		}
	}
	le = t.at(n, "PartyLegalEntity[1]")
	if name := findPath(n, "PartyName[1]/Name"); name != nil {
		t.fill(le, "RegistrationName", name.text)
	}
	if le.find("CompanyID", 1) == nil && id != "" {
		t.set(le, "CompanyID", id).setAttr("schemeID", scheme)
	}
}

// party builds a ProviderParty or ReceiverParty (or the OIOUBL supplier)
// from a canonical party.
func (wr *Writer) party(root *wnode, path string, p catalog.Party, extras []catalog.Extra) {
	t := &wr.tree
	oio := wr.target == targetOIOUBL
	n := t.at(root, path)
	id := func(elem, value, scheme string) {
		if value == "" {
			return
		}
		if oio {
			if scheme == "" && elem == "EndpointID" {
				scheme = inferScheme(value)
			}
			icd := scheme
			scheme, value = schemeToOIOUBL(scheme, value)
			e := t.set(n, elem, value)
			if icd == "0088" {
				e.setAttr("schemeAgencyID", oioGTINAgency)
			}
			if scheme != "" {
				e.setAttr("schemeID", scheme)
			}
			return
		}
		e := t.set(n, elem, value)
		if scheme != "" {
			e.setAttr("schemeID", scheme)
		}
	}
	id("EndpointID", p.EndpointID, p.EndpointScheme)
	id("PartyIdentification[1]/ID", p.ID, p.IDScheme)
	if p.Name != "" {
		regName := false
		for _, e := range extras {
			if e.Name == path+"/PartyLegalEntity[1]/RegistrationName" {
				regName = true
			}
		}
		if oio || regName {
			t.set(n, "PartyName[1]/Name", p.Name)
		} else {
			t.set(n, "PartyLegalEntity[1]/RegistrationName", p.Name)
		}
	}
	if p.Country != "" {
		t.set(n, "PostalAddress/Country/IdentificationCode", p.Country)
	}
}
