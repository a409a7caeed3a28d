package ubl

import (
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
)

// Locate returns the XPath of the element that holds field f of l. For a
// field the line lacks it is the deepest element on the field's path (the
// line field table's, in the document's flavour) that the line has: the
// Item for a missing Item/Name. For a line other than the current one, it
// is the field's path under that line.
func (rd *Reader) Locate(l *catalog.Line, f catalog.Field) catalog.Pos {
	lineXPath := "/" + rd.doc + "/" + updateLineOf(rd.doc) + "[" + strconv.Itoa(l.Src.Line) + "]"
	if int(f) >= len(locatePaths) {
		return catalog.Pos{XPath: lineXPath}
	}
	fl := flPeppol
	if rd.flavour == FlavourOIOUBL {
		fl = flOIOUBL
	}
	path := locatePaths[f][fl]
	ln := rd.lm.node
	if ln == nil || l.Src.Line != rd.ordinal {
		if path == "" {
			return catalog.Pos{XPath: lineXPath}
		}
		return catalog.Pos{XPath: lineXPath + "/" + path}
	}
	if n := rd.lm.at[f]; n != nil {
		return catalog.Pos{XPath: n.XPath()}
	}
	n := ln
	for step := range strings.SplitSeq(path, "/") {
		if step == "" {
			break
		}
		m := n.Find(step)
		if m == nil {
			break
		}
		n = m
	}
	return catalog.Pos{XPath: n.XPath()}
}

// LocateScheme returns where the classification of a scheme sits.
func (rd *Reader) LocateScheme(l *catalog.Line, scheme string) catalog.Pos {
	if rd.lm.node != nil && l.Src.Line == rd.ordinal {
		for i, c := range l.Classification {
			if c.Scheme == scheme && i < len(rd.lm.class) {
				return catalog.Pos{XPath: rd.lm.class[i].XPath()}
			}
		}
	}
	return rd.Locate(l, catalog.FieldClassification)
}

// LocateHeader says where a header field (catalogue.id, seller.endpointId,
// …) sits: the element when the document has it, else the path it would
// have; nothing for a field the document has no place for.
func (rd *Reader) LocateHeader(field string) catalog.Pos {
	p, first, ok := headerPath(field)
	if !ok {
		return catalog.Pos{}
	}
	if rd.root != nil {
		for _, path := range [...]string{first, p} {
			if path == "" {
				continue
			}
			if n := rd.root.Find(path); n != nil {
				return catalog.Pos{XPath: n.XPath()}
			}
		}
	}
	return catalog.Pos{XPath: "/" + rd.doc + "/" + p}
}
