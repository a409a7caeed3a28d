// Package jsoncat reads and writes ekatalog's canonical catalogue JSON
// (schemas/catalogue.schema.json). The writer streams: it appends each line's
// JSON to one reused buffer, so converting a million lines never holds the
// catalogue in memory; the reader decodes one line object at a time.
package jsoncat
