// Package oioubl checks OIOUBL 2.1 Catalogue documents against the
// official OIOUBL rules (schematron release 1.17.2 of NemHandel /
// Erhvervsstyrelsen) on the XML itself, as the UBL reader streams it: the
// Catalogue's F-CAT and W-CAT rules and the F-LIB and W-LIB rules of the
// common patterns they use (parties and their identifier schemes, addresses,
// periods, units of the UN/CEFACT 66411:2001 list, quantities, prices, tax
// categories, document references, multi-language texts). Findings carry the
// official rule ID and severity, the element's XPath, the canonical field
// where one applies, and the value.
//
// The official schematron is the definition of each rule; its tests are
// not public in readable form, so the rules here follow the contexts and
// messages of the release's rule catalogue and the test expressions of its
// rule spreadsheets. Where those disagree or are unclear, the comment at the
// rule says how it was read.
package oioubl

//go:generate go run ./internal/gen
