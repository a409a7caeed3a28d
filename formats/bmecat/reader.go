package bmecat

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

// The namespaces of BMEcat documents. BMEcat 1.2 has one per transaction;
// 1.01 and many 1.2 files have none at all.
const (
	NS12NewCatalog     = "http://www.bmecat.org/bmecat/1.2/bmecat_new_catalog"
	NS12UpdateProducts = "http://www.bmecat.org/bmecat/1.2/bmecat_update_products"
	NS12UpdatePrices   = "http://www.bmecat.org/bmecat/1.2/bmecat_update_prices"
	NS2005FD           = "http://www.bmecat.org/bmecat/2005fd"
)

// KnownNS reports whether uri is a BMEcat namespace (or none).
func KnownNS(uri string) bool {
	switch uri {
	case "", NS, NS2005FD, NS12NewCatalog, NS12UpdateProducts, NS12UpdatePrices:
		return true
	}
	return false
}

// Transactions a reader reads.
const (
	TNewCatalog     = "T_NEW_CATALOG"
	TUpdateProducts = "T_UPDATE_PRODUCTS"
	TUpdatePrices   = "T_UPDATE_PRICES"
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
	// MaxItemNodes bounds the elements of one ARTICLE or PRODUCT and of the
	// HEADER (default 100,000), which bounds the memory a line takes.
	MaxItemNodes int
}

// frame is an open element.
type frame struct {
	name      string // local name, interned
	attr      string // its type, price_type or mode attribute, interned
	textStart int    // where its own text starts in Reader.text
	child     bool   // it has child elements
}

// price is one ARTICLE_PRICE or PRODUCT_PRICE of the current item.
type price struct {
	typ                                  string
	amount, currency, tax, factor, lower string
	territory                            string
}

// mime is one MIME element of the current item.
type mime struct {
	typ, source, purpose, descr string
}

// Reader streams the lines of a BMEcat 1.2 or 2005 document: one line per
// ARTICLE (1.x) or PRODUCT (2005) of a T_NEW_CATALOG, T_UPDATE_PRODUCTS or
// T_UPDATE_PRICES transaction.
type Reader struct {
	opt      Options
	sc       *xmlscan.Scanner
	encoding string

	names *xmlscan.Names
	lx    extraNames        // the current line's extra names
	hx    extraNames        // the header's
	vals  map[string]string // shared value strings (value)
	stack []frame
	text  []byte

	ns, version, txn string
	hdr              catalog.Header
	findings         []catalog.Finding
	headerDone       bool
	rootSeen         bool
	rootClosed       bool
	err              error
	atEOF            bool

	// The current item.
	itemName  string // ARTICLE or PRODUCT
	inItem    bool
	lineDone  bool
	ordinal   int
	action    string
	nodes     int
	l         *catalog.Line
	scratch   catalog.Line
	prices    []price
	cur       price
	mime      mime
	fname     string
	fvalues   []string
	funit     string
	fsystem   string
	fgroup    string
	validDone bool
	mimeRoot  string // the header's MIME_ROOT, when it is an http(s) URL
	// skipped counts the transaction's elements other than items (group
	// systems, item-to-group maps), by name, in order of appearance.
	skipped []skip
}

type skip struct {
	name string
	n    int
}

// Open reads a BMEcat document up to its first item, so that the header is
// complete. A document that is not BMEcat is an error that says what it is.
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
	sc.AllowDTD(true)
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
		return nil, catalog.Errorf(o.Name, 0, 0, "the file has no XML element: not a BMEcat catalogue")
	}
	return rd, nil
}

// Header returns the catalogue header.
func (rd *Reader) Header() catalog.Header { return rd.hdr }

// Version is the document's BMECAT version attribute ("1.2", "2005", …).
func (rd *Reader) Version() string { return rd.version }

// Transaction names the document's transaction (T_NEW_CATALOG, …).
func (rd *Reader) Transaction() string { return rd.txn }

// Encoding names the encoding the document was read in.
func (rd *Reader) Encoding() string { return rd.encoding }

// Fields says which fields a BMEcat item can supply.
func (rd *Reader) Fields() catalog.FieldSet {
	s := Carries
	s.Add(catalog.FieldAction)
	return s
}

// Findings returns the file-level findings so far.
func (rd *Reader) Findings() []catalog.Finding { return rd.findings }

// EstimateLines guesses the number of lines of a file of the size (an
// item is about 2 KB).
func (rd *Reader) EstimateLines(size int64) int { return int(size/2000) + 1 }

