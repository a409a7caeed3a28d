// Package mappings holds ekatalog's declarative mappings as embedded data:
// the header synonyms that map the columns of suppliers' spreadsheets to
// canonical fields (headers.json), and the per-system import templates used
// by the csv and xlsx targets. Users supply their own with --mapping and
// --to FILE; those files are checked against the schemas in schemas/.
package mappings
