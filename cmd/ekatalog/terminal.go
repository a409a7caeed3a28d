package main

import (
	"fmt"
	"io"
	"os"

	"github.com/ekatalog/ekatalog/internal/report"
)

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	return fileIsTerminal(f)
}

// refuseBinaryOnTerminal is the usage error for a binary report (xlsx)
// bound for a terminal's standard output.
func refuseBinaryOnTerminal(e *env, path, format string) error {
	p, err := report.ByName(format)
	if err != nil || !p.Binary || (path != "-" && path != "") || !isTerminal(e.stdout) {
		return nil
	}
	return usageError(fmt.Errorf("--format %s writes a binary workbook; give a file with -o (or --report), e.g. -o report.xlsx, or redirect standard output", format))
}
