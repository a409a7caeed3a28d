package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/schemas"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

// TestOutputFailsTarget: a conversion whose written file fails its
// target's rules exits 1; convert's summary and report say so in plain
// words (English and Danish), the JSON report (valid against its schema)
// carries the verdict and the findings on the output with the rules' IDs,
// a place in the output and the source line; batch's summary.json and
// index.html mark the file. For a PEPPOL, an OIOUBL and a template target.
func TestOutputFailsTarget(t *testing.T) {
	rw := filepath.Join(filepath.Dir(golden.Shared(t, 2)), "realworld")
	cases := []struct {
		name, file, to string
		rule           string // a rule the written file must fail
		xpath          bool   // findings point into the output by XPath (else row and column)
	}{
		{"peppol", "ehf/ubl/example__T19_Example_file_EHF_Catalogue@c51d773.xml", "peppol-bis3", "PEPPOL-T19-", true},
		{"oioubl", "poacc/ubl/examples__Catalogue_Example@1f78c5f.xml", "oioubl", "F-CAT230", true},
		{"template", "poacc/ubl/examples__Catalogue_Example@1f78c5f.xml", "csv-da", "OUTPUT-REQUIRED", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := filepath.Join(rw, c.file)
			if _, err := os.Stat(in); err != nil {
				t.Skipf("real-world catalogue not found: %v", err)
			}
			dir := t.TempDir()
			out, rep := filepath.Join(dir, "out"), filepath.Join(dir, "report.json")
			code, _, stderr := cli(t, "", "convert", in, "--to", c.to, "-o", out, "--report", rep, "--format", "json")
			if code != 1 {
				t.Errorf("exit %d, want 1; stderr:\n%s", code, stderr)
			}
			if !strings.Contains(stderr, "THE WRITTEN FILE FAILS ITS TARGET'S RULES") || strings.Contains(stderr, " 0 errors") {
				t.Errorf("the summary does not say the written file fails:\n%s", stderr)
			}
			b, err := os.ReadFile(rep)
			if err != nil {
				t.Fatal(err)
			}
			if err := schemas.Check(schemas.Report, b); err != nil {
				t.Errorf("report.json: %v", err)
			}
			var r struct {
				Summary struct {
					Errors    int
					Compliant bool
				}
				Output *struct {
					Target  string
					Passed  bool
					Errors  int
					Verdict string
				}
				Findings []struct {
					Rule, Severity string
					Line           int
					Row            *int
					XPath          *string
					Output         bool
				}
			}
			if err := json.Unmarshal(b, &r); err != nil {
				t.Fatal(err)
			}
			if r.Output == nil || r.Output.Passed || r.Output.Errors == 0 || r.Output.Target != c.to || r.Summary.Compliant || r.Summary.Errors < r.Output.Errors {
				t.Fatalf("verdict on the output: %+v, summary %+v", r.Output, r.Summary)
			}
			found := false
			for _, f := range r.Findings {
				if !f.Output || !strings.HasPrefix(f.Rule, c.rule) {
					continue
				}
				found = true
				if c.xpath && (f.XPath == nil || !strings.HasPrefix(*f.XPath, "/Catalogue")) || !c.xpath && (f.Row == nil || *f.Row < 2) {
					t.Errorf("%s does not point into the output: %+v", f.Rule, f)
				}
				if strings.HasPrefix(f.Rule, "F-CAT230") || f.Rule == "OUTPUT-REQUIRED" {
					if f.Line == 0 {
						t.Errorf("%s does not name its source line", f.Rule)
					}
				}
			}
			if !found {
				t.Errorf("no finding of %s on the output", c.rule)
			}

			// In Danish, as text.
			code, _, stderr = cli(t, "", "convert", in, "--to", c.to, "-o", out, "--lang", "da")
			if code != 1 || !strings.Contains(stderr, "DEN SKREVNE FIL OVERHOLDER IKKE MÅLFORMATETS REGLER") {
				t.Errorf("Danish: exit %d\n%s", code, stderr)
			}

			// batch marks the file.
			bout := filepath.Join(dir, "batch")
			code, _, stderr = cli(t, "", "batch", "--to", c.to, "--out", bout, in)
			if code != 1 {
				t.Errorf("batch: exit %d, want 1\n%s", code, stderr)
			}
			files := readDir(t, bout)
			var sum struct {
				OutputFails int
				Files       []struct {
					Status       string
					Compliant    bool
					OutputFails  bool
					OutputErrors int
				}
			}
			if err := json.Unmarshal(files["summary.json"], &sum); err != nil {
				t.Fatal(err)
			}
			if sum.OutputFails != 1 || len(sum.Files) != 1 || !sum.Files[0].OutputFails || sum.Files[0].OutputErrors == 0 || sum.Files[0].Compliant {
				t.Errorf("summary.json: %s", files["summary.json"])
			}
			if !strings.Contains(string(files["index.html"]), "WRITTEN FILE FAILS THE TARGET&#39;S RULES") {
				t.Errorf("index.html does not mark the file:\n%s", files["index.html"])
			}
		})
	}
}

// TestOutputPassesTarget: an OIOUBL catalogue that passes its rules
// converts to a PEPPOL file that passes T19: exit 0, and the report says
// the written file passes.
func TestOutputPassesTarget(t *testing.T) {
	in := filepath.Join(filepath.Dir(golden.Shared(t, 2)), "realworld", "phive", "ubl", "1.12.3__OIOUBL_Catalogue_v2p2@ada3e3e.xml")
	if _, err := os.Stat(in); err != nil {
		t.Skipf("real-world catalogue not found: %v", err)
	}
	dir := t.TempDir()
	rep := filepath.Join(dir, "r.txt")
	code, _, stderr := cli(t, "", "convert", in, "--to", "peppol-bis3", "-o", filepath.Join(dir, "out.xml"), "--report", rep)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	b, _ := os.ReadFile(rep)
	if !strings.Contains(string(b), "the written file passes PEPPOL BIS Catalogue 3 (T19 2026.5) (target peppol-bis3)") {
		t.Errorf("the report does not say the output passes:\n%s", b)
	}
}
