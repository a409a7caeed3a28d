package xmlscan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// The scanner is a small pull tokenizer for the XML that UBL documents use:
// elements, attributes, character data, CDATA sections, comments, processing
// instructions and a DOCTYPE without entity declarations. It works on a
// sliding buffer, returns slices of that buffer (valid until the next call)
// and never allocates per token; the scanning itself is bytes.IndexByte and
// table look-ups. Entity and character references, line ends and the
// characters XML forbids are dealt with by appendText when the caller copies
// a value out, so text the caller skips costs nothing more.
//
// Positions are stream offsets of the UTF-8 text (after transcoding);
// position turns one into a 1-based line and a 1-based byte column, counting
// newlines lazily with bytes.Count so the hot path never looks at them.

type tokKind uint8

const (
	tokEOF     tokKind = iota
	tokStart           // a start tag (selfClose says whether it was <x/>)
	tokEnd             // an end tag
	tokText            // character data, references not yet replaced
	tokCDATA           // the content of a CDATA section, taken literally
	tokDoctype         // a DOCTYPE declaration (without entity declarations)
)

type rawAttr struct {
	qname []byte // as written
	colon int    // index of ':' in qname, -1 when unprefixed
	value []byte // between the quotes, references not yet replaced
	off   int64  // stream offset of value[0]
}

// maxScanAttrs bounds the attributes (namespace declarations included) the
// scanner collects for one tag: a tag of a million attributes would cost
// tens of megabytes of them before the reader could refuse it.
const maxScanAttrs = 2000

type scanner struct {
	r    io.Reader
	buf  []byte
	pos  int   // next unread byte
	end  int   // end of the data in buf
	base int64 // stream offset of buf[0]
	eof  bool
	rerr error // the reader's error other than io.EOF

	maxTok   int
	allowDTD bool // skip parameter entity and element declarations in a DOCTYPE

	// Newlines in the stream before base+counted are counted in line;
	// lineStart is the stream offset just after the last of them.
	line      int
	counted   int
	lineStart int64

	// The current token.
	kind      tokKind
	off       int64 // stream offset of the token's first byte
	selfClose bool
	qname     []byte
	colon     int
	attrs     []rawAttr
	text      []byte
	textOff   int64
}

// syntaxError is a well-formedness error at a stream offset.
type syntaxError struct {
	off int64
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

var errMore = errors.New("more input needed")

func newScanner(r io.Reader, bufSize, maxTok int) *scanner {
	return &scanner{r: r, buf: make([]byte, bufSize), maxTok: maxTok, line: 1}
}

// position returns the line and byte column of a stream offset that is
// still in the buffer.
func (s *scanner) position(off int64) (line, col int) {
	rel := min(max(int(off-s.base), 0), s.end)
	if rel >= s.counted {
		s.countTo(rel)
		return s.line, int(s.base+int64(rel)-s.lineStart) + 1
	}
	// An offset before the counted ones: count back.
	line = s.line - bytes.Count(s.buf[rel:s.counted], nl)
	if i := bytes.LastIndexByte(s.buf[:rel], '\n'); i >= 0 {
		return line, rel - i
	}
	if line == s.line {
		return line, int(s.base+int64(rel)-s.lineStart) + 1
	}
	return line, 0
}

func (s *scanner) countTo(rel int) {
	seg := s.buf[s.counted:rel]
	if n := bytes.Count(seg, nl); n > 0 {
		s.line += n
		s.lineStart = s.base + int64(s.counted+bytes.LastIndexByte(seg, '\n')+1)
	}
	s.counted = rel
}

var nl = []byte{'\n'}

// errorf makes a syntax error at a stream offset.
func errorf(off int64, format string, args ...any) error {
	return &syntaxError{off: off, msg: fmt.Sprintf(format, args...)}
}

// next scans the next token.
func (s *scanner) next() (tokKind, error) {
	for {
		k, err := s.scan()
		if err != errMore {
			s.kind = k
			return k, err
		}
		if err := s.fill(); err != nil {
			return tokEOF, err
		}
	}
}

// fill moves the unread bytes to the front of the buffer and reads more.
func (s *scanner) fill() error {
	if s.eof {
		return s.unexpectedEOF()
	}
	if s.pos > 0 {
		if s.counted < s.pos {
			s.countTo(s.pos)
		}
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.base += int64(s.pos)
		s.counted -= s.pos
		s.end = n
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if s.end >= s.maxTok {
			return errorf(s.base, "a single value, tag or text is longer than %d bytes; the reader stops rather than hold it (the limit is --max-value)", s.maxTok)
		}
		nb := make([]byte, min(2*len(s.buf), s.maxTok+1))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
			return nil
		}
		if err != nil {
			s.rerr = err
			return err
		}
		if n > 0 {
			return nil
		}
	}
}

