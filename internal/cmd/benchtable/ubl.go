package main

// ublInputs is the UBL row of the table; it waits for a synthetic UBL
// generator in internal/synth.
func ublInputs(n int) []input { return nil }
