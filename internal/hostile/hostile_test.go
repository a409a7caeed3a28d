package hostile

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/internal/procstat"
	"github.com/xuri/excelize/v2"
)

// bin is the ekatalog binary built for these tests.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ekatalog-hostile-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "ekatalog")
	out, err := exec.Command("go", "build", "-o", bin, "../../cmd/ekatalog").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "building ekatalog: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// run is one process: its exit code, output, wall time and peak RSS.
type run struct {
	code           int
	stdout, stderr string
	wall           time.Duration
	rssMB          int64
}

// ekatalog runs the binary with a deadline, stdin from in (may be nil).
func ekatalog(t *testing.T, timeout time.Duration, in io.Reader, args ...string) run {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var out, errOut bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = in, &out, &errOut
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("ekatalog %v: %v", args, err)
	}
	peak := procstat.WatchPeak(cmd.Process.Pid)
	err := cmd.Wait()
	r := run{stdout: out.String(), stderr: errOut.String(), wall: time.Since(start), rssMB: peak() >> 10}
	if ctx.Err() != nil {
		t.Fatalf("ekatalog %v: no answer within %v", args, timeout)
	}
	if cmd.ProcessState == nil {
		t.Fatalf("ekatalog %v: %v", args, err)
	}
	r.code = cmd.ProcessState.ExitCode()
	return r
}

// verdict checks the common promises: no panic, bounded memory, never
// compliant; then that the run is an error naming the file (exit 2) or a
// report with error-level findings (exit 1).
func verdict(t *testing.T, r run, file string, maxRSSMB int64, wantExit int, wantText string) {
	t.Helper()
	all := r.stdout + r.stderr
	if strings.Contains(all, "panic") || strings.Contains(all, "goroutine ") {
		t.Fatalf("panicked:\n%s", all)
	}
	if r.rssMB > maxRSSMB {
		t.Errorf("peak RSS %d MB, bound %d MB", r.rssMB, maxRSSMB)
	}
	if r.code != wantExit {
		t.Errorf("exit %d, want %d\nstdout: %.600s\nstderr: %.600s", r.code, wantExit, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, ": COMPLIANT") || strings.Contains(r.stdout, `"compliant":true`) {
		t.Errorf("reported as compliant:\n%.600s", r.stdout)
	}
	if wantExit == 2 {
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		if len(lines) != 1 || !strings.Contains(lines[0], file) {
			t.Errorf("stderr is not one line naming %s: %q", file, r.stderr)
		}
	}
	if wantText != "" && !strings.Contains(all, wantText) {
		t.Errorf("output does not say %q:\nstdout: %.600s\nstderr: %.600s", wantText, r.stdout, r.stderr)
	}
	t.Logf("exit %d in %v, peak RSS %d MB", r.code, r.wall.Round(time.Millisecond), r.rssMB)
}

func write(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const ublOpen = `<?xml version="1.0" encoding="UTF-8"?>`
const ublRoot = `<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">`

// header and row are a small Danish catalogue.
const header = "Varenummer;Varenavn;Enhed;Pris;Valuta;UNSPSC\r\n"

func rows(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "V-%d;Kuglepen blå %d;stk;12,50;DKK;44121704\r\n", i, i)
	}
	return b.String()
}

func TestEntityBomb(t *testing.T) {
	var ents strings.Builder
	ents.WriteString(`<!ENTITY lol0 "lol">`)
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&ents, `<!ENTITY lol%d "%s">`, i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	doc := ublOpen + `<!DOCTYPE Catalogue [` + ents.String() + `]>` + ublRoot + `<cbc:ID>&lol9;</cbc:ID></Catalogue>`
	f := write(t, "bomb.xml", []byte(doc))
	verdict(t, ekatalog(t, 30*time.Second, nil, "validate", f), f, 64, 2, "entity")
}

