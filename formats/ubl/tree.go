package ubl

import (
	"iter"
	"strconv"
	"strings"
)

// Node is one element of a UBL document, as the reader's element tree holds
// it. The tree of a catalogue line lives until the next call to Next (its
// nodes are reused); the header tree lives as long as the Reader. Fields are
// read-only: rules read them, nothing should set them.
type Node struct {
	// Space is the namespace URI ("" for an element in no namespace),
	// Prefix the prefix the document wrote (informational only: compare
	// namespaces, never prefixes), Local the local name.
	Space, Prefix, Local string
	// Text is the character data directly inside the element, with
	// references replaced and line ends normalised, not trimmed. White space
	// between child elements is not kept.
	Text string
	// Line and Col are where the start tag begins: the 1-based line and
	// the 1-based byte column in the document as UTF-8.
	Line, Col int
	// Index is the 1-based position among the siblings of the same name
	// and namespace: the n of Item/Keyword[n].
	Index int

	Parent, FirstChild, NextSibling *Node

	attrs                  []Attr
	lastChild, prevSibling *Node
	name                   uint16 // interned local name
	ns                     uint16 // namespace number
	typ                    int16  // schema type, noType for a leaf or an unknown element
	seq                    int16  // position in the parent's schema sequence, -1 if unknown
	many                   bool   // the schema allows more than one
	multi                  bool   // a sibling of the same name exists
	claimed                bool   // the text went into a canonical field
	textOff, textLen       int32
	attrOff, attrLen       int32
}

// Attr is an attribute of a Node. Namespace declarations are not attributes.
type Attr struct {
	Space, Prefix, Local, Value string

	name, ns uint16
	claimed  bool
	off, n   int32
}

// Attrs returns the element's attributes in document order.
func (n *Node) Attrs() []Attr {
	if n == nil {
		return nil
	}
	return n.attrs
}

// Attr returns the value of the attribute with the local name and no
// namespace (all UBL attributes: unitCode, schemeID, listID, …), or "".
func (n *Node) Attr(local string) string {
	v, _ := n.LookupAttr(local)
	return v
}

