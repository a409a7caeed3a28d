package catalog

import (
	"encoding/json"
	"fmt"

	"github.com/ekatalog/ekatalog/schemas"
)

// ParseHeader reads a header file (--header, the web service's "header"
// part): a JSON object shaped like the canonical "catalogue" object,
// checked against the schema so that a mistake is named by its JSON path.
// name is used in errors.
func ParseHeader(name string, b []byte) (*Header, error) {
	if err := schemas.Check(schemas.Header, b); err != nil {
		return nil, fmt.Errorf("%s: invalid header: %w", name, err)
	}
	var h Header
	if err := json.Unmarshal(b, &h); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &h, nil
}
