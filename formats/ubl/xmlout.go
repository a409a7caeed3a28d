package ubl

import (
	"strconv"
	"unicode/utf8"
)

// appendEscaped appends s as XML character data (attr: as an attribute
// value in double quotes). Characters XML 1.0 cannot carry at all (control
// characters, invalid UTF-8) become U+FFFD, so the output is always
// well-formed; the validator has reported them on the way in.
func appendEscaped(b []byte, s string, attr bool) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<' && c != '>' && c != '"' {
			i++
			continue
		}
		var esc string
		size := 1
		switch c {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			if !attr {
				i++
				continue
			}
			esc = "&quot;"
		case '\t':
			if !attr {
				i++
				continue
			}
			esc = "&#9;"
		case '\n':
			if !attr {
				i++
				continue
			}
			esc = "&#10;"
		case '\r':
			esc = "&#13;"
		default:
			if c < 0x20 {
				esc = "\uFFFD"
				break
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
				esc, size = "\uFFFD", n
				break
			}
			i += n
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, esc...)
		i += size
		start = i
	}
	return append(b, s[start:]...)
}

// appendXML serialises an element of a namespace UBL does not know, with
// the namespace declarations it needs, so that the result stands alone: it
// is how such elements (the content of ext:ExtensionContent) travel as one
// extra value.
func appendXML(b []byte, n *Node) []byte {
	return appendForeign(b, n, nil)
}

type nsDecl struct{ prefix, uri string }

func lookupNS(scope []nsDecl, prefix string) string {
	for i := len(scope) - 1; i >= 0; i-- {
		if scope[i].prefix == prefix {
			return scope[i].uri
		}
	}
	if prefix == "xml" {
		return nsXML
	}
	return ""
}

func appendForeign(b []byte, n *Node, scope []nsDecl) []byte {
	b = append(b, '<')
	b = appendQName(b, n.Prefix, n.Local)
	if lookupNS(scope, n.Prefix) != n.Space {
		scope = append(scope, nsDecl{n.Prefix, n.Space})
		b = appendDecl(b, n.Prefix, n.Space)
	}
	for i := range n.attrs {
		a := &n.attrs[i]
		if a.Prefix != "" && lookupNS(scope, a.Prefix) != a.Space {
			scope = append(scope, nsDecl{a.Prefix, a.Space})
			b = appendDecl(b, a.Prefix, a.Space)
		}
	}
	for i := range n.attrs {
		a := &n.attrs[i]
		b = append(b, ' ')
		b = appendQName(b, a.Prefix, a.Local)
		b = append(b, '=', '"')
		b = appendEscaped(b, a.Value, true)
		b = append(b, '"')
	}
	if n.FirstChild == nil && n.Text == "" {
		return append(b, '/', '>')
	}
	b = append(b, '>')
	b = appendEscaped(b, n.Text, false)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b = appendForeign(b, c, scope)
	}
	b = append(b, '<', '/')
	b = appendQName(b, n.Prefix, n.Local)
	return append(b, '>')
}

func appendQName(b []byte, prefix, local string) []byte {
	if prefix != "" {
		b = append(b, prefix...)
		b = append(b, ':')
	}
	return append(b, local...)
}

func appendDecl(b []byte, prefix, uri string) []byte {
	b = append(b, " xmlns"...)
	if prefix != "" {
		b = append(b, ':')
		b = append(b, prefix...)
	}
	b = append(b, '=', '"')
	b = appendEscaped(b, uri, true)
	return append(b, '"')
}

// appendNumber writes a canonical number as an xsd:decimal: whole numbers
// without a point, others with as many digits as they need (never in
// exponent form); minDecimals pads, for lists that want 2 decimals.
func appendNumber(b []byte, v float64, minDecimals int) []byte {
	start := len(b)
	if v == float64(int64(v)) && v < 1e15 && v > -1e15 {
		b = strconv.AppendInt(b, int64(v), 10)
	} else {
		b = strconv.AppendFloat(b, v, 'f', -1, 64)
	}
	if minDecimals > 0 {
		dot := -1
		for i := start; i < len(b); i++ {
			if b[i] == '.' {
				dot = i
			}
		}
		if dot < 0 {
			b = append(b, '.')
			dot = len(b) - 1
		}
		for len(b)-dot-1 < minDecimals {
			b = append(b, '0')
		}
	}
	return b
}
