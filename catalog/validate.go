package catalog

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog/units"
)

// Locator says where a field of a line sits in its source.
type Locator interface {
	Locate(l *Line, f Field) Pos
}

// Validator checks a stream of lines against a profile and builds the
// report. Use: NewValidator, then Line for every line in order, then End.
// Line also normalises the line (unit words to codes) so that writers that
// run after it emit canonical values.
type Validator struct {
	p        *Profile
	loc      Locator
	header   Header
	supplied FieldSet
	rep      *Report

	// per-field requirement lists, computed once from the profile.
	mandatory, recommended, forbidden []Field
	// coded are the fields whose values the profile restricts to a list.
	coded []Field
	// missingCols are mandatory fields the source has no column for:
	// reported once, not on every line.
	missingCols FieldSet

	buf []Finding // the current line's findings
	// checks are the line rules the profile leaves on, in order; ctx is
	// what they see.
	checks []lineCheck
	ctx    Ctx
	// run are the checks with work on a line whose present fields are
	// runFor: lines of one file mostly have the same fields, so the list
	// is made again only when they change.
	run    []lineCheck
	runFor FieldSet
	runSet bool
	// maxLen and minLen are the text fields the profile bounds in length.
	maxLen, minLen []Field
	items          dupFinder
	gtins          dupFinder
	// lineErrors has a bit per line that has an error-level finding, so
	// that findings settled at the end count lines with errors right.
	lineErrors []uint64
	// unitCache remembers what unit texts resolve to: a catalogue uses a
	// handful of unit words on a million lines.
	unitCache map[string]unitEntry
	// unitLang is the language the source writes its unit words in, from
	// its column headers (UnitContext); "" when unknown.
	unitLang string
	// wholeLines says the source's update lines carry whole items.
	wholeLines bool
}

// UnitContext is implemented by sources that know the language of their
// unit words from their column headers: in a catalogue with Danish headers
// a Danish word spelled like a unit code of another meaning ("ps", pose or
// pound-force per square inch) is reported as ambiguous.
type UnitContext interface {
	UnitLanguage() string
}

type unitEntry struct {
	res      units.Resolution
	ok       bool
	inPeppol bool
	inOIOUBL bool
}

const unitCacheMax = 4096

// resolveUnit is units.Resolve with a cache.
func (v *Validator) resolveUnit(text string) unitEntry {
	if e, hit := v.unitCache[text]; hit {
		return e
	}
	var e unitEntry
	e.res, e.ok = units.ResolveIn(text, v.unitLang)
	if e.ok {
		_, e.inPeppol = units.ForTarget(e.res.Code, units.Peppol)
		_, e.inOIOUBL = units.ForTarget(e.res.Code, units.OIOUBL)
	}
	if v.unitCache == nil {
		v.unitCache = make(map[string]unitEntry)
	}
	if len(v.unitCache) < unitCacheMax {
		v.unitCache[strings.Clone(text)] = e
	}
	return e
}

// NewValidator prepares validation of a catalogue with the header h whose
// source supplies the fields in supplied; rep receives the results.
func NewValidator(p *Profile, h Header, supplied FieldSet, loc Locator, rep *Report) *Validator {
	v := &Validator{p: p, loc: loc, header: h, supplied: supplied, rep: rep}
	v.ctx.v = v
	for _, f := range append(textFields[:], FieldKeywords) {
		if p.Fields[f].MaxLength > 0 {
			v.maxLen = append(v.maxLen, f)
		}
		if p.Fields[f].MinLength > 0 {
			v.minLen = append(v.minLen, f)
		}
	}
	for _, r := range lineRules {
		if !p.Off[r.ID] && (r.When == nil || r.When(p)) {
			v.checks = append(v.checks, lineCheck{r.On, r.Line, r})
		}
	}
	if uc, ok := loc.(UnitContext); ok {
		v.unitLang = uc.UnitLanguage()
	}
	if wl, ok := loc.(WholeLines); ok {
		v.wholeLines = wl.WholeLines()
	}
	rep.Profile = p.Name
	for f := Field(1); f < numFields; f++ {
		switch p.Fields[f].Use {
		case Mandatory:
			v.mandatory = append(v.mandatory, f)
			rep.Tracked.Add(f)
		case Recommended:
			v.recommended = append(v.recommended, f)
			rep.Tracked.Add(f)
		case Forbidden:
			v.forbidden = append(v.forbidden, f)
		}
		if p.Fields[f].Codes != nil {
			v.coded = append(v.coded, f)
		}
	}
	rep.Tracked |= supplied &^ (1<<FieldExtra | 1<<FieldNone)
	v.checkHeader()
	return v
}

