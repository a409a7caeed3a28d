package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const headerPeppol = "../../testdata/ubl/header-peppol.json"

// canon reads a canonical JSON catalogue's lines: item number → the line
// without its line ID.
func canon(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Lines []map[string]any }
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, l := range doc.Lines {
		delete(l, "lineId")
		delete(l, "action")
		b, _ := json.Marshal(l)
		m[l["sellerItemId"].(string)] = string(b)
	}
	return m
}

// TestDiffToApply: for every target with an update document, diff OLD NEW
// --to TARGET writes it (exit 0), and apply OLD DELTA --to json gives NEW's
// lines as convert NEW --to TARGET → json gives them.
func TestDiffToApply(t *testing.T) {
	dir := t.TempDir()
	for _, tg := range []string{"json", "peppol-bis3", "oioubl", "bmecat", "bmecat-1.2", "cxml", "cif"} {
		t.Run(tg, func(t *testing.T) {
			delta := filepath.Join(dir, "delta-"+tg)
			code, _, stderr := cli(t, "", "diff", "--header", headerPeppol, diffData+"old.csv", diffData+"new.csv", "--to", tg, "-o", delta)
			if code != 0 || !strings.Contains(stderr, "2 added, 7 changed, 2 removed") && !strings.Contains(stderr, "3 added, 7 changed, 3 removed") &&
				!strings.Contains(stderr, "2 added, 8 changed, 2 removed") {
				t.Fatalf("diff: exit %d, %s", code, stderr)
			}
			// Both sides through the target: what it carries is compared.
			viaTarget := func(in, name string) string {
				x := filepath.Join(dir, name+"-"+tg)
				if code, _, stderr := cli(t, "", "convert", "--header", headerPeppol, in, "--to", tg, "-o", x); code > 1 {
					t.Fatalf("convert: %s", stderr)
				}
				j := filepath.Join(dir, name+"-"+tg+".json")
				if code, _, stderr := cli(t, "", "convert", "--header", headerPeppol, x, "--to", "json", "-o", j); code > 1 {
					t.Fatalf("convert: %s", stderr)
				}
				return j
			}
			applied := filepath.Join(dir, "applied-"+tg)
			code, _, stderr = cli(t, "", "apply", "--header", headerPeppol, viaTarget(diffData+"old.csv", "old"), delta, "--to", tg, "-o", applied)
			if code != 0 {
				t.Fatalf("apply: exit %d, %s", code, stderr)
			}
			aj := filepath.Join(dir, "applied-"+tg+".json")
			if code, _, stderr := cli(t, "", "convert", "--header", headerPeppol, applied, "--to", "json", "-o", aj); code > 1 {
				t.Fatalf("convert: %s", stderr)
			}
			got, want := canon(t, aj), canon(t, viaTarget(diffData+"new.csv", "new"))
			ids := slices.Sorted(func(yield func(string) bool) {
				for id := range want {
					if !yield(id) {
						return
					}
				}
			})
			if len(got) != len(want) {
				t.Errorf("%d lines applied, NEW has %d", len(got), len(want))
			}
			for _, id := range ids {
				if got[id] != want[id] {
					t.Errorf("%s:\n got %s\nwant %s", id, got[id], want[id])
				}
			}
		})
	}
}

// TestApplyNotFound: an update that deletes an item the base lacks is a
// finding naming the update file and line: exit 1, the rest applied.
func TestApplyNotFound(t *testing.T) {
	dir := t.TempDir()
	upd := filepath.Join(dir, "upd.json")
	os.WriteFile(upd, []byte(`{"catalogue":{"id":"U"},"lines":[
{"action":"delete","sellerItemId":"NOPE-1"},
{"action":"update","sellerItemId":"D-001","name":"Kuglepen rød","unit":"H87","price":9,"currency":"DKK"}]}`), 0o644)
	out := filepath.Join(dir, "out.json")
	code, _, stderr := cli(t, "", "apply", diffData+"old.csv", upd, "--to", "json", "-o", out)
	if code != 1 || !strings.Contains(stderr, "APPLY-NOT-FOUND") || !strings.Contains(stderr, "upd.json, line 1: delete of item NOPE-1") {
		t.Fatalf("exit %d, %s", code, stderr)
	}
	if m := canon(t, out); !strings.Contains(m["D-001"], "Kuglepen rød") || len(m) != 12 {
		t.Errorf("not applied: %d lines, %s", len(m), m["D-001"])
	}
}

