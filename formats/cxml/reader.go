package cxml

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/catalog/units"
	"github.com/ekatalog/ekatalog/formats/internal/xmlscan"
)

// Defaults of Options.
const (
	DefaultMaxDepth      = 256
	DefaultMaxTokenBytes = 16 << 20
	DefaultMaxItemNodes  = 100_000

	maxNames = 30_000 // distinct element names and attribute values interned
)

// Options say how to read. The zero value reads with the defaults.
type Options struct {
	// Name is the file name used in errors and findings.
	Name string
	// MaxDepth bounds the nesting of elements (default 256).
	MaxDepth int
	// MaxTokenBytes bounds a single tag or text (default 16 MiB).
	MaxTokenBytes int
	// MaxItemNodes bounds the elements of one index item and of the
	// header (default 100,000), which bounds the memory a line takes.
	MaxItemNodes int
}

type frame struct {
	name      string // local name, interned
	attr      string // its currency, domain, name or quantity attribute
	textStart int    // where its own text starts in Reader.text
	child     bool
}

// Reader streams the lines of a cXML catalogue index: one line per
// IndexItemAdd (action add), IndexItemDelete (delete), IndexItemPortion
// (update) or IndexItemPunchout (add), of an Index that is a document of
// its own (root Index), or sits in a cXML Message (as ekatalog writes it),
// a subscription's content, or a CatalogUploadRequest.
type Reader struct {
	opt      Options
	sc       *xmlscan.Scanner
	encoding string

	names *xmlscan.Names
	lx    extraNames // the current line's extra names
	hx    extraNames // the header's
	stack []frame
	text  []byte

	hdr        catalog.Header
	findings   []catalog.Finding
	doc        string // Message/Index, Request/CatalogUploadRequest, …
	upload     bool   // inside a CatalogUploadRequest
	attachment string // its Attachment/URL
	index      int    // depth of the Index element, 0 outside it
	headerDone bool
	rootSeen   bool
	rootClosed bool
	atEOF      bool
	err        error

	inItem   bool
	itemName string
	itemDep  int
	lineDone bool
	ordinal  int
	nodes    int
	descDone bool
	l        *catalog.Line
	scratch  catalog.Line
}

// Open reads a cXML document up to its first index item, so that the
// header is complete. A cXML document that holds no catalogue is refused
// with an error that says what it is.
func Open(r io.Reader, o Options) (*Reader, error) {
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxTokenBytes <= 0 {
		o.MaxTokenBytes = DefaultMaxTokenBytes
	}
	if o.MaxItemNodes <= 0 {
		o.MaxItemNodes = DefaultMaxItemNodes
	}
	sc, enc, err := xmlscan.Open(r, o.MaxTokenBytes)
	if err != nil {
		return nil, &catalog.ReadError{File: o.Name, Err: err}
	}
	rd := &Reader{opt: o, sc: sc, encoding: enc, names: xmlscan.NewNames(maxNames)}
	rd.l = &rd.scratch
	for !rd.headerDone {
		if err := rd.step(); err != nil {
			if err == io.EOF {
				break
			}
			return nil, err
		}
	}
	if !rd.rootSeen {
		return nil, catalog.Errorf(o.Name, 0, 0, "the file has no XML element: not a cXML catalogue")
	}
	return rd, nil
}

// Header returns the catalogue header.
func (rd *Reader) Header() catalog.Header { return rd.hdr }

// Encoding names the encoding the document was read in.
func (rd *Reader) Encoding() string { return rd.encoding }

// Fields says which fields an index item can supply.
func (rd *Reader) Fields() catalog.FieldSet { return Carries }

// Findings returns the file-level findings so far.
func (rd *Reader) Findings() []catalog.Finding { return rd.findings }

// EstimateLines guesses the number of lines of a file of the size.
func (rd *Reader) EstimateLines(size int64) int { return int(size/1200) + 1 }

