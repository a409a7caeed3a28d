package ubl

import (
	"errors"
	"fmt"
	"io"
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