// TestDeltaUsage: a target without an update document, a missing --to
// for apply, and unreadable inputs exit 2 and write nothing.
func TestDeltaUsage(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	for _, args := range [][]string{
		{"diff", diffData + "old.csv", diffData + "new.csv", "--to", "csv-da", "-o", out},
		{"diff", diffData + "old.csv", "nope.csv", "--to", "json", "-o", out},
		{"apply", diffData + "old.csv", diffData + "new.csv", "-o", out},
		{"apply", diffData + "old.csv", "nope.xml", "--to", "json", "-o", out},
		{"apply", diffData + "old.csv"},
	} {
		code, _, stderr := cli(t, "", args...)
		if code != 2 || stderr == "" {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: wrote %s", args, out)
		}
	}
	_, help, _ := cli(t, "", "apply", "--help")
	if !strings.Contains(help, "ekatalog apply katalog.xml opdatering.xml") || !strings.Contains(help, "APPLY-NOT-FOUND") {
		t.Errorf("apply --help: %s", help)
	}
	_, help, _ = cli(t, "", "diff", "--help")
	if !strings.Contains(help, "T_UPDATE_PRODUCTS") || !strings.Contains(help, "--to") {
		t.Errorf("diff --help: %s", help)
	}
}

// TestDiffToReportsLoss: what the target cannot carry is named, and a line
// it cannot take at all (a BMEcat product without a name) makes the exit
// code 1.
func TestDiffToReportsLoss(t *testing.T) {
	dir := t.TempDir()
	old, nw := filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
	os.WriteFile(old, []byte(`{"catalogue":{"id":"C","version":"1","currency":"DKK","seller":{"name":"S","id":"12345678"}},"lines":[
{"sellerItemId":"A","name":"Pen","unit":"H87","price":1,"currency":"DKK"}]}`), 0o644)
	os.WriteFile(nw, []byte(`{"catalogue":{"id":"C","version":"2","currency":"DKK","seller":{"name":"S","id":"12345678"}},"lines":[
{"sellerItemId":"A","name":"Pen","unit":"H87","price":2,"currency":"DKK","gtin":"5701234567892"},
{"sellerItemId":"B","unit":"H87","price":3,"currency":"DKK"}]}`), 0o644)
	code, _, stderr := cli(t, "", "diff", old, nw, "--to", "bmecat", "-o", filepath.Join(dir, "d.xml"))
	if code != 1 || !strings.Contains(stderr, "TARGET-LINE-DROPPED") {
		t.Errorf("bmecat: exit %d, %s", code, stderr)
	}
	code, _, stderr = cli(t, "", "diff", old, nw, "--to", "cif", "-o", filepath.Join(dir, "d.cif"))
	if code != 0 || !strings.Contains(stderr, "TARGET-DROPPED") || !strings.Contains(stderr, "gtin") {
		t.Errorf("cif: exit %d, %s", code, stderr)
	}
}

// TestDiffToNoChanges: versions with the same lines give no update document
// for a target whose document needs a line, exit 0 and say so; an
// unreadable version is still an error.
func TestDiffToNoChanges(t *testing.T) {
	out := filepath.Join(t.TempDir(), "delta.xml")
	code, _, stderr := cli(t, "", "diff", diffData+"old.csv", diffData+"old.csv", "--to", "peppol-bis3",
		"--header", "../../testdata/ubl/header-peppol.json", "-o", out)
	if code != 0 || !strings.Contains(stderr, "no update document written") {
		t.Errorf("the same lines: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("wrote %s", out)
	}
	bad := filepath.Join(t.TempDir(), "bad.xml")
	os.WriteFile(bad, []byte("<Catalogue"), 0o644)
	if code, _, stderr := cli(t, "", "diff", bad, bad, "--to", "peppol-bis3", "-o", out); code != 2 {
		t.Errorf("an unreadable version: exit %d, %q", code, stderr)
	}
}
