// Package bmecat reads BMEcat 1.2 and 2005 catalogues and writes BMEcat 2005 and 1.2.
//
// The reader (Open) streams one line per ARTICLE (1.x) or PRODUCT (2005) of
// a T_NEW_CATALOG, T_UPDATE_PRODUCTS (mode new, update, delete → action add,
// update, delete) or T_UPDATE_PRICES (action update) transaction, in any of
// BMEcat's namespaces or none. The customer's net price is preferred
// (net_customer, then net_list, the lowest LOWER_BOUND); other prices, the
// features that are not a classification system (ECLASS, ETIM, UNSPSC …) and
// UDX elements go to extra under their path. A BMEcat 1.x DOCTYPE with
// parameter entities and element declarations in its internal subset is
// skipped, never expanded or fetched; a general entity is refused.
//
// The writer writes a catalogue as a BMEcat new catalogue
// (T_NEW_CATALOG), in version 2005 (target bmecat, namespace
// http://www.bmecat.org/bmecat/2005) or 1.2 (target bmecat-1.2, namespace
// http://www.bmecat.org/bmecat/1.2/bmecat_new_catalog), valid against the
// published XSDs (which declare the draft namespaces …/2005fd and
// …/XMLSchema/1.2/…; the tests map them). A HEADER with CATALOG, BUYER,
// AGREEMENT and SUPPLIER from the catalogue header, then one PRODUCT (1.2:
// ARTICLE) per line, written as the line arrives.
//
// Per PRODUCT: SUPPLIER_PID (1.2: SUPPLIER_AID); PRODUCT_DETAILS
// (DESCRIPTION_SHORT and _LONG, the GTIN as INTERNATIONAL_PID type gtin or
// 1.2's EAN, MANUFACTURER_PID (_AID) and _NAME, DELIVERY_TIME, KEYWORD); one
// PRODUCT_FEATURES per classification (REFERENCE_FEATURE_SYSTEM_NAME
// UNSPSC, ECLASS, …); PRODUCT_ORDER_DETAILS (ORDER_UNIT, CONTENT_UNIT,
// NO_CU_PER_OU, PRICE_QUANTITY, QUANTITY_MIN, QUANTITY_INTERVAL and, in
// 2005, QUANTITY_MAX); PRODUCT_PRICE_DETAILS with the line's validity and a
// PRODUCT_PRICE of price_type net_customer (PRICE_AMOUNT, PRICE_CURRENCY,
// TAX as a fraction: 25 % is 0.25); MIME_INFO with the image URLs; in 2005
// PRODUCT_LOGISTIC_DETAILS/COUNTRY_OF_ORIGIN.
//
// Units: BMEcat restricts ORDER_UNIT and CONTENT_UNIT to the UN/ECE Rec 20
// list of 3-2000 (the same in both versions). UnitCode translates the canonical
// codes: a code in the list stays, H87 (piece) becomes C62, the Rec 21
// package codes their 2001 form (XBX → BX, XPK → PK, XRO → RO); the table,
// codes_gen.go, is generated from the XSDs and the unit table (go generate
// ./formats/bmecat). A unit with no BMEcat code is written as ZZ ("mutually
// defined", the list's lawful stand-in) and reported.
//
// CONTENT_UNIT is BMEcat's unit inside one order unit: the line's content
// unit, else a piece (C62) when the line says the order unit holds several,
// else the order unit itself. CATALOG_VERSION must look like 1.0: a header
// version "1" is written 1.0, an absent one 1.0. GENERATION_DATE is the
// header's issue date, so the same input gives the same bytes; without one,
// the time of writing.
//
// What the XSD cannot hold is reported, never written invalid:
//   - a line without an item number, a name or a currency, with an item
//     number longer than 32 characters, or with a currency outside BMEcat's
//     list is not written: TARGET-LINE-DROPPED, an error, counts such lines
//     by reason with the first, besides the field's TARGET-REQUIRED or
//     TARGET-DROPPED; in 1.2 neither is a line without a price (2005 writes
//     it with price_type on_request);
//   - a name longer than DESCRIPTION_SHORT allows (150 characters, 1.2: 80)
//     is cut; the whole name goes to DESCRIPTION_LONG when the line has no
//     description, else the name is reported;
//   - keywords, manufacturer names and part IDs over 50 characters, image
//     URLs over 255 (1.2: 250), classification codes over 60 or scheme
//     names the XSD's pattern rejects, countries outside its list, dates
//     that are not dates and, in 1.2, fractional order quantities are left
//     out and reported (TARGET-DROPPED);
//   - header values over BMEcat's lengths (CATALOG_ID 20, names 50,
//     CATALOG_NAME 100) are cut, codes outside its lists left out, and an
//     AGREEMENT without dates left out; each is reported with its field
//     (TARGET-HEADER, TARGET-HEADER-DROPPED, through formats.Noter).
//
// A new catalogue has no place for line actions, brands, VAT categories,
// orderable flags, line IDs or extra columns; the pipeline reports each
// (TARGET-DROPPED).
package bmecat
