package catalog

// Present returns the set of fields that have a value on l. It is straight
// code, not a loop over IsEmpty, because it runs once per line.
func (l *Line) Present() FieldSet {
	var s FieldSet
	add := func(ok bool, f Field) {
		if ok {
			s |= 1 << f
		}
	}
	add(l.LineID != "", FieldLineID)
	add(l.Action != "", FieldAction)
	add(l.SellerItemID != "", FieldSellerItemID)
	add(l.GTIN != "", FieldGTIN)
	add(l.ManufacturerItemID != "", FieldManufacturerItemID)
	add(l.ManufacturerName != "", FieldManufacturerName)
	add(l.Brand != "", FieldBrand)
	add(l.Name != "", FieldName)
	add(l.Description != "", FieldDescription)
	add(len(l.Keywords) > 0, FieldKeywords)
	add(len(l.Classification) > 0, FieldClassification)
	add(l.Unit != "", FieldUnit)
	add(l.UnitText != "", FieldUnitText)
	add(l.PackQuantity.Valid, FieldPackQuantity)
	add(l.ContentUnit != "", FieldContentUnit)
	add(l.MinOrderQuantity.Valid, FieldMinOrderQuantity)
	add(l.OrderQuantityIncrement.Valid, FieldOrderQuantityIncrement)
	add(l.MaxOrderQuantity.Valid, FieldMaxOrderQuantity)
	add(l.Price.Valid, FieldPrice)
	add(l.Currency != "", FieldCurrency)
	add(l.PriceBaseQuantity.Valid, FieldPriceBaseQuantity)
	add(l.VATCategory != "", FieldVATCategory)
	add(l.VATPercent.Valid, FieldVATPercent)
	add(l.LeadTimeDays.Valid, FieldLeadTimeDays)
	add(l.OriginCountry != "", FieldOriginCountry)
	add(l.ValidFrom != "", FieldValidFrom)
	add(l.ValidTo != "", FieldValidTo)
	add(l.Orderable.Valid, FieldOrderable)
	add(len(l.Images) > 0, FieldImages)
	add(len(l.Extra) > 0, FieldExtra)
	return s | l.Bad
}
