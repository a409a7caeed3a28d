package main

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/ekatalog/ekatalog/testkit/synth"
)

// ublInputs is the UBL row: a synthetic PEPPOL BIS Catalogue 3, the
// encoding/xml token loop as the floor, and xmllint's streaming XSD check
// (the peer the performance floors name) when xmllint and the schemas are
// there.
func ublInputs(n int) []input {
	xsd := filepath.Join("..", "shared", "standards", "ubl-2.1-xsd", "maindoc", "UBL-Catalogue-2.1.xsd")
	in := input{
		name: fmt.Sprintf("UBL %s lines", human(n)), lines: n,
		path: func() (string, error) { return synth.UBLFile(n) },
		kind: "xml",
	}
	if _, err := os.Stat(xsd); err == nil {
		in.peers = append(in.peers, peer{
			what: "xmllint --stream --schema (XSD only)", bin: "xmllint",
			args: func(path string) []string {
				return []string{"--stream", "--noout", "--nonet", "--schema", xsd, path}
			},
		})
	}
	return []input{in}
}

// bmecatInput is the BMEcat row: the synthetic catalogue of the UBL row
// (the same items, with as many lines by default) converted with the BMEcat
// writer, and the same encoding/xml floor, so that the two rows compare
// the readers per line and per MB.
func bmecatInput(n int) input {
	return input{
		name: fmt.Sprintf("BMEcat %s lines", human(n)), lines: n,
		path: func() (string, error) { return synth.BMEcatFile(n) },
		kind: "xml",
	}
}

// xmlFloor is encoding/xml's RawToken loop: tokenizing alone.
func xmlFloor(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	d := xml.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	for {
		if _, err := d.RawToken(); err == io.EOF {
			break
		} else if err != nil {
			return err
		}
	}
	return nil
}
