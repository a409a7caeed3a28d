package xmlscan

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// declSearch bounds how far into the file the XML declaration is looked for.
const declSearch = 1024

// decodeInput returns the document as UTF-8 and the name of the encoding it
// was in. A byte order mark decides; without one the encoding of the XML
// declaration does; without that the document is UTF-8, as XML says.
//
// ISO-8859-1 is read as Windows-1252, its superset: Danish files that say
// ISO-8859-1 often hold a € or typographic quotes in the bytes 0x80-0x9F,
// which ISO-8859-1 would turn into invisible control characters.
func decodeInput(br *bufio.Reader) (io.Reader, string, error) {
	head, err := br.Peek(declSearch)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, "", err
	}
	var enc encoding.Encoding
	name := ""
	switch {
	case bytes.HasPrefix(head, []byte{0xef, 0xbb, 0xbf}):
		br.Discard(3)
		return br, "UTF-8 (BOM)", nil
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}):
		enc, name = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "UTF-16LE"
	case bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		enc, name = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "UTF-16BE"
	case bytes.HasPrefix(head, []byte{'<', 0, '?', 0}):
		enc, name = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "UTF-16LE"
	case bytes.HasPrefix(head, []byte{0, '<', 0, '?'}):
		enc, name = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "UTF-16BE"
	default:
		declared, ok := declaredEncoding(head)
		if !ok {
			return br, "UTF-8", nil
		}
		switch strings.ToLower(declared) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return br, strings.ToUpper(declared), nil
		case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "windows-1252", "cp1252":
			enc, name = charmap.Windows1252, strings.ToUpper(declared)
		case "utf-16", "utf-16le", "utf-16be":
			return nil, "", fmt.Errorf("the XML declaration says %s, but the file has no UTF-16 byte order mark and starts like an 8-bit text: save it as UTF-8", declared)
		default:
			e, err := ianaindex.IANA.Encoding(declared)
			if err != nil || e == nil {
				return nil, "", fmt.Errorf("the XML declaration names the encoding %q, which is not supported (use UTF-8, ISO-8859-1 or UTF-16)", declared)
			}
			enc, name = e, declared
		}
	}
	return transform.NewReader(br, enc.NewDecoder()), name, nil
}

// declaredEncoding reads encoding="…" from an XML declaration at the start
// of head.
func declaredEncoding(head []byte) (string, bool) {
	if !bytes.HasPrefix(head, []byte("<?xml")) {
		return "", false
	}
	end := bytes.Index(head, []byte("?>"))
	if end < 0 {
		return "", false
	}
	decl := head[5:end]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return "", false
	}
	rest := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return "", false
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
		return "", false
	}
	j := bytes.IndexByte(rest[1:], rest[0])
	if j < 0 {
		return "", false
	}
	return string(rest[1 : 1+j]), true
}