// Next reads the next index item into l; io.EOF after the last.
func (rd *Reader) Next(l *catalog.Line) error {
	l.Reset()
	if rd.err != nil {
		return rd.err
	}
	rd.l = l
	defer func() { rd.l = &rd.scratch }()
	for !rd.lineDone {
		if rd.atEOF {
			return io.EOF
		}
		if err := rd.step(); err != nil {
			return err
		}
	}
	rd.lineDone = false
	return nil
}

func (rd *Reader) fail(err error) error {
	if rd.err == nil {
		rd.err = err
	}
	return rd.err
}

// xpath is the path of the open elements; the item carries its ordinal.
func (rd *Reader) xpath() string {
	var b strings.Builder
	for i, f := range rd.stack {
		b.WriteByte('/')
		b.WriteString(f.name)
		if rd.inItem && i == rd.itemDep-1 {
			b.WriteString("[" + strconv.Itoa(rd.ordinal) + "]")
		}
	}
	return b.String()
}

func (rd *Reader) syntax(err error) error {
	return rd.fail(rd.sc.ReadError(rd.opt.Name, err, rd.xpath))
}

func (rd *Reader) step() error {
	if rd.err != nil {
		return rd.err
	}
	k, err := rd.sc.Next()
	if err != nil {
		return rd.syntax(err)
	}
	switch k {
	case xmlscan.Start:
		err = rd.start()
	case xmlscan.End:
		err = rd.end()
	case xmlscan.Text, xmlscan.CDATA:
		err = rd.chars(k == xmlscan.CDATA)
	case xmlscan.Doctype:
		if len(rd.stack) > 0 || rd.rootClosed {
			err = xmlscan.Errorf(rd.sc.Off(), "a DOCTYPE must come before the root element")
		}
	case xmlscan.EOF:
		return rd.eof()
	}
	if err != nil {
		return rd.syntax(err)
	}
	return nil
}

func (rd *Reader) eof() error {
	if len(rd.stack) > 0 {
		line, col := rd.sc.Position(rd.sc.EndOff())
		return rd.fail(&catalog.ReadError{File: rd.opt.Name, Line: line, Col: col, XPath: rd.xpath(),
			Err: fmt.Errorf("the file ends before </%s> (is it truncated?)", rd.stack[len(rd.stack)-1].name)})
	}
	if !rd.rootClosed {
		return rd.fail(catalog.Errorf(rd.opt.Name, 0, 0, "the file has no XML element: not a cXML catalogue"))
	}
	rd.headerDone = true
	rd.atEOF = true
	return io.EOF
}

func localName(q []byte, colon int) []byte {
	if colon >= 0 {
		return q[colon+1:]
	}
	return q
}

// refuse ends reading with an error that says what the document is.
func (rd *Reader) refuse(format string, args ...any) error {
	return &catalog.ReadError{File: rd.opt.Name, Err: fmt.Errorf(format, args...)}
}