// Next reads the next item into l; io.EOF after the last.
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

// xpath is the path of the open elements.
func (rd *Reader) xpath() string {
	var b strings.Builder
	for i, f := range rd.stack {
		b.WriteByte('/')
		b.WriteString(f.name)
		if i == 2 && rd.inItem && f.name == rd.itemName {
			b.WriteString("[" + strconv.Itoa(rd.ordinal) + "]")
		}
	}
	return b.String()
}

func (rd *Reader) syntax(err error) error {
	return rd.fail(rd.sc.ReadError(rd.opt.Name, err, rd.xpath))
}

// step consumes one token; io.EOF at the end of a well-formed document.
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
		return rd.fail(catalog.Errorf(rd.opt.Name, 0, 0, "the file has no XML element: not a BMEcat catalogue"))
	}
	rd.headerDone = true
	rd.atEOF = true
	for _, s := range rd.skipped {
		rd.findings = append(rd.findings, catalog.Finding{Rule: catalog.RuleBMEcatNotRead, Severity: catalog.Info,
			Pos: catalog.Pos{XPath: "/BMECAT/" + rd.txn + "/" + s.name}, Args: []string{strconv.Itoa(s.n), s.name}})
	}
	return io.EOF
}

// skip counts an element of the transaction that is not an item.
func (rd *Reader) skip(name string) {
	for i := range rd.skipped {
		if rd.skipped[i].name == name {
			rd.skipped[i].n++
			return
		}
	}
	rd.skipped = append(rd.skipped, skip{name, 1})
}

func localName(q []byte, colon int) []byte {
	if colon >= 0 {
		return q[colon+1:]
	}
	return q
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
		switch string(localName(a.QName(), a.Colon())) {
		case "type", "price_type", "mode":
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
		if err := rd.root(name); err != nil {
			return err
		}
	case depth == 1:
		switch name {
		case TNewCatalog, TUpdateProducts, TUpdatePrices:
			if rd.txn != "" {
				return xmlscan.Errorf(sc.Off(), "a second transaction <%s> after <%s>: a BMEcat document holds one", name, rd.txn)
			}
			rd.txn = name
		case "HEADER":
		default:
			if strings.HasPrefix(name, "T_") {
				return xmlscan.Errorf(sc.Off(), "the transaction <%s> holds no catalogue items ekatalog reads (T_NEW_CATALOG, T_UPDATE_PRODUCTS, T_UPDATE_PRICES)", name)
			}
		}
	case depth == 2 && rd.txn != "" && rd.stack[1].name == rd.txn && name != "ARTICLE" && name != "PRODUCT":
		rd.skip(name)
	case depth == 2 && rd.txn != "" && rd.stack[1].name == rd.txn && (name == "ARTICLE" || name == "PRODUCT"):
		rd.headerDone = true
		rd.inItem, rd.itemName = true, name
		rd.ordinal++
		rd.nodes = 0
		rd.lx.reset()
		rd.prices = rd.prices[:0]
		rd.validDone = false
		rd.action = ""
		switch rd.txn {
		case TUpdatePrices:
			rd.action = "update"
		case TUpdateProducts:
			switch strings.ToLower(f.attr) {
			case "new":
				rd.action = "add"
			case "update":
				rd.action = "update"
			case "delete":
				rd.action = "delete"
			}
		}
	}
	if rd.inItem || !rd.headerDone {
		rd.nodes++
		if rd.nodes > rd.opt.MaxItemNodes {
			return xmlscan.Errorf(sc.Off(), "more than %d elements in one item or in the header (the limit MaxItemNodes)", rd.opt.MaxItemNodes)
		}
	}
	rd.stack = append(rd.stack, f)
	if rd.inItem {
		rd.itemStart(name)
	}
	if sc.SelfClose() {
		return rd.end()
	}
	return nil
}

