package compare

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/source"
)

// Options for one comparison.
type Options struct {
	// Tolerance is how many percent a price may lie above the agreed price
	// before it is a finding; an agreement's tolerance column overrides it
	// per item.
	Tolerance float64
	// Limits bound the findings kept per rule and in all; counts stay
	// exact. The zero value keeps catalog.DefaultLimits.
	Limits catalog.Limits
	// Top is how many of the largest deviations the summary lists (10).
	Top int
}

// Result is the outcome of comparing one catalogue with an agreement.
type Result struct {
	Agreement       string
	AgreementFormat string
	Catalogue       string
	CatalogueFormat string
	Tolerance       float64
	// Error is set when the catalogue could not be read to the end.
	Error   string
	Summary Summary
	// Findings are the deviations kept, catalogue first, by line; each
	// names its Source and Item.
	Findings []catalog.Finding
	// Prices[i] is the price compared for Findings[i], nil for a finding
	// not about a price.
	Prices []*PriceCheck
	// Cap bounds the findings kept (Options.Limits); Cap.Omitted counts,
	// per rule, findings counted but not kept.
	catalog.Cap
	// Top are the largest deviations above the agreed price, largest first.
	Top []Deviation
}

// Summary counts a comparison.
type Summary struct {
	CatalogueLines int
	// Matched lines found an agreed item, MatchedByGTIN of them through the
	// GTIN only.
	Matched, MatchedByGTIN int
	NotOnAgreement         int
	AgreementItems         int
	// AgreementFound is how many agreed items the catalogue has; Coverage
	// is that in percent of AgreementItems.
	AgreementFound int
	Coverage       float64
	// PriceChecked lines had a price compared; of those Above are above the
	// agreed price beyond the tolerance or above the maximum price (AboveMax),
	// WithinTolerance above it within the tolerance, Below below it.
	PriceChecked, Above, AboveMax, WithinTolerance, Below int
	UnitMismatch, PackChanged                             int
	Errors, Warnings, Infos                               int
	// Conforming: read to the end and no error-level finding.
	Conforming bool
}

// Deviation is one line priced above its agreement.
type Deviation struct {
	ItemID string
	Line   int
	Pos    catalog.Pos
	Rule   string
	PriceCheck
}

// Compare reads the catalogue and compares every line with the agreement.
// The catalogue is streamed; only the agreement is held in memory. The
// error is for a catalogue that cannot be opened at all. An Agreement
// serves one Compare at a time (it marks the items found), any number in
// turn.
func Compare(a *Agreement, catalogue string, po source.Options, o Options) (*Result, error) {
	src, err := source.Open(catalogue, po)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	c := newComparer(a, src.Reader, src.Header().Currency, o)
	c.res.Catalogue, c.res.CatalogueFormat = src.Name, src.Format.Name
	src.Each(func(l *catalog.Line) error {
		c.line(l)
		return nil
	})
	for _, f := range src.Findings() {
		c.passOn(f, SourceCatalogue, "")
	}
	return c.end(src.Err()), nil
}

// comparer holds the state of one comparison.
type comparer struct {
	a        *Agreement
	loc      catalog.Locator
	o        Options
	res      *Result
	units    unitCache
	currency string // the catalogue header's
}

func newComparer(a *Agreement, loc catalog.Locator, currency string, o Options) *comparer {
	if o.Top == 0 {
		o.Top = 10
	}
	c := &comparer{a: a, loc: loc, o: o, currency: currency,
		res: &Result{Agreement: a.File, AgreementFormat: a.Format, Tolerance: o.Tolerance, Cap: catalog.Cap{Limits: o.Limits}}}
	for i := range a.items {
		a.items[i].seen = false
	}
	for i := range a.findings {
		c.add(a.findings[i])
	}
	return c
}

// wouldKeep counts a finding of the rule when it will not be kept, and then
// reports false; the hot path asks before it builds the finding's
// arguments.
func (c *comparer) wouldKeep(rule *catalog.Rule) bool {
	if c.res.Full(rule.ID) {
		c.keep(rule)
		return false
	}
	return true
}

// keep counts a finding of the rule and reports whether it is also kept.
func (c *comparer) keep(rule *catalog.Rule) bool {
	s := &c.res.Summary
	switch rule.Severity {
	case catalog.Error:
		s.Errors++
	case catalog.Warning:
		s.Warnings++
	default:
		s.Infos++
	}
	return c.res.Keep(rule.ID)
}