// ExpectLines sizes the catalogue-wide indexes for about n lines, so that
// they do not grow (and briefly double) while a large file streams.
func (v *Validator) ExpectLines(n int) {
	v.items.reserve(n)
	v.gtins.reserve(n)
}

// emit passes a finding through the profile's severity processor.
func (v *Validator) emit(f Finding) {
	sev, on := v.p.Severity(f.Rule.ID, f.Severity)
	if !on {
		return
	}
	f.Severity = sev
	v.rep.Add(f)
}

var headerGetters = map[string]func(h *Header) string{
	"catalogue.id": func(h *Header) string { return h.ID }, "catalogue.name": func(h *Header) string { return h.Name },
	"catalogue.version": func(h *Header) string { return h.Version }, "catalogue.issueDate": func(h *Header) string { return h.IssueDate },
	"catalogue.validFrom": func(h *Header) string { return h.ValidFrom }, "catalogue.validTo": func(h *Header) string { return h.ValidTo },
	"catalogue.action": func(h *Header) string { return h.Action }, "catalogue.agreementId": func(h *Header) string { return h.AgreementID },
	"catalogue.currency": func(h *Header) string { return h.Currency }, "catalogue.language": func(h *Header) string { return h.Language },
	"seller.name": func(h *Header) string { return h.Seller.Name }, "seller.id": func(h *Header) string { return h.Seller.ID },
	"seller.idScheme": func(h *Header) string { return h.Seller.IDScheme }, "seller.endpointId": func(h *Header) string { return h.Seller.EndpointID },
	"seller.endpointScheme": func(h *Header) string { return h.Seller.EndpointScheme }, "seller.country": func(h *Header) string { return h.Seller.Country },
	"receiver.name": func(h *Header) string { return h.Receiver.Name }, "receiver.id": func(h *Header) string { return h.Receiver.ID },
	"receiver.idScheme": func(h *Header) string { return h.Receiver.IDScheme }, "receiver.endpointId": func(h *Header) string { return h.Receiver.EndpointID },
	"receiver.endpointScheme": func(h *Header) string { return h.Receiver.EndpointScheme }, "receiver.country": func(h *Header) string { return h.Receiver.Country },
}

// HeaderValue returns a header field by its dotted name.
func (h *Header) Value(name string) string {
	if g, ok := headerGetters[name]; ok {
		return g(h)
	}
	return ""
}

// checkHeader finds the mandatory and recommended fields the source has no
// column for (reported once, not on every line) and runs the header rules.
func (v *Validator) checkHeader() {
	for _, f := range v.mandatory {
		if !v.supplied.Has(f) && !(f == FieldCurrency && v.header.Currency != "") {
			v.missingCols.Add(f)
		}
	}
	for _, f := range v.recommended {
		if !v.supplied.Has(f) {
			v.missingCols.Add(f)
		}
	}
	c := &v.ctx
	for _, r := range headerRules {
		if r.Header != nil {
			c.rule = r
			r.Header(c, &v.header)
		}
	}
}

func schemeName(s string) string {
	switch s {
	case "0184":
		return "Danish CVR number (0184)"
	case "0088":
		return "GLN (0088)"
	case "0192":
		return "Norwegian organisation number (0192)"
	case "0007":
		return "Swedish organisation number (0007)"
	}
	return "identifier of scheme " + s
}

// lineCheck is a line rule as the validator runs it: its fields, check and
// rule side by side.
type lineCheck struct {
	on   FieldSet
	fn   func(c *Ctx, l *Line)
	rule *Rule
}

// Line normalises and checks one line. It must be called in line order.
func (v *Validator) Line(l *Line) {
	v.rep.Summary.Lines++
	v.buf = append(v.buf[:0], l.Findings...)
	normalizeAction(l)
	c := &v.ctx
	c.l = l
	c.gtinDone = false
	v.resolveUnits(l)
	c.present = l.Present()
	c.ok = c.present &^ l.Bad
	if !v.runSet || c.present != v.runFor {
		v.run = v.run[:0]
		for _, k := range v.checks {
			if k.on == 0 || c.present&k.on != 0 {
				v.run = append(v.run, k)
			}
		}
		v.runFor, v.runSet = c.present, true
	}
	for i := range v.run {
		k := &v.run[i]
		c.rule = k.rule
		k.fn(c, l)
	}
	v.checkCatalogue(l)
	v.finishLine(l, c.present)
}

// partial reports whether a line carries only some fields of its item: a
// line whose action is delete, or an update line of a document whose header
// says it is an update (a UBL CataloguePricingUpdate or
// CatalogueItemSpecificationUpdate), unless the source says its lines are
// whole (WholeLines: an incremental CIF load).
func (v *Validator) partial(l *Line) bool {
	return l.Action == "delete" || l.Action == "update" && strings.EqualFold(v.header.Action, "update") && !v.wholeLines
}

