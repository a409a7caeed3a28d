package template

import "github.com/ekatalog/ekatalog/catalog"

// meanings say what each field is, in Danish and English, for the
// instructions sheet.
var meanings = [len(catalog.Fields)][2]string{
	catalog.FieldLineID:                 {"Linjens eget ID i kilden.", "The line's own ID in the source."},
	catalog.FieldAction:                 {"Hvad linjen gør ved varen i modtagerens katalog: tilføj, opdatér eller slet.", "What the line does to the item in the receiver's catalogue: add, update or delete."},
	catalog.FieldSellerItemID:           {"Leverandørens eget varenummer; det, indkøberen bestiller efter.", "The supplier's own item number; what buyers order by."},
	catalog.FieldGTIN:                   {"Varens EAN/GTIN-stregkode.", "The item's GTIN (EAN) barcode number."},
	catalog.FieldManufacturerItemID:     {"Producentens varenummer for varen.", "The manufacturer's part number for the item."},
	catalog.FieldManufacturerName:       {"Navnet på den, der har fremstillet varen.", "The name of the item's maker."},
	catalog.FieldBrand:                  {"Varemærket, varen sælges under.", "The brand the item is sold under."},
	catalog.FieldName:                   {"Varens korte navn, som indkøberen ser i søgeresultater.", "The item's short name, as buyers see it in search results."},
	catalog.FieldDescription:            {"En længere beskrivelse af varen.", "A longer description of the item."},
	catalog.FieldKeywords:               {"Søgeord, som indkøberne kan finde varen med.", "Words buyers can find the item by."},
	catalog.FieldClassification:         {"Varens klassifikationskode (varegruppe).", "The item's classification code (commodity group)."},
	catalog.FieldUnit:                   {"Enheden, varen bestilles og prissættes i (stk, pakke, æske …).", "The unit the item is ordered and priced in (piece, pack, box …)."},
	catalog.FieldUnitText:               {"Enheden, som kilden skrev den.", "The unit as the source wrote it."},
	catalog.FieldPackQuantity:           {"Hvor mange indholdsenheder én bestillingsenhed rummer (fx 10 stk. i en pakke).", "How many content units one order unit holds (such as 10 pieces in a pack)."},
	catalog.FieldContentUnit:            {"Enheden for indholdet af én bestillingsenhed.", "The unit of the content of one order unit."},
	catalog.FieldMinOrderQuantity:       {"Det mindste antal, der kan bestilles.", "The least quantity that can be ordered."},
	catalog.FieldOrderQuantityIncrement: {"Antallet skal være et multiplum af dette tal.", "The quantity ordered must be a multiple of this number."},
	catalog.FieldMaxOrderQuantity:       {"Det største antal, der kan bestilles på én gang.", "The largest quantity that can be ordered at once."},
	catalog.FieldPrice:                  {"Nettoprisen for prisenheden, ekskl. moms.", "The net price of the price base quantity, excluding VAT."},
	catalog.FieldCurrency:               {"Prisens valuta.", "The price's currency."},
	catalog.FieldPriceBaseQuantity:      {"Hvor mange bestillingsenheder prisen gælder for (normalt 1).", "How many order units the price is for (usually 1)."},
	catalog.FieldVATCategory:            {"Momskategori (S = standard, Z = nulsats, E = fritaget …).", "VAT category (S standard, Z zero rated, E exempt …)."},
	catalog.FieldVATPercent:             {"Momssatsen i procent.", "The VAT rate in per cent."},
	catalog.FieldLeadTimeDays:           {"Leveringstid i dage fra bestilling.", "Delivery time in days from ordering."},
	catalog.FieldOriginCountry:          {"Landet, varen er fremstillet i.", "The country the item was made in."},
	catalog.FieldValidFrom:              {"Første dag, linjen gælder.", "The first day the line is valid."},
	catalog.FieldValidTo:                {"Sidste dag, linjen gælder.", "The last day the line is valid."},
	catalog.FieldOrderable:              {"Om varen kan bestilles nu.", "Whether the item can be ordered now."},
	catalog.FieldImages:                 {"Adresser på billeder af varen.", "Addresses of pictures of the item."},
	catalog.FieldExtra:                  {"Kolonner, der ikke svarer til et felt; de gemmes under extra.", "Columns that map to no field; they are kept under extra."},
}

// meaning returns a field's meaning in Danish and English.
func meaning(f catalog.Field) (da, en string) {
	if int(f) < len(meanings) {
		return meanings[f][0], meanings[f][1]
	}
	return "", ""
}

// examples are a valid value of each field under every built-in profile,
// as a supplier would type it.
var examples = [len(catalog.Fields)]string{
	catalog.FieldAction:                 "add",
	catalog.FieldSellerItemID:           "KL-1001",
	catalog.FieldGTIN:                   "5790000000012",
	catalog.FieldManufacturerItemID:     "PF-2231",
	catalog.FieldManufacturerName:       "Pennefabrikken A/S",
	catalog.FieldBrand:                  "Skriv",
	catalog.FieldName:                   "Kuglepen blå",
	catalog.FieldDescription:            "Kuglepen med klik, blåt blæk",
	catalog.FieldKeywords:               "kuglepen, pen, kontor",
	catalog.FieldClassification:         "44121704",
	catalog.FieldUnit:                   "æske",
	catalog.FieldPackQuantity:           "10",
	catalog.FieldContentUnit:            "stk",
	catalog.FieldMinOrderQuantity:       "1",
	catalog.FieldOrderQuantityIncrement: "1",
	catalog.FieldMaxOrderQuantity:       "100",
	catalog.FieldPrice:                  "24,95",
	catalog.FieldCurrency:               "DKK",
	catalog.FieldPriceBaseQuantity:      "1",
	catalog.FieldVATCategory:            "S",
	catalog.FieldVATPercent:             "25",
	catalog.FieldLeadTimeDays:           "2",
	catalog.FieldOriginCountry:          "DK",
	catalog.FieldValidFrom:              "2026-01-01",
	catalog.FieldValidTo:                "2026-12-31",
	catalog.FieldOrderable:              "ja",
	catalog.FieldImages:                 "https://billeder.example.dk/kl-1001.jpg",
}

// Example is a valid value for a column, as the instructions show it.
func Example(c Column) string { return examples[c.Target.Field] }
