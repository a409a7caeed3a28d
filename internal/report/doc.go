// Package report prints what the commands find, in English or Danish,
// through one printer table (Printers): one Printer per format (text, json,
// and the people-facing html and xlsx), each with a print function per kind
// of result it serves: validation reports (catalog.Report: validate,
// convert, batch, the server), comparisons (compare.Result) and diffs
// (diff.Result; no xlsx). Every finding printed is a catalog.Finding.
package report
