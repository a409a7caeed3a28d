package peppol_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/catalog/check"
	"github.com/ekatalog/ekatalog/formats/ubl/peppol"
)

// TestGenerated: model_gen.go and rules_gen.go are what the
// generator makes of the reference data now, so a forgotten go generate
// shows up here.
func TestGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	std := needBIS3(t, ".")
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	cmd := exec.Command(gobin, "run", "./internal/gen", "-standards", std,
		"-model", filepath.Join(dir, "model_gen.go"), "-rules", filepath.Join(dir, "rules_gen.go"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generator: %v\n%s", err, out)
	}
	for gen, committed := range map[string]string{
		"model_gen.go": "model_gen.go",
		"rules_gen.go": "rules_gen.go",
	} {
		want := readFile(t, filepath.Join(dir, gen))
		if got := readFile(t, committed); !bytes.Equal(got, want) {
			t.Errorf("%s is out of date with the reference data: run go generate ./formats/ubl/peppol", committed)
		}
	}
	_ = os.Remove(dir)
}

// TestCommonFlags: catalog/check's flags of the identifier rules are the
// rule table's severities.
func TestCommonFlags(t *testing.T) {
	for _, r := range peppol.Rules {
		flag := check.RuleFlag(r.ID)
		if flag == check.NoFlag {
			continue
		}
		want := catalog.Error
		if flag == check.Warning {
			want = catalog.Warning
		}
		if r.Severity != want {
			t.Errorf("%s: check says %v, the rule table %v", r.ID, flag, r.Severity)
		}
	}
}