// root checks the root element.
func (rd *Reader) root(name string) error {
	sc := rd.sc
	var ns, version []byte
	prefix := []byte(nil)
	if c := sc.Colon(); c >= 0 {
		prefix = sc.QName()[:c]
	}
	for i := range sc.Attrs() {
		a := &sc.Attrs()[i]
		q := a.QName()
		switch {
		case prefix == nil && string(q) == "xmlns",
			prefix != nil && a.Colon() == 5 && string(q[:5]) == "xmlns" && string(q[6:]) == string(prefix):
			ns = a.RawValue()
		case string(q) == "version":
			version = a.RawValue()
		}
	}
	rd.rootSeen = true
	rd.ns, rd.version = strings.TrimSpace(string(ns)), strings.TrimSpace(string(version))
	if name != "BMECAT" {
		if rd.ns == "" {
			return fmt.Errorf("the root element is %s, not BMECAT: not a BMEcat catalogue", name)
		}
		return fmt.Errorf("the root element is {%s}%s, not BMECAT: not a BMEcat catalogue", rd.ns, name)
	}
	if !KnownNS(rd.ns) {
		return fmt.Errorf("the root element BMECAT is in the namespace %q, which is not BMEcat's (%s, or %s and its transaction namespaces)", rd.ns, NS, NS12NewCatalog)
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
	// Only text that can become a value is decoded: the header's and the
	// items'. Elsewhere (catalogue group systems) it is skipped.
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
	var v []byte
	if !f.child {
		v = bytes.TrimSpace(rd.text[f.textStart:])
	}
	switch {
	case depth == 0:
		rd.rootClosed = true
		rd.headerDone = true
	case rd.inItem && depth == 2:
		rd.finishItem()
	case rd.inItem:
		rd.itemEnd(f, v)
	case !rd.headerDone && depth >= 2 && rd.stack[1].name == "HEADER":
		rd.headerEnd(f, v)
	case depth == 1 && f.name == "HEADER":
		rd.headerDone = true
	}
	rd.text = rd.text[:f.textStart]
	rd.stack = rd.stack[:depth]
	return nil
}

// path joins the names of the open elements from depth from to the top,
// with the type attribute of the innermost as [type].
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

// headerEnd maps a header element.
func (rd *Reader) headerEnd(f *frame, v []byte) {
	if f.child {
		return
	}
	h := &rd.hdr
	parent := rd.stack[len(rd.stack)-2]
	p := rd.path(2)
	set := func(dst *string) {
		if *dst == "" {
			*dst = string(v)
		} else {
			h.Extra = rd.hx.add(h.Extra, p, string(v))
		}
	}
	switch {
	case len(v) == 0:
	case p == "CATALOG/CATALOG_ID":
		set(&h.ID)
	case p == "CATALOG/CATALOG_VERSION":
		set(&h.Version)
	case p == "CATALOG/CATALOG_NAME":
		set(&h.Name)
	case strings.HasPrefix(p, "CATALOG/LANGUAGE"):
		if h.Language == "" {
			h.Language = lang2(string(v))
		}
	case p == "CATALOG/CURRENCY":
		set(&h.Currency)
	case p == "CATALOG/MIME_ROOT":
		h.Extra = rd.hx.add(h.Extra, p, string(v))
		if u := strings.ToLower(string(v)); strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
			rd.mimeRoot = string(v)
		}
	case p == "CATALOG/GENERATION_DATE":
		set(&h.IssueDate)
		if len(h.IssueDate) > 10 && h.IssueDate[10] == 'T' {
			h.IssueDate = h.IssueDate[:10]
		}
	case f.name == "DATE" && parent.name == "DATETIME" && len(rd.stack) == 5:
		switch rd.stack[2].name + "/" + parent.attr {
		case "CATALOG/generation_date":
			set(&h.IssueDate)
		case "AGREEMENT/agreement_start_date":
			set(&h.ValidFrom)
		case "AGREEMENT/agreement_end_date":
			set(&h.ValidTo)
		default:
			h.Extra = rd.hx.add(h.Extra, rd.path(2)+"/"+parent.attr, string(v))
		}
	case p == "AGREEMENT/AGREEMENT_ID":
		set(&h.AgreementID)
	case strings.HasPrefix(p, "SUPPLIER/SUPPLIER_ID"):
		h.Seller.ID, h.Seller.IDScheme = string(v), idScheme(f.attr)
	case p == "SUPPLIER/SUPPLIER_NAME":
		set(&h.Seller.Name)
	case p == "SUPPLIER/ADDRESS/COUNTRY_CODED" || p == "SUPPLIER/ADDRESS[supplier]/COUNTRY_CODED" ||
		f.name == "COUNTRY" && strings.HasPrefix(p, "SUPPLIER/ADDRESS") && len(v) == 2:
		set(&h.Seller.Country)
	case strings.HasPrefix(p, "BUYER/BUYER_ID"):
		h.Receiver.ID, h.Receiver.IDScheme = string(v), idScheme(f.attr)
	case p == "BUYER/BUYER_NAME":
		set(&h.Receiver.Name)
	case f.name == "COUNTRY_CODED" && strings.HasPrefix(p, "BUYER/ADDRESS") ||
		f.name == "COUNTRY" && strings.HasPrefix(p, "BUYER/ADDRESS") && len(v) == 2:
		set(&h.Receiver.Country)
	default:
		h.Extra = rd.hx.add(h.Extra, p, string(v))
	}
}

