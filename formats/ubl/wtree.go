package ubl

import (
	"slices"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/formats/internal/xmlscan"
)

// The writers build each catalogue line (and the header) as a small tree of
// elements addressed by the same paths the reader gives extras: canonical
// fields go to their paths, extras to theirs, then the children of every
// element are sorted into the order of the schema's sequence and the tree
// is printed. Because the paths carry the indexes of repeated elements, an
// extra lands in the very element it came from, next to the canonical
// values that came from the same element.

type wnode struct {
	local    string
	ns       uint16
	typ      int16
	seq      int // position in the parent's sequence; foreign last
	index    int // 1-based among same-name siblings
	text     string
	hasText  bool
	raw      string // a foreign element, serialised
	attrs    []wattr
	children []*wnode
}

type wattr struct{ name, value string }

type wtree struct {
	blocks [][]wnode
	used   int
}

func (t *wtree) reset() { t.used = 0 }

func (t *wtree) alloc() *wnode {
	b, i := t.used/blockSize, t.used%blockSize
	if b == len(t.blocks) {
		t.blocks = append(t.blocks, make([]wnode, blockSize))
	}
	n := &t.blocks[b][i]
	*n = wnode{attrs: n.attrs[:0], children: n.children[:0]}
	t.used++
	return n
}

func (t *wtree) root(typ int16, local string) *wnode {
	n := t.alloc()
	n.local, n.ns, n.typ, n.index = local, nsDoc, typ, 1
	return n
}

// child returns the child of p with the name and index, creating it. The
// name must be a child of p's type in the schema.
func (t *wtree) child(p *wnode, local string, index int) *wnode {
	if index <= 0 {
		index = 1
	}
	for _, c := range p.children {
		if c.local == local && c.index == index && c.raw == "" {
			return c
		}
	}
	info, seq, ok := childInfo(p.typ, staticNames[local])
	if !ok {
		panic("ubl: " + local + " is not a child of " + xsdTypes[p.typ].name)
	}
	c := t.alloc()
	c.local, c.ns, c.typ, c.seq, c.index = local, info.ns, info.typ, seq, index
	p.children = append(p.children, c)
	return c
}

// find returns the child of p with the name and index, or nil.
func (p *wnode) find(local string, index int) *wnode {
	if p == nil {
		return nil
	}
	for _, c := range p.children {
		if c.local == local && c.index == index && c.raw == "" {
			return c
		}
	}
	return nil
}

// at returns the element at a canonical path such as
// "RequiredItemLocationQuantity[1]/Price/PriceAmount", creating it.
func (t *wtree) at(p *wnode, path string) *wnode {
	for step := range strings.SplitSeq(path, "/") {
		local, idx := splitIndex(step)
		p = t.child(p, local, idx)
	}
	return p
}

// set gives an element its text, creating it; fill does so only when the
// element has none yet.
func (t *wtree) set(p *wnode, path, value string) *wnode {
	n := t.at(p, path)
	n.text, n.hasText = value, true
	return n
}

func (t *wtree) fill(p *wnode, path, value string) *wnode {
	n := t.at(p, path)
	if !n.hasText && len(n.children) == 0 {
		n.text, n.hasText = value, true
	}
	return n
}

func (n *wnode) setAttr(name, value string) {
	for i := range n.attrs {
		if n.attrs[i].name == name {
			n.attrs[i].value = value
			return
		}
	}
	n.attrs = append(n.attrs, wattr{name, value})
}

func (n *wnode) fillAttr(name, value string) {
	if _, ok := n.attr(name); !ok {
		n.attrs = append(n.attrs, wattr{name, value})
	}
}

func (n *wnode) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.name == name {
			return a.value, true
		}
	}
	return "", false
}

// splitIndex splits "Name[3]" into "Name" and 3 (0 without an index).
func splitIndex(step string) (string, int) {
	i := strings.IndexByte(step, '[')
	if i <= 0 || !strings.HasSuffix(step, "]") {
		return step, 0
	}
	n, err := strconv.Atoi(step[i+1 : len(step)-1])
	if err != nil || n <= 0 {
		return step, -1
	}
	return step[:i], n
}

