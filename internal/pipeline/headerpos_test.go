package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/testkit/synth"
)

// TestHeaderFindingsNameTheirElement: a finding on a UBL document's header
// names the element it is about, as a line's finding does; a party's name
// is placed where the reader read it (PartyName before PartyLegalEntity).
func TestHeaderFindingsNameTheirElement(t *testing.T) {
	var doc bytes.Buffer
	if err := synth.WriteUBL(&doc, 1, 3); err != nil {
		t.Fatal(err)
	}
	s := doc.String()
	if !strings.Contains(s, "<cbc:EndDate>2026-12-31</cbc:EndDate>") {
		t.Fatal("the synthetic document has no EndDate to break")
	}
	s = strings.Replace(s, "<cbc:EndDate>2026-12-31</cbc:EndDate>", "<cbc:EndDate>2020-01-01</cbc:EndDate>", 1)
	path := filepath.Join(t.TempDir(), "k.xml")
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got *catalog.Finding
	for i := range rep.Findings {
		if rep.Findings[i].Rule == catalog.RuleHeaderDateRange {
			got = &rep.Findings[i]
		}
	}
	if got == nil {
		t.Fatalf("no HEADER-DATE-RANGE in %+v", rep.Findings)
	}
	if got.Pos.XPath != "/Catalogue/ValidityPeriod[1]/EndDate" {
		t.Errorf("HEADER-DATE-RANGE at %q", got.Pos.XPath)
	}

	src, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	hl, ok := src.Reader.(catalog.HeaderLocator)
	if !ok {
		t.Fatal("the UBL reader does not locate header fields")
	}
	if p := hl.LocateHeader("seller.name"); p.XPath != "/Catalogue/ProviderParty/PartyLegalEntity[1]/RegistrationName" {
		t.Errorf("seller.name without a PartyName at %q", p.XPath)
	}
	if p := hl.LocateHeader("gtin"); p != (catalog.Pos{}) {
		t.Errorf("a line field placed in the header: %+v", p)
	}
}