// idScheme is the ISO 6523 scheme of a SUPPLIER_ID or BUYER_ID type.
func idScheme(t string) string {
	switch strings.ToLower(t) {
	case "gln", "iln":
		return "0088"
	case "duns":
		return "0060"
	}
	return ""
}

// lang2 turns BMEcat's ISO 639-2 language into ISO 639-1 where known.
func lang2(s string) string {
	switch strings.ToLower(s) {
	case "deu", "ger":
		return "de"
	case "eng":
		return "en"
	case "dan":
		return "da"
	case "swe":
		return "sv"
	case "nor", "nob", "nno":
		return "no"
	case "fin":
		return "fi"
	case "fra", "fre":
		return "fr"
	case "nld", "dut":
		return "nl"
	case "ita":
		return "it"
	case "spa":
		return "es"
	case "pol":
		return "pl"
	}
	return strings.ToLower(s)
}

// itemStart resets the state of the composite elements of an item.
func (rd *Reader) itemStart(name string) {
	switch name {
	case "ARTICLE_PRICE", "PRODUCT_PRICE":
		rd.cur = price{}
	case "MIME":
		rd.mime = mime{}
	case "FEATURE":
		rd.fname, rd.funit, rd.fvalues = "", "", rd.fvalues[:0]
	case "ARTICLE_FEATURES", "PRODUCT_FEATURES":
		rd.fsystem, rd.fgroup = "", ""
	}
}

// section is the name of the item's child element the open element is in.
func (rd *Reader) section() string {
	if len(rd.stack) > 3 {
		return rd.stack[3].name
	}
	return ""
}

