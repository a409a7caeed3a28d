package xmlscan

import (
	"bufio"
	"io"
)

// Kind is the kind of a token.
type Kind = tokKind

// Token kinds that Next returns.
const (
	EOF     Kind = tokEOF
	Start   Kind = tokStart   // a start tag (SelfClose says whether it was <x/>)
	End     Kind = tokEnd     // an end tag
	Text    Kind = tokText    // character data, references not yet replaced
	CDATA   Kind = tokCDATA   // the content of a CDATA section, taken literally
	Doctype Kind = tokDoctype // a DOCTYPE declaration
)

// DeclSearch is how far into a document DecodeInput looks for the XML
// declaration: a bufio.Reader handed to it must be at least this large.
const DeclSearch = declSearch

// Scanner is the tokenizer. The slices its methods return point into its
// buffer and are valid until the next call to Next.
type Scanner struct {
	scanner
}

// New returns a scanner of the UTF-8 text r (see DecodeInput) with a first
// buffer of bufSize bytes, growing to at most maxTok bytes for a single tag
// or text.
func New(r io.Reader, bufSize, maxTok int) *Scanner {
	return &Scanner{scanner: *newScanner(r, bufSize, maxTok)}
}

// AllowDTD lets a DOCTYPE's internal subset hold parameter entity
// (<!ENTITY % name ...>), element and attribute-list declarations, which are
// skipped and never expanded; a general entity declaration is refused
// either way. Without it any entity declaration is refused.
func (s *Scanner) AllowDTD(allow bool) { s.allowDTD = allow }

// Next scans the next token. Comments and processing instructions are
// skipped. Errors at a place in the document are *SyntaxError.
func (s *Scanner) Next() (Kind, error) { return s.next() }

// Off is the stream offset of the current token's first byte.
func (s *Scanner) Off() int64 { return s.off }

// QName is the name of the current start or end tag, as written.
func (s *Scanner) QName() []byte { return s.qname }

// Colon is the index of ':' in QName, -1 when the name has no prefix.
func (s *Scanner) Colon() int { return s.colon }

// SelfClose says whether the current start tag was written <x/>.
func (s *Scanner) SelfClose() bool { return s.selfClose }

// Attrs are the attributes of the current start tag, namespace
// declarations included.
func (s *Scanner) Attrs() []Attr { return s.attrs }

// RawText is the current text or CDATA token, references not yet replaced
// (see AppendText); TextOff is its stream offset.
func (s *Scanner) RawText() []byte { return s.text }

// TextOff is the stream offset of RawText.
func (s *Scanner) TextOff() int64 { return s.textOff }

// Position returns the 1-based line and byte column of a stream offset
// that is still in the buffer (the current token's, or the end of the
// data read: EndOff).
func (s *Scanner) Position(off int64) (line, col int) { return s.position(off) }

// EndOff is the stream offset of the end of the data read so far.
func (s *Scanner) EndOff() int64 { return s.base + int64(s.end) }

// Attr is an attribute of a start tag, as written.
type Attr = rawAttr

// QName is the attribute's name as written.
func (a *rawAttr) QName() []byte { return a.qname }

// Colon is the index of ':' in QName, -1 when unprefixed.
func (a *rawAttr) Colon() int { return a.colon }

// RawValue is the text between the quotes, references not yet replaced.
func (a *rawAttr) RawValue() []byte { return a.value }

// Off is the stream offset of the value's first byte.
func (a *rawAttr) Off() int64 { return a.off }

// SyntaxError is a well-formedness error at a stream offset.
type SyntaxError = syntaxError

// Offset is the stream offset the error is at.
func (e *syntaxError) Offset() int64 { return e.off }

// Msg is the error's message, without position.
func (e *syntaxError) Msg() string { return e.msg }

// Errorf makes a *SyntaxError at a stream offset.
func Errorf(off int64, format string, args ...any) error { return errorf(off, format, args...) }

// AppendText appends character data or an attribute value (attr) to dst
// with references replaced (unless literal: CDATA), line ends normalised
// and every character checked against what XML allows. raw starts at
// stream offset off; errors are *SyntaxError at the offending byte.
func AppendText(dst, raw []byte, off int64, attr, literal bool) ([]byte, error) {
	return appendText(dst, raw, off, attr, literal)
}

// IsBlank reports whether b is only XML white space.
func IsBlank(b []byte) bool { return isBlank(b) }

// DecodeInput returns the document as UTF-8 and the name of the encoding it
// was in, from its byte order mark or XML declaration (UTF-8 without
// either). br must be at least DeclSearch bytes large.
func DecodeInput(br *bufio.Reader) (io.Reader, string, error) { return decodeInput(br) }
