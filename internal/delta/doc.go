// Package delta computes the changes between two versions of a catalogue
// and writes them as a target's update document (a PEPPOL catalogue with
// line action codes, BMEcat T_UPDATE_PRODUCTS, cXML IndexItemAdd and
// IndexItemDelete, CIF LOADMODE I, canonical JSON lines with their action),
// and applies update documents to a catalogue. Lines are matched as
// internal/diff matches them (catalog.Line.MatchKeys). The old version, or
// the base, is held as compact records in one byte arena; the new version
// and the updates stream. ekatalog diff --to and ekatalog apply call it, and
// so does the register for its feeds' ?since=N.
package delta