// itemEnd maps an element of an item as it closes.
func (rd *Reader) itemEnd(f *frame, v []byte) {
	l := rd.l
	depth := len(rd.stack) - 1
	parent := rd.stack[depth-1].name
	if f.child {
		switch f.name {
		case "ARTICLE_PRICE", "PRODUCT_PRICE":
			c := rd.cur
			c.typ = f.attr
			rd.prices = append(rd.prices, c)
		case "MIME":
			rd.endMime()
		case "FEATURE":
			if rd.fname != "" || len(rd.fvalues) > 0 {
				val := strings.Join(rd.fvalues, "; ")
				if rd.funit != "" {
					val += " " + rd.funit
				}
				l.Extra = rd.lx.add(l.Extra, "FEATURE/"+rd.fname, val)
			}
		case "ARTICLE_FEATURES", "PRODUCT_FEATURES":
			rd.endFeatures()
		case "ARTICLE_PRICE_DETAILS", "PRODUCT_PRICE_DETAILS":
			rd.validDone = true
		}
		return
	}
	s := rd.value(f.name, v)
	sec := rd.section()
	switch {
	case depth == 3 && (f.name == "SUPPLIER_AID" || f.name == "SUPPLIER_PID"):
		l.SellerItemID = s
		return
	case sec == "ARTICLE_DETAILS" || sec == "PRODUCT_DETAILS":
		if depth != 4 {
			break
		}
		switch f.name {
		case "DESCRIPTION_SHORT":
			l.Name = s
			return
		case "DESCRIPTION_LONG":
			l.Description = s
			return
		case "EAN":
			if l.GTIN == "" {
				l.GTIN = s
				return
			}
		case "INTERNATIONAL_PID":
			if t := strings.ToLower(f.attr); (t == "gtin" || t == "ean" || t == "") && l.GTIN == "" {
				l.GTIN = s
				return
			}
		case "MANUFACTURER_AID", "MANUFACTURER_PID":
			if l.ManufacturerItemID == "" {
				l.ManufacturerItemID = s
				return
			}
		case "MANUFACTURER_NAME":
			l.ManufacturerName = s
			return
		case "DELIVERY_TIME":
			rd.num(catalog.FieldLeadTimeDays, f.name, s)
			return
		case "KEYWORD":
			if s != "" {
				l.Keywords = append(l.Keywords, s)
			}
			return
		}
		rd.extra(s)
		return
	case sec == "ARTICLE_ORDER_DETAILS" || sec == "PRODUCT_ORDER_DETAILS":
		if depth == 4 {
			switch f.name {
			case "ORDER_UNIT":
				l.Unit, l.UnitText = unit(s)
				return
			case "CONTENT_UNIT":
				l.ContentUnit, _ = unit(s)
				return
			case "NO_CU_PER_OU":
				rd.num(catalog.FieldPackQuantity, f.name, s)
				return
			case "PRICE_QUANTITY":
				rd.num(catalog.FieldPriceBaseQuantity, f.name, s)
				return
			case "QUANTITY_MIN":
				rd.num(catalog.FieldMinOrderQuantity, f.name, s)
				return
			case "QUANTITY_INTERVAL":
				rd.num(catalog.FieldOrderQuantityIncrement, f.name, s)
				return
			case "QUANTITY_MAX":
				rd.num(catalog.FieldMaxOrderQuantity, f.name, s)
				return
			}
		}
	case sec == "ARTICLE_PRICE_DETAILS" || sec == "PRODUCT_PRICE_DETAILS":
		if parent == "ARTICLE_PRICE" || parent == "PRODUCT_PRICE" || parent == "TAX_DETAILS" {
			c := &rd.cur
			switch f.name {
			case "PRICE_AMOUNT":
				c.amount = s
				return
			case "PRICE_CURRENCY":
				c.currency = s
				return
			case "TAX":
				c.tax = s
				return
			case "PRICE_FACTOR":
				c.factor = s
				return
			case "LOWER_BOUND":
				c.lower = s
				return
			case "TERRITORY":
				if c.territory != "" {
					c.territory += " "
				}
				c.territory += s
				return
			}
		}
		switch {
		case f.name == "VALID_START_DATE" && l.ValidFrom == "": // 2005, in the price
			l.ValidFrom = s
			return
		case f.name == "VALID_END_DATE" && l.ValidTo == "":
			l.ValidTo = s
			return
		}
		if f.name == "DATE" && parent == "DATETIME" && depth == 5 && !rd.validDone {
			switch rd.stack[depth-1].attr {
			case "valid_start_date":
				l.ValidFrom = s
				return
			case "valid_end_date":
				l.ValidTo = s
				return
			}
		}
	case sec == "MIME_INFO" && parent == "MIME":
		switch f.name {
		case "MIME_TYPE":
			rd.mime.typ = s
		case "MIME_SOURCE":
			rd.mime.source = s
		case "MIME_PURPOSE":
			rd.mime.purpose = s
		case "MIME_DESCR":
			rd.mime.descr = s
		default:
			rd.extra(s)
		}
		return
	case sec == "ARTICLE_FEATURES" || sec == "PRODUCT_FEATURES":
		switch {
		case depth == 4 && f.name == "REFERENCE_FEATURE_SYSTEM_NAME":
			rd.fsystem = s
			return
		case depth == 4 && (f.name == "REFERENCE_FEATURE_GROUP_ID" || f.name == "REFERENCE_FEATURE_GROUP_NAME" && rd.fgroup == ""):
			rd.fgroup = s
			return
		case parent == "FEATURE" && f.name == "FNAME":
			rd.fname = s
			return
		case parent == "FEATURE" && f.name == "FVALUE":
			rd.fvalues = append(rd.fvalues, s)
			return
		case parent == "FEATURE" && f.name == "FUNIT":
			rd.funit = s
			return
		}
	case (sec == "ARTICLE_LOGISTIC_DETAILS" || sec == "PRODUCT_LOGISTIC_DETAILS") && f.name == "COUNTRY_OF_ORIGIN" && depth == 4:
		if l.OriginCountry == "" {
			l.OriginCountry = s
			return
		}
	}
	rd.extra(s)
}

// shortValues are the elements whose values repeat from item to item
// (units, currencies, quantities, amounts, tax rates, MIME types,
// classification codes, manufacturers): their strings are shared, so that
// an item costs few allocations.
var shortValues = map[string]bool{
	"ORDER_UNIT": true, "CONTENT_UNIT": true, "NO_CU_PER_OU": true, "PRICE_QUANTITY": true, "QUANTITY_MIN": true,
	"QUANTITY_INTERVAL": true, "QUANTITY_MAX": true, "DELIVERY_TIME": true, "PRICE_AMOUNT": true, "PRICE_CURRENCY": true,
	"TAX": true, "PRICE_FACTOR": true, "LOWER_BOUND": true, "TERRITORY": true, "MIME_TYPE": true, "MIME_PURPOSE": true,
	"REFERENCE_FEATURE_SYSTEM_NAME": true, "REFERENCE_FEATURE_GROUP_ID": true, "MANUFACTURER_NAME": true, "FUNIT": true,
	"DATE": true, "VALID_START_DATE": true, "VALID_END_DATE": true, "COUNTRY_OF_ORIGIN": true,
}

