// Package diff says what changed between two versions of a catalogue:
// lines added, removed and changed, field by field, and how the prices
// moved. Both versions go through the canonical model, so an Excel
// workbook compares with the UBL document that replaced it. The old
// version is held in memory, one compact record per line; the new one is
// streamed past it. Lines are matched by item number, else GTIN, by the keys
// compare and delta match them by (catalog.Line.MatchKeys: a GTIN-13 and
// the same number as a GTIN-14 are one item). The printers of package report
// write the result as text, JSON (schemas/diff.schema.json) and HTML.
package diff
