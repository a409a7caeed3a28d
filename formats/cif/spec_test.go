package cif_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/internal/writertest"
)

// headerKeys are the CIF 3.0 header attributes.
var headerKeys = map[string]bool{"CHARSET": true, "LOADMODE": true, "CODEFORMAT": true, "CURRENCY": true,
	"SUPPLIERID_DOMAIN": true, "ITEMCOUNT": true, "TIMESTAMP": true, "UNUOM": true, "COMMENTS": true, "FIELDNAMES": true}

// conforms checks b line by line as a CIF 3.0 importer reads it: the
// signature, one "KEY: value" header line per attribute, FIELDNAMES, DATA,
// one item per line with exactly one value per field name, ITEMCOUNT equal
// to the data lines, ENDOFDATA last.
func conforms(t *testing.T, b []byte) {
	t.Helper()
	text, ok := bytes.CutSuffix(b, []byte("\r\nENDOFDATA\r\n"))
	if !ok {
		t.Fatalf("the file does not end with ENDOFDATA: %q", b[max(0, len(b)-40):])
	}
	lines := strings.Split(string(text), "\r\n")
	if lines[0] != "CIF_I_V3.0" {
		t.Fatalf("signature %q", lines[0])
	}
	header := map[string]string{}
	i := 1
	for ; i < len(lines) && lines[i] != "DATA"; i++ {
		k, v, ok := strings.Cut(lines[i], ": ")
		if !ok || !headerKeys[k] || strings.ContainsAny(lines[i], "\r\n") {
			t.Fatalf("header line %d %q is not a CIF attribute", i+1, lines[i])
		}
		if _, dup := header[k]; dup {
			t.Errorf("%s given twice", k)
		}
		header[k] = v
	}
	if i == len(lines) {
		t.Fatal("no DATA line")
	}
	fr := csv.NewReader(strings.NewReader(header["FIELDNAMES"]))
	fields, err := fr.Read()
	if err != nil || len(fields) == 0 {
		t.Fatalf("FIELDNAMES %q: %v", header["FIELDNAMES"], err)
	}
	data := lines[i+1:]
	if len(data) == 1 && data[0] == "" {
		data = nil
	}
	for n, l := range data {
		r := csv.NewReader(strings.NewReader(l))
		rec, err := r.Read()
		if err != nil {
			t.Fatalf("data line %d %q: %v", n+1, l, err)
		}
		if _, err := r.Read(); err == nil {
			t.Fatalf("data line %d holds more than one record", n+1)
		}
		if len(rec) != len(fields) {
			t.Fatalf("data line %d has %d values for %d field names", n+1, len(rec), len(fields))
		}
	}
	if header["ITEMCOUNT"] != strconv.Itoa(len(data)) {
		t.Errorf("ITEMCOUNT %s, %d data lines", header["ITEMCOUNT"], len(data))
	}
}

// TestSpec: every output follows the CIF 3.0 rules: the examples, a
// generated catalogue, values with line breaks, and every real UBL
// catalogue.
func TestSpec(t *testing.T) {
	tg := target(t)
	multi := filepath.Join(t.TempDir(), "multi.csv")
	os.WriteFile(multi, []byte("Varenummer;Varenavn;Beskrivelse;Enhed;Pris;Valuta;UNSPSC\n"+
		"A1;\"Pen\nblå\";\"Linje 1\r\nLinje 2\";stk;1,00;DKK;44121704\n"+
		"A2;Papir;"+strings.Repeat("d", 2100)+";stk;2,00;DKK;14111507\n"), 0o644)
	for _, in := range append(writertest.Fixtures(t), writertest.Synth(t, 500), multi) {
		out, rep := writertest.Convert(t, in, tg, writertest.Header(t), formats.WriteOptions{})
		t.Run(filepath.Base(in), func(t *testing.T) { conforms(t, out) })
		if in == multi {
			if got := writertest.Rules(rep); got["TARGET-DROPPED description"] != 1 {
				t.Errorf("a description CIF cuts is not reported: %v", got)
			}
			if !strings.Contains(string(out), "Linje 1 Linje 2") {
				t.Errorf("line breaks in a value:\n%s", out)
			}
		}
	}
	for _, f := range writertest.RealUBL(t) {
		out, rep, err := writertest.TryConvert(t, f, tg, nil, formats.WriteOptions{})
		if err != nil || rep.Error != "" {
			continue // no seller ID, or a broken file
		}
		t.Run(filepath.Base(f), func(t *testing.T) { conforms(t, out) })
	}
}
