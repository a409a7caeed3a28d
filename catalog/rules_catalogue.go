package catalog

import "github.com/ekatalog/ekatalog/catalog/check"

// The header rules: checks of the catalogue's header and of the columns its
// source supplies, run once before the first line, in the order of
// headerRules.
var (
	RuleHeaderMissing = &Rule{ID: "HEADER-MISSING", Severity: Error,
		En:     "the catalogue header has no %s, which is mandatory; give it in the file or with --header",
		Da:     "katalogets hoved mangler %s, som er obligatorisk; angiv det i filen eller med --header",
		Header: checkHeaderMissing}
	RuleHeaderDate = &Rule{ID: "HEADER-DATE", Severity: Error,
		En:     "%s %q is not a date (YYYY-MM-DD)",
		Da:     "%s %q er ikke en dato (ÅÅÅÅ-MM-DD)",
		Header: checkHeaderDate}
	RuleHeaderDateRange = &Rule{ID: "HEADER-DATE-RANGE", Severity: Error, Field: "catalogue.validTo",
		En:     "the catalogue is valid to %s, before it is valid from %s",
		Da:     "kataloget er gyldigt til %s, før det er gyldigt fra %s",
		Header: checkHeaderDateRange}
	RuleHeaderCurrency = &Rule{ID: "HEADER-CURRENCY", Severity: Error, Field: "catalogue.currency",
		En:     "currency %q is not an ISO 4217 code",
		Da:     "valuta %q er ikke en ISO 4217-kode",
		Header: checkHeaderCurrency}
	RulePartyID = &Rule{ID: "PARTY-ID", Severity: Error,
		En:     "%s %q is not a valid %s",
		Da:     "%s %q er ikke et gyldigt %s",
		Header: checkPartyID}
	RuleColumnMissing = &Rule{ID: "COLUMN-MISSING", Severity: Error,
		En:     "the catalogue has no column for {field}, which is mandatory (header names such as %s); add the column or give a --mapping",
		Da:     "kataloget har ingen kolonne til {field}, som er obligatorisk (overskrifter som %s); tilføj kolonnen eller angiv en --mapping",
		Header: checkColumnMissing}
	RuleColumnRecommended = &Rule{ID: "COLUMN-RECOMMENDED", Severity: Warning,
		En:     "the catalogue has no column for {field}, which is recommended",
		Da:     "kataloget har ingen kolonne til {field}, som anbefales",
		Header: checkColumnRecommended}
)

var headerRules = []*Rule{RuleHeaderMissing, RuleHeaderDate, RuleHeaderDateRange, RuleHeaderCurrency, RulePartyID, RuleColumnMissing, RuleColumnRecommended}

// The catalogue-wide rules see the whole stream: the validator settles them
// at the end from its indexes of item numbers and GTINs.
var (
	RuleItemDuplicate = &Rule{ID: "ITEM-DUPLICATE", Severity: Error, Field: "sellerItemId",
		En: "item number %q occurs again; it was first used at %s",
		Da: "varenummer %q forekommer igen; det blev først brugt i %s"}
	RuleGTINShared = &Rule{ID: "GTIN-SHARED", Severity: Error, Field: "gtin",
		En: "GTIN %q is also used for a different item number at %s; a GTIN identifies one item",
		Da: "EAN/GTIN %q bruges også til et andet varenummer i %s; et EAN/GTIN identificerer én vare"}
)

var catalogueRules = []*Rule{RuleItemDuplicate, RuleGTINShared}

