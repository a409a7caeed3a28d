package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

var (
	zipMagic = []byte("PK")
	oleMagic = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}
	// encryptedPackage is the stream name, in UTF-16LE as an OLE directory
	// stores it, that Office gives a password-protected workbook.
	encryptedPackage = utf16le("EncryptedPackage")
)

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// open checks that the bytes are a workbook, opens it with excelize and
// positions the reader at the first row of the chosen sheet. Every refusal
// is one line that says what the file is and what to do.
func (rd *Reader) open(o Options) error {
	data := rd.data
	switch {
	case len(data) == 0:
		return rd.errorf(0, "the file is empty")
	case bytes.HasPrefix(data, oleMagic):
		// Office wraps a workbook saved with a password in an OLE
		// container, the same container as the old binary .xls.
		if bytes.Contains(data, encryptedPackage) {
			return rd.errorf(0, "password-protected workbook: remove the password and save again")
		}
		return rd.errorf(0, "an old binary Excel file (.xls), not .xlsx: open it in Excel and save it as Excel Workbook (.xlsx)")
	case !bytes.HasPrefix(data, zipMagic):
		return rd.errorf(0, "not a valid .xlsx workbook: the file is not a ZIP archive, as every .xlsx file is")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return rd.errorf(0, "not a valid .xlsx workbook: the ZIP archive is damaged or truncated (%v)", err)
	}
	if what := notWorkbook(zr); what != "" {
		return rd.errorf(0, "%s", what)
	}
	limit, xmlLimit := o.UnzipSizeLimit, o.UnzipXMLSizeLimit
	if limit <= 0 {
		limit = DefaultUnzipSizeLimit
	}
	if xmlLimit <= 0 {
		xmlLimit = DefaultUnzipXMLSizeLimit
	}
	xmlLimit = min(xmlLimit, limit)
	rd.f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: limit, UnzipXMLSizeLimit: xmlLimit})
	if err != nil {
		return rd.openError(err, limit)
	}
	// excelize ignores read errors while unpacking (a damaged part reads
	// as a short one), so the parts it has parsed are checked here, and
	// the sheet by cellScan as it streams.
	for _, zf := range zr.File {
		if verifyPart(zf.Name) {
			if err := readAll(zf); err != nil {
				return rd.errorf(0, "not a valid .xlsx workbook: the ZIP archive is damaged or truncated (%s: %v)", zf.Name, err)
			}
		}
	}
	if wp, err := rd.f.GetWorkbookProps(); err == nil && wp.Date1904 != nil {
		rd.date1904 = *wp.Date1904
	}
	sh, err := rd.chooseSheet(zr, o.Sheet)
	if err != nil {
		return err
	}
	rd.sheet = sh.name
	zf := findPart(zr, sh.part)
	if zf == nil {
		return rd.errorf(0, "not a valid .xlsx workbook: sheet %q has no worksheet part (%s)", sh.name, sh.part)
	}
	rc, err := zf.Open()
	if err != nil {
		return rd.damaged(err)
	}
	rd.scan = newCellScan(rc)
	if rd.rows, err = rd.f.Rows(sh.name); err != nil {
		return rd.errorf(0, "sheet %q could not be read: %v", sh.name, err)
	}
	return nil
}

func (rd *Reader) openError(err error, limit int64) error {
	var flateErr flate.CorruptInputError
	var syntaxErr *xml.SyntaxError
	switch {
	case errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrAlgorithm) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &flateErr):
		return rd.errorf(0, "not a valid .xlsx workbook: the ZIP archive is damaged or truncated (%v)", err)
	case strings.Contains(err.Error(), "unzip size exceeds"):
		return rd.errorf(0, "not a valid .xlsx workbook: it unpacks to more than %d bytes (%d MiB), the limit; a workbook that large is refused as a possible ZIP bomb (the limit is --max-unzip)", limit, limit>>20)
	case errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, excelize.ErrUnsupportedEncryptMechanism) ||
		errors.Is(err, excelize.ErrWorkbookPassword):
		return rd.errorf(0, "password-protected workbook: remove the password and save again")
	case errors.As(err, &syntaxErr):
		return rd.errorf(0, "not a valid .xlsx workbook: its XML is malformed (%v)", err)
	}
	return rd.errorf(0, "not a valid .xlsx workbook: %v", err)
}

// notWorkbook names the other documents that are ZIP archives too, which
// users send by mistake.
func notWorkbook(zr *zip.Reader) string {
	has := func(name string) bool { return findPart(zr, name) != nil }
	switch {
	case has("xl/workbook.xml") || has("[Content_Types].xml") && !has("word/document.xml") && !has("ppt/presentation.xml"):
		return ""
	case has("word/document.xml"):
		return "a Word document (.docx), not an Excel workbook"
	case has("ppt/presentation.xml"):
		return "a PowerPoint presentation (.pptx), not an Excel workbook"
	case has("mimetype") && has("content.xml"):
		if zf := findPart(zr, "mimetype"); zf != nil && zf.UncompressedSize64 < 100 {
			if rc, err := zf.Open(); err == nil {
				b, _ := io.ReadAll(rc)
				rc.Close()
				if strings.Contains(string(b), "spreadsheet") {
					return "an OpenDocument spreadsheet (.ods), not .xlsx: open it and save it as Excel Workbook (.xlsx)"
				}
			}
		}
		return "an OpenDocument file, not an Excel workbook"
	}
	return "not a valid .xlsx workbook: a ZIP archive without a workbook in it"
}

