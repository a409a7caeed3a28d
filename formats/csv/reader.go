package csv

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/tabular"
	"github.com/ekatalog/ekatalog/mappings"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

const (
	bufSize       = 1 << 20
	sampleSize    = 64 << 10
	headerSearch  = 50  // rows searched for the header
	decimalSample = 500 // data rows looked at to decide the decimal separator
)

// Options say how to read; the zero value detects everything.
type Options struct {
	// Name is the file name used in errors and findings.
	Name    string
	Mapping *mappings.Mapping
	// MaxRecordBytes bounds one record (a row, with every line of its
	// quoted fields); 0 means DefaultMaxRecordBytes. A larger record is an
	// error: it is a missing closing quote or not a catalogue, and reading
	// on would hold it all in memory.
	MaxRecordBytes int64
	// MaxValueBytes bounds one field (0: DefaultMaxValueBytes); a longer
	// one is an error naming its line and column.
	MaxValueBytes int64
	// MaxFields bounds the fields of one record (0: DefaultMaxFields): a
	// row of a million empty fields would cost the parser tens of bytes
	// for each one-byte delimiter. It is checked as the line streams in,
	// before the parser splits it (see sizeGuard).
	MaxFields int
	// ReadAhead parses on a goroutine of its own, a batch ahead of Next
	// (see ahead.go); Close stops it.
	ReadAhead bool
}

const (
	// DefaultMaxRecordBytes is the default bound on one record.
	DefaultMaxRecordBytes = 8 << 20
	// DefaultMaxValueBytes is the default bound on one field (--max-value).
	DefaultMaxValueBytes = 16 << 20
	// DefaultMaxFields is the default bound on the fields of a record:
	// eight times Excel's 16,384 columns.
	DefaultMaxFields = 1 << 17
)

// Reader streams the lines of a delimited catalogue.
type Reader struct {
	name    string
	cr      *csv.Reader
	plan    *tabular.Plan
	ordinal int
	pending []record
	// sampleBytes and sampleRows measure the rows read ahead, to estimate
	// a file's number of lines from its size.
	sampleBytes int64
	sampleRows  int
	findings    []catalog.Finding
	guard       *utf8Guard
	size        *sizeGuard
	maxFields   int
	// maxValue is the bound on one field, 0 when the record bound is the
	// smaller and no field can pass it.
	maxValue int64
	// Encoding and Delimiter say what was detected, for logs (Describe).
	Encoding  string
	Delimiter rune
	// enc and bom are the encoding by its stable name, and whether a
	// byte order mark starts the text: for Layout.
	enc string
	bom bool

	readAhead bool
	ahead     *ahead
}

type record struct {
	cells []string
	row   int
}

// Open detects the layout of the text in r and reads up to the first data
// rows. A file that is empty, binary or has no recognisable header is an
// error naming the file.
func Open(r io.Reader, o Options) (*Reader, error) {
	if o.Mapping == nil {
		o.Mapping = mappings.Default()
	}
	rd := newReader(r, o)
	br := bufio.NewReaderSize(rd.size, bufSize)
	src, err := rd.decode(br, o.Mapping.Encoding)
	if err != nil {
		return nil, err
	}
	sample, _ := src.Peek(sampleSize)
	if len(bytes.TrimSpace(sample)) == 0 {
		return nil, catalog.Errorf(o.Name, 0, 0, "the file is empty")
	}
	rd.Delimiter = detectDelimiter(sample)
	if d := o.Mapping.Delimiter; d != "" {
		rd.Delimiter, _ = utf8.DecodeRuneInString(d)
	}
	rd.split(src)
	if err := rd.findHeader(o.Mapping); err != nil {
		return nil, err
	}
	if err := rd.sample(o.Mapping); err != nil {
		return nil, err
	}
	return rd, nil
}

// newReader makes a reader of r with the limits of o, before anything is
// read.
func newReader(r io.Reader, o Options) *Reader {
	rd := &Reader{name: o.Name, readAhead: o.ReadAhead}
	maxRec := o.MaxRecordBytes
	if maxRec <= 0 {
		maxRec = DefaultMaxRecordBytes
	}
	rd.maxFields = o.MaxFields
	if rd.maxFields <= 0 {
		rd.maxFields = DefaultMaxFields
	}
	if maxValue := o.MaxValueBytes; maxValue <= 0 {
		rd.maxValue = DefaultMaxValueBytes
	} else {
		rd.maxValue = maxValue
	}
	if rd.maxValue >= maxRec+bufSize {
		rd.maxValue = 0
	}
	rd.guard = &utf8Guard{r: r}
	rd.size = &sizeGuard{r: rd.guard, max: maxRec + bufSize}
	return rd
}

