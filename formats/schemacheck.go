package formats

import (
	"context"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/internal/xmlscan"
	"github.com/ekatalog/ekatalog/formats/internal/xsdcheck"
)

// Standards is the directory of the published schemas that SchemaFindings
// checks against: EKATALOG_STANDARDS ("" when unset). In development it is
// ../shared/standards.
func Standards() string { return xsdcheck.Standards() }

// SchemaFindings checks a written file of the target against the target's
// published schema with xmllint (bmecat: the BMEcat 2005 XSD, bmecat-1.2:
// the 1.2 XSDs, both with their namespace mapped to the one written; cxml:
// the cXML DTD) and returns each problem as an error finding, TARGET-SCHEMA,
// that names the line of the written file; at most max of them (all when
// max <= 0), and total, the number of problems.
//
// ok is false when the target has no published XML schema; nothing is
// checked then. err is for a check that could not run (xmllint not
// installed, no schema under standards): the caller must then say that the
// file was not checked, never that it passed.
//
// Convert's self-check calls it once the output is complete, on the
// written file (the atomic file's temporary path before Commit), and adds
// the findings to the report; any finding makes the conversion fail.
func SchemaFindings(ctx context.Context, t *Target, file, standards string, max int) (fs []catalog.Finding, total int, ok bool, err error) {
	s, ok := xsdcheck.ForTarget(t.Name)
	return schemaFindings(ctx, t, s, ok, file, standards, max)
}

// DeltaSchemaFindings is SchemaFindings for a written update document of
// the target (Target.Delta): BMEcat 1.2 T_UPDATE_PRODUCTS against its own
// XSD, PEPPOL and OIOUBL update catalogues against the UBL 2.1 Catalogue
// XSD, BMEcat 2005 and cXML as SchemaFindings.
func DeltaSchemaFindings(ctx context.Context, t *Target, file, standards string, max int) (fs []catalog.Finding, total int, ok bool, err error) {
	s, ok := xsdcheck.ForDelta(t.Name)
	if ok && strings.HasPrefix(s.Path, "ubl-2.1-xsd/") {
		// The OIOUBL update is a CataloguePricingUpdate or a Catalogue:
		// the schema of the document's root.
		if head, err := readHead(file); err == nil {
			if local, space, found := xmlscan.Root(head); found && strings.HasPrefix(space, ublNS) {
				s.Path = "ubl-2.1-xsd/maindoc/UBL-" + local + "-2.1.xsd"
			}
		}
	}
	return schemaFindings(ctx, t, s, ok, file, standards, max)
}

func schemaFindings(ctx context.Context, t *Target, s xsdcheck.Schema, ok bool, file, standards string, max int) (fs []catalog.Finding, total int, _ bool, err error) {
	if !ok {
		return nil, 0, false, nil
	}
	probs, total, err := xsdcheck.Check(ctx, file, standards, s, max)
	if err != nil {
		return nil, 0, true, err
	}
	for _, p := range probs {
		fs = append(fs, catalog.Finding{Rule: catalog.RuleTargetSchema, Severity: catalog.Error,
			Args: []string{t.Name, strconv.Itoa(p.Line), p.Message}})
	}
	return fs, total, true, nil
}

// readHead returns the first bytes of a file.
func readHead(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, 4096)
	n, err := io.ReadFull(f, b)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return b[:n], err
}
