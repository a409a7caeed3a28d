package main

import (
	"bufio"
	stdcsv "encoding/csv"
	"fmt"
	"os"
	"strings"

	"github.com/ekatalog/ekatalog/testkit/synth"
)

// cifInputs is the CIF row: a synthetic CIF 3.0 file, and as the floor the
// encoding/csv loop over its items after skipping the header lines.
func cifInputs(n int) []input {
	return []input{{
		name: fmt.Sprintf("CIF %s lines", human(n)), lines: n,
		path: func() (string, error) { return synth.CIFFile(n) },
		kind: "cif",
	}}
}

func cifFloor(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return fmt.Errorf("no DATA line")
		}
		if strings.TrimSpace(line) == "DATA" {
			break
		}
	}
	r := stdcsv.NewReader(br)
	r.ReuseRecord, r.FieldsPerRecord, r.LazyQuotes = true, -1, true
	for {
		if _, err := r.Read(); err != nil {
			return nil
		}
	}
}