func (rd *Reader) start() error {
	sc := rd.sc
	depth := len(rd.stack)
	if depth >= rd.opt.MaxDepth {
		return xmlscan.Errorf(sc.Off(), "elements are nested deeper than %d levels (the limit MaxDepth)", rd.opt.MaxDepth)
	}
	if rd.rootClosed {
		return xmlscan.Errorf(sc.Off(), "an element after the end of the root element")
	}
	name, err := rd.names.Intern(localName(sc.QName(), sc.Colon()))
	if err != nil {
		return xmlscan.Errorf(sc.Off(), "%v", err)
	}
	f := frame{name: name, textStart: len(rd.text)}
	for i := range sc.Attrs() {
		a := &sc.Attrs()[i]
		q := a.QName()
		switch string(q) {
		case "currency", "domain", "name", "quantity", "xml:lang":
			if string(q) == "xml:lang" && depth > 0 {
				continue
			}
			v, err := xmlscan.AppendText(rd.text, a.RawValue(), a.Off(), true, false)
			if err != nil {
				return err
			}
			if f.attr, err = rd.names.Intern(bytes.TrimSpace(v[len(rd.text):])); err != nil {
				return xmlscan.Errorf(a.Off(), "%v", err)
			}
		}
	}
	if depth > 0 {
		rd.stack[depth-1].child = true
	}
	switch {
	case depth == 0:
		rd.rootSeen = true
		switch name {
		case "cXML":
		case "Index":
			// A catalogue index document of its own (DOCTYPE Index).
			rd.doc, rd.index = "Index", 1
		default:
			return rd.refuse("the root element is %s, not cXML or a cXML Index: not a cXML catalogue", name)
		}
		if f.attr != "" {
			lang, _, _ := strings.Cut(f.attr, "-")
			rd.hdr.Language = strings.ToLower(lang)
		}
		f.attr = ""
	case depth == 1 && rd.doc != "Index":
		switch name {
		case "Header", "Message", "Request", "Response":
		default:
			return rd.refuse("the cXML element <%s> is neither a Header, a Message, a Request nor a Response: not a cXML catalogue", name)
		}
	case depth == 2 && rd.doc != "Index" && rd.stack[1].name != "Header":
		doc := rd.stack[1].name + "/" + name
		rd.doc = doc
		switch doc {
		case "Message/Index":
			rd.index = depth + 1
		case "Request/CatalogUploadRequest":
			rd.upload = true
		case "Message/Status", "Response/Status", "Response/SubscriptionContentResponse", "Response/GetPendingResponse":
		default:
			return rd.refuse("the document is a cXML %s, not a catalogue: ekatalog reads a cXML Index (a document of its own, in a Message or a subscription, or carried by a CatalogUploadRequest)", name)
		}
	case rd.index == 0 && name == "Index":
		rd.index = depth + 1
	case rd.index > 0 && depth == rd.index+1 && rd.stack[depth-1].name == "IndexItem":
		switch name {
		case "IndexItemAdd", "IndexItemDelete", "IndexItemPortion", "IndexItemPunchout":
			rd.headerDone = true
			rd.inItem, rd.itemName, rd.itemDep = true, name, depth+1
			rd.ordinal++
			rd.nodes = 0
			rd.lx.reset()
			rd.descDone = false
		}
	case rd.index > 0 && depth == rd.index && name == "IndexItem":
		rd.headerDone = true
	}
	if rd.inItem || !rd.headerDone {
		rd.nodes++
		if rd.nodes > rd.opt.MaxItemNodes {
			return xmlscan.Errorf(sc.Off(), "more than %d elements in one index item or in the header (the limit MaxItemNodes)", rd.opt.MaxItemNodes)
		}
	}
	rd.stack = append(rd.stack, f)
	if sc.SelfClose() {
		return rd.end()
	}
	return nil
}

func (rd *Reader) chars(cdata bool) error {
	sc := rd.sc
	if len(rd.stack) == 0 {
		if cdata || !xmlscan.IsBlank(sc.RawText()) {
			return xmlscan.Errorf(sc.TextOff(), "text outside the root element: not an XML document")
		}
		return nil
	}
	if !rd.inItem && rd.headerDone {
		return nil
	}
	var err error
	rd.text, err = xmlscan.AppendText(rd.text, sc.RawText(), sc.TextOff(), false, cdata)
	return err
}

func (rd *Reader) end() error {
	sc := rd.sc
	if len(rd.stack) == 0 {
		return xmlscan.Errorf(sc.Off(), "the end tag </%s> has no start tag", sc.QName())
	}
	depth := len(rd.stack) - 1
	f := &rd.stack[depth]
	if !sc.SelfClose() && string(localName(sc.QName(), sc.Colon())) != f.name {
		return xmlscan.Errorf(sc.Off(), "the end tag </%s> does not match the start tag <%s>", sc.QName(), f.name)
	}
	v := bytes.TrimSpace(rd.text[f.textStart:])
	switch {
	case depth == 0:
		rd.rootClosed = true
		rd.headerDone = true
		if rd.index == 0 {
			what := "document"
			if _, kind, ok := strings.Cut(rd.doc, "/"); ok {
				what = kind
			}
			return rd.refuse("the cXML %s holds no Index: it holds no catalogue", what)
		}
	case rd.inItem && depth == rd.itemDep-1:
		rd.finishItem()
	case rd.inItem:
		rd.itemEnd(f, depth, v)
	case !rd.headerDone:
		if err := rd.headerEnd(f, depth, v); err != nil {
			return err
		}
	}
	rd.text = rd.text[:f.textStart]
	rd.stack = rd.stack[:depth]
	return nil
}

