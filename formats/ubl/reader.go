package ubl

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/internal/xmlscan"
)

// Defaults of Options.
const (
	DefaultMaxDepth      = 256
	DefaultMaxTokenBytes = 16 << 20
	DefaultMaxLineNodes  = 100_000

	bufSize      = 256 << 10
	maxNames     = 30_000 // distinct element and attribute names a reader numbers
	maxNamespace = 10_000
	maxAttrs     = 1000 // attributes of one element
)

// Options say how to read. The zero value reads with the defaults.
type Options struct {
	// Name is the file name used in errors and findings.
	Name string
	// MaxDepth bounds the nesting of elements (default 256); deeper
	// documents are an error, not a stack overflow.
	MaxDepth int
	// MaxTokenBytes bounds a single tag or text (default 16 MiB), such as
	// an embedded image.
	MaxTokenBytes int
	// MaxLineNodes bounds the elements of one catalogue line and of the
	// header (default 100,000), which bounds the memory a line takes.
	MaxLineNodes int
	// Checkers returns the rule sets that check the XML of a document of
	// the flavour (peppol-bis3, oioubl, ubl); nil checks nothing.
	Checkers func(flavour string) []Checker
}

// Checker checks the XML of a catalogue as it streams, on the element
// trees the reader builds: Header once, when the header is complete (before
// the first line); Line for each catalogue line, whose tree is valid only
// during the call; End after the last line of a document read to its end.
// Findings go to add; they carry the element's XPath (Node.XPath) and,
// where a canonical field is concerned, its name. Line findings need not
// set Finding.Line: the reader does.
type Checker interface {
	Header(root *Node, add func(catalog.Finding))
	Line(line *Node, ordinal int, add func(catalog.Finding))
	End(add func(catalog.Finding))
}

// Flavours of UBL catalogue, as Flavour reports them.
const (
	FlavourPeppol = "peppol-bis3"
	FlavourOIOUBL = "oioubl"
	FlavourUBL    = "ubl"
)

// Reader streams the lines of a UBL 2.1 Catalogue.
type Reader struct {
	name     string
	opt      Options
	sc       *xmlscan.Scanner
	encoding string

	nsURIs   []string
	nsByURI  map[string]uint16
	bindings []binding
	dynNames map[string]uint16
	dynList  []string
	scratch  []byte

	stack  []frame
	header tree
	line   tree
	root   *Node

	headerDone, lineDone, rootClosed, atEOF bool
	err                                     error

	// doc is the root element: Catalogue or an update document
	// (CataloguePricingUpdate, CatalogueItemSpecificationUpdate,
	// CatalogueDeletion); lineName and lineType are its line element.
	doc      string
	lineName uint16
	lineType int16

	ordinal  int
	hdr      catalog.Header
	flavour  string
	findings []catalog.Finding

	lm lineMap // the current line's mapping state

	checkers []Checker
	cur      *catalog.Line // the line the checkers are looking at
	addLine  func(catalog.Finding)
}

type binding struct {
	prefix string
	ns     uint16
}

type frame struct {
	node    *Node
	nbind   int  // len(bindings) before this element
	ordered bool // the children so far follow the schema's sequence
	nchild  int
	wide    map[uint32]*Node // last child by name, for wide unordered parents
}

// Open reads the document up to its first catalogue line, so that the
// header is complete. A document that is not a UBL Catalogue is an error
// that says what it is.
func Open(r io.Reader, name string) (*Reader, error) {
	return OpenOptions(r, Options{Name: name})
}

