// Package bmecat reads BMEcat 1.2 and 2005 catalogues and writes BMEcat 2005.
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
// The writer writes a catalogue as a BMEcat 2005 document with the
// T_NEW_CATALOG transaction (namespace http://www.bmecat.org/bmecat/2005):
// a HEADER with CATALOG, BUYER, AGREEMENT and SUPPLIER from the catalogue
// header, then one PRODUCT per line, written as the line arrives.
//
// Per PRODUCT: SUPPLIER_PID; PRODUCT_DETAILS (DESCRIPTION_SHORT and _LONG,
// INTERNATIONAL_PID type gtin, MANUFACTURER_PID and _NAME, DELIVERY_TIME,
// KEYWORD); one PRODUCT_FEATURES per classification
// (REFERENCE_FEATURE_SYSTEM_NAME UNSPSC, ECLASS, …); PRODUCT_ORDER_DETAILS
// (ORDER_UNIT, CONTENT_UNIT, NO_CU_PER_OU, PRICE_QUANTITY, QUANTITY_MIN,
// QUANTITY_INTERVAL, QUANTITY_MAX); PRODUCT_PRICE_DETAILS with the line's
// validity and a PRODUCT_PRICE of price_type net_customer (PRICE_AMOUNT,
// PRICE_CURRENCY, TAX as a fraction: 25 % is 0.25); MIME_INFO with the image
// URLs; PRODUCT_LOGISTIC_DETAILS/COUNTRY_OF_ORIGIN.
//
// CONTENT_UNIT is BMEcat's unit inside one order unit and the format
// requires it: the line's content unit, else a piece (C62) when the line
// says the order unit holds several, else the order unit itself.
// CATALOG_VERSION must look like 1.0: a header version "1" is written 1.0,
// an absent one 1.0. GENERATION_DATE is the header's issue date, so the same
// input gives the same bytes; without one, the time of writing.
//
// A new catalogue has no place for line actions, brands, VAT categories,
// orderable flags, line IDs or extra columns; the pipeline reports each
// (TARGET-DROPPED).
package bmecat