// path joins the names of the open elements from depth from to the top,
// with the innermost's domain or name attribute as [attr].
func (rd *Reader) path(from int) string {
	var b strings.Builder
	for i := from; i < len(rd.stack); i++ {
		if i > from {
			b.WriteByte('/')
		}
		b.WriteString(rd.stack[i].name)
	}
	if t := rd.stack[len(rd.stack)-1].attr; t != "" {
		b.WriteString("[" + t + "]")
	}
	return b.String()
}

// extraNames numbers repeated extra names (NAME, NAME#2, …) of one line or
// of the header in constant time per extra.
type extraNames struct{ n map[string]int }

// reset forgets the names, for the next line.
func (e *extraNames) reset() {
	if len(e.n) > 1024 {
		e.n = nil // a map grown by one huge item is not kept
	}
	clear(e.n)
}

// add appends an extra, numbering a repeated name.
func (e *extraNames) add(ex []catalog.Extra, name, value string) []catalog.Extra {
	if e.n == nil {
		e.n = make(map[string]int)
	}
	c := e.n[name] + 1
	e.n[name] = c
	if c > 1 {
		name += "#" + strconv.Itoa(c)
	}
	return append(ex, catalog.Extra{Name: name, Value: value})
}

// scheme is the ISO 6523 scheme of a cXML credential or SupplierID domain.
func scheme(domain string) string {
	switch strings.ToUpper(domain) {
	case "DUNS":
		return "0060"
	case "GLN":
		return "0088"
	case "DK:CVR":
		return "0184"
	case "NO:ORGNR":
		return "0192"
	case "SE:ORGNR":
		return "0007"
	}
	if s, ok := strings.CutPrefix(strings.ToUpper(domain), "ICD:"); ok {
		return s
	}
	return ""
}

// headerEnd maps what comes before the first index item: the credentials,
// the SupplierID and Comments of the Index; and refuses a
// CatalogUploadRequest that only points at its catalogue.
func (rd *Reader) headerEnd(f *frame, depth int, v []byte) error {
	h := &rd.hdr
	if rd.upload && f.name == "URL" && rd.stack[depth-1].name == "Attachment" {
		rd.attachment = string(v)
	}
	if rd.upload && depth == 2 && f.name == "CatalogUploadRequest" && rd.index == 0 {
		switch {
		case strings.HasPrefix(strings.ToLower(rd.attachment), "cid:"):
			return rd.refuse("the cXML CatalogUploadRequest holds no catalogue: its catalogue is the MIME attachment %s of the message it came in; save that attachment (a cXML Index or a CIF file) and read it", rd.attachment)
		case rd.attachment != "":
			return rd.refuse("the cXML CatalogUploadRequest holds no catalogue: it points at its catalogue in %s; read that file (a cXML Index or a CIF file) instead", rd.attachment)
		}
		return rd.refuse("the cXML CatalogUploadRequest holds no catalogue and names no attachment")
	}
	if f.child || len(v) == 0 {
		return nil
	}
	s := string(v)
	parent := rd.stack[depth-1]
	switch {
	case rd.index > 0 && depth == rd.index && f.name == "SupplierID":
		if h.Seller.ID == "" {
			h.Seller.ID, h.Seller.IDScheme = s, scheme(f.attr)
			return nil
		}
	case rd.index > 0 && depth == rd.index && f.name == "Comments":
		if h.Name == "" {
			h.Name = s
			return nil
		}
	case depth == 4 && rd.stack[1].name == "Header" && f.name == "Identity" && parent.name == "Credential":
		switch rd.stack[2].name {
		case "From":
			if h.Seller.EndpointID == "" {
				h.Seller.EndpointID, h.Seller.EndpointScheme = s, scheme(parent.attr)
			}
			return nil
		case "To":
			if h.Receiver.ID == "" {
				h.Receiver.ID, h.Receiver.IDScheme = s, scheme(parent.attr)
			}
			return nil
		}
	case f.name == "SharedSecret":
		return nil // a password is never kept
	case rd.upload && depth == 3 && f.name == "CatalogName":
		h.Name = s
		return nil
	}
	h.Extra = rd.hx.add(h.Extra, rd.path(1), s)
	return nil
}

