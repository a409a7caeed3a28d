// Package formats lists every catalogue format ekatalog reads or writes in
// one table (Formats), with names, file extensions and content sniffing, and
// opens the streaming reader of a file. Each format lives in a package of its
// own below this one; adding one is a reader or writer there and a line here.
package formats
