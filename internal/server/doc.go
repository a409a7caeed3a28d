// Package server is the web service of `ekatalog serve`: a page where a
// supplier uploads a catalogue and sees the compliance report, and a JSON
// API (described by assets/openapi.json) for integrations. It runs the same
// pipeline, profiles, targets and report printers as the command line, so
// both give the same verdicts and the same report bytes.
//
// Uploads are streamed to temporary files that are removed when the request
// ends; nothing is kept. Work is bounded: a maximum upload size, a request
// timeout, and a limit on conversions running at once with a bounded queue
// in front of it (beyond which requests are refused at once with 503 and
// Retry-After).
package server