func TestExternalEntity(t *testing.T) {
	// A listener on loopback would see a fetch; the reader must refuse the
	// declaration without resolving anything.
	for name, decl := range map[string]string{
		"file":   `<!ENTITY x SYSTEM "file:///etc/passwd">`,
		"http":   `<!ENTITY x SYSTEM "http://127.0.0.1:9/evil.dtd">`,
		"param":  `<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;`,
		"public": `<!ENTITY x PUBLIC "-//X//Y" "http://127.0.0.1:9/y">`,
	} {
		t.Run(name, func(t *testing.T) {
			doc := ublOpen + `<!DOCTYPE Catalogue [` + decl + `]>` + ublRoot + `<cbc:ID>&x;</cbc:ID></Catalogue>`
			f := write(t, "xxe.xml", []byte(doc))
			r := ekatalog(t, 30*time.Second, nil, "validate", f)
			verdict(t, r, f, 64, 2, "")
			if strings.Contains(r.stdout+r.stderr, "root:") {
				t.Errorf("the external entity was expanded")
			}
		})
	}
	t.Run("external DTD", func(t *testing.T) {
		doc := ublOpen + `<!DOCTYPE Catalogue SYSTEM "http://127.0.0.1:9/ubl.dtd">` + ublRoot + `<cbc:ID>1</cbc:ID></Catalogue>`
		f := write(t, "dtd.xml", []byte(doc))
		r := ekatalog(t, 30*time.Second, nil, "validate", f)
		// The DTD is never fetched; the document itself is read (and found
		// wanting: it has no lines).
		verdict(t, r, f, 64, r.code, "")
		if r.code == 0 {
			t.Errorf("exit 0 for a catalogue without lines")
		}
	})
}

func TestDeepNesting(t *testing.T) {
	const depth = 100_000
	doc := ublOpen + ublRoot + strings.Repeat("<cac:CatalogueLine>", depth) + strings.Repeat("</cac:CatalogueLine>", depth) + "</Catalogue>"
	f := write(t, "deep.xml", []byte(doc))
	r := ekatalog(t, 30*time.Second, nil, "validate", f)
	verdict(t, r, f, 64, 2, "")
	if len(r.stderr) > 2000 {
		t.Errorf("the error is %d bytes long: %.300s…", len(r.stderr), r.stderr)
	}
	// The limit is a flag.
	r = ekatalog(t, 30*time.Second, nil, "validate", "--max-depth", "10", write(t, "d2.xml", []byte(ublOpen+ublRoot+strings.Repeat("<a>", 20)+strings.Repeat("</a>", 20)+"</Catalogue>")))
	if r.code != 2 {
		t.Errorf("--max-depth 10: exit %d", r.code)
	}
}

// zipBomb is a workbook whose sheet unpacks to size bytes of white space
// inside an otherwise valid sheet.
func zipBomb(t *testing.T, size int64) string {
	t.Helper()
	var buf bytes.Buffer
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"Varenummer", "Varenavn", "Enhed", "Pris"})
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "bomb.xlsx")
	out, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name != "xl/worksheets/sheet1.xml" {
			w.Write(data)
			continue
		}
		i := bytes.Index(data, []byte("<sheetData>"))
		w.Write(data[:i])
		blank := bytes.Repeat([]byte(" "), 1<<20)
		for n := int64(0); n < size; n += int64(len(blank)) {
			w.Write(blank)
		}
		w.Write(data[i:])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	return p
}

func TestZipBomb(t *testing.T) {
	f := zipBomb(t, 1200<<20) // 1.2 GB unpacked, a few MB packed
	verdict(t, ekatalog(t, 60*time.Second, nil, "validate", f), f, 128, 2, "ZIP bomb")
	// A smaller limit is a flag.
	small := zipBomb(t, 20<<20)
	verdict(t, ekatalog(t, 60*time.Second, nil, "validate", "--max-unzip", "8MB", small), small, 128, 2, "--max-unzip")
}

// endless yields a prefix, then n bytes of c, then a suffix, without
// holding them.
func endless(prefix string, c byte, n int64, suffix string) io.Reader {
	chunk := bytes.Repeat([]byte{c}, 1<<20)
	var parts []io.Reader
	parts = append(parts, strings.NewReader(prefix))
	for ; n > 0; n -= int64(len(chunk)) {
		parts = append(parts, bytes.NewReader(chunk[:min(int64(len(chunk)), n)]))
	}
	parts = append(parts, strings.NewReader(suffix))
	return io.MultiReader(parts...)
}

