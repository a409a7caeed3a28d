// Package archtest holds the test that keeps the tree's layering: the data
// path runs catalog/ ← formats/ ← internal/ ← cmd/, and test helpers every
// layer may use live in testkit/. Its test lists the packages (with their
// tests) under catalog/ and formats/ and fails when one of them depends on
// a package under internal/, or a catalog/ package on formats/.
package archtest
