package cif

import (
	"encoding/csv"
	"io"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
)

// NewDeltaWriter returns a writer of a CIF 3.0 incremental load
// (LOADMODE: I): each line a row, with the Delete field TRUE on a line whose
// action is delete. A buyer's catalogue system takes every other row as an
// item to add or replace.
func NewDeltaWriter(w io.Writer, now time.Time) *Writer {
	wr := &Writer{out: w, when: now, rec: make([]string, len(fieldNames)+1), incremental: true}
	wr.cw = csv.NewWriter(&wr.rows)
	wr.cw.UseCRLF = true
	return wr
}

func (w *Writer) loadMode() string {
	if w.incremental {
		return "I"
	}
	return "F"
}

func (w *Writer) fieldNames() []string {
	if w.incremental {
		return append(fieldNames[:len(fieldNames):len(fieldNames)], "Delete")
	}
	return fieldNames
}

func deleteField(l *catalog.Line) string {
	if l.Action == "delete" {
		return "TRUE"
	}
	return ""
}
