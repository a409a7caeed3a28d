// Package xlsx reads supplier catalogues written as Excel workbooks (.xlsx):
// the first visible sheet, or the one asked for, with its header found below
// title and blank rows as in the CSV reader. Lines stream one row at a time
// through excelize's row iterator; what that iterator leaves out, each
// cell's type and style, comes from a light scan of the same sheet, so that
// numbers, dates and GTINs stored as numbers are read as what they are.
// Positions are the sheet's own row numbers and column letters.
//
// A file that is not a readable workbook (damaged or truncated, password
// protected, an old .xls, a ZIP bomb, another kind of document) is refused
// with one line that says so; hostile input never panics the caller.
package xlsx
