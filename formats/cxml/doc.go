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
// The writer writes a catalogue as a cXML Index document, the catalogue
// upload of Ariba-style procurement systems, valid against the cXML DTD
// version it names (Version, 1.2.063). As the cXML User's Guide gives
// catalogues, the Index is a document of its own: its root is Index and its
// DOCTYPE is <!DOCTYPE Index SYSTEM
// "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">, with no cXML
// envelope (an Index is not a Message, and a CatalogUploadRequest carries a
// catalogue file as an attachment for Ariba's upload service instead).
//
// The Index holds SupplierID, Comments (the catalogue's ID and name and the
// time of writing), then per line an IndexItemAdd (ItemID/SupplierPartID,
// ItemDetail with UnitPrice, Description and ShortName, UnitOfMeasure,
// PriceBasisQuantity, Classification, ManufacturerPartID and -Name, the GTIN
// as ItemDetailIndustry/ItemDetailRetail/EANID; IndexItemDetail with
// LeadTime, ExpirationDate and EffectiveDate), or an IndexItemDelete for a
// line whose action is delete. Consecutive lines of the same kind share one
// IndexItem, as the DTD's (IndexItemAdd+ | IndexItemDelete+) wants. A
// catalogue without lines cannot be an Index (IndexItem+): End says so.
//
// Units are UN/ECE Rec 20 codes in the classic form Ariba's unit list knows
// (EA, BX, PK rather than H87, XBX, XPK), where there is one.
//
// The document streams, a line at a time. The time in Comments is the
// header's issue date at midnight UTC, so the same input gives the same
// bytes; without an issue date it is the time of writing
// (formats.WriteOptions.Time).
//
// cXML requires a part ID, a description, a price and currency, a unit, a
// classification and a lead time on every added item; lines without them
// are reported (TARGET-REQUIRED) and still written, the required elements
// empty, so the document stays valid and no line is lost. It has no place
// for keywords, images, pack contents, order quantities, VAT, brands or
// origin; those are reported too (TARGET-DROPPED).
package cxml