func TestOneGigabyteField(t *testing.T) {
	in := endless(header+rows(3)+`V-9;"`, 'a', 1<<30, "\";stk;1;DKK;44121704\r\n")
	r := ekatalog(t, 60*time.Second, in, "validate", "-")
	verdict(t, r, "-", 96, 2, "larger than 8 MiB")
	// The same, unquoted.
	in = endless(header+"V-9;", 'a', 1<<30, ";stk;1;DKK;44121704\r\n")
	verdict(t, ekatalog(t, 60*time.Second, in, "validate", "-"), "-", 96, 2, "larger than")
}

func TestTenMegabyteLine(t *testing.T) {
	var b bytes.Buffer
	io.Copy(&b, endless(header+rows(5), 'x', 10<<20, "\r\n"+rows(5)))
	f := write(t, "line.csv", b.Bytes())
	verdict(t, ekatalog(t, 30*time.Second, nil, "validate", f), f, 96, 2, "larger than 8 MiB")
	// Within a larger limit it is read, and the line is a finding.
	r := ekatalog(t, 30*time.Second, nil, "validate", "--max-record", "16MB", f)
	verdict(t, r, f, 160, 1, "")
}

func TestInvalidUTF8(t *testing.T) {
	for name, bad := range map[string][]byte{
		"lone continuation": {0x80, 0x80},
		"cut sequence":      {0xe2, 0x82},
		"overlong":          {0xc0, 0xaf},
		"surrogate":         {0xed, 0xa0, 0x80},
		"ff fe":             {0xff, 0xfe},
	} {
		t.Run(name, func(t *testing.T) {
			data := []byte(header + rows(50))
			data = append(data, "V-X;Navn "...)
			data = append(data, bad...)
			data = append(data, ";stk;1,00;DKK;44121704\r\n"...)
			f := write(t, "utf8.csv", data)
			r := ekatalog(t, 30*time.Second, nil, "validate", "--format", "json", f)
			verdict(t, r, f, 64, 1, "READ-ENCODING")
			// Every other line keeps its æ, ø and å.
			if !strings.Contains(r.stdout, `"compliant":false`) {
				t.Errorf("not marked as not compliant: %.300s", r.stdout)
			}
		})
	}
}

func TestNULBytes(t *testing.T) {
	t.Run("at the start", func(t *testing.T) {
		f := write(t, "nul.csv", append([]byte{0, 0, 0, 0}, header+rows(5)...))
		verdict(t, ekatalog(t, 30*time.Second, nil, "validate", f), f, 64, 2, "NUL")
	})
	t.Run("in a value", func(t *testing.T) {
		f := write(t, "nul.csv", []byte(header+rows(5)+"V-N;Navn\x00x;stk;1,00;DKK;44121704\r\n"))
		verdict(t, ekatalog(t, 30*time.Second, nil, "validate", f), f, 64, 1, "TEXT-CONTROL-CHAR")
	})
	t.Run("far into the file", func(t *testing.T) {
		f := write(t, "nul.csv", []byte(header+rows(20000)+"V-N;Navn\x00x;stk;1,00;DKK;44121704\r\n"))
		verdict(t, ekatalog(t, 30*time.Second, nil, "validate", f), f, 64, 1, "TEXT-CONTROL-CHAR")
	})
	t.Run("xml", func(t *testing.T) {
		f := write(t, "nul.xml", []byte(ublOpen+ublRoot+"<cbc:ID>1\x002</cbc:ID></Catalogue>"))
		verdict(t, ekatalog(t, 30*time.Second, nil, "validate", f), f, 64, 2, "")
	})
}