// keepFinding appends a finding counted and kept, with its price check.
func (c *comparer) keepFinding(f catalog.Finding, price *PriceCheck) {
	c.res.Findings = append(c.res.Findings, f)
	c.res.Prices = append(c.res.Prices, price)
}

// passOn records a reader's finding (a cell or row that could not be read
// as it should) of warning or error level: a comparison that passed over
// an unreadable row in silence would look cleaner than it is.
func (c *comparer) passOn(f catalog.Finding, source, itemID string) {
	if f.Severity == catalog.Info || !c.keep(f.Rule) {
		return
	}
	f = f.Detach()
	f.Source, f.Item = source, strings.Clone(strings.TrimSpace(itemID))
	c.keepFinding(f, nil)
}

// add records a finding made elsewhere (the agreement's).
func (c *comparer) add(f catalog.Finding) {
	if c.keep(f.Rule) {
		c.keepFinding(f, nil)
	}
}

// report records a finding on a catalogue line; args at the positions in
// nums are numbers. Nothing is built, copied or located when the finding
// is only counted: a million lines off the agreement cost a count each.
func (c *comparer) report(l *catalog.Line, rule *catalog.Rule, f catalog.Field, value string, pc *PriceCheck, nums uint16, args ...string) {
	if !c.keep(rule) {
		return
	}
	for i, a := range args {
		args[i] = strings.Clone(a) // the line's strings are reused
	}
	var price *PriceCheck // a copy: pc is the caller's, on its stack
	if pc != nil {
		cp := *pc
		price = &cp
	}
	c.keepFinding(catalog.Finding{Rule: rule, Severity: rule.Severity, Line: l.Src.Line, Pos: c.loc.Locate(l, f),
		Field: f.String(), Value: strings.Clone(value), Args: args,
		Source: SourceCatalogue, Item: strings.Clone(l.SellerItemID), Nums: nums}, price)
}

func (c *comparer) line(l *catalog.Line) {
	s := &c.res.Summary
	s.CatalogueLines++
	for _, f := range l.Findings { // stamped with their position by the source
		c.passOn(f, SourceCatalogue, l.SellerItemID)
	}
	a := c.a
	id, gtin, _ := l.MatchKeys()
	idx, byID := a.byID.Get(id)
	if !byID {
		gi, ok := a.byGTIN.Get(gtin)
		if !ok {
			s.NotOnAgreement++
			if c.wouldKeep(RuleNotOnAgreement) {
				c.report(l, RuleNotOnAgreement, catalog.FieldSellerItemID, l.SellerItemID, nil, 0, id)
			}
			return
		}
		idx = gi
		s.MatchedByGTIN++
		if id != "" && id != string(a.idBytes(gi)) && c.wouldKeep(RuleGTINOtherItem) {
			c.report(l, RuleGTINOtherItem, catalog.FieldGTIN, l.GTIN, nil, 0, l.GTIN, a.key(gi), id)
		}
	} else if gtin != "" && gtin != string(catalog.GTINKeyBytes(a.gtinBytes(idx))) {
		if gi, ok := a.byGTIN.Get(gtin); ok && gi != idx && a.items[gi].idLen > 0 && c.wouldKeep(RuleGTINOtherItem) {
			c.report(l, RuleGTINOtherItem, catalog.FieldGTIN, l.GTIN, nil, 0, l.GTIN, a.key(gi), id)
		}
	}
	s.Matched++
	it := &a.items[idx]
	if !it.seen {
		it.seen = true
		s.AgreementFound++
	}
	c.checkPack(l, it)
	if it.priced && l.Price.Valid {
		c.checkPrice(l, it)
	}
}

// checkPack reports a pack quantity that differs from the agreed one, for
// the same order unit.
func (c *comparer) checkPack(l *catalog.Line, it *item) {
	if math.IsNaN(it.pack) || !l.PackQuantity.Valid || sameNumber(it.pack, l.PackQuantity.V) {
		return
	}
	if u := c.a.units[it.unit]; u != "" && c.units.get(l.Unit).code != u {
		return
	}
	c.res.Summary.PackChanged++
	if c.wouldKeep(RulePackChanged) {
		c.report(l, RulePackChanged, catalog.FieldPackQuantity, "", nil, 0b11, qty(l.PackQuantity.V), qty(it.pack))
	}
}

