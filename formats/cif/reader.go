package cif

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/tabular"
	"github.com/ekatalog/ekatalog/mappings"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// DefaultMaxRecordBytes bounds one header line or data record when the
// caller names no limit.
const DefaultMaxRecordBytes = 8 << 20

// Options say how to read a CIF file.
type Options struct {
	// Name is the file name used in errors and findings.
	Name string
	// MaxRecordBytes bounds one header line or data record (0: the
	// default). A larger one is an error: a quote never closed, or not a
	// catalogue.
	MaxRecordBytes int64
}

// Reader streams the items of a CIF 2.1 or 3.0 file.
type Reader struct {
	name     string
	h        catalog.Header
	Version  string // "2.1", "3.0"
	LoadMode string // "F" (full) or "I" (incremental)
	Charset  string
	cr       *csv.Reader
	guard    *sizeGuard
	plan     *tabular.Plan
	offset   int // file lines before the first data line
	ordinal  int
	// itemCount is ITEMCOUNT, -1 when the header has none.
	itemCount int
	itemRow   int
	supCol    int // Supplier ID column, -1 when none
	langCol   int
	delCol    int
	puCol     int // PriceUnit and UnitConversion, read with the unit
	ucCol     int
	unitCol   int
	descCol   int
	pending   []string
	pendRow   int
	done      bool
	findings  []catalog.Finding
}

// Sniff reports whether head starts like a CIF file: CIF_I_V and a version,
// after an optional byte order mark and blank lines.
func Sniff(head []byte) bool {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xef, 0xbb, 0xbf}), " \t\r\n")
	return len(h) >= 7 && bytes.EqualFold(h[:7], []byte("CIF_I_V"))
}

// defaultFields is the fixed column order of a CIF 2.1 file, which has no
// FIELDNAMES line, and of a CIF 3.0 file that leaves FIELDNAMES out: the
// twelve fields every CIF version knows.
var defaultFields = []string{"Supplier ID", "Supplier Part ID", "Manufacturer Part ID", "Item Description", "SPSC Code",
	"Unit Price", "Unit of Measure", "Lead Time", "Manufacturer Name", "Supplier URL", "Manufacturer URL", "Market Price"}

// columns maps CIF field names to canonical fields. Supplier ID, Language,
// Delete, PriceUnit and UnitConversion are read by the reader itself; SPSC
// Code takes the scheme of CODEFORMAT; other CIF fields (URLs, Market Price,
// parametric data, territory, auxiliary ID, PunchOut) go to extra.
var columns = map[string]string{
	"Supplier Part ID":     "sellerItemId",
	"Manufacturer Part ID": "manufacturerItemId",
	"Item Description":     "description",
	"Short Name":           "name",
	"Unit Price":           "price",
	"Unit of Measure":      "unit",
	"Units of Measure":     "unit",
	"Lead Time":            "leadTimeDays",
	"Manufacturer Name":    "manufacturerName",
	"Currency":             "currency",
	"Effective Date":       "validFrom",
	"Expiration Date":      "validTo",
	"PriceUnitQuantity":    "priceBaseQuantity",
	"Image":                "images",
}

// cifMapping is the mapping of CIF field names for a classification scheme.
var cifMapping = sync.OnceValue(func() func(scheme string) *mappings.Mapping {
	var mu sync.Mutex
	cache := map[string]*mappings.Mapping{}
	return func(scheme string) *mappings.Mapping {
		mu.Lock()
		defer mu.Unlock()
		if m := cache[scheme]; m != nil {
			return m
		}
		cols := map[string]string{"SPSC Code": "classification:" + scheme}
		for k, v := range columns {
			cols[k] = v
		}
		for _, k := range []string{"Supplier ID", "Language", "Delete", "PriceUnit", "UnitConversion"} {
			cols[k] = "extra"
		}
		m := &mappings.Mapping{Columns: cols, ReplaceBuiltIn: true}
		b, _ := json.Marshal(m)
		out, err := mappings.Parse("cif", b)
		if err != nil {
			panic(err) // a fixed table; the tests read it
		}
		cache[scheme] = out
		return out
	}
})

