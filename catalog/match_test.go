package catalog

import (
	"testing"
)

func TestGTINKey(t *testing.T) {
	for in, want := range map[string]string{
		"5701234567892": "5701234567892", " 05701234567892 ": "5701234567892", // GTIN-13 as GTIN-14
		"012345678905": "12345678905", "0012345678905": "12345678905", // UPC as GTIN-12 and GTIN-13
		"96385074": "96385074", "00000000": "", "": "",
	} {
		if got := GTINKey(in); got != want {
			t.Errorf("GTINKey(%q) = %q, want %q", in, got, want)
		}
		if got := string(GTINKeyBytes([]byte(in))); got != want {
			t.Errorf("GTINKeyBytes(%q) = %q, want %q", in, got, want)
		}
	}
	l := Line{SellerItemID: " A-1 ", GTIN: "05701234567892", LineID: "7"}
	if id, gtin, lineID := l.MatchKeys(); id != "A-1" || gtin != "5701234567892" || lineID != "" {
		t.Errorf("MatchKeys: %q %q %q", id, gtin, lineID)
	}
	l = Line{LineID: " 7 "}
	if id, gtin, lineID := l.MatchKeys(); id != "" || gtin != "" || lineID != "7" {
		t.Errorf("MatchKeys of a line with only its line ID: %q %q %q", id, gtin, lineID)
	}
}

// TestGTINSharedAcrossPadding: one GTIN written as a GTIN-13 on one item
// and as a GTIN-14 on another is shared, as compare and diff match them
// (a deliberate change of issue 12: the validator compared the text).
func TestGTINSharedAcrossPadding(t *testing.T) {
	p, _ := BuiltinProfile("minimal")
	rep := &Report{}
	v := NewValidator(p, Header{}, ^FieldSet(0), nil, rep)
	v.Line(&Line{SellerItemID: "A-1", GTIN: "5790001000011", Name: "x", Unit: "H87", Price: N(1), Src: Src{Line: 1, Row: 2}})
	v.Line(&Line{SellerItemID: "A-2", GTIN: "05790001000011", Name: "y", Unit: "H87", Price: N(1), Src: Src{Line: 2, Row: 3}})
	v.Line(&Line{SellerItemID: "A-1", GTIN: "5790001000011", Name: "x", Unit: "H87", Price: N(1), Src: Src{Line: 3, Row: 4}})
	v.End(nil, nil)
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.RuleID()+":"+f.Value)
	}
	want := []string{"GTIN-SHARED:05790001000011", "ITEM-DUPLICATE:A-1"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("findings %q, want %q", got, want)
	}
}