// unexpectedEOF describes where the input ended.
func (s *scanner) unexpectedEOF() error {
	off := s.base + int64(s.end)
	rest := s.buf[s.pos:s.end]
	what := "a tag"
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		what = "a comment"
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		what = "a CDATA section"
	case bytes.HasPrefix(rest, []byte("<!")):
		what = "a declaration"
	case bytes.HasPrefix(rest, []byte("<?")):
		what = "a processing instruction"
	}
	return errorf(off, "the file ends inside %s (is it truncated?)", what)
}

// isSpace reports XML white space.
func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// nameByte marks the bytes that may appear in an XML name (non-ASCII bytes
// are accepted as such; their UTF-8 is checked when the name is interned);
// nameStart those a name may begin with.
var nameByte, nameStart [256]bool

func init() {
	for c := 0; c < 256; c++ {
		b := byte(c)
		start := b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' || b == ':' || b >= 0x80
		nameStart[c] = start
		nameByte[c] = start || b >= '0' && b <= '9' || b == '-' || b == '.'
	}
}

// scan reads one token from buf[pos:end], or returns errMore. Comments and
// processing instructions are skipped here.
func (s *scanner) scan() (tokKind, error) {
	for {
		if s.pos >= s.end {
			if s.eof {
				return tokEOF, nil
			}
			return 0, errMore
		}
		b := s.buf[s.pos:s.end]
		s.off = s.base + int64(s.pos)
		if b[0] != '<' {
			i := bytes.IndexByte(b, '<')
			if i < 0 {
				if !s.eof {
					return 0, errMore
				}
				i = len(b)
			}
			s.text, s.textOff = b[:i], s.off
			s.pos += i
			return tokText, nil
		}
		if len(b) < 2 {
			return 0, s.more()
		}
		switch b[1] {
		case '/':
			return s.scanEnd(b)
		case '?':
			i := bytes.Index(b[2:], []byte("?>"))
			if i < 0 {
				return 0, s.more()
			}
			if s.off > 0 && len(b) >= 6 && bytes.Equal(b[2:5], []byte("xml")) && isSpace(b[5]) {
				return 0, errorf(s.off, "an XML declaration (<?xml ...?>) is only allowed at the very start of the file")
			}
			s.pos += i + 4
			continue
		case '!':
			if len(b) < len(cdataOpen) && !s.eof {
				return 0, errMore // long enough to tell the kinds apart
			}
			if bytes.HasPrefix(b, commentOpen) {
				i := bytes.Index(b[4:], []byte("-->"))
				if i < 0 {
					return 0, s.more()
				}
				s.pos += 4 + i + 3
				continue
			}
			return s.scanBang(b)
		}
		return s.scanStart(b)
	}
}

// more asks for more input, or says the token cannot be complete.
func (s *scanner) more() error {
	if s.eof {
		return s.unexpectedEOF()
	}
	return errMore
}

func (s *scanner) scanName(b []byte, i int) (int, error) {
	if i >= len(b) {
		return i, s.more()
	}
	if !nameStart[b[i]] {
		return i, errorf(s.off+int64(i), "a name must start with a letter or _, not %s", quoteByte(b[i]))
	}
	for i++; i < len(b) && nameByte[b[i]]; i++ {
	}
	if i >= len(b) {
		return i, s.more()
	}
	return i, nil
}

func quoteByte(c byte) string {
	if c < 0x20 || c >= 0x7f {
		return fmt.Sprintf("byte 0x%02x", c)
	}
	return strconv.QuoteRune(rune(c))
}

