// Package tabout writes a catalogue as the CSV or Excel import file of an
// e-procurement system, as a template (mappings.Template, described by
// schemas/target.schema.json) says: which columns in which order, the
// delimiter, decimal separator, encoding, unit spelling and date format.
//
// Lines stream: CSV through encoding/csv (quoting as RFC 4180), Excel
// through excelize's StreamWriter, where every text is an inline string
// cell, so a value such as =HYPERLINK("x") is text, never a formula.
package tabout