// Open reads the header of a CIF file up to DATA and the first item. A file
// that does not start with CIF_I_V, or ends before DATA, is an error naming
// the file.
func Open(r io.Reader, o Options) (*Reader, error) {
	max := o.MaxRecordBytes
	if max <= 0 {
		max = DefaultMaxRecordBytes
	}
	rd := &Reader{name: o.Name, itemCount: -1, supCol: -1, langCol: -1, delCol: -1, puCol: -1, ucCol: -1, unitCol: -1, descCol: -1}
	br := bufio.NewReaderSize(r, 64<<10)
	var fieldNames []string
	var codeFormat string
	fieldLine := 0
	line := 0
	sawData := false
	for !sawData {
		b, err := readLine(br, max)
		if err == errLineTooLong {
			return nil, catalog.Errorf(o.Name, line+1, 0, "a header line is larger than %s: not a CIF header (the limit is --max-record)", humanBytes(max))
		}
		if err != nil && (err != io.EOF || len(b) == 0) {
			if err == io.EOF {
				if line == 0 {
					return nil, catalog.Errorf(o.Name, 0, 0, "the file is empty")
				}
				return nil, catalog.Errorf(o.Name, line, 0, "the CIF file ends before its DATA line: the header has no items after it")
			}
			return nil, catalog.Errorf(o.Name, line, 0, "%v", err)
		}
		line++
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte{0xef, 0xbb, 0xbf})
		}
		s := strings.TrimSpace(string(b))
		if s == "" {
			continue
		}
		if rd.Version == "" {
			v, ok := cutPrefixFold(s, "CIF_I_V")
			if !ok {
				return nil, catalog.Errorf(o.Name, line, 1, "not a CIF file: the first line is %q, not CIF_I_V2.1 or CIF_I_V3.0", clip(s, 40))
			}
			rd.Version = v
			if v != "2.1" && v != "3.0" {
				rd.findings = append(rd.findings, catalog.Finding{Rule: catalog.RuleCIFVersion, Severity: catalog.Warning,
					Pos: catalog.Pos{Row: line, Col: 1}, Value: v, Args: []string{v}})
			}
			continue
		}
		if strings.EqualFold(s, "DATA") {
			sawData = true
			break
		}
		key, val, ok := strings.Cut(s, ":")
		if !ok {
			rd.findings = append(rd.findings, catalog.Finding{Rule: catalog.RuleCIFHeaderLine, Severity: catalog.Warning,
				Pos: catalog.Pos{Row: line, Col: 1}, Value: clip(s, 80), Args: []string{clip(s, 80)}})
			continue
		}
		key, val = strings.ToUpper(strings.TrimSpace(key)), strings.TrimSpace(val)
		switch key {
		case "CHARSET":
			rd.Charset = val
		case "LOADMODE":
			rd.LoadMode = strings.ToUpper(val)
		case "CODEFORMAT":
			codeFormat = val
		case "CURRENCY":
			rd.h.Currency = strings.ToUpper(val)
		case "SUPPLIERID_DOMAIN":
			rd.h.Seller.IDScheme = domainIn(val)
		case "ITEMCOUNT":
			n, err := strconv.Atoi(val)
			if err != nil || n < 0 {
				rd.findings = append(rd.findings, catalog.Finding{Rule: catalog.RuleCIFItemCountNotNumber, Severity: catalog.Error,
					Pos: catalog.Pos{Row: line}, Value: val, Args: []string{val}})
				continue
			}
			rd.itemCount, rd.itemRow = n, line
		case "TIMESTAMP":
			if d, ok := timestampDate(val); ok {
				rd.h.IssueDate = d
			} else {
				rd.h.Extra = append(rd.h.Extra, catalog.Extra{Name: "TIMESTAMP", Value: val})
			}
		case "FIELDNAMES":
			cr := csv.NewReader(strings.NewReader(val))
			cr.LazyQuotes, cr.TrimLeadingSpace = true, true
			rec, err := cr.Read()
			if err != nil {
				return nil, catalog.Errorf(o.Name, line, 0, "the FIELDNAMES line could not be read: %v", err)
			}
			fieldNames, fieldLine = rec, line
		default: // UNUOM, COMMENTS, and names CIF does not define
			rd.h.Extra = append(rd.h.Extra, catalog.Extra{Name: key, Value: val})
		}
	}
	switch rd.LoadMode {
	case "", "F":
		rd.h.Action = "replace"
	case "I":
		rd.h.Action = "update"
	default:
		rd.findings = append(rd.findings, catalog.Finding{Rule: catalog.RuleCIFLoadMode, Severity: catalog.Error,
			Value: rd.LoadMode, Args: []string{rd.LoadMode}})
	}
	dec, err := decoder(rd.Charset)
	if err != nil {
		rd.findings = append(rd.findings, catalog.Finding{Rule: catalog.RuleCIFCharset, Severity: catalog.Warning,
			Value: rd.Charset, Args: []string{rd.Charset}})
	}
	var src io.Reader = br
	if dec != nil {
		src = transform.NewReader(br, dec)
		for i := range rd.h.Extra {
			rd.h.Extra[i].Value, _ = decodeString(dec, rd.h.Extra[i].Value)
		}
	}
	if len(fieldNames) == 0 {
		fieldNames = defaultFields
	}
	for i := range fieldNames {
		fieldNames[i] = strings.TrimSpace(fieldNames[i])
	}
	rd.plan = tabular.NewPlan(fieldNames, cifMapping()(schemeOf(codeFormat)), false, fieldLine)
	rd.plan.Decimal = '.'
	rd.plan.ListSep = ';'
	rd.findings = append(rd.findings, rd.plan.Findings...)
	for i, f := range fieldNames {
		switch mappings.NormalizeHeader(f) {
		case "supplier id":
			rd.supCol = i
		case "language":
			rd.langCol = i
		case "delete":
			rd.delCol = i
		case "priceunit":
			rd.puCol = i
		case "unitconversion":
			rd.ucCol = i
		case "unit of measure", "units of measure":
			rd.unitCol = i
		case "item description":
			rd.descCol = i
		}
	}
	rd.offset = line
	rd.guard = &sizeGuard{r: src, max: max + 64<<10}
	rd.cr = csv.NewReader(rd.guard)
	rd.cr.FieldsPerRecord = -1
	rd.cr.LazyQuotes = true
	rd.cr.TrimLeadingSpace = true
	rd.cr.ReuseRecord = true
	// The first item gives the supplier and the language of the catalogue.
	rec, row, err := rd.read()
	switch {
	case err == io.EOF:
		rd.done = true
	case err != nil:
		return nil, err
	default:
		rd.pending, rd.pendRow = append([]string(nil), rec...), row
		if rd.supCol >= 0 && rd.supCol < len(rec) {
			rd.h.Seller.ID = strings.TrimSpace(rec[rd.supCol])
		}
		if rd.langCol >= 0 && rd.langCol < len(rec) {
			rd.h.Language = langIn(rec[rd.langCol])
		}
	}
	return rd, nil
}

