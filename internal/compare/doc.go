// Package compare checks a catalogue against its agreement (the price list
// of a framework agreement) and finds every deviation.
//
// The agreement is any catalogue ekatalog reads (CSV, Excel, UBL, canonical
// JSON). Each line needs an item number or a GTIN and the agreed net price;
// unit, pack quantity, content unit, price base quantity and currency are
// read from their usual columns. Two columns have no canonical field and
// arrive under extra; they are recognised by their header, compared folded
// (lower case, letters and digits only):
//
//   - maximum price: "Maks. pris", "Maksimalpris", "Maksimumpris", "Max. pris",
//     "Prisloft", "Max price", "Maximum price", "Price cap", "Ceiling price"
//     (MaxPriceHeaders); per the agreement's own unit and price base;
//   - tolerance in percent: "Tolerance %", "Tolerance", "Pristolerance",
//     "Tilladt afvigelse %", "Price tolerance", "Tolerance percent"
//     (ToleranceHeaders); "2,5", "2.5" and "2,5 %" all read as 2.5 %. It
//     overrides Options.Tolerance for the item.
//
// The agreement is indexed in memory without pointers (LoadAgreement); the
// catalogue is streamed past it (Compare), one reused line at a time.
//
// Lines match by item number, then by GTIN, by the keys every command
// matches items by (catalog.Line.MatchKeys: a GTIN without its leading
// zeros); a GTIN that the agreement gives to another item number is
// GTIN-OTHER-ITEM. Prices are compared per comparable unit: an order unit
// that is a quantity (H87, KGM, LTR, DZN, …) amounts to its Rec 20
// conversion factor (catalog/units.MeasureOf); a package (XBX, "æske") to its
// pack quantity of content units, pieces when none is given. "98.00 per XBX
// of 10 H87" is 9.80 per H87. Units of different kinds (kg against pieces)
// are UNIT-MISMATCH and get no price verdict. Rules lists every finding
// with its severity and both languages; each finding is a catalog.Finding
// naming its Source (catalogue or agreement) and Item, its price check
// beside it in Result.Prices. The printers of package report write the
// result as text, JSON (schemas/compare.schema.json), HTML and XLSX.
package compare
