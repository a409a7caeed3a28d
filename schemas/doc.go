// Package schemas embeds the JSON Schemas (draft 2020-12) that describe
// ekatalog's JSON: the canonical catalogue, the compliance report, and the
// user-supplied mapping, profile and target files. Check validates a document
// against one of them and reports the JSON path of the first problems, so a
// broken configuration file is rejected with a message that says where.
package schemas