var errLineTooLong = errors.New("line too long")

// readLine reads one header line of at most max bytes.
func readLine(br *bufio.Reader, max int64) ([]byte, error) {
	var acc []byte
	for {
		b, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			if int64(len(acc)+len(b)) > max {
				return nil, errLineTooLong
			}
			acc = append(acc, b...)
			continue
		}
		if acc != nil {
			b = append(acc, b...)
		}
		if int64(len(b)) > max {
			return nil, errLineTooLong
		}
		return b, err
	}
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return "", false
	}
	return strings.TrimSpace(s[len(prefix):]), true
}

// decoder returns the decoder of a CHARSET value; nil for UTF-8. Java
// names (8859_1, Cp1252) are what Ariba's own files say.
func decoder(charset string) (transform.Transformer, error) {
	c := strings.ToUpper(strings.NewReplacer("-", "", "_", "", " ", "").Replace(charset))
	switch c {
	case "", "UTF8", "UNICODE":
		return nil, nil
	case "88591", "ISO88591", "LATIN1", "ISOLATIN1":
		return charmap.ISO8859_1.NewDecoder(), nil
	case "885915", "ISO885915", "LATIN9":
		return charmap.ISO8859_15.NewDecoder(), nil
	case "CP1252", "WINDOWS1252", "MS1252":
		return charmap.Windows1252.NewDecoder(), nil
	}
	return nil, fmt.Errorf("unknown charset %q", charset)
}

func decodeString(t transform.Transformer, s string) (string, error) {
	out, _, err := transform.String(t, s)
	if err != nil {
		return s, err
	}
	return out, nil
}

// schemeOf is the classification scheme CODEFORMAT names (UNSPSC,
// UNSPSC_V7.0, ECLASS…); UNSPSC when the header says nothing.
func schemeOf(codeFormat string) string {
	c := strings.ToUpper(strings.TrimSpace(codeFormat))
	switch {
	case c == "" || strings.HasPrefix(c, "UNSPSC") || strings.HasPrefix(c, "SPSC"):
		return "UNSPSC"
	case strings.HasPrefix(c, "ECL"):
		return "ECLASS"
	case strings.HasPrefix(c, "CPV"):
		return "CPV"
	}
	var b strings.Builder
	for _, r := range c {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "UNSPSC"
	}
	return b.String()
}

