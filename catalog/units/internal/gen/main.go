// Command gen writes table_gen.go of package units from shared/standards.
// Run it through "go generate ./catalog/units".
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/ekatalog/ekatalog/catalog/units/internal/tablegen"
)

func main() {
	shared := flag.String("shared", "../../../shared/standards", "directory of the shared reference data")
	out := flag.String("o", "table_gen.go", `output file ("-" for standard output)`)
	flag.Parse()

	src, err := tablegen.Generate(os.DirFS(*shared))
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
