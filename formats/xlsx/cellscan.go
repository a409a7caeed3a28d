package xlsx

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// cellScan reads the start tags of a worksheet's <row> and <c> elements for
// their attributes: the cell's type (t) and style (s). excelize's streaming
// iterator (Rows.Columns) returns every cell as a string and drops both, and
// its typed look-ups (GetCellType, GetCellStyle) load the whole worksheet
// into memory. So the reader takes the values from excelize and the types
// from this scan of the same XML, row by row in step; it reads nothing but
// tags, which costs a few percent of excelize's own parse.
//
// It reads the part straight from the ZIP archive, so the CRC check at its
// end also catches a damaged sheet that excelize would read as a short one.
type cellScan struct {
	rc  io.ReadCloser
	br  *bufio.Reader
	tag []byte
	// have is set when row/cells hold a row read ahead.
	have  bool
	row   int
	cells []cellAttr
	// inData is set between <sheetData> and </sheetData>.
	inData bool
	done   bool
	err    error

	// maxText bounds one value: the text of a cell (all of its runs), or
	// any one text, comment or CDATA section elsewhere (0: no bound).
	// text counts the value being read; inCell is set between <c> and
	// </c>, where excelize joins the texts into one value.
	maxText int64
	text    int64
	inCell  bool
	// rowText counts the text of the row being read, which excelize
	// returns whole: it may hold four values at the limit.
	rowText int64
	rowOpen bool
	// pend is the tag read after a row's end, so that the scan has read
	// everything excelize reads for a row (it reads up to the start tag
	// of the next row) before excelize reads it.
	hasPend  bool
	pendKind int
	pendName []byte
	pendErr  error
}

// TooLargeError is a value longer than the limit on one value: the reader
// stops before anything holds it whole.
type TooLargeError struct {
	// Row and Col are the cell (1-based), 0 when outside a cell.
	Row, Col int
	// Part is the archive member, Item the shared string (1-based) when
	// the value is in the shared strings table.
	Part  string
	Item  int
	Limit int64
	// WholeRow says the row's values together are over four times Limit.
	WholeRow bool
}

func (e *TooLargeError) Error() string {
	where := ""
	switch {
	case e.Item > 0:
		where = fmt.Sprintf("shared string %d (%s)", e.Item, e.Part)
	case e.Col > 0:
		where = "cell " + cellName(e.Col, e.Row)
	case e.Row > 0:
		where = fmt.Sprintf("row %d", e.Row)
	default:
		where = e.Part
	}
	if e.WholeRow {
		return fmt.Sprintf("row %d: its values together are longer than %s, four values at the limit; the reader stops rather than hold them (the limit is --max-value)", e.Row, humanBytes(4*e.Limit))
	}
	return fmt.Sprintf("%s: a value longer than %s; the reader stops rather than hold it (the limit is --max-value)", where, humanBytes(e.Limit))
}

func cellName(col, row int) string {
	var b []byte
	for c := col; c > 0; c = (c - 1) / 26 {
		b = append([]byte{byte('A' + (c-1)%26)}, b...)
	}
	return string(b) + strconv.Itoa(row)
}

// humanBytes writes a limit for people: 16 MiB, 512 KiB, 100 bytes.
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// cellAttr is what a <c> start tag says about its cell.
type cellAttr struct {
	col   int // 1-based
	style int
	typ   cellType
}

// cellType is a cell's t attribute.
type cellType uint8

const (
	typeNumber  cellType = iota // "n" or no t: a number (a date when its style says so)
	typeShared                  // "s": index into the shared strings
	typeInline                  // "inlineStr"
	typeFormula                 // "str": a formula's text result
	typeBool                    // "b"
	typeISODate                 // "d": an ISO 8601 date as text
	typeError                   // "e": #N/A, #VALUE! …
)

func newCellScan(rc io.ReadCloser, maxText int64) *cellScan {
	return &cellScan{rc: rc, br: bufio.NewReaderSize(rc, 64<<10), maxText: maxText}
}

// ahead reads the next row before excelize does, so that a value over
// the limit stops the reader before excelize holds it. Other errors are
// left for cellsOf and finish, where they are reported in order.
func (s *cellScan) ahead() error {
	if !s.have && !s.done {
		s.next()
	}
	var tl *TooLargeError
	if errors.As(s.err, &tl) {
		return s.err
	}
	if s.hasPend && errors.As(s.pendErr, &tl) {
		return s.pendErr
	}
	return nil
}

// tag returns the next tag: the one read ahead after a row, if any.
func (s *cellScan) nextTag() (int, []byte, error) {
	if s.hasPend {
		s.hasPend = false
		return s.pendKind, s.pendName, s.pendErr
	}
	return s.readTag()
}

// cellsOf returns the cells of sheet row n, nil for a row with no cells.
// Rows must be asked for in increasing order, as the iterator gives them.
func (s *cellScan) cellsOf(n int) ([]cellAttr, error) {
	for {
		if !s.have {
			if s.done {
				return nil, s.err
			}
			s.next()
			if !s.have {
				return nil, s.err
			}
		}
		switch {
		case s.row < n:
			s.have = false
		case s.row == n:
			s.have = false
			return s.cells, nil
		default:
			return nil, nil
		}
	}
}