// maxValues bounds the shared value strings a reader keeps.
const maxValues = 8192

// value returns the text of an element as a string, shared for the
// elements whose values repeat.
func (rd *Reader) value(name string, v []byte) string {
	if !shortValues[name] || len(v) > 40 {
		return string(v)
	}
	if s, ok := rd.vals[string(v)]; ok {
		return s
	}
	s := string(v)
	if len(rd.vals) < maxValues {
		if rd.vals == nil {
			rd.vals = make(map[string]string)
		}
		rd.vals[s] = s
	}
	return s
}

// extra keeps the value of the element that just closed under its path in
// the item.
func (rd *Reader) extra(s string) {
	if s == "" {
		return
	}
	rd.l.Extra = rd.lx.add(rd.l.Extra, rd.path(3), s)
}

// unit reads an ORDER_UNIT or CONTENT_UNIT: BMEcat's codes are Rec 20's
// (1.2 lists the 2001 edition, with codes since retired, such as PK) and
// words such as PCE; each becomes the current Rec 20/21 code of the same
// meaning, and the text as written is kept when it differs. A text no unit
// table knows is passed on as written, for the validator to report.
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

// parseNum reads a BMEcat number. BMEcat writes a decimal point; a
// decimal comma (17,23), which older files write, is read as one when it is
// the only separator.
func parseNum(s string) (float64, error) {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil && strings.Count(s, ",") == 1 && !strings.ContainsAny(s, ".eE") {
		return strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	}
	return x, err
}

// num sets a number field from an element's text; a text that is not a
// number is a finding and kept as extra (under the element's path, or
// under name when the element has closed).
func (rd *Reader) num(f catalog.Field, elem, s string, name ...string) {
	l := rd.l
	if s == "" {
		return
	}
	x, err := parseNum(s)
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
		if len(name) > 0 {
			l.Extra = rd.lx.add(l.Extra, name[0], s)
		} else {
			rd.extra(s)
		}
		return
	}
	*l.NumField(f) = catalog.N(x)
}

// endMime files a MIME element: an image (a MIME_TYPE image/…, or no type
// and a purpose that shows the item) goes to images, anything else (data
// sheets, logos) to extra under its purpose.
func (rd *Reader) endMime() {
	m := rd.mime
	if m.source == "" {
		return
	}
	image := strings.HasPrefix(strings.ToLower(m.typ), "image/")
	if m.typ == "" {
		switch m.purpose {
		case "", "normal", "detail", "thumbnail":
			image = mimeType(m.source) == "" || strings.HasPrefix(mimeType(m.source), "image/")
		}
	}
	if image && (m.purpose == "" || m.purpose == "normal" || m.purpose == "detail" || m.purpose == "thumbnail" || m.purpose == "others") {
		rd.l.Images = append(rd.l.Images, rd.mimeURL(m.source))
		return
	}
	name := "MIME_INFO/MIME"
	if m.purpose != "" {
		name += "[" + m.purpose + "]"
	}
	rd.l.Extra = rd.lx.add(rd.l.Extra, name, m.source)
}

// mimeURL is a MIME_SOURCE as a URL: a relative source is relative to the
// header's MIME_ROOT when that is an http(s) URL, and stays as written
// otherwise (the files then travel beside the catalogue).
func (rd *Reader) mimeURL(src string) string {
	if rd.mimeRoot == "" || strings.Contains(src, "://") {
		return src
	}
	return strings.TrimRight(rd.mimeRoot, "/") + "/" + strings.TrimLeft(src, "/")
}

// classScheme is the canonical classification scheme of a BMEcat feature
// or classification system name (ECLASS-5.1, ETIM-7.0, UNSPSC, …), "" for
// systems of the supplier's own.
func classScheme(system string) string {
	s := strings.ToUpper(strings.TrimSpace(system))
	if i := strings.IndexAny(s, "-_ "); i > 0 {
		s = s[:i]
	}
	switch s {
	case "ECLASS", "ECL@SS", "ECLASS@":
		return "ECLASS"
	case "ETIM":
		return "ETIM"
	case "UNSPSC":
		return "UNSPSC"
	case "CPV":
		return "CPV"
	case "GPC":
		return "GPC"
	case "PROFICLASS", "PROFICL@SS":
		return "PROFICLASS"
	}
	return ""
}

