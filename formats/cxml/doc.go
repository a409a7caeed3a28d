// Package cxml reads and writes cXML catalogue indexes.
//
// The reader (Open) streams the lines of an Index: one per IndexItemAdd
// (action add), IndexItemDelete (delete), IndexItemPortion (update) or
// IndexItemPunchout (add), of an Index that is a document of its own, sits
// in a cXML Message or a subscription's content, or is carried by a
// CatalogUploadRequest. A request that only points at its catalogue in an
// attachment, and any other cXML document, is refused saying what it is.
// The DOCTYPE is skipped, never fetched; entity declarations are refused.
//
// The writer writes a catalogue as a cXML Index document
// (cXML/Message/Index), the catalogue upload of Ariba-style procurement
// systems: SupplierID, then per line an IndexItemAdd (ItemID/SupplierPartID,
// ItemDetail with UnitPrice, Description and ShortName, UnitOfMeasure,
// PriceBasisQuantity, Classification, ManufacturerPartID and -Name, the GTIN
// as ItemDetailIndustry/ItemDetailRetail/EANID; IndexItemDetail with
// LeadTime, ExpirationDate and EffectiveDate), or an IndexItemDelete for a
// line whose action is delete. Consecutive lines of the same kind share one
// IndexItem, as the DTD's (IndexItemAdd+ | IndexItemDelete+) wants.
//
// Units are UN/ECE Rec 20 codes in the classic form Ariba's unit list knows
// (EA, BX, PK rather than H87, XBX, XPK), where there is one.
//
// The document streams, a line at a time. Its timestamp is the header's
// issue date at midnight UTC and its payloadID is derived from the header,
// so the same input gives the same bytes; without an issue date both come
// from the time of writing (formats.WriteOptions.Time).
//
// cXML requires a classification, a unit, a price and a lead time on every
// added item; lines without them are reported (TARGET-REQUIRED). It has no
// place for keywords, images, pack contents, order quantities, VAT, brands or
// origin; those are reported too (TARGET-DROPPED).
package cxml