func (s *scanner) scanStart(b []byte) (tokKind, error) {
	i, err := s.scanName(b, 1)
	if err != nil {
		return 0, err
	}
	s.qname = b[1:i]
	s.colon = bytes.IndexByte(s.qname, ':')
	s.attrs = s.attrs[:0]
	for {
		// White space, then the end of the tag or an attribute.
		sp := i
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			return 0, s.more()
		}
		switch b[i] {
		case '>':
			s.selfClose = false
			s.pos += i + 1
			return tokStart, nil
		case '/':
			if i+1 >= len(b) {
				return 0, s.more()
			}
			if b[i+1] != '>' {
				return 0, errorf(s.off+int64(i), "expected /> to end the tag <%s", s.qname)
			}
			s.selfClose = true
			s.pos += i + 2
			return tokStart, nil
		}
		if i == sp {
			return 0, errorf(s.off+int64(i), "expected white space, > or /> in the tag <%s, found %s", s.qname, quoteByte(b[i]))
		}
		ns := i
		if i, err = s.scanName(b, i); err != nil {
			return 0, err
		}
		a := rawAttr{qname: b[ns:i]}
		a.colon = bytes.IndexByte(a.qname, ':')
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			return 0, s.more()
		}
		if b[i] != '=' {
			return 0, errorf(s.off+int64(i), "expected = after the attribute name %s in <%s", a.qname, s.qname)
		}
		for i++; i < len(b) && isSpace(b[i]); i++ {
		}
		if i >= len(b) {
			return 0, s.more()
		}
		q := b[i]
		if q != '"' && q != '\'' {
			return 0, errorf(s.off+int64(i), "the value of attribute %s in <%s> must be in quotes", a.qname, s.qname)
		}
		j := bytes.IndexByte(b[i+1:], q)
		if j < 0 {
			return 0, s.more()
		}
		a.value = b[i+1 : i+1+j]
		a.off = s.off + int64(i+1)
		if len(s.attrs) >= maxScanAttrs {
			return 0, errorf(s.off, "the element <%s> has more than %d attributes (the limit on attributes per element); it is not a catalogue", s.qname, maxScanAttrs)
		}
		s.attrs = append(s.attrs, a)
		i += j + 2
	}
}

func (s *scanner) scanEnd(b []byte) (tokKind, error) {
	i, err := s.scanName(b, 2)
	if err != nil {
		return 0, err
	}
	s.qname = b[2:i]
	s.colon = bytes.IndexByte(s.qname, ':')
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i >= len(b) {
		return 0, s.more()
	}
	if b[i] != '>' {
		return 0, errorf(s.off+int64(i), "expected > to end the tag </%s", s.qname)
	}
	s.pos += i + 1
	return tokEnd, nil
}

var (
	commentOpen = []byte("<!--")
	cdataOpen   = []byte("<![CDATA[")
	doctypeOpen = []byte("<!DOCTYPE")
)

func (s *scanner) scanBang(b []byte) (tokKind, error) {
	switch {
	case bytes.HasPrefix(b, cdataOpen):
		i := bytes.Index(b[9:], []byte("]]>"))
		if i < 0 {
			return 0, s.more()
		}
		s.text, s.textOff = b[9:9+i], s.off+9
		s.pos += 9 + i + 3
		return tokCDATA, nil
	case bytes.HasPrefix(b, doctypeOpen):
		return s.scanDoctype(b)
	}
	return 0, errorf(s.off, "unexpected <! (only comments, CDATA sections and a DOCTYPE start with <!)")
}

// scanDoctype skips a DOCTYPE declaration. An internal subset that declares
// entities is refused: expanding them is how "billion laughs" and external
// entity attacks work, and a UBL document has no use for them. Nothing a
// DOCTYPE names is ever fetched. With allowDTD, parameter entity
// declarations (<!ENTITY % name ...>) and element and attribute-list
// declarations are skipped, never expanded (BMEcat 1.x declares its
// user-defined extensions that way); a general entity is still refused.
// Comments in the subset are skipped whole.
func (s *scanner) scanDoctype(b []byte) (tokKind, error) {
	var quote byte
	subset := false
	for i := len(doctypeOpen); i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			subset = true
		case c == ']':
			subset = false
		case c == '<' && subset:
			if len(b)-i < len("<!ENTITY %") && !s.eof {
				return 0, errMore
			}
			if bytes.HasPrefix(b[i:], commentOpen) {
				j := bytes.Index(b[i+4:], []byte("-->"))
				if j < 0 {
					return 0, s.more()
				}
				i += 4 + j + 2
				continue
			}
			if bytes.HasPrefix(b[i:], []byte("<!ENTITY")) {
				if !s.allowDTD {
					return 0, errorf(s.off+int64(i), "the DOCTYPE declares entities (<!ENTITY ...>); entity declarations are refused and never expanded, because they can make a reader fetch files or exhaust memory: remove them (a catalogue needs none)")
				}
				j := i + len("<!ENTITY")
				for j < len(b) && isSpace(b[j]) {
					j++
				}
				if j >= len(b) {
					return 0, s.more()
				}
				if b[j] != '%' || j == i+len("<!ENTITY") {
					return 0, errorf(s.off+int64(i), "the DOCTYPE declares a general entity (<!ENTITY name ...>); general entities are refused and never expanded, because they can make a reader fetch files or exhaust memory (parameter entities, <!ENTITY %% name ...>, and element declarations are skipped)")
				}
			}
		case c == '>' && !subset:
			s.pos += i + 1
			return tokDoctype, nil
		}
	}
	return 0, s.more()
}

