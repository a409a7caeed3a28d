package synth

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
)

// ublUnits are the Rec 20/21 codes of the synthetic items' unit words.
var ublUnits = map[string]string{
	"stk": "H87", "pk": "XPK", "æske": "XBX", "pose": "XBG", "rulle": "XRO",
	"ltr": "LTR", "kg": "KGM", "H87": "H87", "XBX": "XBX",
}

// UBLUnit returns the UN/ECE Rec 20/21 code of an item's unit.
func UBLUnit(u string) string {
	if c, ok := ublUnits[u]; ok {
		return c
	}
	return u
}

const ublHead = `<?xml version="1.0" encoding="UTF-8"?>
<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2"
	xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
	xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
	<cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:catalogue:3</cbc:CustomizationID>
	<cbc:ProfileID>urn:fdc:peppol.eu:poacc:bis:catalogue_only:3</cbc:ProfileID>
	<cbc:ID>SYNTH-%d-%d</cbc:ID>
	<cbc:ActionCode>Replace</cbc:ActionCode>
	<cbc:Name>Syntetisk katalog</cbc:Name>
	<cbc:IssueDate>2026-01-01</cbc:IssueDate>
	<cbc:VersionID>1</cbc:VersionID>
	<cac:ValidityPeriod>
		<cbc:StartDate>2026-01-01</cbc:StartDate>
		<cbc:EndDate>2026-12-31</cbc:EndDate>
	</cac:ValidityPeriod>
	<cac:ReferencedContract>
		<cbc:ID>SKI-50.10</cbc:ID>
	</cac:ReferencedContract>
	<cac:ProviderParty>
		<cbc:EndpointID schemeID="0184">12345678</cbc:EndpointID>
		<cac:PartyIdentification>
			<cbc:ID schemeID="0184">12345678</cbc:ID>
		</cac:PartyIdentification>
		<cac:PostalAddress>
			<cbc:StreetName>Leverandørvej 1</cbc:StreetName>
			<cbc:CityName>Ølstykke</cbc:CityName>
			<cbc:PostalZone>3650</cbc:PostalZone>
			<cac:Country>
				<cbc:IdentificationCode>DK</cbc:IdentificationCode>
			</cac:Country>
		</cac:PostalAddress>
		<cac:PartyLegalEntity>
			<cbc:RegistrationName>Kontorleverandøren A/S</cbc:RegistrationName>
			<cbc:CompanyID schemeID="0184">DK12345678</cbc:CompanyID>
		</cac:PartyLegalEntity>
	</cac:ProviderParty>
	<cac:ReceiverParty>
		<cbc:EndpointID schemeID="0088">5790000435951</cbc:EndpointID>
		<cac:PartyLegalEntity>
			<cbc:RegistrationName>Eksempel Kommune</cbc:RegistrationName>
		</cac:PartyLegalEntity>
	</cac:ReceiverParty>
`

// WriteUBL writes a PEPPOL BIS Catalogue 3 document of n lines, items first
// to first+n-1, of about 1.5 KB per line: valid against the UBL 2.1
// Catalogue schema and free of failures of the official T19 rules, the UBL
// benchmark input the performance floors use.
func WriteUBL(out io.Writer, first, n int) error {
	w := bufio.NewWriterSize(out, 1<<16)
	fmt.Fprintf(w, ublHead, first, n)
	var b []byte
	for i := first; i < first+n; i++ {
		b = appendUBLLine(b[:0], i)
		w.Write(b)
	}
	w.WriteString("</Catalogue>\n")
	return w.Flush()
}