func (rd *Reader) endFeatures() {
	if rd.fgroup == "" {
		if rd.fsystem != "" {
			rd.l.Extra = rd.lx.add(rd.l.Extra, rd.section()+"/REFERENCE_FEATURE_SYSTEM_NAME", rd.fsystem)
		}
		return
	}
	if sch := classScheme(rd.fsystem); sch != "" {
		rd.l.Classification = append(rd.l.Classification, catalog.Classification{Scheme: sch, Code: rd.fgroup})
		if !strings.EqualFold(rd.fsystem, sch) {
			rd.l.Extra = rd.lx.add(rd.l.Extra, "classification/"+sch, rd.fsystem)
		}
		return
	}
	rd.l.Extra = rd.lx.add(rd.l.Extra, rd.section()+"["+rd.fsystem+"]", rd.fgroup)
}

// priceRank orders price types: the customer's net price first, then the
// list price; gross and recommended prices only when nothing else is given.
func priceRank(t string) int {
	switch strings.ToLower(t) {
	case "net_customer":
		return 0
	case "net_customer_exp":
		return 1
	case "net_list":
		return 2
	case "":
		return 3
	case "nrp":
		return 5
	case "gros_list":
		return 6
	}
	return 4
}

func lowerBound(s string) float64 {
	if s == "" {
		return 1
	}
	x, err := parseNum(s)
	if err != nil {
		return math.Inf(1)
	}
	return x
}

