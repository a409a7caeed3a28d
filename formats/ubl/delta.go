package ubl

import (
	"io"

	"github.com/ekatalog/ekatalog/catalog"
)

// OIOUBLDeltaDoc says what the OIOUBL update document (ekatalog diff --to
// oioubl) is, and why.
const OIOUBLDeltaDoc = "an OIOUBL 2.1 Catalogue with header ActionCode Update and line ActionCode Add, Update or Delete " +
	"(OIOUBL's catalogueactioncode-1.1): OIOUBL's CatalogueDeletion deletes a whole catalogue, and its " +
	"CataloguePricingUpdate and CatalogueItemSpecificationUpdate cannot add or remove lines"

// NewOIOUBLDeltaWriter returns the writer of an OIOUBL update document:
// the OIOUBL Catalogue writer, whose lines carry their action as
// ActionCode with OIOUBL's list ID, and whose header action is the
// header's (update).
func NewOIOUBLDeltaWriter(w io.Writer, h catalog.Header) (*Writer, error) {
	return NewOIOUBLWriter(w, h)
}
