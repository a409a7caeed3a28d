package xmlscan

import (
	"bufio"
	"bytes"
	"io"
)

// Open returns a scanner of an XML document in any encoding DecodeInput
// knows, and the name of that encoding. maxTok bounds a single tag or text.
func Open(r io.Reader, maxTok int) (*Scanner, string, error) {
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < DeclSearch {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	src, enc, err := DecodeInput(br)
	if err != nil {
		return nil, "", err
	}
	return New(src, min(256<<10, maxTok+1), maxTok), enc, nil
}

// Root reads the root element of a document from its first bytes: its
// local name and namespace URI (from the root's own xmlns declarations,
// the only ones in scope). ok is false when head is not the start of an XML
// document or ends before the root's start tag. A DOCTYPE is skipped with
// AllowDTD (a general entity declaration still makes ok false).
func Root(head []byte) (local, space string, ok bool) {
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xef, 0xbb, 0xbf}), " \t\r\n")
	if len(t) == 0 || t[0] != '<' && !bytes.HasPrefix(head, []byte{0xff, 0xfe}) && !bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return "", "", false
	}
	br := bufio.NewReaderSize(bytes.NewReader(head), max(DeclSearch, 16))
	src, _, err := DecodeInput(br)
	if err != nil {
		return "", "", false
	}
	// Skip white space the transcoder left before the first tag.
	s := New(src, 4096, max(len(head)*2, 4096))
	s.AllowDTD(true)
	for {
		k, err := s.Next()
		if err != nil {
			return "", "", false
		}
		switch k {
		case Text:
			if !IsBlank(s.RawText()) {
				return "", "", false
			}
		case Start:
			q := s.QName()
			prefix := ""
			if c := s.Colon(); c >= 0 {
				prefix, q = string(q[:c]), q[c+1:]
			}
			for i := range s.Attrs() {
				a := &s.Attrs()[i]
				n := a.QName()
				if prefix == "" && string(n) == "xmlns" || prefix != "" && a.Colon() == 5 && string(n[:5]) == "xmlns" && string(n[6:]) == prefix {
					v, err := AppendText(nil, a.RawValue(), a.Off(), true, false)
					if err != nil {
						return "", "", false
					}
					space = string(v)
				}
			}
			return string(q), space, true
		case EOF, End, CDATA:
			return "", "", false
		}
	}
}