// next reads the next <row> and the attributes of its cells.
func (s *cellScan) next() {
	s.cells = s.cells[:0]
	inRow := false
	for {
		kind, name, err := s.nextTag()
		if err != nil {
			s.done = true
			if err == io.EOF && s.inData {
				err = errXMLEnds
			}
			if err != io.EOF {
				s.err = err
			}
			s.have = inRow
			return
		}
		switch {
		case kind == tagStart && bytes.Equal(name, nameSheetData):
			s.inData = !selfClosing(s.tag)
			if !s.inData {
				s.done = true
				return
			}
		case kind == tagStart && !inRow && bytes.Equal(name, nameRow):
			s.row = rowNumber(s.tag, s.row)
			s.rowText, s.rowOpen = 0, true
			if selfClosing(s.tag) {
				s.have = true
				return
			}
			inRow = true
		case kind == tagStart && inRow && bytes.Equal(name, nameC):
			s.cells = append(s.cells, s.cellAttrs())
			s.inCell, s.text = !selfClosing(s.tag), 0
		case kind == tagEnd && bytes.Equal(name, nameC):
			s.inCell, s.text = false, 0
		case kind == tagEnd && bytes.Equal(name, nameRow):
			if inRow {
				s.have = true
				s.inCell, s.text, s.rowOpen = false, 0, false
				s.pendKind, s.pendName, s.pendErr = s.readTag()
				s.hasPend = true
				return
			}
		case kind == tagEnd && bytes.Equal(name, nameSheetData):
			s.inData = false
			s.done = true
			s.have = inRow
			return
		}
	}
}

// finish is called when excelize has no more rows. excelize stops quietly
// at the first XML error, so a row still ahead here means rows were lost;
// then finish reads the part to its end, where archive/zip checks the CRC.
func (s *cellScan) finish() error {
	if !s.have && !s.done {
		s.next()
	}
	if s.have && s.err == nil {
		s.err = fmt.Errorf("%w at row %d", errXMLStops, s.row)
	}
	if s.rc == nil {
		return s.err
	}
	if s.err == nil {
		if _, err := io.Copy(io.Discard, s.br); err != nil {
			s.err = err
		}
	}
	s.done = true
	return s.err
}

func (s *cellScan) close() {
	if s.rc != nil {
		s.rc.Close()
		s.rc = nil
	}
}

var (
	nameRow       = []byte("row")
	nameC         = []byte("c")
	nameSheetData = []byte("sheetData")
)

const (
	tagStart = iota
	tagEnd
	tagOther // comment, CDATA, processing instruction, DOCTYPE
)

var (
	errBadTag   = errors.New("malformed XML tag, or a tag longer than 64 KiB (an element with thousands of attributes is not a workbook's)")
	errXMLEnds  = errors.New("the sheet's XML ends before </sheetData>")
	errXMLStops = errors.New("the sheet's XML is malformed")
)

// readTag skips to the next tag and returns its kind and local name (the
// name without a namespace prefix); s.tag holds a start tag's bytes. Text
// between tags cannot hold '<' in XML, nor can attribute values, so
// scanning for it finds every tag; comments and CDATA are skipped whole.
func (s *cellScan) readTag() (int, []byte, error) {
	if !s.inCell {
		s.text = 0
	}
	for {
		chunk, err := s.br.ReadSlice('<')
		if s.text += int64(len(chunk)); err == nil {
			s.text--
		}
		s.rowText += int64(len(chunk))
		if s.maxText > 0 && (s.text > s.maxText || s.rowOpen && s.rowText > 4*s.maxText) {
			return 0, nil, s.tooLarge()
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return 0, nil, err
		}
		break
	}
	c, err := s.br.ReadByte()
	if err != nil {
		return 0, nil, unexpected(err)
	}
	switch c {
	case '!':
		if b, _ := s.br.Peek(2); string(b) == "--" {
			return tagOther, nil, s.skipPast("-->")
		}
		if b, _ := s.br.Peek(7); string(b) == "[CDATA[" {
			return tagOther, nil, s.skipPast("]]>")
		}
		return tagOther, nil, s.skipPast(">")
	case '?':
		return tagOther, nil, s.skipPast("?>")
	case '/':
		s.tag = append(s.tag[:0], '<', '/')
		if err := s.readToClose(); err != nil {
			return 0, nil, err
		}
		return tagEnd, localName(s.tag[2:]), nil
	}
	s.tag = append(s.tag[:0], '<', c)
	if err := s.readToClose(); err != nil {
		return 0, nil, err
	}
	return tagStart, localName(s.tag[1:]), nil
}