func (c *comparer) checkPrice(l *catalog.Line, it *item) {
	s := &c.res.Summary
	cur := l.Currency
	if cur == "" {
		cur = c.currency
	}
	agreed := c.a.moneys[it.currency]
	if agreed == "" {
		agreed = c.a.Currency
	}
	if cur != "" && agreed != "" && !strings.EqualFold(cur, agreed) {
		if c.wouldKeep(RuleCurrency) {
			c.report(l, RuleCurrency, catalog.FieldCurrency, cur, nil, 0, cur, agreed)
		}
		return
	}
	base := 1.0
	if l.PriceBaseQuantity.Valid && l.PriceBaseQuantity.V > 0 {
		base = l.PriceBaseQuantity.V
	}
	unit := c.units.get(l.Unit)
	aunit := c.a.units[it.unit]
	var price, agreedPrice, maxPrice float64
	var per string
	k, amt, ok := amount(unit, l.PackQuantity.V, l.PackQuantity.Valid, c.units.get(l.ContentUnit), l.ContentUnit != "")
	switch {
	case ok && amt > 0 && it.kind != kindNone && k == it.kind:
		price, agreedPrice, maxPrice, per = l.Price.V/base/amt, it.unitPrice, it.maxUnit, k.Base()
	case aunit == "" || unit.code == aunit || unit.code == "" && strings.EqualFold(l.Unit, aunit):
		// The same order unit (or the agreement names none): the prices
		// compare as they stand.
		per = aunit
		if per == "" {
			per = unitLabel(l.Unit, unit)
		}
		price, agreedPrice, maxPrice = l.Price.V/base, it.price/it.base, it.max/it.base
	default:
		s.UnitMismatch++
		if c.wouldKeep(RuleUnitMismatch) {
			c.report(l, RuleUnitMismatch, catalog.FieldUnit, l.Unit, nil, 0, describeUnit(l, unit), c.describeAgreed(it))
		}
		return
	}
	s.PriceChecked++
	pc := PriceCheck{Price: price, Agreed: agreedPrice, Per: per, Difference: price - agreedPrice,
		Percent: 100 * (price - agreedPrice) / agreedPrice, Max: maxPrice}
	tol := c.o.Tolerance
	if it.tolerance >= 0 {
		tol = it.tolerance
	}
	const eps = 1e-9
	switch {
	case maxPrice > 0 && price > maxPrice*(1+eps):
		s.Above++
		s.AboveMax++
		c.top(l, RuleAboveMax, &pc)
		if c.wouldKeep(RuleAboveMax) {
			c.report(l, RuleAboveMax, catalog.FieldPrice, qty(l.Price.V), &pc, 0b110101,
				PriceText(price), per, PriceText(maxPrice), per, PriceText(agreedPrice), pct(pc.Percent))
		}
	case pc.Percent > tol+eps*100:
		s.Above++
		c.top(l, RuleAbove, &pc)
		if c.wouldKeep(RuleAbove) {
			c.report(l, RuleAbove, catalog.FieldPrice, qty(l.Price.V), &pc, 0b1011101,
				PriceText(price), per, PriceText(pc.Difference), pct(pc.Percent), PriceText(agreedPrice), per, pct(tol))
		}
	case price > agreedPrice*(1+eps):
		s.WithinTolerance++
	case price < agreedPrice*(1-eps):
		s.Below++
		if c.wouldKeep(RuleBelow) {
			c.report(l, RuleBelow, catalog.FieldPrice, qty(l.Price.V), &pc, 0b11101,
				PriceText(price), per, PriceText(-pc.Difference), pct(-pc.Percent), PriceText(agreedPrice), per)
		}
	}
}

// top keeps the largest deviations, largest percentage first.
func (c *comparer) top(l *catalog.Line, rule *catalog.Rule, pc *PriceCheck) {
	t := c.res.Top
	if len(t) == c.o.Top && t[len(t)-1].Percent >= pc.Percent {
		return
	}
	d := Deviation{ItemID: strings.Clone(l.SellerItemID), Line: l.Src.Line, Pos: c.loc.Locate(l, catalog.FieldPrice),
		Rule: rule.ID, PriceCheck: *pc}
	i, _ := slices.BinarySearchFunc(t, d.Percent, func(e Deviation, p float64) int { return cmp.Compare(p, e.Percent) })
	for i < len(t) && t[i].Percent == d.Percent {
		i++ // ties keep catalogue order
	}
	t = slices.Insert(t, i, d)
	if len(t) > c.o.Top {
		t = t[:c.o.Top]
	}
	c.res.Top = t
}

