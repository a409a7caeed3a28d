// Package check holds ekatalog's identifier and value checks: GS1 keys
// (GTIN, GLN), Danish CVR numbers, UNSPSC and CPV classification codes,
// ISO currency and country codes and the other Peppol BIS 3 code lists,
// calendar dates, http(s) URLs, control characters, and the national
// identifier rules PEPPOL-COMMON-R040 to R057.
//
// Every function takes a string and neither allocates nor does I/O, because
// the validator calls them for every field of every catalogue line and must
// get through a million lines in well under a second. Benchmarks in the
// tests hold each hot function to 0 allocs/op.
//
// Two kinds of check live here and are kept apart on purpose:
//
//   - The plain checks (GTIN, GLN, CVR, CPV, ...) state what a correct value
//     is. They do not trim: whether surrounding whitespace is an error or
//     something to clean up is the caller's decision.
//   - SchemeID and SchemeIDIn reproduce the Peppol BIS 2026.5 Schematron
//     asserts to the letter, quirks included, so that ekatalog says what the
//     official validator will say. They take the raw element text and apply
//     normalize-space() where, and only where, the Schematron does. Where the
//     two kinds disagree (for example R040 accepts a GS1 check-digit string of
//     any length, while GLN insists on 13 digits), that is the Schematron's
//     doing, documented at SchemeID.
//
// The code lists come from the Peppol 2026.5 release and are generated into
// codes_gen.go by internal/gen (run go generate with shared/standards beside
// the repository).
package check
