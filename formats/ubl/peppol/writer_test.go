package peppol_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
)

// TestWriterNeedsValidity: PEPPOL wants a validity period that is not
// empty; without dates the target's writer names the header value and
// writes nothing, and with a start date it takes the header.
func TestWriterNeedsValidity(t *testing.T) {
	h := catalog.Header{ID: "K1", IssueDate: "2026-01-01",
		Seller:   catalog.Party{Name: "S", EndpointID: "12345678", EndpointScheme: "0184"},
		Receiver: catalog.Party{Name: "R", EndpointID: "5790000435951", EndpointScheme: "0088"}}
	target, err := formats.TargetByName("peppol-bis3")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w, err := target.New(&out, h, formats.WriteOptions{})
	if err == nil {
		err = w.Begin(h)
	}
	if err == nil || !strings.Contains(err.Error(), "catalogue.validFrom") {
		t.Errorf("err = %v, want one naming catalogue.validFrom", err)
	}
	if out.Len() > 0 {
		t.Errorf("%d bytes written", out.Len())
	}
	h.ValidFrom = "2026-01-01"
	if _, err := target.New(&out, h, formats.WriteOptions{}); err != nil {
		t.Errorf("with a start date: %v", err)
	}
}
