package oioubl

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/ubl"
)

// BenchmarkChecker is the checker alone on one line of the official
// example (a full line: parties aside, every context of the Catalogue).
func BenchmarkChecker(b *testing.B) {
	rd, err := ubl.Open(bytes.NewReader(officialExample(b)), "example.xml")
	if err != nil {
		b.Fatal(err)
	}
	var l catalog.Line
	if err := rd.Next(&l); err != nil {
		b.Fatal(err)
	}
	line := rd.LineTree()
	c := New()
	findings := 0
	add := func(catalog.Finding) { findings++ }
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		clear(c.lineIDs) // each line of a real catalogue has its own ID
		c.Line(line, 1, add)
	}
	if findings > 0 {
		b.Fatalf("%d findings on the official example", findings)
	}
}

// syntheticCatalogue repeats the lines of the official example n times
// with IDs of their own.
func syntheticCatalogue(tb testing.TB, n int) []byte {
	doc := exampleText(tb)
	start := strings.Index(doc, "<cac:CatalogueLine>")
	end := strings.LastIndex(doc, "</cac:CatalogueLine>") + len("</cac:CatalogueLine>")
	lines := doc[start:end]
	var b bytes.Buffer
	b.WriteString(doc[:start])
	for i := 0; i < n; i++ {
		b.WriteString(strings.NewReplacer("<cbc:ID>NM-", fmt.Sprintf("<cbc:ID>%d-NM-", i), "<cbc:ID>SUB-5", fmt.Sprintf("<cbc:ID>%d-SUB-5", i)).Replace(lines))
	}
	b.WriteString(doc[end:])
	return b.Bytes()
}

// BenchmarkRead reads a 3,000-line OIOUBL catalogue with and without the
// checker: the difference is what the official rules cost a line.
func BenchmarkRead(b *testing.B) {
	doc := syntheticCatalogue(b, 1000)
	for _, checked := range []bool{false, true} {
		name := "reader"
		var checkers func(string) []ubl.Checker
		if checked {
			name = "reader+checker"
			checkers = withChecker
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			lines := 0
			for i := 0; i < b.N; i++ {
				_, err := readDoc(doc, checkers, func(l *catalog.Line) error {
					lines++
					if len(l.Findings) > 0 {
						return fmt.Errorf("line %d: %s", l.Src.Line, l.Findings[0].Rule)
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(lines), "ns/line")
		})
	}
}

// FuzzChecker: no document makes the checker panic.
func FuzzChecker(f *testing.F) {
	orig := exampleText(f)
	f.Add([]byte(orig))
	for _, m := range mutations[:20] {
		doc := orig
		for i := 0; i < len(m.edits); i += 2 {
			doc = strings.Replace(doc, m.edits[i], m.edits[i+1], 1)
		}
		f.Add([]byte(doc))
	}
	f.Add([]byte(`<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"><cbc:CustomizationID>OIOUBL-2.1</cbc:CustomizationID><cac:CatalogueLine><cac:Item><cac:CommodityClassification/></cac:Item><cac:RequiredItemLocationQuantity><cac:Price><cac:AllowanceCharge><cbc:MultiplierFactorNumeric>-</cbc:MultiplierFactorNumeric></cac:AllowanceCharge></cac:Price></cac:RequiredItemLocationQuantity></cac:CatalogueLine></Catalogue>`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		fs, err := checkDoc(doc)
		if err != nil {
			return
		}
		for _, x := range fs {
			if ruleIndex()[x.RuleID()] == nil && !strings.HasPrefix(x.RuleID(), "UBL-") {
				t.Errorf("unknown rule %s", x.RuleID())
			}
		}
	})
}