func appendUBLLine(b []byte, i int) []byte {
	it := At(i)
	unit := UBLUnit(it.Unit)
	tax, vat := "S", strconv.Itoa(it.VAT)
	if it.VAT == 0 {
		tax = "Z"
	}
	b = append(b, "<cac:CatalogueLine>\n<cbc:ID>"...)
	b = strconv.AppendInt(b, int64(i+1), 10)
	b = append(b, "</cbc:ID>\n<cbc:OrderableUnit>"...)
	b = append(b, unit...)
	b = append(b, "</cbc:OrderableUnit>\n<cbc:ContentUnitQuantity unitCode=\"H87\">"...)
	b = strconv.AppendInt(b, int64(it.Pack), 10)
	b = append(b, "</cbc:ContentUnitQuantity>\n"...)
	b = append(b, "<cac:RequiredItemLocationQuantity>\n<cac:Price>\n<cbc:PriceAmount currencyID=\""...)
	b = append(b, it.Currency...)
	b = append(b, "\">"...)
	b = strconv.AppendFloat(b, it.Price, 'f', 2, 64)
	b = append(b, "</cbc:PriceAmount>\n<cbc:BaseQuantity unitCode=\""...)
	b = append(b, unit...)
	b = append(b, "\">1</cbc:BaseQuantity>\n</cac:Price>\n</cac:RequiredItemLocationQuantity>\n<cac:Item>\n<cbc:Description>"...)
	b = appendEscaped(b, it.Description)
	b = append(b, "</cbc:Description>\n<cbc:Name>"...)
	b = appendEscaped(b, it.Name)
	b = append(b, "</cbc:Name>\n<cac:SellersItemIdentification>\n<cbc:ID>"...)
	b = appendEscaped(b, it.ID)
	b = append(b, "</cbc:ID>\n</cac:SellersItemIdentification>\n<cac:ManufacturersItemIdentification>\n<cbc:ID>"...)
	b = appendEscaped(b, it.MPN)
	b = append(b, "</cbc:ID>\n</cac:ManufacturersItemIdentification>\n<cac:StandardItemIdentification>\n<cbc:ID schemeID=\"0160\">"...)
	b = append(b, it.GTIN...)
	b = append(b, "</cbc:ID>\n</cac:StandardItemIdentification>\n<cac:ItemSpecificationDocumentReference>\n<cbc:ID>IMG-"...)
	b = strconv.AppendInt(b, int64(i+1), 10)
	b = append(b, "</cbc:ID>\n<cac:Attachment>\n<cac:ExternalReference>\n<cbc:URI>"...)
	b = appendEscaped(b, it.Image)
	b = append(b, "</cbc:URI>\n</cac:ExternalReference>\n</cac:Attachment>\n</cac:ItemSpecificationDocumentReference>\n<cac:CommodityClassification>\n<cbc:ItemClassificationCode listID=\"TST\" listVersionID=\"26.0801\">"...)
	b = append(b, it.UNSPSC...)
	b = append(b, "</cbc:ItemClassificationCode>\n</cac:CommodityClassification>\n<cac:ClassifiedTaxCategory>\n<cbc:ID>"...)
	b = append(b, tax...)
	b = append(b, "</cbc:ID>\n<cbc:Percent>"...)
	b = append(b, vat...)
	b = append(b, "</cbc:Percent>\n<cac:TaxScheme>\n<cbc:ID>VAT</cbc:ID>\n</cac:TaxScheme>\n</cac:ClassifiedTaxCategory>\n<cac:ManufacturerParty>\n<cac:PartyName>\n<cbc:Name>"...)
	b = appendEscaped(b, it.Manufacturer)
	b = append(b, "</cbc:Name>\n</cac:PartyName>\n</cac:ManufacturerParty>\n</cac:Item>\n</cac:CatalogueLine>\n"...)
	return b
}

// appendEscaped appends s with XML's special characters escaped.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '"':
			b = append(b, "&quot;"...)
		default:
			b = append(b, c)
		}
	}
	return b
}

// UBLFile returns a cached PEPPOL BIS Catalogue 3 document of n lines.
func UBLFile(n int) (string, error) {
	return CachedFile(fmt.Sprintf("katalog-peppol-%d.xml", n), func(f *os.File) error {
		return WriteUBL(f, 0, n)
	})
}