// nextStep cuts the first step off a path; a step in braces ({namespace}
// local) may contain slashes.
func nextStep(path string) (step, rest string) {
	depth := 0
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '{':
			depth++
		case '}':
			depth--
		case '/':
			if depth == 0 {
				return path[:i], path[i+1:]
			}
		}
	}
	return path, ""
}

// extraKind says what an extra's name addresses.
type extraKind uint8

const (
	notPath  extraKind = iota // a column name or anything else: no UBL path
	elemPath                  // a UBL element's text
	attrPath                  // an attribute of a UBL element
	foreign                   // an element of another namespace, as XML
)

// resolveExtra checks an extra's name against the schema, starting at type
// typ, without building anything.
func resolveExtra(typ int16, name string) extraKind {
	if name == "" {
		return notPath
	}
	t := typ
	for rest := name; ; {
		var step string
		step, rest = nextStep(rest)
		last := rest == ""
		switch {
		case step == "":
			return notPath
		case step[0] == '@':
			if !last || len(step) == 1 {
				return notPath
			}
			return attrPath
		case step[0] == '{':
			if !last || !strings.Contains(step, "}") {
				return notPath
			}
			return foreign
		}
		local, idx := splitIndex(step)
		if idx < 0 {
			return notPath
		}
		id, ok := staticNames[local]
		if !ok {
			return notPath
		}
		info, _, ok := childInfo(t, id)
		if !ok || idx > 1 && !info.many {
			return notPath
		}
		if last {
			return elemPath
		}
		if rest[0] == '@' {
			if _, more := nextStep(rest); more != "" || len(rest) == 1 {
				return notPath
			}
			return attrPath
		}
		t = info.typ
		if t < 0 {
			return notPath // a path through a leaf
		}
	}
}

// insertExtra puts an extra that resolveExtra accepted into the tree; the
// text or attribute is only set where none is yet (canonical values win).
// unit translates unitCode attributes to the target's code list.
func (t *wtree) insertExtra(root *wnode, name, value string, unit func(string) string) {
	p := root
	for rest := name; ; {
		var step string
		step, rest = nextStep(rest)
		switch step[0] {
		case '@':
			attr := step[1:]
			if attr == "unitCode" {
				value = unit(value)
			}
			p.fillAttr(attr, value)
			return
		case '{':
			end := strings.IndexByte(step, '}')
			local, idx := splitIndex(step[end+1:])
			c := t.alloc()
			c.local, c.raw, c.index, c.seq = local, value, max(idx, 1), 1<<20
			if p.typ >= 0 && xsdTypes[p.typ].any {
				c.seq = 0
			}
			p.children = append(p.children, c)
			return
		}
		local, idx := splitIndex(step)
		p = t.child(p, local, idx)
		if rest == "" {
			if !p.hasText && len(p.children) == 0 {
				p.text, p.hasText = value, true
			}
			return
		}
	}
}

// sortTree puts the children of every element into schema order.
func sortTree(n *wnode) {
	if len(n.children) > 1 {
		slices.SortStableFunc(n.children, func(a, b *wnode) int {
			if a.seq != b.seq {
				return a.seq - b.seq
			}
			return a.index - b.index
		})
	}
	for _, c := range n.children {
		sortTree(c)
	}
}

// nsPrefixes are the prefixes the writers declare for foreign attribute
// namespaces they know.
var nsPrefixes = map[string]string{
	"http://www.w3.org/2001/XMLSchema-instance": "xsi",
	"http://www.w3.org/2000/09/xmldsig#":        "ds",
}

