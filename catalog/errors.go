package catalog

import (
	"fmt"
	"strconv"
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
		where += " " + e.XPath
	}
	return fmt.Sprintf("%s: %v", where, e.Err)
}

func (e *ReadError) Unwrap() error { return e.Err }

// Errorf returns a ReadError for file.
func Errorf(file string, line, col int, format string, args ...any) *ReadError {
	return &ReadError{File: file, Line: line, Col: col, Err: fmt.Errorf(format, args...)}
}
