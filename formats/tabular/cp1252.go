package tabular

import "golang.org/x/text/encoding/charmap"

// FromWindows1252 decodes s as Windows-1252.
func FromWindows1252(s string) string {
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		return s
	}
	return out
}
