// Package pipeline runs the main job on one input: open it, detect its
// format, stream its lines through the validator into an optional writer,
// and return the compliance report. The command line, the batch mode and the
// web service all call it, so they give the same verdicts.
package pipeline