// OpenOptions is Open with options.
func OpenOptions(r io.Reader, o Options) (*Reader, error) {
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxTokenBytes <= 0 {
		o.MaxTokenBytes = DefaultMaxTokenBytes
	}
	if o.MaxLineNodes <= 0 {
		o.MaxLineNodes = DefaultMaxLineNodes
	}
	rd := &Reader{name: o.Name, opt: o, nsByURI: map[string]uint16{}, dynNames: map[string]uint16{}}
	rd.nsURIs = append(rd.nsURIs, fixedNS[:]...)
	for i, u := range fixedNS {
		if u != "" {
			rd.nsByURI[u] = uint16(i)
		}
	}
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < xmlscan.DeclSearch {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	src, enc, err := xmlscan.DecodeInput(br)
	if err != nil {
		return nil, &catalog.ReadError{File: o.Name, Err: err}
	}
	rd.encoding = enc
	rd.sc = xmlscan.New(src, min(bufSize, o.MaxTokenBytes+1), o.MaxTokenBytes)
	for !rd.headerDone {
		if err := rd.step(); err != nil {
			if err == io.EOF {
				break
			}
			return nil, err
		}
	}
	if rd.root == nil {
		return nil, catalog.Errorf(o.Name, 0, 0, "the file has no XML element: not a UBL catalogue")
	}
	return rd, nil
}

// Header returns the catalogue header.
func (rd *Reader) Header() catalog.Header { return rd.hdr }

// updateLines are the UBL catalogue update documents and their line
// elements; a CatalogueDeletion deletes a whole catalogue and has none.
var updateLines = map[string]string{
	"CataloguePricingUpdate":           "CataloguePricingUpdateLine",
	"CatalogueItemSpecificationUpdate": "CatalogueItemSpecificationUpdateLine",
	"CatalogueDeletion":                "",
}

// updateLineOf is the line element of a document.
func updateLineOf(doc string) string {
	if l, ok := updateLines[doc]; ok && l != "" {
		return l
	}
	return "CatalogueLine"
}

// isLineElement reports whether a child of the root is a line of one of
// the documents.
func isLineElement(local string) bool {
	return local == "CatalogueLine" || local == "CataloguePricingUpdateLine" || local == "CatalogueItemSpecificationUpdateLine"
}

// Document names the root element: "Catalogue", "CataloguePricingUpdate",
// "CatalogueItemSpecificationUpdate" or "CatalogueDeletion".
func (rd *Reader) Document() string { return rd.doc }

// Flavour says which UBL catalogue the document is: "peppol-bis3",
// "oioubl" or plain "ubl", from its CustomizationID and ProfileID.
func (rd *Reader) Flavour() string { return rd.flavour }

// Encoding names the encoding the document was read in.
func (rd *Reader) Encoding() string { return rd.encoding }

// HeaderTree returns the Catalogue root element with the header elements
// (everything before the first CatalogueLine) as its children. It stays
// valid as long as the Reader.
func (rd *Reader) HeaderTree() *Node { return rd.root }

// LineTree returns the CatalogueLine element of the line Next returned
// last. It and its descendants are valid until the next call to Next. Its
// Parent is the header tree's root, though the root does not list it.
func (rd *Reader) LineTree() *Node { return rd.lm.node }

// Fields says which fields the source can supply: a UBL line may carry any.
func (rd *Reader) Fields() catalog.FieldSet { return ^catalog.FieldSet(0) }

// Findings returns the file-level findings so far.
func (rd *Reader) Findings() []catalog.Finding { return rd.findings }

// EstimateLines guesses the number of lines of a file of the size, so that
// catalogue-wide indexes are sized once (PEPPOL lines are about 1.5 KB).
func (rd *Reader) EstimateLines(size int64) int { return int(size/1500) + 1 }

// Next reads the next catalogue line into l; io.EOF after the last.
func (rd *Reader) Next(l *catalog.Line) error {
	l.Reset()
	if rd.err != nil {
		return rd.err
	}
	for !rd.lineDone {
		if rd.atEOF {
			return io.EOF
		}
		if err := rd.step(); err != nil {
			if err == io.EOF {
				return io.EOF
			}
			return err
		}
	}
	rd.lineDone = false
	rd.mapLine(l)
	if l.Action == "" && rd.doc != "Catalogue" {
		l.Action = "update" // a line of a pricing or item specification update
	}
	if len(rd.checkers) > 0 {
		rd.cur = l
		for _, c := range rd.checkers {
			c.Line(rd.lm.node, l.Src.Line, rd.addLine)
		}
		rd.cur = nil
	}
	return nil
}

// addLineFinding records a checker's finding on the line being read; it is
// bound once (rd.addLine), so a line costs no closure.
func (rd *Reader) addLineFinding(f catalog.Finding) {
	f.Line = rd.cur.Src.Line
	rd.cur.Findings = append(rd.cur.Findings, f)
}

// fail records a fatal error.
func (rd *Reader) fail(err error) error {
	if rd.err == nil {
		rd.err = err
	}
	return rd.err
}

// syntax turns a scanner error into a ReadError with position and the path
// of the open element.
func (rd *Reader) syntax(err error) error {
	return rd.fail(rd.sc.ReadError(rd.name, err, func() string {
		if len(rd.stack) == 0 {
			return ""
		}
		return rd.stack[len(rd.stack)-1].node.XPath()
	}))
}

// step consumes one token. It returns io.EOF at the end of a well-formed
// document.
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
		err = rd.text(k == xmlscan.CDATA)
	case xmlscan.Doctype:
		if rd.root != nil {
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
		n := rd.stack[len(rd.stack)-1].node
		line, col := rd.sc.Position(rd.sc.EndOff())
		return rd.fail(&catalog.ReadError{File: rd.name, Line: line, Col: col, XPath: n.XPath(),
			Err: fmt.Errorf("the file ends before </%s> (is it truncated?)", qualified(n))})
	}
	if rd.root == nil {
		return rd.fail(catalog.Errorf(rd.name, 0, 0, "the file has no XML element: not a UBL catalogue"))
	}
	if !rd.headerDone {
		rd.finishHeader()
	}
	rd.atEOF = true
	for _, c := range rd.checkers {
		c.End(rd.addFinding)
	}
	return io.EOF
}

