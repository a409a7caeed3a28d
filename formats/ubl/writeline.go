package ubl

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
)

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
			if v == "" {
				continue
			}
			n := findPath(root, path)
			if n == nil {
				continue
			}
			if e.unitCode {
				v = wr.unit(v)
			}
			n.setAttr(e.attr, v)
			continue
		case lineCompiled[i].at[fl].repeated != 0: // a list of texts
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
