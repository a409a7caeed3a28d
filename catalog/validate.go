package catalog

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ekatalog/ekatalog/catalog/check"
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

	buf   []Finding // the current line's findings
	items dupFinder
	gtins dupFinder
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

func (v *Validator) headerFinding(rule, field, value string, args ...string) {
	r := RuleByID(rule)
	v.emit(Finding{Rule: rule, Severity: r.Severity, Field: field, Value: value, Args: args})
}

// emit passes a finding through the profile's severity processor.
func (v *Validator) emit(f Finding) {
	sev, on := v.p.Severity(f.Rule, f.Severity)
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

func (v *Validator) checkHeader() {
	h := &v.header
	for _, name := range v.p.HeaderFields() {
		if v.p.Header[name] == Mandatory && h.Value(name) == "" {
			v.headerFinding("HEADER-MISSING", name, "", name)
		}
	}
	for _, d := range []string{"catalogue.issueDate", "catalogue.validFrom", "catalogue.validTo"} {
		if val := h.Value(d); val != "" && !check.Date(val) {
			v.headerFinding("HEADER-DATE", d, val, d, val)
		}
	}
	if check.Date(h.ValidFrom) && check.Date(h.ValidTo) && h.ValidTo < h.ValidFrom {
		v.headerFinding("HEADER-DATE-RANGE", "catalogue.validTo", h.ValidTo, h.ValidTo, h.ValidFrom)
	}
	if h.Currency != "" && !check.Currency(h.Currency) {
		v.headerFinding("HEADER-CURRENCY", "catalogue.currency", h.Currency, h.Currency)
	}
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
				v.headerFinding("PARTY-ID", id.field, id.value, id.field, id.value, schemeName(id.scheme))
			}
		}
	}
	for _, f := range v.mandatory {
		if v.supplied.Has(f) || f == FieldCurrency && h.Currency != "" {
			continue
		}
		v.missingCols.Add(f)
		v.headerFinding("COLUMN-MISSING", f.String(), "", Fields[f].Da+" / "+Fields[f].En)
	}
	for _, f := range v.recommended {
		if !v.supplied.Has(f) {
			v.missingCols.Add(f)
			v.headerFinding("COLUMN-RECOMMENDED", f.String(), "")
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

// add records a finding on the current line at the field's position.
func (v *Validator) add(l *Line, rule string, f Field, value string, args ...string) {
	r := RuleByID(rule)
	fi := Finding{Rule: rule, Severity: r.Severity, Line: l.Src.Line, Field: f.String(), Value: value, Args: args}
	if v.loc != nil {
		fi.Pos = v.loc.Locate(l, f)
	}
	v.buf = append(v.buf, fi)
}

// Line normalises and checks one line. It must be called in line order.
func (v *Validator) Line(l *Line) {
	v.rep.Summary.Lines++
	v.buf = append(v.buf[:0], l.Findings...)
	normalizeAction(l)
	v.checkUnits(l)
	present := l.Present()
	v.checkRequired(l, present)
	v.checkValues(l, present)
	v.checkCatalogue(l)
	v.finishLine(l, present)
}

func (v *Validator) checkRequired(l *Line, present FieldSet) {
	if v.partial(l) {
		// A deletion, or a line of an update document, names its item and
		// carries only what changes: the item number (or line ID) is all
		// it needs.
		if !present.Has(FieldSellerItemID) && !present.Has(FieldLineID) {
			v.add(l, "FIELD-MISSING", FieldSellerItemID, "")
		}
		for _, f := range v.forbidden {
			if present.Has(f) {
				v.add(l, "FIELD-FORBIDDEN", f, "")
			}
		}
		return
	}
	for _, f := range v.mandatory {
		if present.Has(f) || v.missingCols.Has(f) || f == FieldCurrency && v.header.Currency != "" {
			continue
		}
		v.add(l, "FIELD-MISSING", f, "")
	}
	for _, f := range v.recommended {
		if !present.Has(f) && !v.missingCols.Has(f) {
			v.add(l, "FIELD-RECOMMENDED", f, "")
		}
	}
	for _, f := range v.forbidden {
		if present.Has(f) {
			v.add(l, "FIELD-FORBIDDEN", f, "")
		}
	}
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

// textFields are checked for control characters and profile lengths.
var textFields = [...]Field{FieldSellerItemID, FieldName, FieldDescription, FieldManufacturerItemID,
	FieldManufacturerName, FieldBrand, FieldUnitText}

func (v *Validator) checkValues(l *Line, present FieldSet) {
	ok := present &^ l.Bad
	for _, f := range textFields {
		if ok.Has(f) {
			v.checkText(l, f, *l.StringField(f))
		}
	}
	for _, k := range l.Keywords {
		v.checkText(l, FieldKeywords, k)
	}
	for _, f := range v.coded {
		if codes := v.p.Fields[f].Codes; ok.Has(f) {
			if s := l.StringField(f); s != nil && !contains(codes, *s) {
				v.add(l, "FIELD-CODE", f, *s, *s, strings.Join(codes, ", "))
			}
		}
	}
	if ok.Has(FieldGTIN) {
		v.checkGTIN(l)
	}
	if ok.Has(FieldClassification) {
		v.checkClassification(l)
	}
	if ok.Has(FieldCurrency) && !check.Currency(l.Currency) {
		v.add(l, "CURRENCY-CODE", FieldCurrency, l.Currency, l.Currency)
	}
	if ok.Has(FieldOriginCountry) && !check.Country(l.OriginCountry) {
		v.add(l, "COUNTRY-CODE", FieldOriginCountry, l.OriginCountry, l.OriginCountry)
	}
	if ok.Has(FieldPrice) {
		switch {
		case l.Price.V < 0:
			v.add(l, "PRICE-NEGATIVE", FieldPrice, fmtNum(l.Price.V), fmtNum(l.Price.V))
		case l.Price.V == 0:
			v.add(l, "PRICE-ZERO", FieldPrice, "0")
		}
	}
	for _, f := range [...]Field{FieldPackQuantity, FieldOrderQuantityIncrement, FieldPriceBaseQuantity, FieldMaxOrderQuantity} {
		if n := l.NumField(f); ok.Has(f) && n.V <= 0 {
			v.add(l, "QUANTITY-NOT-POSITIVE", f, fmtNum(n.V), fmtNum(n.V))
		}
	}
	if ok.Has(FieldMinOrderQuantity) {
		mn := l.MinOrderQuantity.V
		switch {
		case mn < 0:
			v.add(l, "QUANTITY-NOT-POSITIVE", FieldMinOrderQuantity, fmtNum(mn), fmtNum(mn))
		case ok.Has(FieldMaxOrderQuantity) && l.MaxOrderQuantity.V > 0 && mn > l.MaxOrderQuantity.V:
			v.add(l, "QUANTITY-RANGE", FieldMinOrderQuantity, fmtNum(mn), fmtNum(mn), fmtNum(l.MaxOrderQuantity.V))
		case ok.Has(FieldOrderQuantityIncrement) && l.OrderQuantityIncrement.V > 0 && mn > 0 &&
			!multipleOf(mn, l.OrderQuantityIncrement.V):
			v.add(l, "QUANTITY-INCREMENT", FieldMinOrderQuantity, fmtNum(mn), fmtNum(mn), fmtNum(l.OrderQuantityIncrement.V))
		}
	}
	v.checkVAT(l, ok)
	if ok.Has(FieldLeadTimeDays) && l.LeadTimeDays.V < 0 {
		v.add(l, "LEADTIME-NEGATIVE", FieldLeadTimeDays, fmtNum(l.LeadTimeDays.V), fmtNum(l.LeadTimeDays.V))
	}
	datesOK := true
	for _, f := range [...]Field{FieldValidFrom, FieldValidTo} {
		if s := *l.StringField(f); ok.Has(f) && !check.Date(s) {
			v.add(l, "DATE-INVALID", f, s, s)
			datesOK = false
		}
	}
	if datesOK && ok.Has(FieldValidFrom) && ok.Has(FieldValidTo) && l.ValidTo < l.ValidFrom {
		v.add(l, "DATE-RANGE", FieldValidTo, l.ValidTo, l.ValidTo, l.ValidFrom)
	}
	for _, img := range l.Images {
		if !check.HTTPURL(img) {
			v.add(l, "IMAGE-URL", FieldImages, img, img)
		}
	}
	if ok.Has(FieldAction) && l.Action != "add" && l.Action != "update" && l.Action != "delete" {
		v.add(l, "ACTION-CODE", FieldAction, l.Action, l.Action)
	}
}

func (v *Validator) checkText(l *Line, f Field, s string) {
	if i := check.ControlChar(s); i >= 0 {
		v.add(l, "TEXT-CONTROL-CHAR", f, s, strconv.Itoa(utf8.RuneCountInString(s[:i])+1))
	}
	r := &v.p.Fields[f]
	if r.MinLength == 0 && (r.MaxLength == 0 || len(s) <= r.MaxLength) {
		return // bytes bound runes: no need to count them
	}
	n := len(s)
	if n > r.MaxLength || n < r.MinLength {
		n = utf8.RuneCountInString(s)
	}
	switch {
	case r.MaxLength > 0 && n > r.MaxLength:
		v.add(l, "FIELD-TOO-LONG", f, s, strconv.Itoa(n), strconv.Itoa(r.MaxLength))
	case n < r.MinLength:
		v.add(l, "FIELD-TOO-SHORT", f, s, strconv.Itoa(n), strconv.Itoa(r.MinLength))
	}
}

func (v *Validator) checkGTIN(l *Line) {
	ok, reason := check.GTIN(l.GTIN)
	if ok {
		return
	}
	if reason == check.BadCheckDigit {
		want := check.GTINCheckDigit(l.GTIN[:len(l.GTIN)-1])
		v.add(l, "GTIN-CHECK-DIGIT", FieldGTIN, l.GTIN, l.GTIN, string(want))
		return
	}
	v.add(l, "GTIN-FORMAT", FieldGTIN, l.GTIN, l.GTIN, reason.String())
}

func (v *Validator) checkClassification(l *Line) {
	for _, c := range l.Classification {
		switch c.Scheme {
		case "UNSPSC":
			ok, commodity := check.UNSPSC(c.Code)
			if !ok {
				v.addScheme(l, "UNSPSC-FORMAT", c, c.Code)
			} else if !commodity {
				v.addScheme(l, "UNSPSC-NOT-COMMODITY", c, c.Code)
			}
		case "CPV":
			if ok, reason := check.CPV(c.Code); reason == check.BadCheckDigit {
				v.addScheme(l, "CPV-CHECK-DIGIT", c, c.Code, c.Code[9:], string(check.CPVCheckDigit(c.Code[:8])))
			} else if !ok {
				v.addScheme(l, "CPV-FORMAT", c, c.Code, reason.String())
			}
		}
	}
	for _, want := range v.p.Fields[FieldClassification].Schemes {
		if _, has := l.ClassificationCode(want); !has {
			var have []string
			for _, c := range l.Classification {
				have = append(have, c.Scheme)
			}
			v.add(l, "CLASSIFICATION-SCHEME", FieldClassification, "", want, strings.Join(have, ", "))
		}
	}
}

// SchemeLocator is implemented by sources that can place a classification
// of a given scheme more precisely than the field's first column.
type SchemeLocator interface {
	LocateScheme(l *Line, scheme string) Pos
}

func (v *Validator) addScheme(l *Line, rule string, c Classification, args ...string) {
	v.add(l, rule, FieldClassification, c.Code, args...)
	if sl, ok := v.loc.(SchemeLocator); ok {
		v.buf[len(v.buf)-1].Pos = sl.LocateScheme(l, c.Scheme)
	}
}

// checkUnits turns unit words into codes and reports what that took.
func (v *Validator) checkUnits(l *Line) {
	if l.Bad.Has(FieldUnit) {
		return
	}
	for _, f := range [...]Field{FieldUnit, FieldContentUnit} {
		s := l.StringField(f)
		if *s == "" {
			continue
		}
		text := *s
		e := v.resolveUnit(text)
		res := e.res
		if !e.ok {
			v.add(l, "UNIT-UNKNOWN", f, text, text)
			l.Bad.Add(f)
			continue
		}
		*s = res.Code
		if f == FieldUnit && text != res.Code && l.UnitText == "" {
			l.UnitText = text
		}
		switch {
		case len(res.Alternatives) > 0:
			v.add(l, "UNIT-AMBIGUOUS", f, text, text, res.Code+" ("+res.Unit.Name+")", altNames(res.Alternatives))
		case res.Deleted && v.p.Units == UnitsPeppol && res.Replaced != "" && text == res.Replaced:
			// Only the code as written ("PK") is the retired code; "pk"
			// is the Danish abbreviation of pakke.
			v.add(l, "UNIT-DELETED", f, text, text, res.Code)
		}
		switch v.p.Units {
		case UnitsPeppol:
			if !e.inPeppol {
				v.add(l, "UNIT-NOT-IN-LIST", f, text, text, res.Unit.Name, "PEPPOL")
			}
		case UnitsOIOUBL:
			if !e.inOIOUBL {
				v.add(l, "UNIT-NOT-IN-LIST", f, text, text, res.Unit.Name, "OIOUBL")
			}
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

func (v *Validator) checkVAT(l *Line, ok FieldSet) {
	if ok.Has(FieldVATPercent) && len(v.p.VATRates) > 0 {
		found := false
		for _, r := range v.p.VATRates {
			if math.Abs(r-l.VATPercent.V) < 1e-9 {
				found = true
			}
		}
		if !found {
			rates := make([]string, len(v.p.VATRates))
			for i, r := range v.p.VATRates {
				rates[i] = fmtNum(r)
			}
			v.add(l, "VAT-RATE", FieldVATPercent, fmtNum(l.VATPercent.V), fmtNum(l.VATPercent.V), strings.Join(rates, ", "))
			return
		}
	}
	if !ok.Has(FieldVATCategory) {
		return
	}
	cat := l.VATCategory
	if !contains(vatCategories, cat) {
		v.add(l, "VAT-CATEGORY-CODE", FieldVATCategory, cat, cat)
		return
	}
	if !ok.Has(FieldVATPercent) {
		return
	}
	zero := l.VATPercent.V == 0
	if cat == "S" && zero || (cat == "Z" || cat == "E" || cat == "AE" || cat == "K" || cat == "G" || cat == "O") && !zero {
		v.add(l, "VAT-CATEGORY", FieldVATCategory, cat, cat, fmtNum(l.VATPercent.V))
	}
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
			v.lateFinding(s, FieldSellerItemID, "ITEM-DUPLICATE", f)
		}
	}
	if first, err = v.gtins.firsts(); err != nil {
		return err
	}
	for _, s := range v.gtins.suspects {
		if f := first[s.key]; f.line >= 0 && f.line < s.line && f.item != s.item {
			v.lateFinding(s, FieldGTIN, "GTIN-SHARED", f)
		}
	}
	return nil
}

// SpillTo makes the catalogue-wide checks keep their logs in the given
// stores instead of memory.
func (v *Validator) SpillTo(items, gtins Spill) {
	v.items.log.spill, v.gtins.log.spill = items, gtins
}

func (v *Validator) lateFinding(s suspect, field Field, rule string, first logRec) {
	l := Line{Src: Src{Line: int(s.line), Row: int(s.row)}}
	r := RuleByID(rule)
	sev, on := v.p.Severity(rule, r.Severity)
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
		sev, on := v.p.Severity(f.Rule, f.Severity)
		if !on {
			continue
		}
		f.Severity = sev
		fld, known := FieldByName(f.Field)
		if sev == Error && known && !official(f.Rule) {
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
func (v *Validator) Output(check OutputCheck, findings []Finding) {
	for _, f := range findings {
		f.Output = true
		switch f.Severity {
		case Error:
			check.Errors++
		case Warning:
			check.Warnings++
		}
		v.rep.Add(f)
	}
	v.rep.Output = &check
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
		v.emit(Finding{Rule: "READ-INCOMPLETE", Severity: Error, Args: []string{readErr.Error()}})
	} else if v.rep.Summary.Lines == 0 && !strings.EqualFold(v.header.Action, "delete") {
		// A catalogue deletion (UBL CatalogueDeletion) has no lines.
		v.emit(Finding{Rule: "READ-NO-LINES", Severity: Error})
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