func qualified(n *Node) string {
	if n.Prefix == "" {
		return n.Local
	}
	return n.Prefix + ":" + n.Local
}

// name numbers a name: the static table first, then this reader's own.
func (rd *Reader) nameOf(b []byte) (uint16, string, error) {
	if id, ok := staticNames[string(b)]; ok {
		return id, nameList[id], nil
	}
	if id, ok := rd.dynNames[string(b)]; ok {
		return id, rd.dynList[int(id)-len(nameList)], nil
	}
	if len(rd.dynList) >= maxNames {
		return 0, "", fmt.Errorf("more than %d different element and attribute names: not a catalogue", maxNames)
	}
	if !utf8.Valid(b) {
		return 0, "", fmt.Errorf("a name is not valid UTF-8")
	}
	s := string(b)
	id := uint16(len(nameList) + len(rd.dynList))
	rd.dynNames[s] = id
	rd.dynList = append(rd.dynList, s)
	return id, s, nil
}

// resolve returns the namespace bound to a prefix.
func (rd *Reader) resolve(prefix []byte) (uint16, bool) {
	for i := len(rd.bindings) - 1; i >= 0; i-- {
		if rd.bindings[i].prefix == string(prefix) {
			return rd.bindings[i].ns, true
		}
	}
	switch string(prefix) {
	case "":
		return nsNone, true
	case "xml":
		return nsXMLID, true
	}
	return 0, false
}

func (rd *Reader) nsNumber(uri []byte) (uint16, error) {
	if id, ok := rd.nsByURI[string(uri)]; ok {
		return id, nil
	}
	if len(rd.nsURIs) >= maxNamespace {
		return 0, fmt.Errorf("more than %d namespaces: not a catalogue", maxNamespace)
	}
	id := uint16(len(rd.nsURIs))
	s := string(uri)
	rd.nsURIs = append(rd.nsURIs, s)
	rd.nsByURI[s] = id
	return id, nil
}

