package catalog

// Field identifies a canonical line field. The names are the published
// contract's (the canonical JSON, schemas/catalogue.schema.json); they are
// what findings, mappings and profiles use.
type Field uint8

// The canonical line fields, in the order of the published contract.
const (
	FieldNone Field = iota
	FieldLineID
	FieldAction
	FieldSellerItemID
	FieldGTIN
	FieldManufacturerItemID
	FieldManufacturerName
	FieldBrand
	FieldName
	FieldDescription
	FieldKeywords
	FieldClassification
	FieldUnit
	FieldUnitText
	FieldPackQuantity
	FieldContentUnit
	FieldMinOrderQuantity
	FieldOrderQuantityIncrement
	FieldMaxOrderQuantity
	FieldPrice
	FieldCurrency
	FieldPriceBaseQuantity
	FieldVATCategory
	FieldVATPercent
	FieldLeadTimeDays
	FieldOriginCountry
	FieldValidFrom
	FieldValidTo
	FieldOrderable
	FieldImages
	FieldExtra
	numFields
)

// Kind is the value type of a field.
type Kind uint8

// Field kinds.
const (
	KindString Kind = iota
	KindStrings
	KindNumber
	KindInteger
	KindDate
	KindBool
	KindClassification
	KindExtra
)

// FieldInfo describes one canonical field.
type FieldInfo struct {
	Field Field
	Name  string
	Kind  Kind
	// Da and En are short human names, used in templates and reports.
	Da, En string
}

// Fields lists every canonical line field, indexed by Field.
var Fields = [numFields]FieldInfo{
	FieldNone:                   {FieldNone, "", KindString, "", ""},
	FieldLineID:                 {FieldLineID, "lineId", KindString, "Linje-ID", "Line ID"},
	FieldAction:                 {FieldAction, "action", KindString, "Handling", "Action"},
	FieldSellerItemID:           {FieldSellerItemID, "sellerItemId", KindString, "Varenummer", "Item number"},
	FieldGTIN:                   {FieldGTIN, "gtin", KindString, "EAN/GTIN", "GTIN"},
	FieldManufacturerItemID:     {FieldManufacturerItemID, "manufacturerItemId", KindString, "Producentens varenummer", "Manufacturer part number"},
	FieldManufacturerName:       {FieldManufacturerName, "manufacturerName", KindString, "Producent", "Manufacturer"},
	FieldBrand:                  {FieldBrand, "brand", KindString, "Mærke", "Brand"},
	FieldName:                   {FieldName, "name", KindString, "Varenavn", "Item name"},
	FieldDescription:            {FieldDescription, "description", KindString, "Beskrivelse", "Description"},
	FieldKeywords:               {FieldKeywords, "keywords", KindStrings, "Søgeord", "Keywords"},
	FieldClassification:         {FieldClassification, "classification", KindClassification, "Klassifikation", "Classification"},
	FieldUnit:                   {FieldUnit, "unit", KindString, "Enhed", "Unit"},
	FieldUnitText:               {FieldUnitText, "unitText", KindString, "Enhed (tekst)", "Unit text"},
	FieldPackQuantity:           {FieldPackQuantity, "packQuantity", KindNumber, "Antal pr. enhed", "Pack quantity"},
	FieldContentUnit:            {FieldContentUnit, "contentUnit", KindString, "Indholdsenhed", "Content unit"},
	FieldMinOrderQuantity:       {FieldMinOrderQuantity, "minOrderQuantity", KindNumber, "Min. købsantal", "Minimum order quantity"},
	FieldOrderQuantityIncrement: {FieldOrderQuantityIncrement, "orderQuantityIncrement", KindNumber, "Bestillingsinterval", "Order increment"},
	FieldMaxOrderQuantity:       {FieldMaxOrderQuantity, "maxOrderQuantity", KindNumber, "Maks. købsantal", "Maximum order quantity"},
	FieldPrice:                  {FieldPrice, "price", KindNumber, "Pris", "Price"},
	FieldCurrency:               {FieldCurrency, "currency", KindString, "Valuta", "Currency"},
	FieldPriceBaseQuantity:      {FieldPriceBaseQuantity, "priceBaseQuantity", KindNumber, "Prisenhed (antal)", "Price base quantity"},
	FieldVATCategory:            {FieldVATCategory, "vatCategory", KindString, "Momskategori", "VAT category"},
	FieldVATPercent:             {FieldVATPercent, "vatPercent", KindNumber, "Moms %", "VAT %"},
	FieldLeadTimeDays:           {FieldLeadTimeDays, "leadTimeDays", KindInteger, "Leveringstid (dage)", "Lead time (days)"},
	FieldOriginCountry:          {FieldOriginCountry, "originCountry", KindString, "Oprindelsesland", "Country of origin"},
	FieldValidFrom:              {FieldValidFrom, "validFrom", KindDate, "Gyldig fra", "Valid from"},
	FieldValidTo:                {FieldValidTo, "validTo", KindDate, "Gyldig til", "Valid to"},
	FieldOrderable:              {FieldOrderable, "orderable", KindBool, "Kan bestilles", "Orderable"},
	FieldImages:                 {FieldImages, "images", KindStrings, "Billede-URL", "Image URL"},
	FieldExtra:                  {FieldExtra, "extra", KindExtra, "Øvrige kolonner", "Other columns"},
}

