package catalog

import (
	"fmt"
	"strconv"
	"strings"
)

// ReadError is an input that could not be read at all, or not to the end.
// It names the file and, where known, the line, column or XPath, so the
// message alone tells a supplier where to look.
type ReadError struct {
	File  string
	Line  int // file line or sheet row; 0 when unknown
	Col   int // 1-based column; 0 when unknown
	XPath string
	Err   error
}

func (e *ReadError) Error() string {
	where := e.File
	if where == "" {
		where = "-"
	}
	if e.Line > 0 {
		where += ":" + strconv.Itoa(e.Line)
		if e.Col > 0 {
			where += ":" + strconv.Itoa(e.Col)
		}
	}
	if e.XPath != "" {
		where += " " + shortXPath(e.XPath)
	}
	return fmt.Sprintf("%s: %v", where, e.Err)
}

// shortXPath keeps a path readable in a one-line message: a path of more
// than eight steps (deep nesting, often hostile) keeps its first three and
// last three steps and says how many it left out.
func shortXPath(p string) string {
	steps := strings.Split(p, "/")
	if len(steps) <= 9 { // the leading "" and eight steps
		return p
	}
	head, tail := steps[:4], steps[len(steps)-3:]
	return strings.Join(head, "/") + "/…" + strconv.Itoa(len(steps)-7) + " steps…/" + strings.Join(tail, "/")
}

func (e *ReadError) Unwrap() error { return e.Err }

// Errorf returns a ReadError for file.
func Errorf(file string, line, col int, format string, args ...any) *ReadError {
	return &ReadError{File: file, Line: line, Col: col, Err: fmt.Errorf(format, args...)}
}
