// Package report prints compliance reports: one printer per format (text,
// json, and the people-facing html and xlsx), all over the same
// catalog.Report, in English or Danish.
package report