// WholeLines is implemented by sources whose update lines carry the whole
// item, as the rows of an incremental CIF load do: they are held to the
// profile like any line.
type WholeLines interface {
	WholeLines() bool
}

// resolveUnits turns the line's unit words into codes, before the rules
// run: the unit rules report what that took (Ctx.units), and a unit that
// resolves to nothing is bad (Line.Bad) for the other rules.
func (v *Validator) resolveUnits(l *Line) {
	c := &v.ctx
	c.units = [2]unitSeen{}
	if l.Bad.Has(FieldUnit) {
		return
	}
	for i, f := range [...]Field{FieldUnit, FieldContentUnit} {
		s := l.StringField(f)
		if *s == "" {
			continue
		}
		text := *s
		e := v.resolveUnit(text)
		c.units[i] = unitSeen{field: f, text: text, e: e}
		if !e.ok {
			l.Bad.Add(f)
			continue
		}
		*s = e.res.Code
		if f == FieldUnit && text != e.res.Code && l.UnitText == "" {
			l.UnitText = text
		}
	}
}

func altNames(codes []string) string {
	var b strings.Builder
	for i, c := range codes {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c)
		if u, ok := units.Lookup(c); ok {
			b.WriteString(" (" + u.Name + ")")
		}
	}
	return b.String()
}

func (v *Validator) checkCatalogue(l *Line) {
	// By the keys compare and diff match items by (Line.MatchKeys): a
	// GTIN-13 and the same number as a GTIN-14 are one GTIN.
	id := ItemKey(l.SellerItemID)
	if id != "" {
		v.items.add(id, l.SellerItemID, 0, l.Src.Line, l.Src.Row)
	}
	if l.GTIN != "" && !l.Bad.Has(FieldGTIN) {
		v.gtins.add(GTINKey(l.GTIN), l.GTIN, uint32(hashString(id)), l.Src.Line, l.Src.Row)
	}
}

// settleCatalogue turns the suspects of the catalogue-wide checks into
// findings: a repeated item number names the row of its first use; a GTIN
// names the row where it was first used for another item.
func (v *Validator) settleCatalogue() error {
	first, err := v.items.firsts()
	if err != nil {
		return err
	}
	for _, s := range v.items.suspects {
		if f := first[s.key]; f.line >= 0 && f.line < s.line {
			v.lateFinding(s, FieldSellerItemID, RuleItemDuplicate, f)
		}
	}
	if first, err = v.gtins.firsts(); err != nil {
		return err
	}
	for _, s := range v.gtins.suspects {
		if f := first[s.key]; f.line >= 0 && f.line < s.line && f.item != s.item {
			v.lateFinding(s, FieldGTIN, RuleGTINShared, f)
		}
	}
	return nil
}

// SpillTo makes the catalogue-wide checks keep their logs in the given
// stores instead of memory.
func (v *Validator) SpillTo(items, gtins Spill) {
	v.items.log.spill, v.gtins.log.spill = items, gtins
}

func (v *Validator) lateFinding(s suspect, field Field, rule *Rule, first logRec) {
	l := Line{Src: Src{Line: int(s.line), Row: int(s.row)}}
	sev, on := v.p.Severity(rule.ID, rule.Severity)
	if !on {
		return
	}
	f := Finding{Rule: rule, Severity: sev, Line: l.Src.Line, Field: field.String(), Value: s.value}
	if v.loc != nil {
		f.Pos = v.loc.Locate(&l, field)
	}
	f.Args = []string{s.value, refName(first, f.Pos)}
	v.rep.Add(f)
	if sev == Error {
		if v.markLineError(l.Src.Line) {
			v.rep.Summary.LinesWithErrors++
		}
		if st := &v.rep.Fields[field]; st.Valid > 0 {
			st.Valid--
		}
	}
}

// markLineError sets the line's error bit and reports whether it was new.
func (v *Validator) markLineError(line int) bool {
	w := line / 64
	for len(v.lineErrors) <= w {
		v.lineErrors = append(v.lineErrors, 0)
	}
	m := uint64(1) << (line % 64)
	was := v.lineErrors[w]&m != 0
	v.lineErrors[w] |= m
	return !was
}

// refName is how a line is named in another line's finding, in the words
// the report uses for where (Finding.Where): a sheet's row, a text file's
// line (where is the finding's own position), else the line ordinal.
func refName(r logRec, where Pos) string {
	switch {
	case r.row > 0 && where.Row > 0 && where.ColName == "" && where.XPath == "":
		return "{line} " + strconv.Itoa(int(r.row)) // CSV: the file's line
	case r.row > 0:
		return "{row} " + strconv.Itoa(int(r.row))
	}
	return "{line} " + strconv.Itoa(int(r.line))
}

