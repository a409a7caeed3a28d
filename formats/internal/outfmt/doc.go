// Package outfmt holds what the export writers (BMEcat, CIF, cXML and the
// tabular templates) share: an XML writer with sticky errors, number and date
// formatting, the names of identifier schemes and languages in the
// vocabularies of other catalogue formats, and the document time.
package outfmt
