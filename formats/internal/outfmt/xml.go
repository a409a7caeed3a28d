package outfmt

import (
	"bufio"
	"encoding/xml"
	"io"
	"strings"
	"unicode/utf8"
)

// XML writes an XML document to a buffered writer. The first error sticks:
// later calls do nothing and Flush returns it, so writers check once per line.
type XML struct {
	w   *bufio.Writer
	err error
}

// NewXML returns an XML writer to w.
func NewXML(w io.Writer) *XML { return &XML{w: bufio.NewWriterSize(w, 64<<10)} }

// Raw writes s as is: markup the caller knows to be well-formed.
func (x *XML) Raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

// Text writes s escaped as character data or an attribute value. Characters
// XML cannot carry become U+FFFD (encoding/xml.EscapeText), so the output is
// always well-formed.
func (x *XML) Text(s string) {
	if x.err != nil {
		return
	}
	if plain(s) {
		_, x.err = x.w.WriteString(s)
		return
	}
	x.err = xml.EscapeText(x.w, []byte(s))
}

// plain reports whether s needs no escaping: no markup or control
// characters, valid UTF-8 without the non-characters U+FFFE and U+FFFF. It
// is the fast path of Text.
func plain(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' {
			return false
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	return ascii || utf8.ValidString(s) && !strings.ContainsAny(s, "\ufffe\uffff")
}

// Elem writes indent<name>value</name> and a newline; nothing when value is
// empty, since an empty element says nothing and some schemas forbid it.
func (x *XML) Elem(indent, name, value string) {
	if value == "" {
		return
	}
	x.open(indent, name)
	x.Raw(">")
	x.Text(value)
	x.close(name)
}

// ElemAttr writes indent<name attr="av">value</name>; nothing when value is
// empty.
func (x *XML) ElemAttr(indent, name, attr, av, value string) {
	if value == "" {
		return
	}
	x.open(indent, name)
	x.Raw(" ")
	x.Raw(attr)
	x.Raw(`="`)
	x.Text(av)
	x.Raw(`">`)
	x.Text(value)
	x.close(name)
}

// open and close write the tags piecewise: concatenating them would cost
// an allocation per element.
func (x *XML) open(indent, name string) {
	x.Raw(indent)
	x.Raw("<")
	x.Raw(name)
}

func (x *XML) close(name string) {
	x.Raw("</")
	x.Raw(name)
	x.Raw(">\n")
}

// Err returns the first error.
func (x *XML) Err() error { return x.err }

// Flush writes what is buffered and returns the first error.
func (x *XML) Flush() error {
	if x.err == nil {
		x.err = x.w.Flush()
	}
	return x.err
}
