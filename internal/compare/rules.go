package compare

import (
	"github.com/ekatalog/ekatalog/catalog"
)

// The comparison's rules: catalog.Rule values like every other rule,
// raised by the comparison (they have no line check). Their IDs are stable
// and the keys of the expectation tables in testdata/compare.
var (
	RuleNotOnAgreement = &catalog.Rule{ID: "ITEM-NOT-ON-AGREEMENT", Severity: catalog.Error, Field: "sellerItemId",
		En: "item %s is not on the agreement",
		Da: "varen %s er ikke på aftalen"}
	RuleAboveMax = &catalog.Rule{ID: "PRICE-ABOVE-MAX", Severity: catalog.Error, Field: "price",
		En: "price %s per %s is above the agreement's maximum price %s per %s (agreed price %s, %s %% above it)",
		Da: "prisen %s pr. %s er over aftalens maksimalpris %s pr. %s (aftalepris %s, %s %% over den)"}
	RuleAbove = &catalog.Rule{ID: "PRICE-ABOVE-AGREEMENT", Severity: catalog.Error, Field: "price",
		En: "price %s per %s is %s (%s %%) above the agreed %s per %s (tolerance %s %%)",
		Da: "prisen %s pr. %s er %s (%s %%) over aftaleprisen %s pr. %s (tolerance %s %%)"}
	RuleBelow = &catalog.Rule{ID: "PRICE-BELOW-AGREEMENT", Severity: catalog.Info, Field: "price",
		En: "price %s per %s is %s (%s %%) below the agreed %s per %s",
		Da: "prisen %s pr. %s er %s (%s %%) under aftaleprisen %s pr. %s"}
	RuleUnitMismatch = &catalog.Rule{ID: "UNIT-MISMATCH", Severity: catalog.Warning, Field: "unit",
		En: "the catalogue sells per %s, the agreement per %s: the units cannot be compared, so the price was not checked",
		Da: "kataloget sælger pr. %s, aftalen pr. %s: enhederne kan ikke sammenlignes, så prisen er ikke kontrolleret"}
	RuleCurrency = &catalog.Rule{ID: "CURRENCY-MISMATCH", Severity: catalog.Warning, Field: "currency",
		En: "the price is in %s, the agreement's in %s: the price was not checked",
		Da: "prisen er i %s, aftalens i %s: prisen er ikke kontrolleret"}
	RulePackChanged = &catalog.Rule{ID: "PACK-QUANTITY-CHANGED", Severity: catalog.Warning, Field: "packQuantity",
		En: "pack quantity %s differs from the agreed %s",
		Da: "antal pr. enhed %s afviger fra aftalens %s"}
	RuleGTINOtherItem = &catalog.Rule{ID: "GTIN-OTHER-ITEM", Severity: catalog.Warning, Field: "gtin",
		En: "GTIN %s is item %s on the agreement, but this line is item %s",
		Da: "EAN/GTIN %s er varen %s på aftalen, men denne linje er varen %s"}
	RuleMissing = &catalog.Rule{ID: "AGREED-ITEM-MISSING", Severity: catalog.Warning, Field: "sellerItemId",
		En: "agreed item %s is not in the catalogue",
		Da: "aftalevaren %s findes ikke i kataloget"}
	RuleIncomplete = &catalog.Rule{ID: "CATALOGUE-INCOMPLETE", Severity: catalog.Error, Field: "",
		En: "the catalogue could not be read to the end (%s): the lines after it were not compared",
		Da: "kataloget kunne ikke læses til ende (%s): linjerne derefter er ikke sammenlignet"}
	RuleAgrNoPrice = &catalog.Rule{ID: "AGREEMENT-NO-PRICE", Severity: catalog.Warning, Field: "price",
		En: "agreed item %s has no agreed price: its price cannot be checked",
		Da: "aftalevaren %s har ingen aftalepris: prisen kan ikke kontrolleres"}
	RuleAgrDuplicate = &catalog.Rule{ID: "AGREEMENT-DUPLICATE", Severity: catalog.Warning, Field: "sellerItemId",
		En: "item %s is on the agreement more than once; the first line counts",
		Da: "varen %s står mere end én gang på aftalen; den første linje gælder"}
	RuleAgrNoItem = &catalog.Rule{ID: "AGREEMENT-NO-ITEM", Severity: catalog.Warning, Field: "sellerItemId",
		En: "the agreement line has neither an item number nor a GTIN and was skipped",
		Da: "aftalelinjen har hverken varenummer eller EAN/GTIN og er sprunget over"}
	RuleAgrBadValue = &catalog.Rule{ID: "AGREEMENT-BAD-VALUE", Severity: catalog.Warning, Field: "extra",
		En: "%s %q is not a number and was ignored",
		Da: "%s %q er ikke et tal og blev ignoreret"}
)

// Rules lists every rule of the comparison, catalogue findings first, then
// those about the agreement file itself. Messages are fmt templates over a
// finding's Args, in both languages.
var Rules = []*catalog.Rule{RuleNotOnAgreement, RuleAboveMax, RuleAbove, RuleBelow, RuleUnitMismatch, RuleCurrency, RulePackChanged, RuleGTINOtherItem, RuleMissing, RuleIncomplete, RuleAgrNoPrice, RuleAgrDuplicate, RuleAgrNoItem, RuleAgrBadValue}

// RuleByID returns the rule with the ID, or nil.
func RuleByID(id string) *catalog.Rule { return ruleIndex[id] }

var ruleIndex = func() map[string]*catalog.Rule {
	return catalog.IndexRules(Rules)
}()

// Sources of findings: the catalogue or the agreement file.
const (
	SourceCatalogue = catalog.SourceCatalogue
	SourceAgreement = catalog.SourceAgreement
)

// PriceCheck is a price compared per comparable unit.
type PriceCheck struct {
	// Price and Agreed are per Per, the unit both were normalised to.
	Price, Agreed float64
	Per           string
	// Difference is Price-Agreed; Percent is it relative to Agreed.
	Difference, Percent float64
	// Max is the agreement's maximum price per Per, 0 when it has none.
	Max float64
}

// RuleOf returns the rule of a finding of a comparison: one of Rules, or a
// reader's (READ-*) from the catalog rule table, whose findings the
// comparison passes on, so that a row that could not be read is never
// passed over.
func RuleOf(id string) *catalog.Rule {
	if r := RuleByID(id); r != nil {
		return r
	}
	if r := catalog.RuleByID(id); r != nil {
		return r
	}
	return &catalog.Rule{ID: id, Severity: catalog.Error}
}
