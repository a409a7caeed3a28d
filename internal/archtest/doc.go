// Package archtest holds the test that keeps the tree's layering: the data
// path runs catalog/ ← formats/ ← internal/ ← cmd/, and test helpers every
// layer may use live in testkit/. Its test lists the packages (with their
// tests) under catalog/, formats/ and testkit/ and fails when one of them
// depends on a package under internal/ or cmd/, or a catalog/ package on
// formats/. The internal/ folders inside catalog/ and formats/ belong to
// their layer.
package archtest
