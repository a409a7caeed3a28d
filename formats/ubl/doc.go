// Package ubl reads and writes UBL 2.1 catalogues: PEPPOL BIS Catalogue 3
// and OIOUBL 2.1 Catalogue documents, and the catalogue update documents
// (CataloguePricingUpdate, CatalogueItemSpecificationUpdate,
// CatalogueDeletion) on input.
//
// The reader streams: formats/internal/xmlscan tokenizes the document, each
// catalogue line becomes a small element tree of its own (reused from line
// to line), which the official rule sets (packages peppol and oioubl) check
// and which is mapped to a canonical line. Whatever maps to no field travels
// as extra, named by its path under the line. The writers build each line as
// a tree addressed by the same paths, sort it into schema order and print it,
// so that UBL → canonical → UBL keeps what it can.
//
// Where each canonical field sits in a line, per flavour, is one table,
// lineFields (linefields.go): the reader's mapping, Locate and both writers
// use it. The files:
//
//   - reader.go: tokens to element trees (header and line), limits, the
//     document's kind; tree.go: the element tree (Node) and its paths.
//   - schema.go, schema_gen.go: the UBL schema's element sequences and
//     name numbers, generated.
//   - linefields.go: the field ↔ path table; mapline.go: a line's tree to a
//     canonical line through it, and the extras; header.go: the header and
//     the flavour; locate.go: Locate and the header's XPaths.
//   - writer.go: the Writer of both flavours (Begin, Line, End);
//     writeheader.go and writeline.go: a header's and a line's tree;
//     mapfix.go: what each target lawfully carries; oiowrite.go: OIOUBL's
//     identifier schemes and address formats; wtree.go: the written tree,
//     schema order and printing; xmlout.go: escaping and numbers.
//   - delta.go: OIOUBL's update document (ekatalog diff --to oioubl).
package ubl
