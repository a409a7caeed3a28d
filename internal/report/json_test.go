package report_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/report"
	"github.com/ekatalog/ekatalog/schemas"
)

// TestJSONReportSchema: the JSON report of every test catalogue satisfies
// schemas/report.schema.json, in Danish.
func TestJSONReportSchema(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../../testdata/csv/*", "../../testdata/demo/*", "../../testdata/defects/*.csv", "../../testdata/xlsx/*.xlsx", "../../testdata/ubl/*.xml"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if len(files) < 5 {
		t.Fatalf("test catalogues missing: %v", files)
	}
	for _, f := range files {
		rep, err := pipeline.Run(f, pipeline.Options{})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		got := print(t, "json", []*catalog.Report{rep}, report.Options{Lang: "da"})
		if err := schemas.Check(schemas.Report, bytes.Clone(got)); err != nil {
			t.Errorf("%s: JSON report breaks the schema: %v", f, err)
		}
	}
}