// readToClose appends to s.tag up to the '>' that ends the tag, outside
// quoted attribute values.
func (s *cellScan) readToClose() error {
	var quote byte
	for {
		c, err := s.br.ReadByte()
		if err != nil {
			return unexpected(err)
		}
		s.tag = append(s.tag, c)
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return nil
		}
		if len(s.tag) > 1<<16 {
			return errBadTag
		}
	}
}

func (s *cellScan) skipPast(end string) error {
	last := end[len(end)-1]
	var window []byte
	for {
		chunk, err := s.br.ReadSlice(last)
		s.rowText += int64(len(chunk))
		if s.text += int64(len(chunk)); s.maxText > 0 && (s.text > s.maxText || s.rowOpen && s.rowText > 4*s.maxText) {
			return s.tooLarge()
		}
		if err == bufio.ErrBufferFull {
			window = append(window[:0], chunk[max(0, len(chunk)-len(end)):]...)
			continue
		}
		if err != nil {
			return unexpected(err)
		}
		window = append(window, chunk...)
		if bytes.HasSuffix(window, []byte(end)) {
			return nil
		}
		window = append(window[:0], window[max(0, len(window)-len(end)):]...)
	}
}

// tooLarge names the value over the limit: the cell being read, or the
// row.
func (s *cellScan) tooLarge() error {
	e := &TooLargeError{Row: s.row, Limit: s.maxText, WholeRow: s.text <= s.maxText}
	if s.inCell && len(s.cells) > 0 {
		e.Col = s.cells[len(s.cells)-1].col
	}
	if !s.inData {
		e.Row = 0
	}
	if e.WholeRow {
		e.Col = 0
	}
	return e
}

func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// localName returns the element name at the start of b, without prefix.
func localName(b []byte) []byte {
	end := 0
	for end < len(b) && !isSpace(b[end]) && b[end] != '>' && b[end] != '/' {
		end++
	}
	name := b[:end]
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func selfClosing(tag []byte) bool { return len(tag) >= 2 && tag[len(tag)-2] == '/' }

// attrs calls fn with the local name and raw value of each attribute of
// the start tag. Values are not unescaped: the ones read here (cell
// references, numbers, type codes) never need it.
func attrs(tag []byte, fn func(name, value []byte)) {
	i := 1
	for i < len(tag) && !isSpace(tag[i]) && tag[i] != '>' && tag[i] != '/' {
		i++
	}
	for i < len(tag) {
		for i < len(tag) && (isSpace(tag[i]) || tag[i] == '/') {
			i++
		}
		start := i
		for i < len(tag) && tag[i] != '=' && tag[i] != '>' && !isSpace(tag[i]) {
			i++
		}
		name := tag[start:i]
		for i < len(tag) && isSpace(tag[i]) {
			i++
		}
		if i >= len(tag) || tag[i] != '=' {
			return
		}
		i++
		for i < len(tag) && isSpace(tag[i]) {
			i++
		}
		if i >= len(tag) || tag[i] != '"' && tag[i] != '\'' {
			return
		}
		q := tag[i]
		i++
		vstart := i
		for i < len(tag) && tag[i] != q {
			i++
		}
		if i >= len(tag) {
			return
		}
		if k := bytes.LastIndexByte(name, ':'); k >= 0 {
			name = name[k+1:]
		}
		fn(name, tag[vstart:i])
		i++
	}
}

// rowNumber returns a <row>'s r attribute, or the row after prev when it
// has none or an unreadable one, as excelize counts.
func rowNumber(tag []byte, prev int) int {
	n := prev + 1
	attrs(tag, func(name, v []byte) {
		if string(name) == "r" {
			if r, ok := atoi(v); ok && r > 0 {
				n = r
			}
		}
	})
	return n
}

// cellAttrs reads a <c> start tag. A cell without a reference follows the
// previous one, as excelize counts.
func (s *cellScan) cellAttrs() cellAttr {
	a := cellAttr{col: 1}
	if n := len(s.cells); n > 0 {
		a.col = s.cells[n-1].col + 1
	}
	attrs(s.tag, func(name, v []byte) {
		switch string(name) {
		case "r":
			if col := refColumn(v); col > 0 {
				a.col = col
			}
		case "s":
			if st, ok := atoi(v); ok {
				a.style = st
			}
		case "t":
			a.typ = parseType(v)
		}
	})
	return a
}

func parseType(v []byte) cellType {
	switch string(v) {
	case "s":
		return typeShared
	case "inlineStr":
		return typeInline
	case "str":
		return typeFormula
	case "b":
		return typeBool
	case "d":
		return typeISODate
	case "e":
		return typeError
	}
	return typeNumber
}

// refColumn returns the column number of a cell reference such as "AB12".
func refColumn(ref []byte) int {
	col := 0
	for _, c := range ref {
		switch {
		case c >= 'A' && c <= 'Z':
			col = col*26 + int(c-'A') + 1
		case c >= 'a' && c <= 'z':
			col = col*26 + int(c-'a') + 1
		case c == '$':
		default:
			return col
		}
		if col > maxColumns {
			return 0
		}
	}
	return col
}

// maxColumns is Excel's limit, XFD.
const maxColumns = 16384

func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
