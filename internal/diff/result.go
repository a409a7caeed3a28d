package diff

import "github.com/ekatalog/ekatalog/catalog"

// Identical reports whether the versions have the same lines, and both
// were read without error.
func (r *Result) Identical() bool {
	s := r.Summary
	if r.Error != "" || s.Added != 0 || s.Removed != 0 || s.Changed != 0 {
		return false
	}
	for _, p := range r.Problems {
		if p.Severity == catalog.Error {
			return false
		}
	}
	return r.Omitted["problems"] == 0
}