// itemEnd maps an element of an index item as it closes.
func (rd *Reader) itemEnd(f *frame, depth int, v []byte) {
	l := rd.l
	rel := depth - rd.itemDep // 0: a child of the item
	sec := rd.stack[rd.itemDep].name
	parent := rd.stack[depth-1].name
	s := string(v)
	switch {
	case sec == "ItemID" && f.name == "SupplierPartID":
		l.SellerItemID = s
		return
	case f.name == "Description" && (parent == "ItemDetail" || parent == "PunchoutDetail") && !rd.descDone:
		rd.descDone = true
		switch {
		case l.Name == "":
			l.Name = s
		case s != l.Name:
			l.Description = s
		}
		return
	case f.name == "ShortName" && parent == "Description" && !rd.descDone:
		// The ShortName comes before the Description's own text closes.
		if l.Name != "" && l.Description == "" {
			l.Description = l.Name
		}
		l.Name = s
		return
	case f.name == "Money" && parent == "UnitPrice" && rel == 2:
		rd.num(catalog.FieldPrice, f.name, s)
		l.Currency = f.attr
		return
	case f.name == "UnitOfMeasure" && parent == sec && rel == 1:
		l.Unit, l.UnitText = unit(s)
		return
	case f.name == "PriceBasisQuantity" && rel == 1:
		rd.num(catalog.FieldPriceBaseQuantity, f.name, f.attr)
		return
	case f.name == "UnitOfMeasure" && parent == "PriceBasisQuantity":
		return
	case f.name == "Classification" && rel == 1:
		if s != "" {
			l.Classification = append(l.Classification, catalog.Classification{Scheme: classScheme(f.attr), Code: s})
		}
		return
	case f.name == "ManufacturerPartID" && rel == 1:
		l.ManufacturerItemID = s
		return
	case f.name == "ManufacturerName" && rel == 1:
		l.ManufacturerName = s
		return
	case f.name == "EANID" && parent == "ItemDetailRetail":
		l.GTIN = s
		return
	case f.name == "LeadTime" && rel == 1:
		rd.num(catalog.FieldLeadTimeDays, f.name, s)
		return
	case f.name == "ExpirationDate" && rel == 1:
		l.ValidTo = date(s)
		return
	case f.name == "EffectiveDate" && rel == 1:
		l.ValidFrom = date(s)
		return
	}
	if f.child || s == "" {
		return
	}
	l.Extra = rd.lx.add(l.Extra, rd.path(rd.itemDep), s)
}

// date is the date part of a cXML date and time.
func date(s string) string {
	if len(s) > 10 && s[10] == 'T' {
		return s[:10]
	}
	return s
}

// classScheme names a Classification domain as the canonical schemes do.
func classScheme(domain string) string {
	d := strings.TrimSpace(domain)
	switch strings.ToUpper(d) {
	case "UNSPSC":
		return "UNSPSC"
	case "ECLASS", "ECL@SS":
		return "ECLASS"
	case "ETIM":
		return "ETIM"
	case "CPV":
		return "CPV"
	}
	return d
}