// finishLine runs the line's findings through the processors (profile
// severities, one error per field for ekatalog's own rules; every finding of
// an official rule set is kept, as its validators would report it) and updates the completeness counts.
func (v *Validator) finishLine(l *Line, present FieldSet) {
	var errFields FieldSet
	lineHasError := false
	for i := range v.buf {
		f := &v.buf[i]
		sev, on := v.p.Severity(f.Rule.ID, f.Severity)
		if !on {
			continue
		}
		f.Severity = sev
		fld, known := FieldByName(f.Field)
		if sev == Error && known && f.Rule.Set == "" {
			if errFields.Has(fld) && f.Field != "images" && f.Field != "keywords" {
				continue // one error per field: the first, most specific one
			}
			errFields.Add(fld)
		}
		if sev == Error {
			lineHasError = true
		}
		if f.Line == 0 {
			f.Line = l.Src.Line
		}
		v.rep.Add(*f)
	}
	if lineHasError {
		v.rep.Summary.LinesWithErrors++
		v.markLineError(l.Src.Line)
	}
	tracked := present & v.rep.Tracked
	for s := uint64(tracked); s != 0; s &= s - 1 {
		f := Field(bits.TrailingZeros64(s))
		st := &v.rep.Fields[f]
		st.Present++
		if !l.Bad.Has(f) && !errFields.Has(f) {
			st.Valid++
		}
	}
}

// Report adds a file-level finding (line 0) from outside the validator, such
// as a writer's; the profile's severities apply.
func (v *Validator) Report(f Finding) { v.emit(f) }

// Output records the check of the written file: its findings are kept at
// the severities of the target's rules (the profile judges the source, not
// the target), marked as on the output, and counted in the summary.
func (v *Validator) Output(check OutputCheck, found *Findings) {
	check.Errors, check.Warnings = found.Errors, found.Warnings
	r := v.rep
	r.Summary.Errors += found.Errors
	r.Summary.Warnings += found.Warnings
	r.Summary.Infos += found.Infos
	for _, f := range found.List { // counted above, with those the check left out
		f.Output = true
		if r.Keep(f.RuleID()) {
			r.Findings = append(r.Findings, f)
		}
	}
	for rule, n := range found.Omitted {
		if r.Omitted == nil {
			r.Omitted = map[string]int{}
		}
		r.Omitted[rule] += n
	}
	r.Output = &check
}

// End finishes the report. fileFindings are the reader's file-level
// findings; readErr is set when the source could not be read to its end.
func (v *Validator) End(fileFindings []Finding, readErr error) {
	if err := v.settleCatalogue(); err != nil && readErr == nil {
		readErr = fmt.Errorf("the duplicate check could not read its log: %w", err)
	}
	for _, f := range fileFindings {
		v.emit(f)
	}
	if readErr != nil {
		v.rep.Error = readErr.Error()
		v.emit(Finding{Rule: RuleReadIncomplete, Severity: RuleReadIncomplete.Severity, Args: []string{readErr.Error()}})
	} else if v.rep.Summary.Lines == 0 && !strings.EqualFold(v.header.Action, "delete") {
		// A catalogue deletion (UBL CatalogueDeletion) has no lines.
		v.emit(Finding{Rule: RuleReadNoLines, Severity: RuleReadNoLines.Severity})
	}
	sortFindings(v.rep.Findings)
	v.rep.Finish()
	if v.rep.Summary.Lines == 0 && strings.EqualFold(v.header.Action, "delete") {
		// A catalogue deletion read to its end complies without lines.
		v.rep.Summary.Compliant = v.rep.Error == "" && v.rep.Summary.Errors == 0
	}
}

// vatCategories is UNCL5305 as EN 16931 uses it; the T19 rules embed no
// list for it, so it is named here.
var vatCategories = []string{"S", "Z", "E", "AE", "K", "G", "O", "L", "M", "B"}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func multipleOf(x, step float64) bool {
	q := x / step
	return math.Abs(q-math.Round(q)) < 1e-9
}

func fmtNum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// normalizeAction maps the words suppliers use to add, update, delete.
func normalizeAction(l *Line) {
	if l.Action == "" {
		return
	}
	switch strings.ToLower(strings.TrimSpace(l.Action)) {
	case "add", "a", "new", "ny", "tilføj", "opret":
		l.Action = "add"
	case "update", "u", "change", "ændr", "ændret", "opdater", "replace":
		l.Action = "update"
	case "delete", "d", "remove", "slet", "fjern", "udgår":
		l.Action = "delete"
	}
}
