// Package csv reads supplier catalogues written as delimited text: the
// Danish Excel export (';', Windows-1252, decimal comma, CRLF) as well as
// ','-, TAB- or '|'-separated UTF-8 and UTF-16. Delimiter, encoding, header
// row and decimal convention are detected once per file from its first
// kilobytes; lines are then streamed one at a time with their positions.
package csv