func (c *comparer) end(readErr error) *Result {
	res := c.res
	s := &res.Summary
	if readErr != nil {
		res.Error = readErr.Error()
		if c.keep(RuleIncomplete) {
			c.keepFinding(catalog.Finding{Rule: RuleIncomplete, Severity: RuleIncomplete.Severity,
				Args: []string{readErr.Error()}, Source: SourceCatalogue}, nil)
		}
	}
	for i := range c.a.items {
		it := &c.a.items[i]
		if it.seen {
			continue
		}
		if !c.keep(RuleMissing) {
			continue
		}
		key := c.a.key(int32(i))
		c.keepFinding(catalog.Finding{Rule: RuleMissing, Severity: RuleMissing.Severity,
			Line: int(it.line), Pos: catalog.Pos{Row: int(it.row)}, Field: "sellerItemId", Value: key, Args: []string{key},
			Source: SourceAgreement, Item: key}, nil)
	}
	s.AgreementItems = len(c.a.items)
	if s.AgreementItems > 0 {
		s.Coverage = 100 * float64(s.AgreementFound) / float64(s.AgreementItems)
	}
	s.Conforming = res.Error == "" && s.Errors == 0
	res.sort()
	return res
}

// sort orders the findings catalogue first, then by line, keeping the
// order of findings on the same line; their price checks move with them.
// It sorts in place: a result holds up to Limits.Total findings.
func (res *Result) sort() { sort.Stable(byPlace{res}) }

// byPlace sorts a result's findings and price checks together.
type byPlace struct{ *Result }

func (b byPlace) Len() int { return len(b.Findings) }

func (b byPlace) Less(i, j int) bool {
	x, y := &b.Findings[i], &b.Findings[j]
	return cmp.Or(cmp.Compare(sourceOrder(x.Source), sourceOrder(y.Source)), cmp.Compare(x.Line, y.Line)) < 0
}

func (b byPlace) Swap(i, j int) {
	b.Findings[i], b.Findings[j] = b.Findings[j], b.Findings[i]
	b.Prices[i], b.Prices[j] = b.Prices[j], b.Prices[i]
}

func sourceOrder(s string) int {
	if s == SourceAgreement {
		return 1
	}
	return 0
}

// describeUnit says what a line is sold per, for the unit-mismatch message:
// "KGM", or "XBX (10 H87)" for a package.
func describeUnit(l *catalog.Line, u unitInfo) string {
	d := unitLabel(l.Unit, u)
	if l.PackQuantity.Valid && u.Kind == kindNone {
		content := l.ContentUnit
		if content == "" {
			content = "H87"
		}
		d += " (" + qty(l.PackQuantity.V) + " " + content + ")"
	}
	return d
}

func (c *comparer) describeAgreed(it *item) string {
	d := c.a.units[it.unit]
	if d == "" {
		d = "?"
	}
	if !math.IsNaN(it.pack) && kindOf(d) == kindNone {
		d += " (" + qty(it.pack) + ")"
	}
	return d
}

func unitLabel(text string, u unitInfo) string {
	if u.code != "" {
		return u.code
	}
	if text == "" {
		return "?"
	}
	return strings.Clone(text)
}

// sameNumber compares two quantities read from text.
func sameNumber(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b)) }

// PriceText writes a price: two decimals, more where a unit price needs them
// (0.0125), at most four.
func PriceText(x float64) string {
	s := strconv.FormatFloat(x, 'f', 4, 64)
	for strings.HasSuffix(s, "0") && len(s)-strings.IndexByte(s, '.') > 3 {
		s = s[:len(s)-1]
	}
	return s
}

// qty writes a quantity as it is: 10, 2.5.
func qty(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func pct(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }

// Price returns the price check of Findings[i], nil when the finding is not
// about a price.
func (r *Result) Price(i int) *PriceCheck {
	if i < len(r.Prices) {
		return r.Prices[i]
	}
	return nil
}