// start handles a start tag.
func (rd *Reader) start() error {
	sc := rd.sc
	depth := len(rd.stack)
	if depth >= rd.opt.MaxDepth {
		return xmlscan.Errorf(sc.Off(), "elements are nested deeper than %d levels (the limit is --max-depth)", rd.opt.MaxDepth)
	}
	if rd.rootClosed {
		return xmlscan.Errorf(sc.Off(), "an element after the end of the root element </%s>", qualified(rd.root))
	}
	// Namespace declarations first: they apply to the element's own name.
	nbind := len(rd.bindings)
	nattr := 0
	for i := range sc.Attrs() {
		a := &sc.Attrs()[i]
		var prefix []byte
		switch {
		case string(a.QName()) == "xmlns":
		case a.Colon() == 5 && string(a.QName()[:5]) == "xmlns":
			prefix = a.QName()[6:]
		default:
			nattr++
			continue
		}
		v, err := xmlscan.AppendText(rd.scratch[:0], a.RawValue(), a.Off(), true, false)
		rd.scratch = v
		if err != nil {
			return err
		}
		if len(v) == 0 && prefix != nil {
			return xmlscan.Errorf(a.Off(), "the namespace prefix %s is declared with an empty URI", prefix)
		}
		ns, err := rd.nsNumber(v)
		if err != nil {
			return xmlscan.Errorf(a.Off(), "%v", err)
		}
		_, ps, err := rd.nameOf(prefix)
		if err != nil {
			return xmlscan.Errorf(a.Off(), "%v", err)
		}
		rd.bindings = append(rd.bindings, binding{ps, ns})
	}

	var parent *frame
	if depth > 0 {
		parent = &rd.stack[depth-1]
	}
	prefix, local := []byte(nil), sc.QName()
	if sc.Colon() >= 0 {
		prefix, local = sc.QName()[:sc.Colon()], sc.QName()[sc.Colon()+1:]
		if len(prefix) == 0 || len(local) == 0 {
			return xmlscan.Errorf(sc.Off(), "the name %s is not a valid qualified name", sc.QName())
		}
	}
	ns, ok := rd.resolve(prefix)
	if !ok {
		return xmlscan.Errorf(sc.Off(), "the namespace prefix %s of <%s> is not declared (xmlns:%s=\"…\")", prefix, sc.QName(), prefix)
	}
	name, ls, err := rd.nameOf(local)
	if err != nil {
		return xmlscan.Errorf(sc.Off(), "%v", err)
	}
	_, ps, err := rd.nameOf(prefix)
	if err != nil {
		return xmlscan.Errorf(sc.Off(), "%v", err)
	}

	space := rd.nsURIs[ns]
	if depth == 0 {
		if err := rd.checkRoot(ls, ns); err != nil {
			return err
		}
		// An update document's root counts as UBL's document namespace,
		// so that paths name it plainly (/CataloguePricingUpdate/…).
		ns = nsDoc
	}
	// Everything before the first line goes into the header tree; each line
	// (and anything after the lines, which UBL does not allow) into the
	// line tree, which is reset for it.
	t := &rd.header
	isLine := depth == 1 && name == rd.lineName && ns == nsCac && name != 0
	if depth == 1 && (isLine || rd.headerDone) {
		if !rd.headerDone {
			rd.finishHeader()
		}
		if !isLine {
			line, _ := sc.Position(sc.Off())
			rd.findings = append(rd.findings, catalog.Finding{Rule: catalog.RuleUBLAfterLines, Severity: catalog.Error,
				Pos: catalog.Pos{Row: line, XPath: "/" + rd.doc + "/" + string(sc.QName())}, Args: []string{string(sc.QName()), strconv.Itoa(line)}})
			// The line tree's nodes are reused: the stray element may get
			// the last line's node, which must not end a line again.
			rd.lm.node = nil
		}
		rd.line.reset()
	}
	if rd.headerDone {
		t = &rd.line
	}
	if t.used >= rd.opt.MaxLineNodes {
		return xmlscan.Errorf(sc.Off(), "more than %d elements in one catalogue line or in the header (the limit MaxLineNodes)", rd.opt.MaxLineNodes)
	}

	n := t.node()
	n.Space, n.Prefix, n.Local, n.name, n.ns = space, ps, ls, name, ns
	n.Line, n.Col = sc.Position(sc.Off())
	n.typ, n.seq = noType, -1

	// Attributes.
	if nattr > maxAttrs {
		return xmlscan.Errorf(sc.Off(), "the element <%s> has %d attributes; more than %d (the limit on attributes per element) is not a catalogue", sc.QName(), nattr, maxAttrs)
	}
	if nattr > 0 {
		n.attrOff = int32(len(t.attrs))
		for i := range sc.Attrs() {
			a := &sc.Attrs()[i]
			if string(a.QName()) == "xmlns" || a.Colon() == 5 && string(a.QName()[:5]) == "xmlns" {
				continue
			}
			var at Attr
			aprefix, alocal := []byte(nil), a.QName()
			if a.Colon() >= 0 {
				aprefix, alocal = a.QName()[:a.Colon()], a.QName()[a.Colon()+1:]
				ans, ok := rd.resolve(aprefix)
				if !ok {
					return xmlscan.Errorf(a.Off(), "the namespace prefix %s of the attribute %s is not declared", aprefix, a.QName())
				}
				at.ns = ans
			}
			if at.name, at.Local, err = rd.nameOf(alocal); err != nil {
				return xmlscan.Errorf(a.Off(), "%v", err)
			}
			if _, at.Prefix, err = rd.nameOf(aprefix); err != nil {
				return xmlscan.Errorf(a.Off(), "%v", err)
			}
			at.Space = rd.nsURIs[at.ns]
			for j := n.attrOff; j < int32(len(t.attrs)); j++ {
				if t.attrs[j].name == at.name && t.attrs[j].ns == at.ns {
					return xmlscan.Errorf(a.Off(), "the attribute %s appears twice in <%s>", a.QName(), sc.QName())
				}
			}
			at.off = int32(len(t.text))
			if t.text, err = xmlscan.AppendText(t.text, a.RawValue(), a.Off(), true, false); err != nil {
				return err
			}
			at.n = int32(len(t.text)) - at.off
			if err := rd.checkText(t, int64(at.n), a.Off()); err != nil {
				return err
			}
			t.attrs = append(t.attrs, at)
		}
		n.attrLen = int32(len(t.attrs)) - n.attrOff
	}

	switch {
	case depth == 0:
		rd.root = n
		n.typ, n.Index = xsdRoots[rd.doc], 1
	case isLine:
		rd.ordinal++
		n.Parent = rd.root
		n.typ, n.seq, n.many, n.Index = rd.lineType, 0, true, rd.ordinal
		rd.lm.node = n
	case depth == 1 && rd.headerDone:
		n.Parent = rd.root // not listed by the finished header tree
	default:
		rd.link(parent, n, t)
	}
	if sc.SelfClose() {
		rd.bindings = rd.bindings[:nbind]
		return rd.closed(n, depth)
	}
	rd.stack = append(rd.stack, frame{node: n, nbind: nbind, ordered: true})
	return nil
}