func TestHundredThousandColumns(t *testing.T) {
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(header, "\r\n"))
	for i := 0; i < 100_000; i++ {
		fmt.Fprintf(&b, ";Kolonne %d", i)
	}
	b.WriteString("\r\n")
	b.WriteString(rows(10))
	f := write(t, "wide.csv", []byte(b.String()))
	r := ekatalog(t, 60*time.Second, nil, "validate", "--format", "json", f)
	verdict(t, r, f, 256, 1, "")
	var rep struct {
		Summary struct{ Lines, Errors int }
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("report: %v", err)
	}
	if rep.Summary.Lines != 10 || rep.Summary.Errors == 0 {
		t.Errorf("summary %+v", rep.Summary)
	}
	if r.wall > 20*time.Second {
		t.Errorf("took %v", r.wall)
	}
}

func TestThousandSheets(t *testing.T) {
	x := excelize.NewFile()
	for i := 1; i < 1000; i++ {
		if _, err := x.NewSheet(fmt.Sprintf("Ark %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	// The catalogue is on the last sheet; the first visible one is empty.
	last := "Ark 999"
	x.SetSheetRow(last, "A1", &[]any{"Varenummer", "Varenavn", "Enhed", "Pris", "Valuta", "UNSPSC"})
	x.SetSheetRow(last, "A2", &[]any{"V-1", "Kuglepen", "stk", 12.5, "DKK", "44121704"})
	x.SetSheetRow(last, "A3", &[]any{"V-2", "Blyant", "stk", -3, "DKK", "44121706"})
	p := filepath.Join(t.TempDir(), "sheets.xlsx")
	if err := x.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	r := ekatalog(t, 60*time.Second, nil, "validate", p)
	verdict(t, r, p, 256, 2, "")
	r = ekatalog(t, 60*time.Second, nil, "validate", "--sheet", last, "--format", "json", p)
	verdict(t, r, p, 256, 1, "")
	if !strings.Contains(r.stdout, `"lines":2`) || !strings.Contains(r.stdout, "PRICE-NEGATIVE") {
		t.Errorf("the named sheet was not read: %.400s", r.stdout)
	}
}

func TestNoLinesIsNotCompliant(t *testing.T) {
	for name, data := range map[string]string{
		"csv header only": header,
		"ubl no lines":    ublOpen + ublRoot + "<cbc:ID>1</cbc:ID></Catalogue>",
	} {
		t.Run(name, func(t *testing.T) {
			ext := ".csv"
			if strings.HasPrefix(data, "<") {
				ext = ".xml"
			}
			f := write(t, "empty"+ext, []byte(data))
			r := ekatalog(t, 30*time.Second, nil, "validate", f)
			verdict(t, r, f, 64, 1, "READ-NO-LINES")
		})
	}
}

// cifHead is a CIF 3.0 header up to DATA.
const cifHead = "CIF_I_V3.0\r\nLOADMODE: F\r\nCURRENCY: DKK\r\nFIELDNAMES: Supplier ID,Supplier Part ID,Item Description,SPSC Code,Unit Price,Unit of Measure\r\nDATA\r\n" +
	"S,A1,Pen,44121704,1.00,EA\r\n"

// TestCIFHugeField: a 300 MB field in a CIF file's DATA, quoted and not,
// stops the reading at the record limit in flat memory (READ-INCOMPLETE,
// never compliant); a 300 MB header line is refused.
func TestCIFHugeField(t *testing.T) {
	in := endless(cifHead+`S,A2,"`, 'a', 300<<20, "\",44121704,1.00,EA\r\nENDOFDATA\r\n")
	verdict(t, ekatalog(t, 60*time.Second, in, "validate", "-"), "-", 96, 1, "larger than 8 MiB")
	in = endless(cifHead+"S,A2,", 'a', 300<<20, ",44121704,1.00,EA\r\nENDOFDATA\r\n")
	verdict(t, ekatalog(t, 60*time.Second, in, "validate", "-"), "-", 96, 1, "larger than 8 MiB")
	in = endless("CIF_I_V3.0\r\nCOMMENTS: ", 'c', 300<<20, "\r\nDATA\r\nENDOFDATA\r\n")
	verdict(t, ekatalog(t, 60*time.Second, in, "validate", "-"), "-", 96, 2, "header line is larger than 8 MiB")
}

// TestCIFHugeLine: a 10 MB item line is refused at the default limit and
// read within a larger one; the ITEMCOUNT that disagrees is an error.
func TestCIFHugeLine(t *testing.T) {
	var b bytes.Buffer
	io.Copy(&b, endless(strings.Replace(cifHead, "DATA", "ITEMCOUNT: 5\r\nDATA", 1)+"S,A2,", 'x', 10<<20, ",44121704,1.00,EA\r\nENDOFDATA\r\n"))
	f := write(t, "line.cif", b.Bytes())
	// Past the first item the record is an error in the report, which
	// then cannot say the file complies.
	verdict(t, ekatalog(t, 30*time.Second, nil, "validate", f), f, 96, 1, "larger than 8 MiB")
	r := ekatalog(t, 30*time.Second, nil, "validate", "--max-record", "16MB", f)
	verdict(t, r, f, 160, 1, "ITEMCOUNT")
}

// valueBomb is a workbook written part by part: sheet1 holds the rows
// before, then a cell whose value is size bytes of 'A' (an inline string,
// or a shared string when shared is set), then the rows after. It packs
// 300 MB into a few hundred KB.
func valueBomb(t *testing.T, before, after string, size int64, shared bool) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "value.xlsx")
	out, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	part := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	const main = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	ct := `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	if shared {
		ct += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
	}
	part("[Content_Types].xml", ct+`</Types>`)
	part("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	part("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook `+main+` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if shared {
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	part("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`)
	big := func(w io.Writer) {
		chunk := bytes.Repeat([]byte("A"), 1<<20)
		for n := int64(0); n < size; n += int64(len(chunk)) {
			w.Write(chunk[:min(int64(len(chunk)), size-n)])
		}
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet `+main+`><sheetData>`+before)
	if shared {
		io.WriteString(w, `<row r="9"><c r="A9" t="s"><v>0</v></c><c r="B9" t="s"><v>0</v></c></row>`)
	} else {
		io.WriteString(w, `<row r="9"><c r="A9" t="inlineStr"><is><t>V-9</t></is></c><c r="B9" t="inlineStr"><is><t>`)
		big(w)
		io.WriteString(w, `</t></is></c></row>`)
	}
	io.WriteString(w, after+`</sheetData></worksheet>`)
	if shared {
		w, err := zw.Create("xl/sharedStrings.xml")
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><sst `+main+` count="1" uniqueCount="1"><si><t>`)
		big(w)
		io.WriteString(w, `</t></si></sst>`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// sheetRow is a row of inline strings.
func sheetRow(n int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, n)
	for i, c := range cells {
		fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, n, c)
	}
	b.WriteString(`</row>`)
	return b.String()
}

