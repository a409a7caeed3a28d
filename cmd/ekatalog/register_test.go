package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain points the register of every command run in-process (serve
// among them) at a temporary database, so that tests never create
// ekatalog-data/ in the source tree.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ekatalog-cmd-test-*")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("EKATALOG_DB", "sqlite:"+filepath.Join(dir, "register.db"))
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestRegisterCommands(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "r.db")
	reg := func(args ...string) (int, string, string) {
		t.Helper()
		return cli(t, "", append([]string{"register", "--db", db}, args...)...)
	}
	if code, out, errs := reg("migrate"); code != 0 || out != "2\n" {
		t.Fatalf("migrate: %d %q %s", code, out, errs)
	}
	if code, out, errs := reg("party", "add", "--kind", "supplier", "--id", "12345678", "--name", "Kontorgrossisten A/S"); code != 0 || out != "12345678\n" {
		t.Fatalf("party add: %d %q %s", code, out, errs)
	}
	if code, out, _ := reg("party", "add", "--kind", "buyer", "--id", "5798000000001", "--name", "Aarhus Kommune"); code != 0 || out != "5798000000001\n" {
		t.Fatalf("party add buyer: %d %q", code, out)
	}
	if code, _, errs := reg("party", "add", "--kind", "buyer", "--id", "ABC", "--name", "x"); code != 2 || !strings.Contains(errs, "--scheme") {
		t.Errorf("an ID of no known form: %d %s", code, errs)
	}
	if code, _, errs := reg("party", "add", "--kind", "customer", "--id", "87654321", "--name", "x"); code != 2 || !strings.Contains(errs, "supplier or buyer") {
		t.Errorf("a wrong kind: %d %s", code, errs)
	}
	code, out, errs := reg("party", "list")
	if code != 0 || !strings.Contains(out, "12345678\tsupplier\t0184\tKontorgrossisten A/S") || !strings.Contains(out, "5798000000001\tbuyer\t0088") {
		t.Errorf("party list: %d %q %s", code, out, errs)
	}
	code, tok, errs := reg("token", "--party", "12345678")
	if code != 0 || !strings.HasPrefix(tok, "ekr_") || strings.Count(tok, "\n") != 1 || strings.Contains(tok, " ") || !strings.Contains(errs, "not shown again") {
		t.Errorf("token: %d %q %q", code, tok, errs)
	}
	if code, _, errs := reg("token", "--party", "99999999"); code != 2 || !strings.Contains(errs, "not found") {
		t.Errorf("token of nobody: %d %s", code, errs)
	}
	code, out, errs = reg("subscribe", "--buyer", "5798000000001", "--supplier", "12345678", "--target", "peppol-bis3",
		"--agreement", "../../testdata/diff/old.csv")
	if code != 0 || !strings.Contains(out, `"profile": "peppol-bis3"`) || !strings.Contains(out, `"agreement": "old.csv"`) {
		t.Errorf("subscribe: %d %s %s", code, out, errs)
	}
	if code, _, errs := reg("subscribe", "--buyer", "12345678", "--supplier", "5798000000001", "--target", "json"); code != 2 || !strings.Contains(errs, "not a buyer") {
		t.Errorf("subscribe the wrong way round: %d %s", code, errs)
	}
	if code, _, errs := reg("subscribe", "--buyer", "5798000000001", "--supplier", "12345678", "--target", "nonesuch"); code != 2 || !strings.Contains(errs, "unknown target") {
		t.Errorf("subscribe to an unknown target: %d %s", code, errs)
	}
	code, out, _ = reg("audit")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) < 7 || !strings.Contains(out, "\toperator\t0\tparty add\t12345678\t") || !strings.Contains(out, "\toperator\t1\tsubscribe\t") {
		t.Errorf("audit: %d\n%s", code, out)
	}
	if strings.Contains(out, strings.TrimSpace(tok)) {
		t.Error("the audit log holds the token")
	}
	code, out, _ = reg("audit", "--party", "12345678", "--since", "1h")
	if code != 0 || strings.Contains(out, "5798000000001\t") && !strings.Contains(out, "12345678") {
		t.Errorf("audit --party: %d\n%s", code, out)
	}
	if code, _, errs := reg("audit", "--since", "yesterday-ish"); code != 2 || !strings.Contains(errs, "--since") {
		t.Errorf("audit with a bad --since: %d %s", code, errs)
	}
	// EKATALOG_DB is used without --db.
	t.Setenv("EKATALOG_DB", db)
	if code, out, _ := cli(t, "", "register", "party", "list"); code != 0 || !strings.Contains(out, "12345678") {
		t.Errorf("EKATALOG_DB: %d %q", code, out)
	}
	if code, _, errs := cli(t, "", "register", "--db", "mysql://x", "migrate"); code != 2 || !strings.Contains(errs, "sqlite:PATH or postgres://") {
		t.Errorf("an unknown database: %d %s", code, errs)
	}
}