// LookupAttr is Attr that also reports whether the attribute is present.
func (n *Node) LookupAttr(local string) (string, bool) {
	if n == nil {
		return "", false
	}
	for i := range n.attrs {
		if a := &n.attrs[i]; a.Local == local && a.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

// AttrNS returns the value of an attribute in a namespace.
func (n *Node) AttrNS(space, local string) (string, bool) {
	for i := range n.Attrs() {
		if a := &n.attrs[i]; a.Local == local && a.Space == space {
			return a.Value, true
		}
	}
	return "", false
}

// IsUBL reports whether the element is in a UBL namespace (cac, cbc, ext or
// the document's own).
func (n *Node) IsUBL() bool { return isUBL(n.ns) }

// Value is the element's text without surrounding white space: what the
// reader puts into canonical fields.
// A nil node (an element that is absent) has the empty value.
func (n *Node) Value() string {
	if n == nil {
		return ""
	}
	return strings.TrimSpace(n.Text)
}

// Children iterates over the child elements.
func (n *Node) Children() iter.Seq[*Node] {
	return func(yield func(*Node) bool) {
		if n == nil {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !yield(c) {
				return
			}
		}
	}
}

// ChildrenNamed iterates over the child elements in a UBL namespace with
// the local name.
func (n *Node) ChildrenNamed(local string) iter.Seq[*Node] {
	return func(yield func(*Node) bool) {
		if n == nil {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Local == local && isUBL(c.ns) && !yield(c) {
				return
			}
		}
	}
}

// Child returns the first child element in a UBL namespace with the local
// name, or nil.
func (n *Node) Child(local string) *Node {
	if n == nil {
		return nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Local == local && isUBL(c.ns) {
			return c
		}
	}
	return nil
}

// ChildNS returns the first child element with the namespace and local
// name, or nil.
func (n *Node) ChildNS(space, local string) *Node {
	if n == nil {
		return nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Local == local && c.Space == space {
			return c
		}
	}
	return nil
}

// Find returns the first element at a relative path of UBL local names,
// such as "Item/SellersItemIdentification/ID" or "Item/Keyword[2]", or nil.
// A step without [n] matches every sibling of that name, in order.
func (n *Node) Find(path string) *Node {
	for m := range n.FindAll(path) {
		return m
	}
	return nil
}

// FindAll iterates over the elements at a relative path (see Find) in
// document order.
func (n *Node) FindAll(path string) iter.Seq[*Node] {
	return func(yield func(*Node) bool) {
		if n != nil {
			findAll(n, path, yield)
		}
	}
}

func findAll(n *Node, path string, yield func(*Node) bool) bool {
	step, rest, more := strings.Cut(path, "/")
	local, idx := step, 0
	if i := strings.IndexByte(step, '['); i > 0 && strings.HasSuffix(step, "]") {
		local = step[:i]
		idx, _ = strconv.Atoi(step[i+1 : len(step)-1])
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Local != local || !isUBL(c.ns) || idx > 0 && c.Index != idx {
			continue
		}
		if !more {
			if !yield(c) {
				return false
			}
		} else if !findAll(c, rest, yield) {
			return false
		}
	}
	return true
}

// XPath returns the element's absolute path without prefixes, as reports
// show it: /Catalogue/CatalogueLine[12]/Item/CommodityClassification[1]/ItemClassificationCode.
// Elements the schema allows more than once carry their index; elements of
// other namespaces are written {namespace}local.
func (n *Node) XPath() string {
	var steps []*Node
	for m := n; m != nil; m = m.Parent {
		steps = append(steps, m)
	}
	var b []byte
	for i := len(steps) - 1; i >= 0; i-- {
		b = append(b, '/')
		b = appendStep(b, steps[i])
	}
	return string(b)
}

// Path returns the element's path relative to its catalogue line (or to the
// Catalogue root for header elements): the name the reader gives it in
// catalog.Extra.
func (n *Node) Path() string {
	var steps []*Node
	for m := n; m != nil && m.Parent != nil && !(m.Parent.Parent == nil && isLineElement(m.Local)); m = m.Parent {
		steps = append(steps, m)
	}
	var b []byte
	for i := len(steps) - 1; i >= 0; i-- {
		if i < len(steps)-1 {
			b = append(b, '/')
		}
		b = appendStep(b, steps[i])
	}
	return string(b)
}

// appendStep appends one step of a path: the local name, {namespace}local
// outside UBL's namespaces, and [index] where the schema allows more than
// one such element (or, for elements the schema does not know, where there
// are several).
func appendStep(b []byte, n *Node) []byte {
	if !isUBL(n.ns) {
		b = append(b, '{')
		b = append(b, n.Space...)
		b = append(b, '}')
	}
	b = append(b, n.Local...)
	if n.many || n.multi && n.seq < 0 {
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(n.Index), 10)
		b = append(b, ']')
	}
	return b
}

// first returns the first child in a UBL namespace with the name number.
func (n *Node) first(name uint16) *Node {
	if n == nil {
		return nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.name == name && isUBL(c.ns) {
			return c
		}
	}
	return nil
}

// attr returns the unqualified attribute with the name number.
func (n *Node) attr(name uint16) *Attr {
	if n == nil {
		return nil
	}
	for i := range n.attrs {
		if a := &n.attrs[i]; a.name == name && a.ns == nsNone {
			return a
		}
	}
	return nil
}

// tree is an arena of nodes, attributes and text that is reused: one for
// the header, one for the current line.
type tree struct {
	blocks [][]Node
	used   int
	attrs  []Attr
	text   []byte
}

const blockSize = 128

func (t *tree) reset() {
	t.used = 0
	t.attrs = t.attrs[:0]
	t.text = t.text[:0]
}

func (t *tree) node() *Node {
	b, i := t.used/blockSize, t.used%blockSize
	if b == len(t.blocks) {
		t.blocks = append(t.blocks, make([]Node, blockSize))
	}
	n := &t.blocks[b][i]
	*n = Node{}
	t.used++
	return n
}

// finish turns the text arena into one string, the only allocation a line
// needs for its values, and points every node's text and attribute values
// into it.
func (t *tree) finish() {
	s := string(t.text)
	for i := range t.attrs {
		a := &t.attrs[i]
		a.Value = s[a.off : a.off+a.n]
	}
	for b := 0; b*blockSize < t.used; b++ {
		blk := t.blocks[b][:min(blockSize, t.used-b*blockSize)]
		for i := range blk {
			n := &blk[i]
			n.Text = s[n.textOff : n.textOff+n.textLen]
			n.attrs = t.attrs[n.attrOff : n.attrOff+n.attrLen : n.attrOff+n.attrLen]
		}
	}
}