// domainIn maps a SUPPLIERID_DOMAIN to the identifier scheme (ISO 6523
// ICD) ekatalog's writers use; the inverse of what the CIF writer writes.
func domainIn(d string) string {
	switch strings.ToUpper(d) {
	case "DUNS":
		return "0060"
	case "GLN":
		return "0088"
	case "DK:CVR":
		return "0184"
	case "NO:ORGNR":
		return "0192"
	case "SE:ORGNR":
		return "0007"
	case "NETWORKID", "":
		return ""
	}
	if icd, ok := cutPrefixFold(d, "ICD:"); ok {
		return icd
	}
	return d
}

// langIn reads a Java locale (en_US, da_DK) as a language code.
func langIn(s string) string {
	s = strings.TrimSpace(s)
	lang, _, _ := strings.Cut(s, "_")
	return strings.ToLower(lang)
}

// timestampDate reads the date of a TIMESTAMP such as 2000-05-15 15:25:04 or
// 2002-3-12 15:19:55.
func timestampDate(s string) (string, bool) {
	d, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	d, _, _ = strings.Cut(d, "T")
	parts := strings.Split(d, "-")
	if len(parts) != 3 || len(parts[0]) != 4 {
		return "", false
	}
	y, e1 := strconv.Atoi(parts[0])
	m, e2 := strconv.Atoi(parts[1])
	day, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil || m < 1 || m > 12 || day < 1 || day > 31 {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, day), true
}

// read returns the next data record and its file line; io.EOF after
// ENDOFDATA or at the end of the file.
func (rd *Reader) read() ([]string, int, error) {
	for {
		rec, err := rd.cr.Read()
		rd.guard.recStart = rd.cr.InputOffset()
		if err == io.EOF {
			rd.endOfFile(false)
			return nil, 0, io.EOF
		}
		row, _ := rd.cr.FieldPos(0)
		row += rd.offset
		if err != nil {
			if errors.Is(err, errRecordTooLarge) {
				return nil, 0, catalog.Errorf(rd.name, row, 0, "a record is larger than %s: a quote that is never closed, or not a catalogue (the limit is --max-record)", humanBytes(rd.guard.max-64<<10))
			}
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				rd.findings = append(rd.findings, catalog.Finding{Rule: catalog.RuleReadSyntax, Severity: catalog.Error,
					Pos: catalog.Pos{Row: pe.StartLine + rd.offset, Col: pe.Column}, Args: []string{pe.Err.Error()}})
				continue
			}
			return nil, 0, catalog.Errorf(rd.name, row, 0, "%v", err)
		}
		if len(rec) == 1 && strings.EqualFold(strings.TrimSpace(rec[0]), "ENDOFDATA") {
			rd.endOfFile(true)
			return nil, 0, io.EOF
		}
		if blank(rec) {
			continue
		}
		return rec, row, nil
	}
}

