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
// model_gen.go (the data model behind the B-rules) and
// catalog/rules_peppol.go (IDs, flags, English and Danish messages) are
// generated from the reference data by internal/gen.
package peppol

//go:generate go run ./internal/gen -standards ../../../../shared/standards/peppol-poacc-bis3 -model model_gen.go -rules ../../../catalog/rules_peppol.go
