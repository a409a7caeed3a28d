// Package catresponse writes and checks PEPPOL BIS Catalogue 3 Catalogue
// Responses (transaction T58): a UBL 2.1 ApplicationResponse whose
// document-level response code says whether the buyer accepted the
// catalogue (AP, also when only part of it was accepted) or rejected it as
// a whole (RE). T58 has no line responses, so each rejected line and its
// reason is one cbc:Note ("SUP-0000123: price rise above the agreement"),
// after the overall reason.
//
// Check implements the rules of PEPPOLBIS-T58-2026.5 (the published rule
// catalogue of PEPPOL BIS Catalogue 3) with their official IDs:
// the T58 structure rules (PEPPOL-T58-B…), R001, and the common rules that
// apply to a response (empty elements, schema location, dates, identifier
// formats per scheme).
//
// The document is small and whole, so it is built and read with
// beevik/etree.
package catresponse