// split sets the parser on the decoded text, records split by the
// reader's Delimiter.
func (rd *Reader) split(src *bufio.Reader) {
	if rd.Delimiter < utf8.RuneSelf {
		rd.size.delim, rd.size.maxFields = byte(rd.Delimiter), int64(rd.maxFields)
	}
	rd.cr = csv.NewReader(src)
	rd.cr.Comma = rd.Delimiter
	rd.cr.FieldsPerRecord = -1
	rd.cr.LazyQuotes = true
	rd.cr.ReuseRecord = true
}

// decode picks the text encoding: a BOM says it; otherwise bytes that are
// not UTF-8 are Windows-1252, the encoding of Danish Excel exports.
func (rd *Reader) decode(br *bufio.Reader, forced string) (*bufio.Reader, error) {
	head, err := br.Peek(sampleSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, catalog.Errorf(rd.name, 0, 0, "%v", err)
	}
	if len(head) == 0 {
		return nil, catalog.Errorf(rd.name, 0, 0, "the file is empty")
	}
	switch {
	case forced == "utf-16" || bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		rd.Encoding, rd.enc = "utf-16", encUTF16
		rd.bom = bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff})
	case bytes.HasPrefix(head, []byte{0xef, 0xbb, 0xbf}):
		rd.Encoding, rd.enc, rd.bom = "utf-8 (BOM)", encUTF8, true
	case forced == "windows-1252" || forced == "iso-8859-1":
		rd.Encoding, rd.enc = forced, encWindows1252
	case forced == "utf-8":
		rd.Encoding, rd.enc = forced, encUTF8
	default:
		if n := bytes.Count(head, []byte{0}); n > 0 && (n*100 > len(head) || len(head) < 64) {
			if utf16Pattern(head) {
				return nil, catalog.Errorf(rd.name, 0, 0, "the file looks like UTF-16 text without a byte order mark; save it as UTF-8 (or UTF-16 with BOM)")
			}
			i := bytes.IndexByte(head, 0)
			return nil, catalog.Errorf(rd.name, 0, 0, "not a text file: binary data (NUL bytes, the first at byte %d); a CSV catalogue must be text", i+1)
		}
		// A stray NUL in otherwise text is the value's problem: it is
		// reported as a control character on its row.
		switch {
		case validUTF8Prefix(head):
			rd.Encoding, rd.enc = "utf-8", encUTF8
		case mostlyUTF8(head):
			// UTF-8 with some broken bytes: reading it all as
			// Windows-1252 would garble every æ, ø and å; the broken
			// values are read as Windows-1252 one by one, and reported.
			rd.Encoding, rd.enc = "utf-8 (with invalid bytes)", encUTF8
			rd.guard.invalid = true
		default:
			rd.Encoding, rd.enc = "windows-1252", encWindows1252
		}
	}
	return rd.decodeAs(br, rd.enc, rd.bom)
}

// The encodings by their stable names (catalog.Layout).
const (
	encUTF8        = "utf-8"
	encUTF16       = "utf-16"
	encWindows1252 = "windows-1252"
)

// decodeAs reads the text of br in an encoding, without its byte order
// mark.
func (rd *Reader) decodeAs(br *bufio.Reader, name string, bom bool) (*bufio.Reader, error) {
	var enc encoding.Encoding
	switch name {
	case encUTF8:
		if bom {
			br.Discard(3)
		}
		return br, nil
	case encUTF16:
		enc = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM) // the BOM, if any, says the byte order and is dropped
	case encWindows1252:
		enc = charmap.Windows1252
	default:
		return nil, catalog.Errorf(rd.name, 0, 0, "unknown text encoding %q (known: utf-8, utf-16, windows-1252)", name)
	}
	rd.guard.off = true // the decoder writes valid UTF-8
	// The record bound counts what the parser sees: decoded bytes.
	rd.size.off = true
	rd.size = &sizeGuard{r: transform.NewReader(br, enc.NewDecoder()), max: rd.size.max}
	return bufio.NewReaderSize(rd.size, bufSize), nil
}

// utf16Pattern reports whether most NUL bytes of b sit at every other
// position, as in UTF-16 text of Latin letters.
func utf16Pattern(b []byte) bool {
	var even, odd int
	for i, c := range b {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := len(b) / 2
	return even > half*9/10 || odd > half*9/10
}

// mostlyUTF8 reports whether b holds at least as many well-formed
// multi-byte UTF-8 sequences as bytes that are not UTF-8: a UTF-8 file
// with damage, not a Windows-1252 file (whose letters æ, ø, å almost never
// form a valid sequence).
func mostlyUTF8(b []byte) bool {
	valid, invalid := 0, 0
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n == 1:
			invalid++
		case n > 1:
			valid++
		}
		b = b[n:]
	}
	return valid > 0 && valid >= invalid
}