// checkRoot refuses documents that are not a UBL Catalogue or one of its
// update documents, saying what they are.
func (rd *Reader) checkRoot(local string, ns uint16) error {
	uri := rd.nsURIs[ns]
	if local == "Catalogue" && ns == nsDoc {
		rd.doc, rd.lineName, rd.lineType = local, nCatalogueLine, tCatalogueLine
		return nil
	}
	if line, ok := updateLines[local]; ok && uri == ublDocNS+local+"-2" {
		rd.doc = local
		if line != "" {
			rd.lineName = staticNames[line]
			rd.lineType = childType(xsdRoots[local], line)
		}
		return nil
	}
	if t := docTypeOf(uri); t != "" {
		if t == local {
			if local == "CatalogueRequest" {
				return fmt.Errorf("the document is a UBL CatalogueRequest, not a catalogue: a buyer's request for a catalogue, which holds no items (send the Catalogue that answers it)")
			}
			return fmt.Errorf("the document is a UBL %s, not a Catalogue", local)
		}
		return fmt.Errorf("the root element %s is in the namespace of a UBL %s, not a UBL Catalogue", local, t)
	}
	if local == "Catalogue" {
		if uri == "" {
			return fmt.Errorf("the root element Catalogue has no namespace; a UBL catalogue declares xmlns=%q", NSCatalogue)
		}
		return fmt.Errorf("the root element Catalogue is in the namespace %q, not UBL's %q", uri, NSCatalogue)
	}
	if uri == "" {
		return fmt.Errorf("the root element is %s, not a UBL Catalogue", local)
	}
	return fmt.Errorf("the root element is {%s}%s, not a UBL Catalogue", uri, local)
}

