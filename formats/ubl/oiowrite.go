package ubl

// What the OIOUBL writer does to a written header or line, whatever the
// source: identifier schemes in OIOUBL's names, an address format on every
// address. The data may come from a PEPPOL catalogue (ICD schemes such as
// 0088 or 0192, addresses without a format code), which the OIOUBL rules
// would reject (F-LIB179, F-LIB183, F-LIB189, F-LIB025).

// oioFix walks the tree of a written header or line.
func oioFix(n *wnode) {
	for _, c := range n.children {
		if c.raw != "" {
			continue
		}
		switch c.local {
		case "EndpointID":
			oioScheme(c, false)
		case "ID":
			if n.local == "PartyIdentification" {
				oioScheme(c, true)
			}
		case "CompanyID":
			if n.local == "PartyLegalEntity" {
				oioCompanyScheme(c)
			}
		case "PostalAddress", "Address", "ApplicableTerritoryAddress", "OriginAddress", "ApplicableAddress":
			oioAddress(c, "")
		case "JurisdictionRegionAddress":
			oioAddress(c, "StructuredRegion") // F-LIB233
		}
		oioFix(c)
	}
}

// oioScheme writes an ICD scheme (0088, 0184, …) and its value in OIOUBL's
// names (GLN, DK:CVR with its DK prefix, …). A party identifier of a scheme
// OIOUBL does not name is of scheme ZZZ (mutually defined), the only way
// F-LIB183 allows it.
func oioScheme(id *wnode, party bool) {
	scheme, ok := id.attr("schemeID")
	if !ok {
		return
	}
	s, v := schemeToOIOUBL(scheme, id.text)
	if s != scheme {
		id.setAttr("schemeID", s)
		id.text = v
		if s == "GLN" {
			id.fillAttr("schemeAgencyID", oioGTINAgency)
		}
		return
	}
	if party && isICD(scheme) {
		id.setAttr("schemeID", oioOtherScheme)
	}
}

// oioCompanyScheme gives a legal entity's CompanyID a scheme F-LIB189
// allows: DK:CVR for a CVR number, else ZZZ.
func oioCompanyScheme(id *wnode) {
	scheme, _ := id.attr("schemeID")
	switch scheme {
	case "DK:CVR", "DK:CPR", oioOtherScheme:
		return
	}
	if s, v := schemeToOIOUBL(scheme, id.text); s == "DK:CVR" {
		id.setAttr("schemeID", s)
		id.text = v
		return
	}
	id.setAttr("schemeID", oioOtherScheme)
}

// isICD says whether a scheme is an ISO 6523 ICD code (four digits).
func isICD(s string) bool { return len(s) == 4 && allDigits(s) }

// oioAddress gives an address without one an AddressFormatCode that fits
// what it holds (F-LIB025; F-LIB031 to F-LIB040): StructuredRegion for a
// country, region or district alone, StructuredLax for a street address,
// Unstructured for address lines alone.
func oioAddress(a *wnode, format string) {
	if a.find("AddressFormatCode", 1) != nil {
		return
	}
	if format == "" {
		var street, lines, region bool
		for _, c := range a.children {
			switch c.local {
			case "StreetName", "BuildingNumber", "CityName", "PostalZone":
				street = true
			case "AddressLine":
				lines = true
			case "Country", "Region", "District":
				region = true
			}
		}
		switch {
		case street || !lines && !region:
			format = "StructuredLax"
		case region:
			format = "StructuredRegion"
		default:
			format = "Unstructured"
		}
	}
	f := &wnode{local: "AddressFormatCode", ns: nsCbc, index: 1, text: format, hasText: true,
		attrs: []wattr{{"listAgencyID", oioAgency}, {"listID", oioAddressFormatURI}}}
	if info, seq, ok := childInfo(a.typ, staticNames[f.local]); ok {
		f.typ, f.seq = info.typ, seq
	}
	a.children = append(a.children, f)
}