// unit reads a UnitOfMeasure (Rec 20 codes, often the retired ones Ariba
// knows) as the current Rec 20/21 code, keeping the text as written when
// it differs.
func unit(s string) (code, text string) {
	r, ok := units.Resolve(s)
	if !ok || len(r.Alternatives) > 0 {
		return s, ""
	}
	if r.Code != s {
		return r.Code, s
	}
	return s, ""
}

func (rd *Reader) num(f catalog.Field, elem, s string) {
	l := rd.l
	if s == "" {
		return
	}
	x, err := strconv.ParseFloat(s, 64)
	var rule *catalog.Rule
	switch {
	case err != nil || math.IsInf(x, 0) || math.IsNaN(x):
		rule = catalog.RuleReadNotNumber
	case catalog.Fields[f].Kind == catalog.KindInteger && x != math.Trunc(x):
		rule = catalog.RuleReadNotInteger
	}
	if rule != nil {
		l.Bad.Add(f)
		l.Findings = append(l.Findings, catalog.Finding{Rule: rule, Severity: catalog.Error, Line: rd.ordinal,
			Pos: catalog.Pos{XPath: rd.xpath()}, Field: f.String(), Value: s, Args: []string{elem, s}})
		l.Extra = rd.lx.add(l.Extra, rd.path(rd.itemDep), s)
		return
	}
	*l.NumField(f) = catalog.N(x)
}

func (rd *Reader) finishItem() {
	l := rd.l
	l.Src.Line = rd.ordinal
	switch rd.itemName {
	case "IndexItemAdd", "IndexItemPunchout":
		l.Action = "add"
	case "IndexItemDelete":
		l.Action = "delete"
	case "IndexItemPortion":
		l.Action = "update"
	}
	rd.inItem = false
	rd.lineDone = true
}

// fieldPath is where a field sits in an IndexItemAdd.
var fieldPath = [...]string{
	catalog.FieldSellerItemID:       "ItemID/SupplierPartID",
	catalog.FieldPrice:              "ItemDetail/UnitPrice/Money",
	catalog.FieldCurrency:           "ItemDetail/UnitPrice/Money/@currency",
	catalog.FieldName:               "ItemDetail/Description/ShortName",
	catalog.FieldDescription:        "ItemDetail/Description",
	catalog.FieldUnit:               "ItemDetail/UnitOfMeasure",
	catalog.FieldUnitText:           "ItemDetail/UnitOfMeasure",
	catalog.FieldPriceBaseQuantity:  "ItemDetail/PriceBasisQuantity/@quantity",
	catalog.FieldClassification:     "ItemDetail/Classification",
	catalog.FieldManufacturerItemID: "ItemDetail/ManufacturerPartID",
	catalog.FieldManufacturerName:   "ItemDetail/ManufacturerName",
	catalog.FieldGTIN:               "ItemDetail/ItemDetailIndustry/ItemDetailRetail/EANID",
	catalog.FieldLeadTimeDays:       "IndexItemDetail/LeadTime",
	catalog.FieldValidTo:            "IndexItemDetail/ExpirationDate",
	catalog.FieldValidFrom:          "IndexItemDetail/EffectiveDate",
	catalog.FieldExtra:              "",
}

// Locate returns where a field of a line sits: its XPath in the document.
func (rd *Reader) Locate(l *catalog.Line, f catalog.Field) catalog.Pos {
	var b strings.Builder
	for i := 0; i < rd.index && i < len(rd.stack); i++ {
		b.WriteString("/" + rd.stack[i].name)
	}
	if b.Len() == 0 {
		b.WriteString("/cXML/Message/Index")
	}
	item := rd.itemName
	if item == "" {
		item = "IndexItemAdd"
	}
	b.WriteString("/IndexItem/" + item + "[" + strconv.Itoa(l.Src.Line) + "]")
	if int(f) < len(fieldPath) && fieldPath[f] != "" && l.Action != "delete" {
		b.WriteString("/" + fieldPath[f])
	}
	return catalog.Pos{XPath: b.String()}
}