// wideParent is the number of children after which a parent whose
// children are out of schema order keeps a map to number them.
const wideParent = 32

// link appends n to the children of the open element f, finding its place
// in the schema and its index among same-name siblings.
func (rd *Reader) link(f *frame, n *Node, t *tree) {
	p := f.node
	n.Parent = p
	if info, seq, ok := childInfo(p.typ, n.name); ok && info.ns == n.ns {
		n.typ, n.seq, n.many = info.typ, int16(seq), info.many
	}
	// Blank text before the first child is indentation, not content.
	if p.FirstChild == nil && p.textLen > 0 && xmlscan.IsBlank(t.text[p.textOff:p.textOff+p.textLen]) {
		if int(p.textOff+p.textLen) == len(t.text) {
			t.text = t.text[:p.textOff]
		}
		p.textLen = 0
	}
	last := p.lastChild
	n.Index = 1
	switch {
	case last == nil:
	case f.ordered && n.seq >= 0 && last.seq < n.seq:
		// In schema order: no earlier sibling has this name.
	case last.name == n.name && last.ns == n.ns:
		n.Index = last.Index + 1
		last.multi, n.multi = true, true
	case f.nchild < wideParent:
		for s := last.prevSibling; s != nil; s = s.prevSibling {
			if s.name == n.name && s.ns == n.ns {
				n.Index = s.Index + 1
				s.multi, n.multi = true, true
				break
			}
		}
	default:
		if f.wide == nil {
			f.wide = make(map[uint32]*Node)
			for s := p.FirstChild; s != nil; s = s.NextSibling {
				f.wide[uint32(s.ns)<<16|uint32(s.name)] = s
			}
		}
		if s := f.wide[uint32(n.ns)<<16|uint32(n.name)]; s != nil {
			n.Index = s.Index + 1
			s.multi, n.multi = true, true
		}
	}
	if f.wide != nil {
		f.wide[uint32(n.ns)<<16|uint32(n.name)] = n
	}
	f.ordered = f.ordered && n.seq >= 0 && (last == nil || last.seq <= n.seq)
	f.nchild++
	if last == nil {
		p.FirstChild = n
	} else {
		last.NextSibling = n
		n.prevSibling = last
	}
	p.lastChild = n
}

