package catalog

// Layout says how a reader read a source with rows and columns (a
// delimited file, a sheet of a workbook): what was detected or given once
// for the whole file. It is what a report needs to read the same rows
// again, cell for cell, without detecting anything (see the format
// table's Rows in package formats).
type Layout struct {
	// Encoding is the text encoding of a delimited file, by a stable
	// name: "utf-8", "utf-16" (byte order from its byte order mark,
	// little-endian without one) or "windows-1252"; "" for a workbook.
	Encoding string
	// BOM says the text starts with a byte order mark, which is not part
	// of the first cell.
	BOM bool
	// Delimiter separates the cells of a delimited file; 0 for a
	// workbook.
	Delimiter rune
	// Sheet is the name of the sheet read of a workbook; "" for a
	// delimited file.
	Sheet string
	// HeaderRow is the row of the column names: the sheet's row number,
	// or the line of a delimited file where the header record starts.
	HeaderRow int
}
