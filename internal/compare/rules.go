package compare

import (
	"fmt"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
)

// Rule is one kind of deviation between a catalogue and its agreement.
// Messages are fmt templates over a finding's Args, in both languages.
type Rule struct {
	ID       string
	Severity catalog.Severity
	// Field is the canonical field the finding points at.
	Field string
	En    string
	Da    string
}

// The rule IDs: stable, and the keys of the expectation tables in
// testdata/compare.
const (
	RuleNotOnAgreement = "ITEM-NOT-ON-AGREEMENT"
	RuleMissing        = "AGREED-ITEM-MISSING"
	RuleAbove          = "PRICE-ABOVE-AGREEMENT"
	RuleAboveMax       = "PRICE-ABOVE-MAX"
	RuleBelow          = "PRICE-BELOW-AGREEMENT"
	RuleUnitMismatch   = "UNIT-MISMATCH"
	RulePackChanged    = "PACK-QUANTITY-CHANGED"
	RuleGTINOtherItem  = "GTIN-OTHER-ITEM"
	RuleCurrency       = "CURRENCY-MISMATCH"
	RuleIncomplete     = "CATALOGUE-INCOMPLETE"
	RuleAgrNoPrice     = "AGREEMENT-NO-PRICE"
	RuleAgrDuplicate   = "AGREEMENT-DUPLICATE"
	RuleAgrNoItem      = "AGREEMENT-NO-ITEM"
	RuleAgrBadValue    = "AGREEMENT-BAD-VALUE"
)

// Rules lists every rule of the comparison, catalogue findings first, then
// those about the agreement file itself.
var Rules = []Rule{
	{RuleNotOnAgreement, catalog.Error, "sellerItemId",
		"item %s is not on the agreement",
		"varen %s er ikke på aftalen"},
	{RuleAboveMax, catalog.Error, "price",
		"price %s per %s is above the agreement's maximum price %s per %s (agreed price %s, %s %% above it)",
		"prisen %s pr. %s er over aftalens maksimalpris %s pr. %s (aftalepris %s, %s %% over den)"},
	{RuleAbove, catalog.Error, "price",
		"price %s per %s is %s (%s %%) above the agreed %s per %s (tolerance %s %%)",
		"prisen %s pr. %s er %s (%s %%) over aftaleprisen %s pr. %s (tolerance %s %%)"},
	{RuleBelow, catalog.Info, "price",
		"price %s per %s is %s (%s %%) below the agreed %s per %s",
		"prisen %s pr. %s er %s (%s %%) under aftaleprisen %s pr. %s"},
	{RuleUnitMismatch, catalog.Warning, "unit",
		"the catalogue sells per %s, the agreement per %s: the units cannot be compared, so the price was not checked",
		"kataloget sælger pr. %s, aftalen pr. %s: enhederne kan ikke sammenlignes, så prisen er ikke kontrolleret"},
	{RuleCurrency, catalog.Warning, "currency",
		"the price is in %s, the agreement's in %s: the price was not checked",
		"prisen er i %s, aftalens i %s: prisen er ikke kontrolleret"},
	{RulePackChanged, catalog.Warning, "packQuantity",
		"pack quantity %s differs from the agreed %s",
		"antal pr. enhed %s afviger fra aftalens %s"},
	{RuleGTINOtherItem, catalog.Warning, "gtin",
		"GTIN %s is item %s on the agreement, but this line is item %s",
		"EAN/GTIN %s er varen %s på aftalen, men denne linje er varen %s"},
	{RuleMissing, catalog.Warning, "sellerItemId",
		"agreed item %s is not in the catalogue",
		"aftalevaren %s findes ikke i kataloget"},
	{RuleIncomplete, catalog.Error, "",
		"the catalogue could not be read to the end (%s): the lines after it were not compared",
		"kataloget kunne ikke læses til ende (%s): linjerne derefter er ikke sammenlignet"},
	{RuleAgrNoPrice, catalog.Warning, "price",
		"agreed item %s has no agreed price: its price cannot be checked",
		"aftalevaren %s har ingen aftalepris: prisen kan ikke kontrolleres"},
	{RuleAgrDuplicate, catalog.Warning, "sellerItemId",
		"item %s is on the agreement more than once; the first line counts",
		"varen %s står mere end én gang på aftalen; den første linje gælder"},
	{RuleAgrNoItem, catalog.Warning, "sellerItemId",
		"the agreement line has neither an item number nor a GTIN and was skipped",
		"aftalelinjen har hverken varenummer eller EAN/GTIN og er sprunget over"},
	{RuleAgrBadValue, catalog.Warning, "extra",
		"%s %q is not a number and was ignored",
		"%s %q er ikke et tal og blev ignoreret"},
}

// RuleByID returns the rule with the ID, or nil.
func RuleByID(id string) *Rule { return ruleIndex[id] }

var ruleIndex = func() map[string]*Rule {
	m := make(map[string]*Rule, len(Rules))
	for i := range Rules {
		m[Rules[i].ID] = &Rules[i]
	}
	return m
}()

// Sources of findings: the catalogue or the agreement file.
const (
	SourceCatalogue = "catalogue"
	SourceAgreement = "agreement"
)

// Finding is one deviation. The embedded catalog.Finding carries rule,
// severity, line, position, field and value; Message is this package's.
type Finding struct {
	catalog.Finding
	// Source says which file Line and Pos refer to.
	Source string
	ItemID string
	// Price is set on price findings.
	Price *PriceCheck
	// nums marks the Args that are numbers, written with '.' and shown
	// with a decimal comma in Danish.
	nums uint16
}

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

// ruleOf returns the rule of a finding: one of Rules, or a reader's
// (READ-*) from the catalog rule table, whose findings the comparison
// passes on, so that a row that could not be read is never passed over.
func ruleOf(id string) *Rule {
	if r := RuleByID(id); r != nil {
		return r
	}
	if r := catalog.RuleByID(id); r != nil {
		return &Rule{ID: r.ID, Severity: r.Severity, Field: r.Field, En: r.En, Da: r.Da}
	}
	return &Rule{ID: id, Severity: catalog.Error}
}

// Message renders the finding's message in the language ("en" or "da").
func (f *Finding) Message(lang string) string {
	r := RuleByID(f.Rule)
	if r == nil {
		return f.Finding.Message(lang) // a reader's finding, in the catalog's words
	}
	tmpl := r.En
	if lang == "da" {
		tmpl = r.Da
	}
	args := make([]any, len(f.Args))
	for i, a := range f.Args {
		if lang == "da" && f.nums&(1<<i) != 0 {
			a = strings.ReplaceAll(a, ".", ",")
		}
		args[i] = a
	}
	return fmt.Sprintf(tmpl, args...)
}
