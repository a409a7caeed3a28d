package formats

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/csv"
	"github.com/ekatalog/ekatalog/formats/jsoncat"
	"github.com/ekatalog/ekatalog/formats/ubl"
	"github.com/ekatalog/ekatalog/formats/ubl/oioubl"
	"github.com/ekatalog/ekatalog/formats/ubl/peppol"
	"github.com/ekatalog/ekatalog/formats/xlsx"
	"github.com/ekatalog/ekatalog/mappings"
)

// Reader streams the lines of one catalogue. Next fills the line it is given
// and returns io.EOF after the last line; any other error means the rest of
// the file could not be read.
type Reader interface {
	Header() catalog.Header
	Next(l *catalog.Line) error
	// Locate returns where a field of a line sits in the source.
	Locate(l *catalog.Line, f catalog.Field) catalog.Pos
	// Fields is the set of fields the source can supply (its mapped
	// columns); a mandatory field outside it is reported once, not per line.
	Fields() catalog.FieldSet
	// Findings are the file-level reading findings so far.
	Findings() []catalog.Finding
}

// Writer writes a catalogue in a target format, a line at a time.
type Writer interface {
	Begin(h catalog.Header) error
	Line(l *catalog.Line) error
	// End finishes the document. It does not close the underlying writer.
	End() error
}

// Options say how to read an input.
type Options struct {
	Name    string // file name, for errors
	Mapping *mappings.Mapping
	Sheet   string // Excel sheet name
	Limits  Limits
	// ReadAhead lets a reader parse on a goroutine of its own, a batch
	// ahead (CSV); the caller closes the reader (io.Closer) when done.
	ReadAhead bool
	// RuleSet names the official rule set (peppol-bis3, oioubl) that
	// checks the XML of a UBL input whatever its CustomizationID; "" runs
	// the rules of the document's own flavour.
	RuleSet string
}

// Limits bound what one input can make a reader hold or do; a file past a
// limit is refused with an error that names the limit. Zero values take
// each reader's default.
type Limits struct {
	// MaxRecordBytes bounds one CSV record: a row with the line breaks of
	// its quoted fields (default 8 MiB).
	MaxRecordBytes int64
	// MaxDepth bounds the nesting of XML elements (default 256).
	MaxDepth int
	// MaxTokenBytes bounds one XML tag or text (default 16 MiB).
	MaxTokenBytes int
	// MaxUnzipBytes bounds what an Excel workbook unpacks to (default 1 GiB).
	MaxUnzipBytes int64
}

// Format is one catalogue format.
type Format struct {
	Name        string
	Description string
	Extensions  []string
	// Sniff reports whether the first bytes of a file are this format.
	Sniff func(head []byte) bool
	Open  func(r io.Reader, o Options) (Reader, error)
	// Profile is the validation profile a document of this format implies
	// when the user names none.
	Profile string
	// Resident says the reader holds the whole file in memory (a
	// workbook is a ZIP archive): the soft memory limit that keeps a
	// streaming run flat must not sit below it, or the collector would run
	// without pause.
	Resident bool
}

// CSV is delimited text.
var CSV = &Format{
	Name:        "csv",
	Description: "delimited text (; , TAB |), UTF-8, UTF-16 or Windows-1252",
	Extensions:  []string{".csv", ".txt", ".tsv"},
	Sniff:       func([]byte) bool { return true },
	Open: func(r io.Reader, o Options) (Reader, error) {
		return csv.Open(r, csv.Options{Name: o.Name, Mapping: o.Mapping, MaxRecordBytes: o.Limits.MaxRecordBytes, ReadAhead: o.ReadAhead})
	},
	Profile: "dk-ehandel",
}

// JSON is ekatalog's canonical catalogue JSON.
var JSON = &Format{
	Name:        "json",
	Description: "ekatalog canonical catalogue JSON (schemas/catalogue.schema.json)",
	Extensions:  []string{".json"},
	Sniff:       func(h []byte) bool { return len(h) > 0 && h[0] == '{' },
	Open: func(r io.Reader, o Options) (Reader, error) {
		return jsoncat.Open(r, o.Name)
	},
	Profile: "dk-ehandel",
}