// endOfFile checks ITEMCOUNT and ENDOFDATA once the items are read.
func (rd *Reader) endOfFile(sawEnd bool) {
	if rd.done {
		return
	}
	rd.done = true
	if !sawEnd {
		rd.findings = append(rd.findings, catalog.Finding{Rule: catalog.RuleCIFNoEndOfData, Severity: catalog.Error,
			Args: []string{strconv.Itoa(rd.ordinal)}})
	}
	if rd.itemCount >= 0 && rd.itemCount != rd.ordinal {
		rd.findings = append(rd.findings, catalog.Finding{Rule: catalog.RuleCIFItemCount, Severity: catalog.Error,
			Pos: catalog.Pos{Row: rd.itemRow}, Value: strconv.Itoa(rd.itemCount),
			Args: []string{strconv.Itoa(rd.itemCount), strconv.Itoa(rd.ordinal)}})
	}
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Header returns the catalogue header the CIF header says: currency,
// supplier and its domain, issue date (TIMESTAMP), the load mode as the
// catalogue's action (F: replace, I: update), the first item's language;
// other header lines travel in Extra.
func (rd *Reader) Header() catalog.Header { return rd.h }

// Next reads the next item into l; io.EOF after the last. A line of an
// incremental load (LOADMODE: I) has action update, or delete when its
// Delete field is true.
func (rd *Reader) Next(l *catalog.Line) error {
	l.Reset()
	var rec []string
	var row int
	if rd.pending != nil {
		rec, row = rd.pending, rd.pendRow
		rd.pending = nil
	} else {
		if rd.done {
			return io.EOF
		}
		var err error
		if rec, row, err = rd.read(); err != nil {
			return err
		}
	}
	rd.ordinal++
	l.Src = catalog.Src{Line: rd.ordinal, Row: row}
	// What the reader reads itself is blanked before Fill, so that only a
	// value that differs from the catalogue's goes to extra.
	del := false
	if rd.delCol >= 0 && rd.delCol < len(rec) {
		v := strings.TrimSpace(rec[rd.delCol])
		if b, ok := tabular.ParseBool(v); ok {
			del = b
			rec[rd.delCol] = ""
		} else if v == "" {
			rec[rd.delCol] = ""
		}
	}
	if rd.supCol >= 0 && rd.supCol < len(rec) && strings.TrimSpace(rec[rd.supCol]) == rd.h.Seller.ID {
		rec[rd.supCol] = ""
	}
	if rd.langCol >= 0 && rd.langCol < len(rec) && langIn(rec[rd.langCol]) == rd.h.Language {
		rec[rd.langCol] = ""
	}
	if rd.puCol >= 0 && rd.puCol < len(rec) && rd.unitCol >= 0 && rd.unitCol < len(rec) &&
		strings.EqualFold(strings.TrimSpace(rec[rd.puCol]), strings.TrimSpace(rec[rd.unitCol])) {
		rec[rd.puCol] = ""
		if rd.ucCol >= 0 && rd.ucCol < len(rec) && strings.TrimSpace(rec[rd.ucCol]) == "1" {
			rec[rd.ucCol] = ""
		}
	}
	rd.plan.Fill(l, rec, nil)
	switch {
	case del:
		l.Action = "delete"
	case rd.LoadMode == "I":
		l.Action = "update"
	}
	// Item Description is CIF's one text of an item; Short Name, where
	// given, is its name. ekatalog's writer puts the name in both when a
	// line has no description.
	switch {
	case l.Name == "":
		l.Name = l.Description
	case l.Name == l.Description:
		l.Description = ""
	}
	return nil
}

// Locate returns where field f of l sits; the name of an item without a
// Short Name is its Item Description.
func (rd *Reader) Locate(l *catalog.Line, f catalog.Field) catalog.Pos {
	if f == catalog.FieldName && !rd.plan.Fields.Has(catalog.FieldName) && rd.descCol >= 0 {
		f = catalog.FieldDescription
	}
	return rd.plan.Locate(l, f)
}

// LocateScheme returns where the classification of a scheme sits.
func (rd *Reader) LocateScheme(l *catalog.Line, scheme string) catalog.Pos {
	return rd.plan.LocateScheme(l, scheme)
}

// Fields returns the fields the file's columns supply.
func (rd *Reader) Fields() catalog.FieldSet {
	s := rd.plan.Fields
	if s.Has(catalog.FieldDescription) {
		s.Add(catalog.FieldName)
	}
	if rd.delCol >= 0 || rd.LoadMode == "I" {
		s.Add(catalog.FieldAction)
	}
	return s
}

// Findings returns the file-level findings so far: header lines that could
// not be read, rows that could not be parsed and, once the items are read,
// an ITEMCOUNT that disagrees with them or a missing ENDOFDATA.
func (rd *Reader) Findings() []catalog.Finding { return rd.findings }

// sizeGuard stops a record from growing without bound: it sits right below
// the CSV parser and refuses to deliver more than max bytes past the end of
// the last record.
type sizeGuard struct {
	r         io.Reader
	delivered int64
	recStart  int64
	max       int64
}

var errRecordTooLarge = errors.New("record too large")

func (g *sizeGuard) Read(p []byte) (int, error) {
	if g.delivered-g.recStart > g.max {
		return 0, errRecordTooLarge
	}
	n, err := g.r.Read(p)
	g.delivered += int64(n)
	return n, err
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

// WholeLines says that an item of an incremental load is a whole item, held
// to the profile like any (catalog.WholeLines); only a deletion names just
// its item.
func (rd *Reader) WholeLines() bool { return true }
