package delta

import (
	"math/bits"
	"strconv"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
)

// lossWriter counts what the target cannot carry of the lines it writes,
// as convert does (TARGET-DROPPED), and keeps the writer's own notes (a
// BMEcat line left out for want of a name is TARGET-LINE-DROPPED): an
// update document or a catalogue that lost something says so.
type lossWriter struct {
	formats.Writer
	target  string
	carries catalog.FieldSet
	dropper formats.Dropper
	n, line [len(catalog.Fields)]int
}

func newLossWriter(w formats.Writer, t *formats.Target) *lossWriter {
	lw := &lossWriter{Writer: w, target: t.Name, carries: t.Carries}
	if lw.carries == 0 {
		lw.carries = formats.AllFields
	}
	// The action is what an update document is made of; line IDs are
	// made up where a source has none (CSV), and are not compared.
	lw.carries.Add(catalog.FieldAction)
	lw.carries.Add(catalog.FieldLineID)
	lw.dropper, _ = w.(formats.Dropper)
	return lw
}

func (w *lossWriter) Line(l *catalog.Line) error {
	lost := l.Present() &^ w.carries
	if w.dropper != nil {
		lost |= w.dropper.Dropped(l)
	}
	for s := lost; s != 0; s &= s - 1 {
		f := bits.TrailingZeros64(uint64(s))
		if w.n[f]++; w.line[f] == 0 {
			w.line[f] = l.Src.Line
		}
	}
	return w.Writer.Line(l)
}

// findings are what was lost, once the document is written.
func (w *lossWriter) findings() []catalog.Finding {
	var fs []catalog.Finding
	for f, n := range w.n {
		if n > 0 {
			fs = append(fs, catalog.Finding{Rule: catalog.RuleTargetDropped, Severity: catalog.Warning, Field: catalog.Field(f).String(),
				Args: []string{w.target, strconv.Itoa(n), strconv.Itoa(w.line[f])}})
		}
	}
	if nt, ok := w.Writer.(formats.Noter); ok {
		fs = append(fs, nt.Findings()...)
	}
	return fs
}
