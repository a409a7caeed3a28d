// Package catalog holds ekatalog's canonical catalogue model, the table of
// canonical fields, findings with their source positions, the validation rule
// engine and profiles. It is pure Go and does no I/O: readers in formats/
// fill a Line at a time, and everything here works on one line or on the
// stream of lines, so a catalogue is never held in memory as a whole.
package catalog
