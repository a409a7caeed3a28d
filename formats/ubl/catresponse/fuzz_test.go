package catresponse

import (
	"testing"
	"time"
)

// FuzzCheck: the checker never panics, whatever the document; what Write
// makes from any notes and names passes it.
func FuzzCheck(f *testing.F) {
	b, _ := Write(sample())
	f.Add(b, "SUP-1: <&> price", "Kontorgrossisten A/S")
	f.Add(b, "bad \x01 \xff char", "\x00")
	f.Add([]byte(`<ApplicationResponse xmlns="urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2"/>`), "", "")
	f.Fuzz(func(t *testing.T, doc []byte, note, name string) {
		Check(doc)
		r := Response{ID: "R", Issued: time.Unix(0, 0), Code: Rejected, Notes: []string{note},
			Sender: Party{ID: "5798000000001", Scheme: "0088", Name: name}, Receiver: Party{ID: "12345678", Scheme: "0184", Name: name},
			Catalogue: "C"}
		out, err := Write(r)
		if err != nil {
			return
		}
		fs, err := Check(out)
		if err != nil {
			t.Fatalf("Write made a document Check cannot read: %v\n%s", err, out)
		}
		for _, f := range fs {
			t.Errorf("%s on %q/%q", f.Rule, note, name)
		}
	})
}