// Character classes for appendText: what the fast loop must stop at.
const (
	clsOK = iota
	clsAmp
	clsCR
	clsCtl  // a control character XML does not allow
	clsHigh // the first byte of a multi-byte UTF-8 sequence (or a bad byte)
	clsWS   // tab or newline: normalised to a space in attribute values
	clsLT   // '<', not allowed in attribute values
)

var textClass, attrClass [256]uint8

func init() {
	for c := 0; c < 256; c++ {
		var k uint8
		switch {
		case c == '&':
			k = clsAmp
		case c == '\r':
			k = clsCR
		case c == '\t' || c == '\n':
			k = clsOK
		case c < 0x20:
			k = clsCtl
		case c >= 0x80:
			k = clsHigh
		}
		textClass[c] = k
		attrClass[c] = k
	}
	attrClass['\t'], attrClass['\n'], attrClass['<'] = clsWS, clsWS, clsLT
}

// appendText appends character data to dst with references replaced, line
// ends normalised (and, for attribute values, white space turned into
// spaces) and every character checked against what XML allows. raw starts at
// stream offset off; errors carry the offset of the offending byte.
func appendText(dst, raw []byte, off int64, attr, literal bool) ([]byte, error) {
	cls := &textClass
	if attr {
		cls = &attrClass
	}
	start := 0
	for i := 0; i < len(raw); {
		k := cls[raw[i]]
		if k == clsOK {
			i++
			continue
		}
		switch k {
		case clsHigh:
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size == 1 {
				return dst, errorf(off+int64(i), "invalid UTF-8 (byte 0x%02x): the file is probably not UTF-8; declare its encoding in the XML declaration, e.g. <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", raw[i])
			}
			if r == 0xFFFE || r == 0xFFFF {
				return dst, errorf(off+int64(i), "the character U+%04X is not allowed in XML", r)
			}
			i += size
			continue
		case clsCtl:
			return dst, errorf(off+int64(i), "the control character U+%04X is not allowed in XML", raw[i])
		case clsLT:
			return dst, errorf(off+int64(i), "< is not allowed in an attribute value; write &lt;")
		}
		dst = append(dst, raw[start:i]...)
		switch k {
		case clsWS:
			dst = append(dst, ' ')
			i++
		case clsCR:
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
			if attr {
				dst = append(dst, ' ')
			} else {
				dst = append(dst, '\n')
			}
		case clsAmp:
			if literal {
				dst = append(dst, '&')
				i++
				break
			}
			n, r, err := reference(raw[i:], off+int64(i))
			if err != nil {
				return dst, err
			}
			dst = utf8.AppendRune(dst, r)
			i += n
		}
		start = i
	}
	return append(dst, raw[start:]...), nil
}

// reference reads the entity or character reference at the start of b
// (b[0] == '&') and returns its length and character.
func reference(b []byte, off int64) (int, rune, error) {
	end := bytes.IndexByte(b[:min(len(b), 40)], ';')
	if end < 0 {
		return 0, 0, errorf(off, "& must be written &amp; (or start a reference such as &lt; or &#229;)")
	}
	name := b[1:end]
	switch string(name) {
	case "lt":
		return end + 1, '<', nil
	case "gt":
		return end + 1, '>', nil
	case "amp":
		return end + 1, '&', nil
	case "apos":
		return end + 1, '\'', nil
	case "quot":
		return end + 1, '"', nil
	}
	if len(name) > 1 && name[0] == '#' {
		var v uint64
		var err error
		if name[1] == 'x' {
			v, err = strconv.ParseUint(string(name[2:]), 16, 32)
		} else {
			v, err = strconv.ParseUint(string(name[1:]), 10, 32)
		}
		r := rune(v)
		if err != nil || !isXMLChar(r) {
			return 0, 0, errorf(off, "&%s; is not a character XML allows", name)
		}
		return end + 1, r, nil
	}
	return 0, 0, errorf(off, "undefined entity &%s; (XML knows only &lt; &gt; &amp; &apos; &quot; and numeric references such as &#160;)", name)
}

func isXMLChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// isBlank reports whether b is only XML white space.
func isBlank(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}
