// Command ekatalog validates supplier e-catalogues against a profile and
// converts them into the import files of e-procurement systems.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Exit codes, as the published command-line contract defines them.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

// exitError carries an exit code to main; the library never exits.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError marks a usage problem or an unreadable input (exit 2).
func usageError(err error) error { return &exitError{code: exitUsage, err: err} }

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRoot(&env{stdin: stdin, stdout: stdout, stderr: stderr})
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(stderr, "ekatalog: %v\n", ee.err)
		}
		return ee.code
	}
	// cobra's own errors are flag and argument mistakes.
	fmt.Fprintf(stderr, "ekatalog: %v\n", err)
	return exitUsage
}
