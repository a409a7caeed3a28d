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
	"github.com/ekatalog/ekatalog/formats/bmecat"
	"github.com/ekatalog/ekatalog/formats/cif"
	"github.com/ekatalog/ekatalog/formats/csv"
	"github.com/ekatalog/ekatalog/formats/cxml"
	"github.com/ekatalog/ekatalog/formats/internal/xmlscan"
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
	// MaxTokenBytes bounds the largest single value a reader holds, in
	// unpacked bytes: an XML tag, text or attribute, a cell or shared
	// string of a workbook, a CSV field (default 16 MiB; --max-value).
	MaxTokenBytes int
	// MaxFields bounds the fields of one CSV record (default 131072).
	MaxFields int
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
	// Rows, for a format with rows and columns, reads a file again as
	// the rows it holds, decoded, split and chosen the way its reader
	// recorded (catalog.Report.Layout), each cell as written (a sheet's
	// cells as Excel shows them): for reports that give the supplier's
	// own rows back. nil for the other formats. o gives the name for
	// errors and the limits, which hold as for Open.
	Rows func(r io.Reader, l catalog.Layout, o Options) (RowReader, error)
	// Profile is the validation profile a document of this format implies
	// when the user names none.
	Profile string
	// Resident says the reader holds the whole file in memory (a
	// workbook is a ZIP archive): the soft memory limit that keeps a
	// streaming run flat must not sit below it, or the collector would run
	// without pause.
	Resident bool
}

// CSV is delimited text: whatever is neither binary (a ZIP archive, an
// old Excel file) nor XML.
var CSV = &Format{
	Name:        "csv",
	Description: "delimited text (; , TAB |), UTF-8, UTF-16 or Windows-1252",
	Extensions:  []string{".csv", ".txt", ".tsv"},
	// CSV takes any text that no other format claims: not a workbook, not
	// XML and not a CIF file (whose header lines would read as a title).
	Sniff: func(h []byte) bool {
		return !bytes.HasPrefix(h, zipMagic) && !bytes.HasPrefix(h, oleMagic) && !isXML(h) && !cif.Sniff(h)
	},
	Open: func(r io.Reader, o Options) (Reader, error) {
		return csv.Open(r, csv.Options{Name: o.Name, Mapping: o.Mapping, MaxRecordBytes: o.Limits.MaxRecordBytes,
			MaxValueBytes: int64(o.Limits.MaxTokenBytes), MaxFields: o.Limits.MaxFields, ReadAhead: o.ReadAhead})
	},
	Rows: func(r io.Reader, l catalog.Layout, o Options) (RowReader, error) {
		return csv.OpenRows(r, l, csv.Options{Name: o.Name, MaxRecordBytes: o.Limits.MaxRecordBytes,
			MaxValueBytes: int64(o.Limits.MaxTokenBytes), MaxFields: o.Limits.MaxFields})
	},
	Profile: "dk-ehandel",
}

