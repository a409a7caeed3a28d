// Command gen writes schema_gen.go of package ubl from the UBL 2.1 XSDs in
// shared/standards. Run it through "go generate ./formats/ubl".
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/ekatalog/ekatalog/formats/ubl/internal/schemagen"
)

func main() {
	shared := flag.String("shared", "../../../shared/standards", "directory of the shared reference data")
	out := flag.String("o", "schema_gen.go", `output file ("-" for standard output)`)
	flag.Parse()

	src, err := schemagen.Generate(os.DirFS(*shared))
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if *out == "-" {
		_, err = os.Stdout.Write(src)
	} else {
		err = os.WriteFile(*out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
