// Package tabular is what the CSV and Excel readers share: finding the header
// row below title rows, planning which column feeds which canonical field
// (built-in synonyms or a user mapping), and reading cells as the canonical
// types (numbers with a per-file decimal convention, dates, GTINs as digit
// strings), with a finding at the cell's position for every value that does
// not read. It keeps the per-row path free of allocations.
package tabular
