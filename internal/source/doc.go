// Package source is the one way ekatalog reads an input: Open opens a file
// (or standard input), detects its format once and opens the format's
// reader; Header is the input's header with the user's merged over it;
// Each streams the lines (the reader a batch ahead on a core of its own,
// or on the caller's goroutine), with each line's reading findings stamped
// with its position; Err, Findings and Empty say afterwards how the read
// ended. Validation and conversion (internal/pipeline), batch, compare
// (catalogue and agreement), diff (both versions), delta and the web
// service all read through it, so they agree on what a file holds.
package source