// validUTF8Prefix is utf8.Valid, forgiving a rune cut off at the end of the
// sample.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < 3 && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		if r, _ := utf8.DecodeLastRune(b); r != utf8.RuneError {
			return false
		}
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// detectDelimiter chooses the candidate that splits the sample's lines most
// consistently: the same non-zero count on the most lines. Title rows (no
// delimiter) and decimal commas (a varying count) do not sway it.
func detectDelimiter(sample []byte) rune {
	cands := []byte{';', ',', '\t', '|'}
	var counts [4][]int
	var cur [4]int
	inQuote, lines := false, 0
	for _, c := range sample {
		switch {
		case c == '"':
			inQuote = !inQuote
		case c == '\n' && !inQuote:
			for i := range cands {
				counts[i] = append(counts[i], cur[i])
				cur[i] = 0
			}
			if lines++; lines >= 50 {
				goto decide
			}
		case !inQuote:
			for i, d := range cands {
				if c == d {
					cur[i]++
				}
			}
		}
	}
	for i := range cands {
		counts[i] = append(counts[i], cur[i])
	}
decide:
	best, bestFreq, bestMode := ';', 0, 0
	for i, d := range cands {
		freq := map[int]int{}
		for _, n := range counts[i] {
			if n > 0 {
				freq[n]++
			}
		}
		mode, f := 0, 0
		for n, k := range freq {
			if k > f || k == f && n > mode {
				mode, f = n, k
			}
		}
		if f > bestFreq || f == bestFreq && mode > bestMode {
			best, bestFreq, bestMode = rune(d), f, mode
		}
	}
	return best
}

func (rd *Reader) read() ([]string, int, error) {
	rec, err := rd.cr.Read()
	rd.size.recStart = rd.cr.InputOffset()
	if err != nil {
		return nil, 0, err
	}
	row, _ := rd.cr.FieldPos(0)
	if len(rec) > rd.maxFields {
		return nil, 0, &limitError{line: row, err: errTooManyFields}
	}
	if rd.maxValue > 0 {
		for i, f := range rec {
			if int64(len(f)) > rd.maxValue {
				line, col := rd.cr.FieldPos(i)
				return nil, 0, &limitError{line: line, col: col, err: errValueTooLarge}
			}
		}
	}
	return rec, row, nil
}

var (
	errTooManyFields = errors.New("too many fields")
	errValueTooLarge = errors.New("value too large")
)

// limitError is a record past a limit, where the reader knows it.
type limitError struct {
	line, col int
	err       error
}

func (e *limitError) Error() string { return e.err.Error() }
func (e *limitError) Unwrap() error { return e.err }

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// findHeader skips title and blank rows until the header row.
func (rd *Reader) findHeader(m *mappings.Mapping) error {
	for i := 0; i < headerSearch; i++ {
		rec, row, err := rd.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return rd.fatal(err)
		}
		if blank(rec) {
			continue
		}
		isHeader := false
		if m.HeaderRow > 0 {
			isHeader = row == m.HeaderRow
		} else {
			isHeader = tabular.HeaderScore(rec, m) >= 2
		}
		if isHeader {
			rd.plan = tabular.NewPlan(rec, m, false, row)
			rd.findings = append(rd.findings, rd.plan.Findings...)
			return nil
		}
	}
	if m.HeaderRow > 0 {
		return catalog.Errorf(rd.name, m.HeaderRow, 0, "the header row given by the mapping (row %d) was not found", m.HeaderRow)
	}
	return catalog.Errorf(rd.name, 0, 0, "no header row found: none of the first %d rows names two known columns (such as Varenummer, Varenavn, Pris or Item number, Name, Price); name the columns or give a --mapping file", headerSearch)
}