// The bounds every case of the issue is held to: 256 MB and 20 s.
const (
	bombRSSMB = 256
	bombWall  = 20 * time.Second
)

func bounded(t *testing.T, r run) {
	t.Helper()
	if r.wall > bombWall {
		t.Errorf("took %v, bound %v", r.wall, bombWall)
	}
}

func TestOneCellWorkbookBomb(t *testing.T) {
	hdr := sheetRow(1, "Varenummer", "Varenavn", "Enhed", "Pris")
	good := sheetRow(2, "V-1", "Kuglepen", "stk", "12,50")
	for name, c := range map[string]struct {
		before, after string
		shared        bool
	}{
		"before any header":   {"", hdr + sheetRow(10, "V-1", "Kuglepen", "stk", "12,50"), false},
		"after a good header": {hdr + good, sheetRow(10, "V-2", "Blyant", "stk", "3"), false},
		"as a shared string":  {hdr + good, sheetRow(10, "V-2", "Blyant", "stk", "3"), true},
	} {
		t.Run(name, func(t *testing.T) {
			f := valueBomb(t, c.before, c.after, 300<<20, c.shared)
			r := ekatalog(t, 60*time.Second, nil, "validate", f)
			verdict(t, r, f, bombRSSMB, 2, "--max-value")
			bounded(t, r)
			want := "cell B9"
			if c.shared {
				want = "shared string 1"
			}
			if !strings.Contains(r.stderr, want) {
				t.Errorf("the error does not name %s: %s", want, r.stderr)
			}
			// Through convert too, and with a smaller limit.
			r = ekatalog(t, 60*time.Second, nil, "convert", "--max-value", "1MB", "--to", "json", "-o", filepath.Join(t.TempDir(), "out.json"), f)
			verdict(t, r, f, bombRSSMB, 2, "1 MiB")
			bounded(t, r)
		})
	}
	// Under the limit, a long value is read.
	t.Run("within the limit", func(t *testing.T) {
		f := valueBomb(t, hdr+good, "", 2<<20, false)
		r := ekatalog(t, 60*time.Second, nil, "validate", "--format", "json", f)
		verdict(t, r, f, bombRSSMB, r.code, "")
		if r.code != 0 && r.code != 1 {
			t.Errorf("exit %d: %s", r.code, r.stderr)
		}
	})
}