// end handles an end tag.
func (rd *Reader) end() error {
	sc := rd.sc
	if len(rd.stack) == 0 {
		return xmlscan.Errorf(sc.Off(), "the end tag </%s> has no start tag", sc.QName())
	}
	f := &rd.stack[len(rd.stack)-1]
	n := f.node
	var ok bool
	if sc.Colon() < 0 {
		ok = n.Prefix == "" && string(sc.QName()) == n.Local
	} else {
		ok = string(sc.QName()[:sc.Colon()]) == n.Prefix && string(sc.QName()[sc.Colon()+1:]) == n.Local
	}
	if !ok {
		return xmlscan.Errorf(sc.Off(), "the end tag </%s> does not match the start tag <%s> on line %d", sc.QName(), qualified(n), n.Line)
	}
	rd.bindings = rd.bindings[:f.nbind]
	if f.wide != nil {
		clear(f.wide)
	}
	rd.stack = rd.stack[:len(rd.stack)-1]
	return rd.closed(n, len(rd.stack))
}

// closed finishes an element that was opened at depth.
func (rd *Reader) closed(n *Node, depth int) error {
	switch {
	case depth == 0:
		rd.rootClosed = true
		if !rd.headerDone {
			rd.finishHeader()
		}
	case depth == 1 && n == rd.lm.node:
		rd.line.finish()
		rd.lineDone = true
	}
	return nil
}

// text handles character data.
func (rd *Reader) text(cdata bool) error {
	sc := rd.sc
	if len(rd.stack) == 0 {
		if cdata || !xmlscan.IsBlank(sc.RawText()) {
			if rd.root == nil {
				return xmlscan.Errorf(sc.TextOff(), "text before the root element: not an XML document")
			}
			return xmlscan.Errorf(sc.TextOff(), "text after the end of the root element")
		}
		return nil
	}
	n := rd.stack[len(rd.stack)-1].node
	if n.FirstChild != nil && !cdata && xmlscan.IsBlank(sc.RawText()) {
		return nil
	}
	t := &rd.header
	if rd.headerDone {
		t = &rd.line
	}
	if n.textLen > 0 && int(n.textOff+n.textLen) != len(t.text) {
		// Mixed content: bring the earlier text to the end of the arena.
		t.text = append(t.text, t.text[n.textOff:n.textOff+n.textLen]...)
		n.textOff = int32(len(t.text)) - n.textLen
	} else if n.textLen == 0 {
		n.textOff = int32(len(t.text))
	}
	var err error
	t.text, err = xmlscan.AppendText(t.text, sc.RawText(), sc.TextOff(), false, cdata)
	n.textLen = int32(len(t.text)) - n.textOff
	if err == nil {
		err = rd.checkText(t, int64(n.textLen), sc.TextOff())
	}
	return err
}

// limitText writes a limit for people: 16 MiB, 512 KiB, 100 bytes.
func limitText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// checkText bounds one value (the texts of an element joined: comments and
// CDATA sections split a text into tokens) by --max-value, and all the
// text one catalogue line or the header holds by four times that.
func (rd *Reader) checkText(t *tree, value int64, off int64) error {
	limit := int64(rd.opt.MaxTokenBytes)
	switch {
	case value > limit:
		return xmlscan.Errorf(off, "a value longer than %s; the reader stops rather than hold it (the limit is --max-value)", limitText(limit))
	case int64(len(t.text)) > 4*limit:
		return xmlscan.Errorf(off, "one catalogue line (or the header) holds more than %s of text, four values at the limit (the limit is --max-value)", limitText(4*limit))
	}
	return nil
}

// finishHeader completes the header tree and maps it.
func (rd *Reader) finishHeader() {
	rd.headerDone = true
	rd.header.finish()
	rd.mapHeader()
	// The official rule sets are those of the Catalogue; the update
	// documents have none ekatalog runs.
	if rd.opt.Checkers != nil && rd.doc == "Catalogue" {
		rd.checkers = rd.opt.Checkers(rd.flavour)
		rd.addLine = rd.addLineFinding
	}
	for _, c := range rd.checkers {
		c.Header(rd.root, rd.addFinding)
	}
}

// addFinding records a file-level finding (a checker's on the header or
// the whole document).
func (rd *Reader) addFinding(f catalog.Finding) { rd.findings = append(rd.findings, f) }