// appendNode prints an element and its subtree with tab indentation.
func appendNode(b []byte, n *wnode, depth int) []byte {
	for range depth {
		b = append(b, '\t')
	}
	if n.raw != "" {
		b = append(b, n.raw...)
		return append(b, '\n')
	}
	b = append(b, '<')
	b = appendQName(b, prefixOf[n.ns], n.local)
	b = appendAttrs(b, n.attrs)
	switch {
	case len(n.children) > 0:
		b = append(b, '>', '\n')
		for _, c := range n.children {
			b = appendNode(b, c, depth+1)
		}
		for range depth {
			b = append(b, '\t')
		}
	case n.text == "":
		return append(b, '/', '>', '\n')
	default:
		b = append(b, '>')
		b = appendEscaped(b, n.text, false)
	}
	b = append(b, '<', '/')
	b = appendQName(b, prefixOf[n.ns], n.local)
	return append(b, '>', '\n')
}

// appendAttrs prints attributes; an attribute named {namespace}local gets a
// prefix and its declaration.
func appendAttrs(b []byte, attrs []wattr) []byte {
	k := 0
	for _, a := range attrs {
		name := a.name
		if strings.HasPrefix(name, "{") {
			end := strings.IndexByte(name, '}')
			uri, local := name[1:end], name[end+1:]
			prefix, ok := nsPrefixes[uri]
			if !ok {
				k++
				prefix = "ns" + strconv.Itoa(k)
			}
			b = appendDecl(b, prefix, uri)
			name = prefix + ":" + local
		}
		b = append(b, ' ')
		b = append(b, name...)
		b = append(b, '=', '"')
		b = appendEscaped(b, a.value, true)
		b = append(b, '"')
	}
	return b
}

// wellFormed reports whether s is one well-formed element with every prefix
// declared: a foreign extra from an untrusted source (canonical JSON) is only
// copied into the output when it is.
func wellFormed(s string) bool {
	sc := xmlscan.New(strings.NewReader(s), len(s)+16, len(s)+16)
	var stack [][]byte
	var decls []string // declared prefixes, innermost last
	var marks []int
	roots := 0
	declared := func(prefix []byte) bool {
		if string(prefix) == "xml" {
			return true
		}
		return slices.Contains(decls, string(prefix))
	}
	var scratch []byte
	for {
		k, err := sc.Next()
		if err != nil {
			return false
		}
		switch k {
		case xmlscan.Start:
			if len(stack) == 0 {
				roots++
			}
			marks = append(marks, len(decls))
			for _, a := range sc.Attrs() {
				if scratch, err = xmlscan.AppendText(scratch[:0], a.RawValue(), 0, true, false); err != nil {
					return false
				}
				switch {
				case string(a.QName()) == "xmlns":
				case a.Colon() == 5 && string(a.QName()[:5]) == "xmlns":
					decls = append(decls, string(a.QName()[6:]))
				}
			}
			if sc.Colon() >= 0 && !declared(sc.QName()[:sc.Colon()]) {
				return false
			}
			for _, a := range sc.Attrs() {
				if a.Colon() >= 0 && string(a.QName()[:a.Colon()]) != "xmlns" && !declared(a.QName()[:a.Colon()]) {
					return false
				}
			}
			if sc.SelfClose() {
				decls = decls[:marks[len(marks)-1]]
				marks = marks[:len(marks)-1]
			} else {
				stack = append(stack, append([]byte(nil), sc.QName()...))
			}
		case xmlscan.End:
			if len(stack) == 0 || string(stack[len(stack)-1]) != string(sc.QName()) {
				return false
			}
			stack = stack[:len(stack)-1]
			decls = decls[:marks[len(marks)-1]]
			marks = marks[:len(marks)-1]
		case xmlscan.Text, xmlscan.CDATA:
			if len(stack) == 0 && (k == xmlscan.CDATA || !xmlscan.IsBlank(sc.RawText())) {
				return false
			}
			if _, err := xmlscan.AppendText(scratch[:0], sc.RawText(), 0, false, k == xmlscan.CDATA); err != nil {
				return false
			}
		case xmlscan.Doctype:
			return false
		case xmlscan.EOF:
			return len(stack) == 0 && roots == 1
		}
	}
}