// sample reads the first data rows ahead to decide the decimal separator.
func (rd *Reader) sample(m *mappings.Mapping) error {
	var votes tabular.DecimalVotes
	numeric := rd.plan.NumericColumns()
	// The rows read ahead are bounded in bytes too: 500 records of
	// megabytes each must not be held at once.
	from := rd.cr.InputOffset()
	for len(rd.pending) < decimalSample && rd.cr.InputOffset()-from < sampleSize<<8 {
		rec, row, err := rd.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				rd.syntax(pe)
				continue
			}
			return rd.fatal(err)
		}
		if blank(rec) {
			continue
		}
		for _, i := range numeric {
			if i < len(rec) {
				votes.Add(rec[i])
			}
		}
		rd.pending = append(rd.pending, record{cells: append([]string(nil), rec...), row: row})
	}
	rd.sampleBytes, rd.sampleRows = rd.cr.InputOffset(), len(rd.pending)+rd.plan.HeaderRow
	fallback := byte('.')
	if rd.Delimiter == ';' {
		fallback = ','
	}
	rd.plan.Decimal = votes.Decide(fallback)
	if m.Decimal != "" {
		rd.plan.Decimal = m.Decimal[0]
	}
	return nil
}

func (rd *Reader) fatal(err error) error {
	var le *limitError
	errors.As(err, &le)
	switch {
	case errors.Is(err, errTooManyFields):
		line := 0
		if le != nil {
			line = le.line
		} else if rd.cr != nil {
			line, _ = rd.cr.FieldPos(0)
		}
		return catalog.Errorf(rd.name, line, 0, "the record has more than %d fields: not a catalogue (the limit is --max-fields)", rd.maxFields)
	case errors.Is(err, errValueTooLarge) && le != nil:
		return catalog.Errorf(rd.name, le.line, le.col, "a field longer than %s; the reader stops rather than hold it (the limit is --max-value)", humanBytes(rd.maxValue))
	}
	if errors.Is(err, errRecordTooLarge) {
		line := 0
		if rd.cr != nil {
			line, _ = rd.cr.FieldPos(0)
		}
		return catalog.Errorf(rd.name, 0, 0, "a record after line %d is larger than %s: a quote that is never closed, or not a catalogue (the limit is --max-record)",
			line, humanBytes(rd.size.max-bufSize))
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return catalog.Errorf(rd.name, pe.Line, pe.Column, "%v", pe.Err)
	}
	return catalog.Errorf(rd.name, 0, 0, "%v", err)
}

func (rd *Reader) syntax(pe *csv.ParseError) {
	rd.findings = append(rd.findings, catalog.Finding{Rule: catalog.RuleReadSyntax, Severity: catalog.Error,
		Pos: catalog.Pos{Row: pe.StartLine, Col: pe.Column}, Args: []string{pe.Err.Error()}})
}

// humanBytes writes a limit for people: 8 MiB, 512 KiB, 100 bytes.
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// sizeGuard stops a record from growing without bound. It sits right
// below the parser's buffer, where bytes are what the parser counts
// (decoded text), so everything delivered past the end of the last record
// (InputOffset) is the record in progress plus at most one buffer of
// read-ahead. A quoted field that runs over many lines counts in full: the
// parser's own offset moves with every physical line, the record start
// does not.
//
// It also counts the delimiters of the line in progress as it streams in,
// so that a row of countless empty fields is refused before the parser
// splits it (the parser spends tens of bytes on each one-byte field). The
// count costs a look at the end of each buffer: where its last line
// starts.
type sizeGuard struct {
	r         io.Reader
	delivered int64
	recStart  int64 // InputOffset after the last record
	max       int64
	off       bool // another guard nearer the parser counts instead

	delim     byte
	maxFields int64
	fields    int64 // delimiters delivered since the last line end
}

// errRecordTooLarge is returned by sizeGuard; the reader names the row.
var errRecordTooLarge = errors.New("record too large")

func (g *sizeGuard) Read(p []byte) (int, error) {
	if !g.off && g.delivered-g.recStart > g.max {
		return 0, errRecordTooLarge
	}
	n, err := g.r.Read(p)
	if g.maxFields > 0 && n > 0 {
		chunk := p[:n]
		if i := bytes.LastIndexByte(chunk, '\n'); i >= 0 {
			g.fields = 0
			chunk = chunk[i+1:]
		}
		if g.fields += int64(bytes.Count(chunk, []byte{g.delim})); g.fields >= g.maxFields {
			return 0, errTooManyFields
		}
	}
	g.delivered += int64(n)
	return n, err
}

// utf8Guard watches the raw bytes of a UTF-8 file for invalid sequences,
// checking whole buffers at once. It reads ahead of the parser, so once it
// has seen one, every later cell is checked one by one.
type utf8Guard struct {
	r       io.Reader
	carry   [utf8.UTFMax]byte
	ncarry  int
	invalid bool
	off     bool
}