func TestUBLNameBomb(t *testing.T) {
	line := `<cac:CatalogueLine><cbc:ID>1</cbc:ID><cac:Item><cbc:Name>`
	in := endless(ublOpen+ublRoot+`<cbc:ID>1</cbc:ID>`+line, 'A', 300<<20, `</cbc:Name></cac:Item></cac:CatalogueLine></Catalogue>`)
	r := ekatalog(t, 60*time.Second, in, "validate", "--input-format", "ubl", "-")
	verdict(t, r, "-", bombRSSMB, 2, "--max-value")
	bounded(t, r)
	// The same 300 MB split by comments into tokens under the limit: the
	// value is what counts.
	var parts []io.Reader
	parts = append(parts, strings.NewReader(ublOpen+ublRoot+`<cbc:ID>1</cbc:ID>`+line))
	for i := 0; i < 20; i++ {
		parts = append(parts, endless("", 'A', 15<<20, "<!---->"))
	}
	parts = append(parts, strings.NewReader(`</cbc:Name></cac:Item></cac:CatalogueLine></Catalogue>`))
	r = ekatalog(t, 60*time.Second, io.MultiReader(parts...), "validate", "--input-format", "ubl", "-")
	verdict(t, r, "-", bombRSSMB, 2, "--max-value")
	bounded(t, r)
}

func TestMillionAttributes(t *testing.T) {
	var b strings.Builder
	b.WriteString(ublOpen + ublRoot + `<cbc:ID>1</cbc:ID><cac:CatalogueLine><cbc:ID>1</cbc:ID><cac:Item><cbc:Name`)
	for i := 0; i < 1_000_000; i++ {
		fmt.Fprintf(&b, ` a%d=""`, i)
	}
	b.WriteString(`>Kuglepen</cbc:Name></cac:Item></cac:CatalogueLine></Catalogue>`)
	f := write(t, "attrs.xml", []byte(b.String()))
	r := ekatalog(t, 60*time.Second, nil, "validate", f)
	verdict(t, r, f, bombRSSMB, 2, "attributes")
	bounded(t, r)
	if !strings.Contains(r.stderr, "limit") {
		t.Errorf("the error does not name the limit: %s", r.stderr)
	}
}

func TestMillionEmptyFields(t *testing.T) {
	data := header + rows(3) + "V-9;Kuglepen" + strings.Repeat(";", 1_000_000) + "\r\n" + rows(3)
	f := write(t, "fields.csv", []byte(data))
	r := ekatalog(t, 60*time.Second, nil, "validate", f)
	verdict(t, r, f, bombRSSMB, r.code, "--max-fields")
	bounded(t, r)
	if r.code != 1 && r.code != 2 {
		t.Errorf("exit %d", r.code)
	}
}

