package xmlscan

import (
	"errors"
	"fmt"

	"github.com/ekatalog/ekatalog/catalog"
)

// ReadError turns an error met while reading file into the catalogue's
// ReadError: a syntax error of the scanner with its line and column and the
// path of the open element (xpath is called only then), a ReadError as it
// is, anything else under the file's name. The readers built on the scanner
// (UBL, BMEcat, cXML) report every error this way.
func (s *Scanner) ReadError(file string, err error, xpath func() string) *catalog.ReadError {
	var re *catalog.ReadError
	if errors.As(err, &re) {
		return re
	}
	var se *SyntaxError
	if !errors.As(err, &se) {
		return &catalog.ReadError{File: file, Err: err}
	}
	line, col := s.Position(se.Offset())
	return &catalog.ReadError{File: file, Line: line, Col: col, XPath: xpath(), Err: errors.New(se.Msg())}
}

// Names interns the element names and attribute values a reader keeps, so
// that equal names share one string, and bounds how many different ones a
// document may hold: a file of ever new names is not a catalogue.
type Names struct {
	m   map[string]string
	max int
}

// NewNames returns an empty set that holds at most max names.
func NewNames(max int) *Names { return &Names{m: map[string]string{}, max: max} }

// Intern returns the string of b, shared by every equal name.
func (n *Names) Intern(b []byte) (string, error) {
	if s, ok := n.m[string(b)]; ok {
		return s, nil
	}
	if len(n.m) >= n.max {
		return "", fmt.Errorf("more than %d different element names and attribute values: not a catalogue", n.max)
	}
	s := string(b)
	n.m[s] = s
	return s, nil
}