func (g *utf8Guard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if g.invalid || g.off {
		return n, err
	}
	if n == 0 {
		if err != nil && g.ncarry > 0 {
			g.invalid = true // the file ends inside a rune
		}
		return n, err
	}
	b := p[:n]
	if g.ncarry > 0 {
		// Complete the rune cut at the end of an earlier read.
		for len(b) > 0 && !utf8.FullRune(g.carry[:g.ncarry]) {
			g.carry[g.ncarry] = b[0]
			g.ncarry++
			b = b[1:]
		}
		if !utf8.FullRune(g.carry[:g.ncarry]) {
			g.invalid = err != nil // the file ends inside a rune
			return n, err
		}
		if r, size := utf8.DecodeRune(g.carry[:g.ncarry]); r == utf8.RuneError && size <= 1 {
			g.invalid = true
			return n, err
		}
		g.ncarry = 0
	}
	// Hold back a rune that may continue in the next read.
	cut := len(b)
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				cut = i
			}
			break
		}
	}
	if !utf8.Valid(b[:cut]) {
		g.invalid = true
	}
	g.ncarry = copy(g.carry[:], b[cut:])
	if err != nil && g.ncarry > 0 {
		g.invalid = true // the file ends inside a rune
	}
	return n, err
}

// EstimateLines guesses the number of lines of a file of size bytes from
// the rows read ahead, erring high, so that catalogue-wide indexes are sized
// once.
func (rd *Reader) EstimateLines(size int64) int {
	if rd.sampleRows == 0 || rd.sampleBytes == 0 {
		return 0
	}
	perRow := float64(rd.sampleBytes) / float64(rd.sampleRows)
	return int(float64(size)/perRow*1.1) + 16
}

// Header returns the catalogue header: a CSV has none of its own.
func (rd *Reader) Header() catalog.Header { return catalog.Header{} }

// Next reads the next line into l; io.EOF at the end.
func (rd *Reader) Next(l *catalog.Line) error {
	l.Reset()
	for {
		var rec []string
		var row int
		var invalid bool
		if len(rd.pending) > 0 {
			// The sample: read before any parsing goroutine starts.
			rec, row, invalid = rd.pending[0].cells, rd.pending[0].row, rd.guard.invalid
			rd.pending[0] = record{}
			rd.pending = rd.pending[1:]
		} else {
			var err error
			if rd.readAhead {
				if rd.ahead == nil {
					rd.startAhead()
				}
				rec, row, invalid, err = rd.nextAhead()
			} else {
				rec, row, err = rd.read()
				invalid = rd.guard.invalid
			}
			if err == io.EOF {
				return io.EOF
			}
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					rd.syntax(pe)
					continue
				}
				var re *catalog.ReadError
				if errors.As(err, &re) {
					return err // named by the parsing goroutine
				}
				return rd.fatal(err)
			}
		}
		if blank(rec) {
			continue
		}
		rd.ordinal++
		l.Src = catalog.Src{Line: rd.ordinal, Row: row}
		rd.plan.CheckUTF8 = invalid
		rd.plan.Fill(l, rec, nil)
		return nil
	}
}

// Locate returns where field f of l sits.
func (rd *Reader) Locate(l *catalog.Line, f catalog.Field) catalog.Pos { return rd.plan.Locate(l, f) }

// LocateScheme returns where the classification of a scheme sits.
func (rd *Reader) LocateScheme(l *catalog.Line, scheme string) catalog.Pos {
	return rd.plan.LocateScheme(l, scheme)
}

// Fields returns the fields some column supplies.
func (rd *Reader) Fields() catalog.FieldSet { return rd.plan.Fields }

// Findings returns the file-level findings so far (unmapped columns, rows
// that could not be parsed).
func (rd *Reader) Findings() []catalog.Finding { return rd.findings }

// Plan exposes the column plan (headers, decimal separator), for reports.
func (rd *Reader) Plan() *tabular.Plan { return rd.plan }

// Layout says how the file was read: what a report needs to read its rows
// again (OpenRows).
func (rd *Reader) Layout() catalog.Layout {
	return catalog.Layout{Encoding: rd.enc, BOM: rd.bom, Delimiter: rd.Delimiter, HeaderRow: rd.plan.HeaderRow}
}

// Describe says what was detected, for logs.
func (rd *Reader) Describe() string {
	return fmt.Sprintf("%s, delimiter %q, decimal %q, header on line %d", rd.Encoding, rd.Delimiter, rd.plan.Decimal, rd.plan.HeaderRow)
}

// UnitLanguage is the language of the header row (catalog.UnitContext):
// unit words of a catalogue with Danish headers are read as Danish.
func (rd *Reader) UnitLanguage() string { return rd.plan.Language }
