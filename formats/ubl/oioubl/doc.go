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
// rule says how it was read. In short:
//
//   - F-CAT107 (context OrderableUnit, "The value of unitCode attribute should
//     be a valid UOM measure"): the code in OrderableUnit must be in the
//     UN/CEFACT 66411:2001 list, as F-LIB318 holds unitCode attributes to it.
//   - F-CAT062 and F-CAT132: the spreadsheet's test "count = 1" contradicts
//     the message ("No more than one") and would reject the official example;
//     the message is followed.
//   - F-CAT231: the spreadsheet's test is garbled; the message is followed
//     (the code must have a value).
//   - F-CAT248 fires on the later of two lines with the same ID (a stream
//     cannot go back); the number of findings is the official one.
//   - F-LIB197: the message is followed (a tax other than VAT needs a code of
//     the taxtypecode-1.2 list); the spreadsheet's test reads the other way.
//   - F-LIB028 follows the 1.17.2 Schematron (an address ID whose schemeID
//     is absent or empty), not the spreadsheet, whose test is F-LIB208's.
//   - F-CAT107 follows the 1.17.2 Schematron: OrderableUnit must be longer
//     than one character; it is not held to a code list.
//   - Code-list tests are exact membership: the schematron's
//     contains(',list,', ',code,') would also accept "EA,PK".
//   - F-CAT001 and F-CAT249 are kept for completeness; the UBL reader refuses
//     any other root before a checker runs.
package oioubl

//go:generate go run ./internal/gen
