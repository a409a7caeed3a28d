package catalog

// peppolRules are the PEPPOL BIS Catalogue 3 (T19) and PEPPOL-COMMON rules
// with their official IDs and flags; formats/ubl/peppol implements them on
// the XML. Messages: the official English text and a Danish translation.
var peppolRules = []Rule{}