func TestFieldLimits(t *testing.T) {
	// A field over --max-value within --max-record: named by line and
	// column.
	var b bytes.Buffer
	io.Copy(&b, endless(header+rows(3)+"V-9;", 'a', 2<<20, ";stk;1;DKK;44121704\r\n"))
	f := write(t, "field.csv", b.Bytes())
	r := ekatalog(t, 30*time.Second, nil, "validate", "--max-value", "1MB", f)
	verdict(t, r, f, bombRSSMB, 2, "--max-value")
	if !strings.Contains(r.stderr, f+":5:5") {
		t.Errorf("the error does not name line 5, column 5: %s", r.stderr)
	}
	// The old name of the flag still works.
	r = ekatalog(t, 30*time.Second, nil, "validate", "--max-token", "1MB", f)
	verdict(t, r, f, bombRSSMB, 2, "1 MiB")
	// --max-fields is a flag; a row under it is read.
	wide := write(t, "wide.csv", []byte(header+rows(3)+"V-9;Kuglepen"+strings.Repeat(";", 100)+"\r\n"))
	verdict(t, ekatalog(t, 30*time.Second, nil, "validate", "--max-fields", "50", wide), wide, bombRSSMB, 2, "--max-fields")
	r = ekatalog(t, 30*time.Second, nil, "validate", wide)
	verdict(t, r, wide, bombRSSMB, 1, "")
}

func TestJSONValueBomb(t *testing.T) {
	in := endless(`{"catalogue":{"id":"1"},"lines":[{"sellerItemId":"V-1","name":"`, 'A', 300<<20, `"}]}`)
	r := ekatalog(t, 60*time.Second, in, "validate", "--input-format", "json", "-")
	verdict(t, r, "-", bombRSSMB, 2, "--max-value")
	bounded(t, r)
	in = endless(`{"junk":"`, 'A', 300<<20, `","catalogue":{"id":"1"},"lines":[]}`)
	r = ekatalog(t, 60*time.Second, in, "validate", "--input-format", "json", "-")
	verdict(t, r, "-", bombRSSMB, 2, "--max-value")
	bounded(t, r)
}

// denseStrings is a workbook of a few tens of KB whose shared strings
// table holds n one-letter strings: excelize parses such a table into
// hundreds of bytes a string.
func denseStrings(t *testing.T, n int) string { return densePart(t, n, false) }

// denseStyles is the same with n empty cell formats in the styles.
func denseStyles(t *testing.T, n int) string { return densePart(t, n, true) }

func densePart(t *testing.T, n int, styles bool) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "dense.xlsx")
	out, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	part := func(name string, body ...string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range body {
			io.WriteString(w, b)
		}
	}
	const main = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	part("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)
	part("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	part("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook `+main+` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	part("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)
	part("xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet `+main+`><sheetData>`+sheetRow(1, "Varenummer", "Varenavn", "Enhed", "Pris")+
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="D2" s="5"><v>12.5</v></c></row></sheetData></worksheet>`)
	if styles {
		part("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst `+main+`><si><t>V-1</t></si><si><t>Kuglepen</t></si></sst>`)
		part("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><styleSheet `+main+`><cellXfs>`, strings.Repeat(`<xf/>`, n), `</cellXfs></styleSheet>`)
	} else {
		part("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst `+main+`>`, strings.Repeat(`<si><t>x</t></si>`, n), `</sst>`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDenseSharedStrings(t *testing.T) {
	// Under the limit of 1,048,576 strings: read, in bounded memory (the
	// table is streamed from a temporary file however small it packs).
	f := denseStrings(t, 900_000)
	r := ekatalog(t, 90*time.Second, nil, "validate", f)
	verdict(t, r, f, bombRSSMB, 1, "")
	// Over it: refused, naming the limit.
	f = denseStrings(t, 1_100_000)
	r = ekatalog(t, 90*time.Second, nil, "validate", f)
	verdict(t, r, f, bombRSSMB, 2, "strings (the limit)")
	bounded(t, r)
}

func TestDenseStyles(t *testing.T) {
	// Excel's own limit of 64,000 cell formats is read.
	f := denseStyles(t, 64_000)
	r := ekatalog(t, 90*time.Second, nil, "validate", f)
	verdict(t, r, f, bombRSSMB, 1, "")
	bounded(t, r)
	f = denseStyles(t, 1_000_000)
	r = ekatalog(t, 90*time.Second, nil, "validate", f)
	verdict(t, r, f, bombRSSMB, 2, "elements")
	bounded(t, r)
}