// finishItem completes the line: the price, the action, the ordinal.
func (rd *Reader) finishItem() {
	l := rd.l
	l.Src.Line = rd.ordinal
	l.Action = rd.action
	if rd.txn == TUpdateProducts && rd.action == "" {
		if m := rd.stack[2].attr; m != "" {
			l.Extra = rd.lx.add(l.Extra, "mode", m)
		}
	}
	best := -1
	for i := range rd.prices {
		p := &rd.prices[i]
		if p.amount == "" {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		b := &rd.prices[best]
		if r, rb := priceRank(p.typ), priceRank(b.typ); r < rb || r == rb && lowerBound(p.lower) < lowerBound(b.lower) {
			best = i
		}
	}
	for i := range rd.prices {
		p := &rd.prices[i]
		if i == best {
			rd.setPrice(p)
			continue
		}
		if p.amount == "" {
			continue
		}
		name := rd.itemName + "_PRICE[" + p.typ
		if p.lower != "" && p.lower != "1" {
			name += ";LOWER_BOUND=" + p.lower
		}
		if p.territory != "" {
			name += ";TERRITORY=" + p.territory
		}
		v := p.amount
		if p.currency != "" {
			v += " " + p.currency
		}
		l.Extra = rd.lx.add(l.Extra, name+"]", v)
	}
	rd.inItem = false
	rd.lineDone = true
}

func (rd *Reader) setPrice(p *price) {
	l := rd.l
	pp := rd.itemName + "_PRICE_DETAILS/" + rd.itemName + "_PRICE"
	rd.num(catalog.FieldPrice, "PRICE_AMOUNT", p.amount, pp+"/PRICE_AMOUNT")
	if p.factor != "" && l.Price.Valid {
		if f, err := parseNum(p.factor); err == nil && f != 1 {
			l.Price.V = round(l.Price.V * f)
			l.Extra = rd.lx.add(l.Extra, "PRICE_FACTOR", p.factor)
		}
	}
	if p.typ != "" && p.typ != "net_customer" {
		l.Extra = rd.lx.add(l.Extra, "price_type", p.typ)
	}
	l.Currency = p.currency
	if p.tax != "" {
		x, err := parseNum(p.tax)
		if err != nil {
			l.Bad.Add(catalog.FieldVATPercent)
			l.Findings = append(l.Findings, catalog.Finding{Rule: catalog.RuleReadNotNumber, Severity: catalog.Error, Line: rd.ordinal,
				Pos: catalog.Pos{XPath: rd.xpath() + "/" + pp + "/TAX"}, Field: catalog.FieldVATPercent.String(), Value: p.tax, Args: []string{"TAX", p.tax}})
			l.Extra = rd.lx.add(l.Extra, pp+"/TAX", p.tax)
		} else {
			// BMEcat writes the rate as a fraction (0.25); a value above 1
			// is a percentage already.
			if x <= 1 {
				x *= 100
			}
			l.VATPercent = catalog.N(round(x))
		}
	}
}

// round removes the binary noise of a multiplication (0.19*100).
func round(x float64) float64 { return math.Round(x*1e9) / 1e9 }

// fieldPath is where a field sits in an item, relative to it, with the
// 1.x names (ARTICLE_…); 2005 writes PRODUCT_ for ARTICLE_ and _PID for _AID.
var fieldPath = [...]string{
	catalog.FieldAction:                 "",
	catalog.FieldSellerItemID:           "SUPPLIER_AID",
	catalog.FieldGTIN:                   "ARTICLE_DETAILS/EAN",
	catalog.FieldManufacturerItemID:     "ARTICLE_DETAILS/MANUFACTURER_AID",
	catalog.FieldManufacturerName:       "ARTICLE_DETAILS/MANUFACTURER_NAME",
	catalog.FieldName:                   "ARTICLE_DETAILS/DESCRIPTION_SHORT",
	catalog.FieldDescription:            "ARTICLE_DETAILS/DESCRIPTION_LONG",
	catalog.FieldKeywords:               "ARTICLE_DETAILS/KEYWORD",
	catalog.FieldLeadTimeDays:           "ARTICLE_DETAILS/DELIVERY_TIME",
	catalog.FieldClassification:         "ARTICLE_FEATURES",
	catalog.FieldUnit:                   "ARTICLE_ORDER_DETAILS/ORDER_UNIT",
	catalog.FieldUnitText:               "ARTICLE_ORDER_DETAILS/ORDER_UNIT",
	catalog.FieldContentUnit:            "ARTICLE_ORDER_DETAILS/CONTENT_UNIT",
	catalog.FieldPackQuantity:           "ARTICLE_ORDER_DETAILS/NO_CU_PER_OU",
	catalog.FieldPriceBaseQuantity:      "ARTICLE_ORDER_DETAILS/PRICE_QUANTITY",
	catalog.FieldMinOrderQuantity:       "ARTICLE_ORDER_DETAILS/QUANTITY_MIN",
	catalog.FieldOrderQuantityIncrement: "ARTICLE_ORDER_DETAILS/QUANTITY_INTERVAL",
	catalog.FieldMaxOrderQuantity:       "ARTICLE_ORDER_DETAILS/QUANTITY_MAX",
	catalog.FieldPrice:                  "ARTICLE_PRICE_DETAILS/ARTICLE_PRICE/PRICE_AMOUNT",
	catalog.FieldCurrency:               "ARTICLE_PRICE_DETAILS/ARTICLE_PRICE/PRICE_CURRENCY",
	catalog.FieldVATPercent:             "ARTICLE_PRICE_DETAILS/ARTICLE_PRICE/TAX",
	catalog.FieldValidFrom:              "ARTICLE_PRICE_DETAILS/DATETIME",
	catalog.FieldValidTo:                "ARTICLE_PRICE_DETAILS/DATETIME",
	catalog.FieldImages:                 "MIME_INFO",
	catalog.FieldOriginCountry:          "ARTICLE_LOGISTIC_DETAILS/COUNTRY_OF_ORIGIN",
	catalog.FieldExtra:                  "",
}

var fieldPath2005 = func() []string {
	p := make([]string, len(fieldPath))
	r := strings.NewReplacer("ARTICLE_", "PRODUCT_", "_AID", "_PID", "/EAN", "/INTERNATIONAL_PID")
	for i, s := range fieldPath {
		p[i] = r.Replace(s)
	}
	return p
}()

// Locate returns where a field of a line sits: its XPath in the document.
func (rd *Reader) Locate(l *catalog.Line, f catalog.Field) catalog.Pos {
	txn := rd.txn
	if txn == "" {
		txn = TNewCatalog
	}
	item := "/BMECAT/" + txn + "/" + rd.itemNameOr() + "[" + strconv.Itoa(l.Src.Line) + "]"
	paths := fieldPath[:]
	if rd.itemNameOr() == "PRODUCT" {
		paths = fieldPath2005
	}
	if int(f) < len(paths) && paths[f] != "" {
		return catalog.Pos{XPath: item + "/" + paths[f]}
	}
	return catalog.Pos{XPath: item}
}

func (rd *Reader) itemNameOr() string {
	switch {
	case rd.itemName != "":
		return rd.itemName
	case rd.version == "2005" || rd.ns == NS || rd.ns == NS2005FD:
		return "PRODUCT"
	}
	return "ARTICLE"
}
