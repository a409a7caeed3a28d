// Package units is ekatalog's shared vocabulary of units of measure: the
// UN/ECE Recommendation 20 codes and the Recommendation 21 package codes in
// their X-prefixed form, with what each of the two target formats accepts.
//
// Suppliers rarely write codes. Their spreadsheets say "stk", "ks" or
// "Æske", and the older OIOUBL 2.x catalogues carry codes such as PK or BX
// that Rec 20 has since deleted and Peppol BIS 3 rejects. Resolve turns such
// text into a code Peppol accepts, says when a word was ambiguous or a code
// retired, and ForTarget turns the result into the code the chosen output
// format accepts. Retired codes are only ever replaced by a code of the same
// meaning: PF (pallet) becomes XPX (Pallet), never XPF (Pen).
//
// The code table is generated from the reference data in shared/standards
// and compiled in, so nothing is read at run time. Regenerate it with
//
//	go generate ./catalog/units
//
// The free-text words are hand-written in aliases.go.
package units

//go:generate go run ./internal/gen -shared ../../../shared/standards -o table_gen.go