// CIF is an SAP Ariba Catalog Interchange Format file, version 2.1 or 3.0.
// It is known by its first line (CIF_I_V…), whatever the file's name: a CIF
// file is never read as CSV.
var CIF = &Format{
	Name:        "cif",
	Description: "SAP Ariba CIF 2.1/3.0 (CIF_I_V… header, DATA, ENDOFDATA; LOADMODE F or I)",
	Extensions:  []string{".cif"},
	Sniff:       cif.Sniff,
	Open: func(r io.Reader, o Options) (Reader, error) {
		return cif.Open(r, cif.Options{Name: o.Name, MaxRecordBytes: o.Limits.MaxRecordBytes})
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
		return jsoncat.OpenLimit(r, o.Name, int64(o.Limits.MaxTokenBytes))
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
		return xlsx.Open(r, xlsx.Options{Name: o.Name, Mapping: o.Mapping, Sheet: o.Sheet, UnzipSizeLimit: o.Limits.MaxUnzipBytes, MaxValueBytes: int64(o.Limits.MaxTokenBytes)})
	},
	Rows: func(r io.Reader, l catalog.Layout, o Options) (RowReader, error) {
		return xlsx.OpenRows(r, l, xlsx.Options{Name: o.Name, UnzipSizeLimit: o.Limits.MaxUnzipBytes, MaxValueBytes: int64(o.Limits.MaxTokenBytes)})
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
	Sniff:       sniffUBL,
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

// ublNS starts the namespace of every UBL document.
const ublNS = "urn:oasis:names:specification:ubl:schema:xsd:"

// sniffUBL claims a document whose root is in a UBL namespace (a
// Catalogue, or another UBL document the reader refuses saying what it is),
// and a Catalogue in no or another namespace, which the reader refuses
// saying which namespace it needs.
func sniffUBL(h []byte) bool {
	local, space, ok := xmlscan.Root(h)
	if !ok {
		return isXML(h) && bytes.Contains(h, []byte(ublNS))
	}
	return strings.HasPrefix(space, ublNS) || local == "Catalogue"
}

// BMEcat is a BMEcat 1.2 or 2005 catalogue, whole or an update.
var BMEcat = &Format{
	Name:        "bmecat",
	Description: "BMEcat 1.2 and 2005 XML: T_NEW_CATALOG, T_UPDATE_PRODUCTS, T_UPDATE_PRICES",
	Extensions:  []string{".xml", ".bmecat", ".bme"},
	Sniff: func(h []byte) bool {
		local, _, ok := xmlscan.Root(h)
		if !ok {
			// A root past the first bytes (a long DOCTYPE subset).
			return isXML(h) && (bytes.Contains(h, []byte("<BMECAT")) || bytes.Contains(h, []byte("<!DOCTYPE BMECAT")))
		}
		return local == "BMECAT"
	},
	Open: func(r io.Reader, o Options) (Reader, error) {
		return bmecat.Open(r, bmecat.Options{Name: o.Name, MaxDepth: o.Limits.MaxDepth, MaxTokenBytes: o.Limits.MaxTokenBytes})
	},
	Profile: "minimal",
}

// CXML is a cXML catalogue index (Index, or a CatalogUploadRequest
// carrying one); other cXML documents are refused saying what they are.
var CXML = &Format{
	Name:        "cxml",
	Description: "cXML Index (IndexItemAdd, IndexItemDelete, IndexItemPortion): a document of its own or in a cXML envelope or CatalogUploadRequest",
	Extensions:  []string{".xml", ".cxml"},
	Sniff: func(h []byte) bool {
		local, space, ok := xmlscan.Root(h)
		if !ok {
			return isXML(h) && (bytes.Contains(h, []byte("<cXML")) || bytes.Contains(h, []byte("<!DOCTYPE cXML")) || bytes.Contains(h, []byte("<!DOCTYPE Index")))
		}
		return local == "cXML" || local == "Index" && space == ""
	},
	Open: func(r io.Reader, o Options) (Reader, error) {
		return cxml.Open(r, cxml.Options{Name: o.Name, MaxDepth: o.Limits.MaxDepth, MaxTokenBytes: o.Limits.MaxTokenBytes})
	},
	Profile: "minimal",
}

// isXML reports whether the first bytes start an XML document: a '<'
// after a byte order mark and white space, or UTF-16 text.
func isXML(h []byte) bool {
	if bytes.HasPrefix(h, []byte{0xff, 0xfe, '<', 0}) || bytes.HasPrefix(h, []byte{0xfe, 0xff, 0, '<'}) {
		return true
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(h, []byte{0xef, 0xbb, 0xbf}), " \t\r\n")
	return len(t) > 0 && t[0] == '<'
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

// Formats lists every input format, most specific sniffing first: each
// sniffs its own content (XML formats their root element and namespace),
// and CSV takes what no other claims.
var Formats = []*Format{XLSX, UBL, BMEcat, CXML, JSON, CIF, CSV}

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
// name where the content does not tell: the formats of the table sniff the
// content in order, those whose extension the name has first. A file no
// format claims is refused with a message that says what it is.
func Detect(name string, head []byte) (*Format, error) {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xef, 0xbb, 0xbf}), " \t\r\n")
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		h = head // UTF-16: the byte order mark tells XML from text
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".xls" && !bytes.HasPrefix(head, oleMagic) && !bytes.HasPrefix(head, zipMagic) && !isXML(h) {
		return nil, fmt.Errorf("an old binary Excel file (.xls): save it as .xlsx")
	}
	if (ext == ".xlsx" || ext == ".xlsm") && !bytes.HasPrefix(head, zipMagic) && !bytes.HasPrefix(head, oleMagic) {
		return nil, fmt.Errorf("not a valid .xlsx workbook (the file is not a ZIP archive: truncated or not Excel)")
	}
	for _, f := range Formats {
		if slices.Contains(f.Extensions, ext) && f.Sniff(h) {
			return f, nil
		}
	}
	if ext == ".cif" && !cif.Sniff(h) {
		return nil, fmt.Errorf("not a CIF file: a CIF catalogue starts with its version line, CIF_I_V3.0 or CIF_I_V2.1")
	}
	for _, f := range Formats {
		if f.Sniff(h) {
			return f, nil
		}
	}
	return nil, notCatalogue(head, h)
}

// notCatalogue says what a file that no format claims is.
func notCatalogue(head, h []byte) error {
	switch {
	case bytes.HasPrefix(head, oleMagic):
		return fmt.Errorf("an old binary Excel file (.xls) or a password-protected workbook: open it in Excel and save it as .xlsx (Excel Workbook) without a password")
	case bytes.HasPrefix(head, zipMagic):
		return fmt.Errorf("a ZIP archive, not a catalogue")
	case isXML(h):
		local, space, ok := xmlscan.Root(head)
		switch {
		case !ok:
			return fmt.Errorf("an XML document whose root element is not in its first %d bytes or is not well-formed: not a catalogue format ekatalog reads (UBL Catalogue, BMEcat, cXML)", len(head))
		case space != "":
			return fmt.Errorf("an XML document whose root element is %s (namespace %s): not a catalogue format ekatalog reads (UBL Catalogue, BMEcat, cXML)", local, space)
		}
		return fmt.Errorf("an XML document whose root element is %s: not a catalogue format ekatalog reads (UBL Catalogue, BMEcat, cXML)", local)
	}
	return fmt.Errorf("not a catalogue format ekatalog reads")
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