// verifyPart says which parts open reads in full to check them: the ones
// excelize parses when it opens a workbook, all small but the shared
// strings.
func verifyPart(name string) bool {
	n := strings.ToLower(strings.ReplaceAll(name, "\\", "/"))
	return strings.HasSuffix(n, ".rels") || n == "[content_types].xml" ||
		strings.HasSuffix(n, "workbook.xml") || strings.HasSuffix(n, "styles.xml") || strings.HasSuffix(n, "sharedstrings.xml")
}

func readAll(zf *zip.File) error {
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	_, err = io.Copy(io.Discard, rc)
	return err
}

// findPart returns the archive member of a part name, matched as excelize
// matches them: '\' as '/', and case-insensitively.
func findPart(zr *zip.Reader, name string) *zip.File {
	for _, zf := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(zf.Name, "\\", "/"), name) {
			return zf
		}
	}
	return nil
}

type sheetInfo struct {
	name, part, relType, state string
}

func (s sheetInfo) visible() bool { return s.state == "" || s.state == "visible" }

func (s sheetInfo) worksheet() bool { return strings.HasSuffix(s.relType, "/worksheet") }

// chooseSheet returns the sheet named (or numbered, from 1) by want, or
// else the first visible worksheet: suppliers hide sheets of look-up lists
// and instructions in front of the price list.
func (rd *Reader) chooseSheet(zr *zip.Reader, want string) (sheetInfo, error) {
	sheets := rd.sheets(zr)
	if len(sheets) == 0 {
		return sheetInfo{}, rd.errorf(0, "not a valid .xlsx workbook: it has no sheets")
	}
	if want != "" {
		pick := -1
		for i, s := range sheets {
			if strings.EqualFold(s.name, want) {
				pick = i
				break
			}
		}
		if n, err := strconv.Atoi(want); pick < 0 && err == nil && n >= 1 && n <= len(sheets) {
			pick = n - 1
		}
		if pick < 0 {
			return sheetInfo{}, rd.errorf(0, "sheet %q not found; the workbook has %s", want, describeSheets(sheets))
		}
		if !sheets[pick].worksheet() {
			return sheetInfo{}, rd.errorf(0, "sheet %q is a chart or dialog sheet, not a worksheet with rows; the workbook has %s", sheets[pick].name, describeSheets(sheets))
		}
		return sheets[pick], nil
	}
	for _, s := range sheets {
		if s.visible() && s.worksheet() {
			return s, nil
		}
	}
	return sheetInfo{}, rd.errorf(0, "the workbook has no visible worksheet (it has %s); choose one with --sheet", describeSheets(sheets))
}

func describeSheets(sheets []sheetInfo) string {
	var parts []string
	for _, s := range sheets {
		p := strconv.Quote(s.name)
		switch {
		case !s.worksheet():
			p += " (chart)"
		case !s.visible():
			p += " (hidden)"
		}
		parts = append(parts, p)
	}
	word := "sheets "
	if len(parts) == 1 {
		word = "sheet "
	}
	return word + strings.Join(parts, ", ")
}

// sheets lists the workbook's sheets in their order, with the part that
// holds each. excelize knows the parts but does not say (its sheet map is
// unexported), and the type and style scan needs to read the sheet's part
// itself: so the workbook's relationships are read here, as excelize
// resolves them.
func (rd *Reader) sheets(zr *zip.Reader) []sheetInfo {
	wb := rd.f.WorkBook
	if wb == nil {
		return nil
	}
	wbPath := "xl/workbook.xml"
	for _, r := range relationships(zr, "_rels/.rels") {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			wbPath = strings.TrimPrefix(r.Target, "/")
			break
		}
	}
	dir := path.Dir(wbPath)
	rels := relationships(zr, strings.TrimPrefix(path.Join(dir, "_rels", path.Base(wbPath)+".rels"), "/"))
	var out []sheetInfo
	for _, s := range wb.Sheets.Sheet {
		info := sheetInfo{name: s.Name, state: s.State}
		for _, r := range rels {
			if r.ID == s.ID {
				info.relType = r.Type
				if strings.HasPrefix(r.Target, "/") {
					info.part = strings.TrimPrefix(path.Clean(r.Target), "/")
				} else {
					info.part = strings.TrimPrefix(path.Clean(path.Join(dir, r.Target)), "/")
				}
				break
			}
		}
		out = append(out, info)
	}
	return out
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Target string `xml:"Target,attr"`
	Type   string `xml:"Type,attr"`
}

func relationships(zr *zip.Reader, name string) []relationship {
	zf := findPart(zr, name)
	if zf == nil || zf.UncompressedSize64 > 16<<20 {
		return nil
	}
	rc, err := zf.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	var doc struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := xml.NewDecoder(rc).Decode(&doc); err != nil {
		return nil
	}
	return doc.Rels
}