// String returns the canonical name of f.
func (f Field) String() string {
	if int(f) < len(Fields) {
		return Fields[f].Name
	}
	return ""
}

// FieldByName returns the field with the canonical name (case-sensitive).
func FieldByName(name string) (Field, bool) {
	for _, fi := range Fields[1:] {
		if fi.Name == name {
			return fi.Field, true
		}
	}
	return FieldNone, false
}

// FieldSet is a set of fields.
type FieldSet uint64

// Has reports whether f is in the set.
func (s FieldSet) Has(f Field) bool { return s&(1<<f) != 0 }

// Add puts f in the set.
func (s *FieldSet) Add(f Field) { *s |= 1 << f }

// IsEmpty reports whether the field has no value on the line.
func (l *Line) IsEmpty(f Field) bool {
	switch f {
	case FieldLineID:
		return l.LineID == ""
	case FieldAction:
		return l.Action == ""
	case FieldSellerItemID:
		return l.SellerItemID == ""
	case FieldGTIN:
		return l.GTIN == ""
	case FieldManufacturerItemID:
		return l.ManufacturerItemID == ""
	case FieldManufacturerName:
		return l.ManufacturerName == ""
	case FieldBrand:
		return l.Brand == ""
	case FieldName:
		return l.Name == ""
	case FieldDescription:
		return l.Description == ""
	case FieldKeywords:
		return len(l.Keywords) == 0
	case FieldClassification:
		return len(l.Classification) == 0
	case FieldUnit:
		return l.Unit == ""
	case FieldUnitText:
		return l.UnitText == ""
	case FieldPackQuantity:
		return !l.PackQuantity.Valid
	case FieldContentUnit:
		return l.ContentUnit == ""
	case FieldMinOrderQuantity:
		return !l.MinOrderQuantity.Valid
	case FieldOrderQuantityIncrement:
		return !l.OrderQuantityIncrement.Valid
	case FieldMaxOrderQuantity:
		return !l.MaxOrderQuantity.Valid
	case FieldPrice:
		return !l.Price.Valid
	case FieldCurrency:
		return l.Currency == ""
	case FieldPriceBaseQuantity:
		return !l.PriceBaseQuantity.Valid
	case FieldVATCategory:
		return l.VATCategory == ""
	case FieldVATPercent:
		return !l.VATPercent.Valid
	case FieldLeadTimeDays:
		return !l.LeadTimeDays.Valid
	case FieldOriginCountry:
		return l.OriginCountry == ""
	case FieldValidFrom:
		return l.ValidFrom == ""
	case FieldValidTo:
		return l.ValidTo == ""
	case FieldOrderable:
		return !l.Orderable.Valid
	case FieldImages:
		return len(l.Images) == 0
	case FieldExtra:
		return len(l.Extra) == 0
	}
	return true
}

// StringField returns a pointer to the string value of f, or nil when f is
// not a single string field. Readers and writers use it to stay table-driven.
func (l *Line) StringField(f Field) *string {
	switch f {
	case FieldLineID:
		return &l.LineID
	case FieldAction:
		return &l.Action
	case FieldSellerItemID:
		return &l.SellerItemID
	case FieldGTIN:
		return &l.GTIN
	case FieldManufacturerItemID:
		return &l.ManufacturerItemID
	case FieldManufacturerName:
		return &l.ManufacturerName
	case FieldBrand:
		return &l.Brand
	case FieldName:
		return &l.Name
	case FieldDescription:
		return &l.Description
	case FieldUnit:
		return &l.Unit
	case FieldUnitText:
		return &l.UnitText
	case FieldContentUnit:
		return &l.ContentUnit
	case FieldCurrency:
		return &l.Currency
	case FieldVATCategory:
		return &l.VATCategory
	case FieldOriginCountry:
		return &l.OriginCountry
	case FieldValidFrom:
		return &l.ValidFrom
	case FieldValidTo:
		return &l.ValidTo
	}
	return nil
}

// NumField returns a pointer to the numeric value of f, or nil.
func (l *Line) NumField(f Field) *Num {
	switch f {
	case FieldPackQuantity:
		return &l.PackQuantity
	case FieldMinOrderQuantity:
		return &l.MinOrderQuantity
	case FieldOrderQuantityIncrement:
		return &l.OrderQuantityIncrement
	case FieldMaxOrderQuantity:
		return &l.MaxOrderQuantity
	case FieldPrice:
		return &l.Price
	case FieldPriceBaseQuantity:
		return &l.PriceBaseQuantity
	case FieldVATPercent:
		return &l.VATPercent
	case FieldLeadTimeDays:
		return &l.LeadTimeDays
	}
	return nil
}
