// Package cif reads SAP Ariba CIF 2.1 and 3.0 files and writes a catalogue
// as a CIF 3.0 file.
//
// The reader (reader.go) takes the header lines up to DATA (CHARSET,
// LOADMODE F or I, CODEFORMAT, CURRENCY, SUPPLIERID_DOMAIN, ITEMCOUNT,
// TIMESTAMP, FIELDNAMES; UNUOM, COMMENTS and others go to the header's
// extra), then streams the comma-separated items to ENDOFDATA with CIF's
// quoting. Without FIELDNAMES (CIF 2.1 always, CIF 3.0 optionally) the
// columns are the twelve fields in CIF's fixed order. An item of an
// incremental load has action update, or delete when its Delete field is
// true; an ITEMCOUNT that disagrees with the items, or a missing ENDOFDATA,
// is an error finding. Item Description is the item's description and, when
// the file has no Short Name, also its name.
//
// The writer writes (Catalog
// Interchange Format): the header lines (CIF_I_V3.0, CHARSET, LOADMODE,
// CODEFORMAT, CURRENCY, SUPPLIERID_DOMAIN, ITEMCOUNT, TIMESTAMP, UNUOM,
// COMMENTS), FIELDNAMES, DATA, one comma-separated row per item and
// ENDOFDATA.
//
// Rows are CSV as CIF 3.0 has them: comma-separated, a value quoted with
// double quotes when it holds a comma or a quote (doubled inside), one
// value per field name on every row. An item is one line: line breaks and
// tabs in a value become spaces. Values longer than CIF allows are cut
// (Item Description at 2000 characters, Short Name at 50) or, for
// manufacturer names and part IDs over 255 characters and SPSC codes over
// 40, left out; both are reported (TARGET-DROPPED).
//
// ITEMCOUNT comes before the rows but is known only after the last one, so
// the rows go to a spill buffer (memory up to a megabyte, then a temporary
// file) and the whole file is written at End: memory stays flat on any
// catalogue size. Units are UN/ECE Rec 20 codes (UNUOM: TRUE) in the classic
// form Ariba's unit list knows (EA, BX, PK rather than H87, XBX, XPK),
// classification is UNSPSC (SPSC Code): a line without an UNSPSC code is
// reported (TARGET-REQUIRED), and a line with codes of other schemes has its
// classification reported as dropped. CIF has no place for GTINs, images, keywords,
// pack contents, order quantities, VAT or line actions; the pipeline reports
// each of them (TARGET-DROPPED).
//
// TIMESTAMP is the header's issue date at midnight, so the same input gives
// the same bytes; without an issue date it is the time of writing
// (formats.WriteOptions.Time).
package cif