// The target rules are raised by conversions: by the pipeline (what a
// target has no place for), by writers, by the check of the written file,
// and by apply.
var (
	RuleTargetRequired = &Rule{ID: "TARGET-REQUIRED", Severity: Warning,
		En: "the target %s requires {field}, but it is empty on %s lines (the first is line %s)",
		Da: "målformatet %s kræver {field}, men feltet er tomt på %s linjer (den første er linje %s)"}
	RuleTargetDropped = &Rule{ID: "TARGET-DROPPED", Severity: Warning,
		En: "the target %s has no place for {field}, or not for its value: it was left out on %s lines (the first is line %s)",
		Da: "målformatet %s har ikke plads til {field} eller til værdien: feltet blev udeladt på %s linjer (den første er linje %s)"}
	RuleTargetHeader = &Rule{ID: "TARGET-HEADER", Severity: Warning,
		En: "the target %s cannot hold {field} %q as it stands; %q was written",
		Da: "målformatet %s kan ikke rumme {field} %q, som det står; der blev skrevet %q"}
	RuleTargetLineDropped = &Rule{ID: "TARGET-LINE-DROPPED", Severity: Error,
		En: "the target %s cannot take a line without a valid {field}: %s lines were not written (the first is line %s)",
		Da: "målformatet %s kan ikke modtage en linje uden gyldigt {field}: %s linjer blev ikke skrevet (den første er linje %s)"}
	RuleTargetSchema = &Rule{ID: "TARGET-SCHEMA", Severity: Error,
		En: "the written %s file breaks its published schema at line %s: %s",
		Da: "den skrevne %s-fil bryder sit offentliggjorte skema i linje %s: %s"}
	RuleTargetHeaderDropped = &Rule{ID: "TARGET-HEADER-DROPPED", Severity: Warning,
		En: "the target %s cannot hold {field} %q; it was left out",
		Da: "målformatet %s kan ikke rumme {field} %q; det blev udeladt"}
	RuleOutputRequired = &Rule{ID: "OUTPUT-REQUIRED", Severity: Error,
		En: "the written file leaves the column %q empty, which the target %s requires",
		Da: "den skrevne fil har kolonnen %q tom, men målformatet %s kræver den"}
	RuleOutputCode = &Rule{ID: "OUTPUT-CODE", Severity: Error,
		En: "the written file has %q in the column %q, which is not a code the target %s accepts",
		Da: "den skrevne fil har %q i kolonnen %q, som ikke er en kode målformatet %s accepterer"}
	RuleOutputUnreadable = &Rule{ID: "OUTPUT-UNREADABLE", Severity: Error,
		En: "the written file could not be checked under the target %s's rules: %s",
		Da: "den skrevne fil kunne ikke kontrolleres efter målformatet %s' regler: %s"}
	RuleApplyNotFound = &Rule{ID: "APPLY-NOT-FOUND", Severity: Error,
		En: "%s, line %s: %s of item %s, which the catalogue does not have",
		Da: "%s, linje %s: %s af varen %s, som kataloget ikke har"}
)

var targetRules = []*Rule{RuleTargetRequired, RuleTargetDropped, RuleTargetHeader, RuleTargetLineDropped, RuleTargetSchema, RuleTargetHeaderDropped, RuleOutputRequired, RuleOutputCode, RuleOutputUnreadable, RuleApplyNotFound}

func checkHeaderMissing(c *Ctx, h *Header) {
	for _, name := range c.v.p.HeaderFields() {
		if c.v.p.Header[name] == Mandatory && h.Value(name) == "" {
			c.AddHeader(name, "", name)
		}
	}
}

var headerDates = [...]string{"catalogue.issueDate", "catalogue.validFrom", "catalogue.validTo"}

func checkHeaderDate(c *Ctx, h *Header) {
	for _, d := range headerDates {
		if val := h.Value(d); val != "" && !check.Date(val) {
			c.AddHeader(d, val, d, val)
		}
	}
}

func checkHeaderDateRange(c *Ctx, h *Header) {
	if check.Date(h.ValidFrom) && check.Date(h.ValidTo) && h.ValidTo < h.ValidFrom {
		c.AddHeader("catalogue.validTo", h.ValidTo, h.ValidTo, h.ValidFrom)
	}
}

func checkHeaderCurrency(c *Ctx, h *Header) {
	if h.Currency != "" && !check.Currency(h.Currency) {
		c.AddHeader("catalogue.currency", h.Currency, h.Currency)
	}
}

func checkPartyID(c *Ctx, h *Header) {
	for _, party := range []struct {
		name string
		p    *Party
	}{{"seller", &h.Seller}, {"receiver", &h.Receiver}} {
		for _, id := range []struct{ field, value, scheme string }{
			{party.name + ".id", party.p.ID, party.p.IDScheme},
			{party.name + ".endpointId", party.p.EndpointID, party.p.EndpointScheme},
		} {
			if id.value == "" || id.scheme == "" {
				continue
			}
			if rule, ok := check.SchemeID(id.scheme, id.value); rule != "" && !ok {
				c.AddHeader(id.field, id.value, id.field, id.value, schemeName(id.scheme))
			}
		}
	}
}

func checkColumnMissing(c *Ctx, _ *Header) {
	for _, f := range c.v.mandatory {
		if c.v.missingCols.Has(f) {
			c.AddHeader(f.String(), "", Fields[f].Da+" / "+Fields[f].En)
		}
	}
}

func checkColumnRecommended(c *Ctx, _ *Header) {
	for _, f := range c.v.recommended {
		if c.v.missingCols.Has(f) {
			c.AddHeader(f.String(), "")
		}
	}
}