// XLSX is an Excel workbook.
var XLSX = &Format{
	Name:        "xlsx",
	Description: "Excel workbook (.xlsx): first visible sheet or --sheet, header below title rows",
	Extensions:  []string{".xlsx", ".xlsm"},
	Sniff:       func(h []byte) bool { return bytes.HasPrefix(h, zipMagic) },
	Open: func(r io.Reader, o Options) (Reader, error) {
		return xlsx.Open(r, xlsx.Options{Name: o.Name, Mapping: o.Mapping, Sheet: o.Sheet, UnzipSizeLimit: o.Limits.MaxUnzipBytes})
	},
	Profile:  "dk-ehandel",
	Resident: true,
}

// UBL is a UBL 2.1 Catalogue: PEPPOL BIS Catalogue 3 or OIOUBL 2.1. The
// profile comes from the document itself (see ProfileOf).
var UBL = &Format{
	Name:        "ubl",
	Description: "UBL 2.1 Catalogue XML: PEPPOL BIS Catalogue 3, OIOUBL 2.1",
	Extensions:  []string{".xml", ".ubl"},
	Sniff:       func(h []byte) bool { return len(h) > 0 && h[0] == '<' },
	Open: func(r io.Reader, o Options) (Reader, error) {
		checkers := ublCheckers
		if o.RuleSet != "" {
			checkers = func(string) []ubl.Checker { return ublCheckers(o.RuleSet) }
		}
		return ubl.OpenOptions(r, ubl.Options{Name: o.Name, Checkers: checkers,
			MaxDepth: o.Limits.MaxDepth, MaxTokenBytes: o.Limits.MaxTokenBytes})
	},
	Profile: "peppol-bis3",
}

// ublCheckers lists the rule sets that check the XML of a UBL catalogue of
// the flavour, or of any UBL catalogue under a profile that names the rule
// set (Options.RuleSet): the official PEPPOL and OIOUBL rules.
func ublCheckers(flavour string) []ubl.Checker {
	switch flavour {
	case ubl.FlavourPeppol, ubl.FlavourUBL: // a plain UBL catalogue is held to peppol-bis3, the format's default profile
		return []ubl.Checker{peppol.New()}
	case ubl.FlavourOIOUBL:
		return []ubl.Checker{oioubl.New()}
	}
	return nil
}

// Formats lists every input format, most specific sniffing first.
var Formats = []*Format{XLSX, UBL, JSON, CSV}

// ByName returns the format with the name.
func ByName(name string) (*Format, bool) {
	for _, f := range Formats {
		if f.Name == name {
			return f, true
		}
	}
	return nil, false
}

// Names returns the names of the input formats.
func Names() []string {
	var n []string
	for _, f := range Formats {
		n = append(n, f.Name)
	}
	return n
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}
)

// Detect chooses the format of a file from its first bytes, and from its
// name where the content does not tell. Some files are recognised only to
// be refused with a message that says what to do.
func Detect(name string, head []byte) (*Format, error) {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xef, 0xbb, 0xbf}), " \t\r\n")
	switch {
	case bytes.HasPrefix(head, oleMagic):
		return nil, fmt.Errorf("an old binary Excel file (.xls) or a password-protected workbook: open it in Excel and save it as .xlsx (Excel Workbook) without a password")
	case bytes.HasPrefix(head, zipMagic):
		if f, ok := ByName("xlsx"); ok {
			return f, nil
		}
		return nil, fmt.Errorf("a ZIP archive, not a catalogue")
	case len(h) > 0 && h[0] == '<':
		if f, ok := ByName("ubl"); ok {
			return f, nil
		}
		return nil, fmt.Errorf("an XML document, and XML is not supported yet")
	}
	ext := strings.ToLower(filepath.Ext(name))
	for _, f := range Formats {
		if slices.Contains(f.Extensions, ext) && f.Sniff(h) {
			return f, nil
		}
	}
	switch ext {
	case ".xls":
		return nil, fmt.Errorf("an old binary Excel file (.xls): save it as .xlsx")
	case ".xlsx", ".xlsm":
		return nil, fmt.Errorf("not a valid .xlsx workbook (the file is not a ZIP archive: truncated or not Excel)")
	}
	for _, f := range Formats {
		if f.Sniff(h) {
			return f, nil
		}
	}
	return CSV, nil
}

// DetectFile detects the format of a file from its first bytes and name; nil
// when the file cannot be read or its format is not known.
func DetectFile(name string) *Format {
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	format, err := Detect(name, head[:n])
	if err != nil {
		return nil
	}
	return format
}
