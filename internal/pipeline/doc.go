// Package pipeline runs the main job on one input: it reads the input
// through internal/source (opened and detected once, lines streamed) into
// the validator and an optional writer, and returns the compliance report.
// The command line, the batch mode and the web service all call it, so they
// give the same verdicts.
package pipeline
