package formats_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

// TestSchemaFindings: a BMEcat file with a unit outside BMEcat's list
// gives a TARGET-SCHEMA error naming the line of the written file; the
// writer's own output gives none; a target without a published schema is
// not checked.
func TestSchemaFindings(t *testing.T) {
	std := golden.Shared(t, 1)
	tg, _ := formats.TargetByName("bmecat")
	var out bytes.Buffer
	w, _ := tg.New(&out, catalog.Header{}, formats.WriteOptions{Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err := w.Begin(catalog.Header{ID: "K1", Currency: "DKK", Seller: catalog.Party{Name: "S"}}); err != nil {
		t.Fatal(err)
	}
	w.Line(&catalog.Line{SellerItemID: "1", Name: "Pen", Unit: "XPK", Price: catalog.N(1)})
	if err := w.End(); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(t.TempDir(), "good.xml")
	os.WriteFile(good, out.Bytes(), 0o644)
	fs, total, ok, err := formats.SchemaFindings(context.Background(), tg, good, std, 10)
	if err != nil && strings.Contains(err.Error(), "xmllint is not installed") {
		t.Skip(err)
	}
	if err != nil || !ok || total != 0 || len(fs) != 0 {
		t.Fatalf("the writer's own output: %v %v %v %v", fs, total, ok, err)
	}
	bad := filepath.Join(t.TempDir(), "bad.xml")
	b := strings.Replace(out.String(), "<ORDER_UNIT>PK</ORDER_UNIT>", "<ORDER_UNIT>XPK</ORDER_UNIT>", 1)
	os.WriteFile(bad, []byte(b), 0o644)
	line := strings.Count(b[:strings.Index(b, "<ORDER_UNIT>")], "\n") + 1
	fs, total, _, err = formats.SchemaFindings(context.Background(), tg, bad, std, 10)
	if err != nil || total != 1 || len(fs) != 1 {
		t.Fatalf("%v %v %v", fs, total, err)
	}
	if msg := fs[0].Message("en"); fs[0].Severity != catalog.Error || !strings.Contains(msg, "at line "+strconv.Itoa(line)+":") || !strings.Contains(msg, "XPK") {
		t.Errorf("finding %q", msg)
	}
	js, _ := formats.TargetByName("json")
	if _, _, ok, _ := formats.SchemaFindings(context.Background(), js, bad, std, 10); ok {
		t.Error("json has no published XML schema")
	}
}
