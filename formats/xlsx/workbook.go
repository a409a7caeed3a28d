package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
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
	limit, xmlLimit, maxValue := o.UnzipSizeLimit, o.UnzipXMLSizeLimit, o.MaxValueBytes
	if limit <= 0 {
		limit = DefaultUnzipSizeLimit
	}
	if xmlLimit <= 0 {
		xmlLimit = DefaultUnzipXMLSizeLimit
	}
	if maxValue <= 0 {
		maxValue = DefaultMaxValueBytes
	}
	xmlLimit = min(xmlLimit, limit)
	rd.maxValue = maxValue
	if err := rd.checkSizes(zr, limit, xmlLimit, maxValue); err != nil {
		return err
	}
	// excelize ignores read errors while unpacking (a damaged part reads
	// as a short one), and holds what it parses whole; so the parts it
	// parses are read here first, for their checksums and for values or
	// element counts past the limits; the sheet is checked by cellScan as
	// it streams, a row ahead of excelize.
	tags := 0
	for _, zf := range zr.File {
		if verifyPart(zf.Name) {
			items, err := checkPart(zf, maxValue, &tags)
			if items > denseSharedStrings && int64(zf.UncompressedSize64) <= xmlLimit &&
				strings.EqualFold(strings.ReplaceAll(zf.Name, "\\", "/"), "xl/sharedStrings.xml") {
				// excelize parses a shared strings table it holds in
				// memory into some 400 bytes a string; one it streams
				// from a temporary file costs it 50. A table of many
				// strings is streamed, however small it packs.
				xmlLimit = max(int64(zf.UncompressedSize64)-1, 1)
			}
			if err != nil {
				var tl *TooLargeError
				if errors.As(err, &tl) || errors.Is(err, errTooMany) {
					return rd.errorf(0, "%v", err)
				}
				if errors.Is(err, errBadTag) {
					return rd.errorf(0, "not a valid .xlsx workbook: %s is malformed: %v", zf.Name, err)
				}
				return rd.errorf(0, "not a valid .xlsx workbook: the ZIP archive is damaged or truncated (%s: %v)", zf.Name, err)
			}
		}
	}
	rd.f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: limit, UnzipXMLSizeLimit: xmlLimit})
	if err != nil {
		return rd.openError(err, limit)
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
	rd.scan = newCellScan(rc, maxValue)
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
		return rd.bomb(limit)
	case errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, excelize.ErrUnsupportedEncryptMechanism) ||
		errors.Is(err, excelize.ErrWorkbookPassword):
		return rd.errorf(0, "password-protected workbook: remove the password and save again")
	case errors.As(err, &syntaxErr):
		return rd.errorf(0, "not a valid .xlsx workbook: its XML is malformed (%v)", err)
	}
	return rd.errorf(0, "not a valid .xlsx workbook: %v", err)
}

func (rd *Reader) bomb(limit int64) error {
	return rd.errorf(0, "not a valid .xlsx workbook: it unpacks to more than %d bytes (%d MiB), the limit; a workbook that large is refused as a possible ZIP bomb (the limit is --max-unzip)", limit, limit>>20)
}

// checkSizes bounds what the workbook unpacks to, from the sizes its
// archive declares (archive/zip fails a member that unpacks to more than
// it declares). In all, it may unpack to limit: the worksheets and shared
// strings larger than xmlLimit go to temporary files and are streamed. The
// rest excelize holds in memory, so those parts together may unpack to no
// more than four values at the limit (or four times xmlLimit, the largest
// worksheet held in memory, when that is more) plus the size of the file
// itself: a workbook's own pictures do not compress, a ZIP bomb's zeros do.
func (rd *Reader) checkSizes(zr *zip.Reader, limit, xmlLimit, maxValue int64) error {
	var total, resident int64
	var largest *zip.File
	for _, zf := range zr.File {
		size := int64(zf.UncompressedSize64)
		if size < 0 || zf.UncompressedSize64 > uint64(limit) {
			return rd.bomb(limit)
		}
		if total += size; total > limit {
			return rd.bomb(limit)
		}
		n := strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))
		if size > xmlLimit && (strings.HasPrefix(n, "xl/worksheets/sheet") || n == "xl/sharedstrings.xml") {
			continue // streamed from a temporary file
		}
		resident += size
		if largest == nil || size > int64(largest.UncompressedSize64) {
			largest = zf
		}
	}
	if budget := 4*max(maxValue, xmlLimit) + int64(len(rd.data)); resident > budget {
		return rd.errorf(0, "not a valid .xlsx workbook: the parts read into memory unpack to %d MiB (the largest, %s, to %d MiB), more than %d MiB: four times --max-value (at least 16 MiB) and the file's own size; refused as a possible ZIP bomb",
			resident>>20, largest.Name, largest.UncompressedSize64>>20, budget>>20)
	}
	return nil
}

// Bounds on the parts excelize parses whole into its own structures.
const (
	// maxSharedStrings is the most strings the shared strings table may
	// hold: one per row of Excel's largest sheet.
	maxSharedStrings = 1 << 20
	// maxPartTags is the most tags the other parts that excelize parses
	// (styles, workbook, relationships, theme) may have together: it
	// spends some 400 bytes on each. Excel's own limit of 64,000 cell
	// formats fits.
	maxPartTags = 1 << 18
	// denseSharedStrings is the number of shared strings past which the
	// table is streamed from a temporary file whatever its size.
	denseSharedStrings = 1 << 16
)

var errTooMany = errors.New("refused as a possible bomb")

// checkPart reads a part that excelize parses whole, before excelize
// does: to its end, where archive/zip checks the CRC, with every value
// bounded by maxValue (a shared string counts all of its runs) and the
// number of shared strings, or of tags (counted in *tags across the
// parts), by the bounds above.
func checkPart(zf *zip.File, maxValue int64, tags *int) (items int, err error) {
	rc, err := zf.Open()
	if err != nil {
		return 0, err
	}
	s := newCellScan(rc, maxValue)
	defer s.close()
	n := strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))
	sst := strings.HasSuffix(n, "sharedstrings.xml")
	for {
		kind, name, err := s.readTag()
		if err == io.EOF {
			return items, nil
		}
		if err != nil {
			var tl *TooLargeError
			if errors.As(err, &tl) {
				tl.Part, tl.Row, tl.Col = zf.Name, 0, 0
				if sst && s.inCell {
					tl.Item = items
				}
			}
			return items, err
		}
		if !sst {
			if *tags++; *tags > maxPartTags {
				return items, fmt.Errorf("the parts of the workbook other than sheets and shared strings have more than %d elements (%s among them): %w", maxPartTags, zf.Name, errTooMany)
			}
			continue
		}
		switch {
		case kind == tagStart && bytes.Equal(name, nameSI):
			if items++; items > maxSharedStrings {
				return items, fmt.Errorf("the shared strings table (%s) holds more than %d strings (the limit): %w", zf.Name, maxSharedStrings, errTooMany)
			}
			s.inCell, s.text = !selfClosing(s.tag), 0
		case kind == tagEnd && bytes.Equal(name, nameSI):
			s.inCell, s.text = false, 0
		}
	}
}

var nameSI = []byte("si")

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
		strings.HasSuffix(n, "workbook.xml") || strings.HasSuffix(n, "styles.xml") || strings.HasSuffix(n, "sharedstrings.xml") ||
		strings.HasPrefix(n, "xl/theme/") && strings.HasSuffix(n, ".xml")
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
