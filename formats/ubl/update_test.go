package ubl

import (
	"bytes"
	"encoding/xml"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rootAndLines reads a document with encoding/xml, independently of the
// reader: its root element and the number of root children named line.
func rootAndLines(t *testing.T, b []byte, line string) (root xml.Name, n int) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	d.Strict = false
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF || err != nil {
			return root, n
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				root = e.Name
			}
			if depth == 2 && line != "" && e.Name.Local == line {
				n++
			}
		case xml.EndElement:
			depth--
		}
	}
}

// TestUpdateDocuments: every UBL catalogue update document in
// ../shared/realworld and ../shared/standards, found by its root element,
// is read: a pricing or item specification update into as many lines as it
// has line elements, each with action update and its line ID; a deletion
// into a header with action delete and no lines. CatalogueRequests stay
// refused, with a message that says what they are.
func TestUpdateDocuments(t *testing.T) {
	needShared(t)
	var found, requests int
	for _, dir := range []string{sharedStandards, filepath.Join(sharedStandards, "..", "realworld")} {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(path), ".xml") {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			root, _ := rootAndLines(t, b, "")
			if !strings.HasPrefix(root.Space, ublDocNS) {
				return nil
			}
			line, isUpdate := updateLines[root.Local]
			switch {
			case root.Local == "CatalogueRequest":
				requests++
				_, err := Open(bytes.NewReader(b), path)
				if err == nil || !strings.Contains(err.Error(), "CatalogueRequest, not a catalogue") || !strings.HasPrefix(err.Error(), path) {
					t.Errorf("%s: a CatalogueRequest: %v", path, err)
				}
				return nil
			case !isUpdate:
				return nil
			}
			found++
			t.Run(filepath.Base(path), func(t *testing.T) {
				_, want := rootAndLines(t, b, line)
				rd, h, lines := readAll(t, bytes.NewReader(b), path)
				if rd.Document() != root.Local || len(lines) != want {
					t.Fatalf("document %s, %d lines; the file has %d %s", rd.Document(), len(lines), want, line)
				}
				wantAction := "update"
				if line == "" {
					wantAction = "delete"
				}
				if h.Action != wantAction || h.ID == "" || h.Seller.ID == "" {
					t.Errorf("header action %q, ID %q, seller %q", h.Action, h.ID, h.Seller.ID)
				}
				for _, l := range lines {
					if l.Action != "update" || l.LineID == "" {
						t.Errorf("line %d: action %q, line ID %q", l.Src.Line, l.Action, l.LineID)
					}
					if root.Local == "CataloguePricingUpdate" && !l.Price.Valid {
						t.Errorf("line %d: no price", l.Src.Line)
					}
					if root.Local == "CatalogueItemSpecificationUpdate" && (l.Name == "" || l.SellerItemID == "") {
						t.Errorf("line %d: no item: %+v", l.Src.Line, l)
					}
					for _, e := range l.Extra {
						if strings.Contains(e.Name, "UpdateLine") {
							t.Errorf("line %d: extra named from the line element: %s", l.Src.Line, e.Name)
						}
					}
					if p := rd.Locate(l, 0).XPath; !strings.HasPrefix(p, "/"+root.Local+"/"+line+"[") {
						t.Errorf("line %d: located at %s", l.Src.Line, p)
					}
				}
			})
			return nil
		})
	}
	if found < 3 || requests == 0 {
		t.Errorf("%d update documents and %d requests found: the test reads nothing", found, requests)
	}
}
