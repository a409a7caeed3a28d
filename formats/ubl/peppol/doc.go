// Package peppol checks PEPPOL BIS Catalogue 3 (T19) documents against the
// official rules of the 2026.5 release, with their official IDs and flags:
// the T19 rules PEPPOL-T19-R001…R018, the PEPPOL-COMMON rules that apply to
// a catalogue (empty elements, schema location, date format, the national
// identifier formats of catalog/check) and the generated B-rules (mandatory
// elements and attributes, code lists, elements outside the data model).
//
// The official Schematron (PEPPOLBIS-T19.sch, phax/phive-rules) is the
// normative definition; this is a Go implementation of its semantics,
// quirks included, run on the element trees of formats/ubl as they stream:
// the header once, then one catalogue line at a time. A Checker does no
// allocation per line unless a rule fires.
//
// Quirks of the official rules that are reproduced on purpose:
//
//   - Within the B-rule pattern an element fires only the first rule whose
//     context it matches: its own path, or its parent's catch-all
//     ("/…/parent/*", not part of the data model), which only some parents
//     have (none for PartyIdentification or AddressLine, for example).
//   - R006 fails a RequiredItemLocationQuantity without a price
//     (number(()) is NaN); R008 and R009 accept 0 ("greater than zero"
//     says the message, >= 0 says the test).
//   - The validity rules compare number(translate(date, "-", "")): a
//     malformed date is NaN and fails every comparison it enters, while
//     "2018-9-1" is the number 201891 and passes them.
//   - The token list of PackagingMarkedLabelAccreditationCode holds an
//     empty token (a double space), so an empty CertificateTypeCode passes
//     B24301.
//   - R030 accepts year 0000 (Saxon's XML Schema 1.1 dates).
//   - The identifier rules match @schemeID exactly and test string() or
//     normalize-space() as each assert does (see catalog/check.SchemeIDIn).
//
// model_gen.go (the data model behind the B-rules) and
// rules_gen.go (IDs, flags, English and Danish messages) are
// generated from the reference data by internal/gen.
package peppol

//go:generate go run ./internal/gen -standards ../../../../shared/standards/peppol-poacc-bis3 -model model_gen.go -rules rules_gen.go
