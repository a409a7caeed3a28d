package catalog

// oioublRules are the OIOUBL 2.1 Catalogue rules (F-CAT…, F-LIB…) with
// their official IDs; formats/ubl/oioubl implements them on the XML.
var oioublRules = []Rule{}
