package catalog

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ekatalog/ekatalog/catalog/check"
)

// The line rules: ekatalog's own checks of one line, each a value with its
// check. The validator runs them in the order of lineRules. A check does
// not name its rule: Ctx.Add raises the rule being run.
var (
	RuleUnitUnknown = &Rule{ID: "UNIT-UNKNOWN", Severity: Error, Field: "unit",
		En:   "unit %q is neither a UN/ECE Rec 20/21 code nor a known unit word; use a code such as H87 (piece), XPK (pack) or XBX (box), or a word such as stk, pakke, æske",
		Da:   "enheden %q er hverken en UN/ECE Rec 20/21-kode eller et kendt enhedsord; brug en kode som H87 (stk), XPK (pakke) eller XBX (æske) eller et ord som stk, pakke, æske",
		Line: checkUnitUnknown, On: fieldSet(FieldUnit, FieldContentUnit)}
	RuleUnitAmbiguous = &Rule{ID: "UNIT-AMBIGUOUS", Severity: Warning, Field: "unit",
		En:   "unit %q is ambiguous; read as %s, but it may mean %s: give the code to be sure",
		Da:   "enheden %q er tvetydig; læst som %s, men kan betyde %s: angiv koden for at være sikker",
		Line: checkUnitAmbiguous, On: fieldSet(FieldUnit, FieldContentUnit)}
	RuleUnitDeleted = &Rule{ID: "UNIT-DELETED", Severity: Warning, Field: "unit",
		En:   "unit code %q was deleted from UN/ECE Rec 20; read as its Rec 21 replacement %s",
		Da:   "enhedskoden %q er slettet fra UN/ECE Rec 20; læst som erstatningen %s fra Rec 21",
		Line: checkUnitDeleted, On: fieldSet(FieldUnit, FieldContentUnit),
		When: func(p *Profile) bool { return p.Units == UnitsPeppol }}
	RuleUnitNotInList = &Rule{ID: "UNIT-NOT-IN-LIST", Severity: Error, Field: "unit",
		En:   "unit %q (%s) has no code in the %s unit code list",
		Da:   "enheden %q (%s) har ingen kode i %s-enhedslisten",
		Line: checkUnitNotInList, On: fieldSet(FieldUnit, FieldContentUnit),
		When: func(p *Profile) bool { return p.Units == UnitsPeppol || p.Units == UnitsOIOUBL }}

	RuleFieldMissing = &Rule{ID: "FIELD-MISSING", Severity: Error,
		En:   "{field} is mandatory but empty",
		Da:   "{field} er obligatorisk, men er tom",
		Line: checkFieldMissing}
	RuleFieldRecommended = &Rule{ID: "FIELD-RECOMMENDED", Severity: Warning,
		En:   "{field} is empty; it is recommended, because buyers search and compare by it",
		Da:   "{field} er tom; feltet anbefales, fordi indkøberne søger og sammenligner på det",
		Line: checkFieldRecommended,
		When: func(p *Profile) bool { return p.uses(Recommended) }}
	RuleFieldForbidden = &Rule{ID: "FIELD-FORBIDDEN", Severity: Error,
		En:   "{field} must not be given under this profile",
		Da:   "{field} må ikke udfyldes under denne profil",
		Line: checkFieldForbidden,
		When: func(p *Profile) bool { return p.uses(Forbidden) }}

	RuleTextControlChar = &Rule{ID: "TEXT-CONTROL-CHAR", Severity: Error,
		En:   "{field} contains a control character at position %s; remove it (often a line break or tab pasted from another program)",
		Da:   "{field} indeholder et kontroltegn på position %s; fjern det (ofte et linjeskift eller tabulatortegn indsat fra et andet program)",
		Line: checkControlChar, On: textFieldSet}
	RuleFieldTooLong = &Rule{ID: "FIELD-TOO-LONG", Severity: Error,
		En:   "{field} is %s characters long; at most %s are allowed",
		Da:   "{field} er %s tegn lang; højst %s er tilladt",
		Line: checkTooLong, On: textFieldSet,
		When: func(p *Profile) bool { return p.bounds(func(r *FieldRule) bool { return r.MaxLength > 0 }) }}
	RuleFieldTooShort = &Rule{ID: "FIELD-TOO-SHORT", Severity: Error,
		En:   "{field} is %s characters long; at least %s are required",
		Da:   "{field} er %s tegn lang; mindst %s kræves",
		Line: checkTooShort, On: textFieldSet,
		When: func(p *Profile) bool { return p.bounds(func(r *FieldRule) bool { return r.MinLength > 0 }) }}
	RuleFieldCode = &Rule{ID: "FIELD-CODE", Severity: Error,
		En:   "{field} %q is not one of the allowed values (%s)",
		Da:   "{field} %q er ikke en af de tilladte værdier (%s)",
		Line: checkFieldCode,
		When: func(p *Profile) bool { return p.bounds(func(r *FieldRule) bool { return r.Codes != nil }) }}

	RuleGTINFormat = &Rule{ID: "GTIN-FORMAT", Severity: Error, Field: "gtin",
		En:   "GTIN %q must be 8, 12, 13 or 14 digits (%s)",
		Da:   "EAN/GTIN %q skal være 8, 12, 13 eller 14 cifre (%s)",
		Line: checkGTINFormat, On: fieldSet(FieldGTIN)}
	RuleGTINCheckDigit = &Rule{ID: "GTIN-CHECK-DIGIT", Severity: Error, Field: "gtin",
		En:   "GTIN %q has a wrong check digit: the last digit should be %s",
		Da:   "EAN/GTIN %q har et forkert kontrolciffer: sidste ciffer skulle være %s",
		Line: checkGTINCheckDigit, On: fieldSet(FieldGTIN)}
	// GS1 keeps GTINs of prefixes 02, 04 and 2 (GS1-8: 0 and 2) for
	// restricted circulation: numbers a shop or a country assigns itself,
	// for variable-measure or in-store items. They pass the check digit but
	// identify nothing to a buyer elsewhere.
	RuleGTINRestricted = &Rule{ID: "GTIN-RESTRICTED", Severity: Warning, Field: "gtin",
		En: "GTIN %q is a restricted circulation number (GS1 prefix %s), valid only within one company or country: give the item's GTIN from its brand owner",
		Da: "EAN/GTIN %q er et nummer til begrænset brug (GS1-præfiks %s), som kun gælder inden for én virksomhed eller ét land: angiv varens EAN/GTIN fra varemærkeejeren",
		Line: func(c *Ctx, l *Line) {
			g := l.GTIN
			if !c.ok.Has(FieldGTIN) {
				return
			}
			if c.gtin() != check.OK {
				return
			}
			prefix := ""
			switch n := len(g); {
			case n == 8 && (g[0] == '0' || g[0] == '2'):
				prefix = g[:1]
			case n >= 12:
				// The GS1 prefix: digits 2-4 of the key padded to 14 digits,
				// after the indicator digit.
				var p [3]byte
				for k := range p {
					if i := k + 1 - (14 - n); i >= 0 {
						p[k] = g[i]
					} else {
						p[k] = '0'
					}
				}
				switch {
				case p[0] == '0' && p[1] == '2':
					prefix = "02"
				case p[0] == '0' && p[1] == '4':
					prefix = "04"
				case p[0] == '2':
					prefix = "2"
				}
			}
			if prefix != "" {
				c.Add(FieldGTIN, g, g, prefix)
			}
		}, On: fieldSet(FieldGTIN)}

	RuleUNSPSCFormat = &Rule{ID: "UNSPSC-FORMAT", Severity: Error, Field: "classification",
		En:   "UNSPSC code %q must be exactly 8 digits",
		Da:   "UNSPSC-kode %q skal være præcis 8 cifre",
		Line: checkUNSPSCFormat, On: fieldSet(FieldClassification)}
	RuleUNSPSCNotCommodity = &Rule{ID: "UNSPSC-NOT-COMMODITY", Severity: Warning, Field: "classification",
		En:   "UNSPSC code %q is a segment, family or class code (it ends in 00); use the 8-digit commodity code of the item",
		Da:   "UNSPSC-kode %q er en segment-, familie- eller klassekode (den ender på 00); brug varens 8-cifrede varekode (commodity)",
		Line: checkUNSPSCNotCommodity, On: fieldSet(FieldClassification)}
	// A warning: some codes of the official CPV list carry check digits that
	// do not fit the algorithm (renumbered without recomputing them).
	RuleCPVCheckDigit = &Rule{ID: "CPV-CHECK-DIGIT", Severity: Warning, Field: "classification",
		En:   "CPV code %q has check digit %s where %s was expected; check the code against the CPV list",
		Da:   "CPV-kode %q har kontrolciffer %s, hvor %s var ventet; kontrollér koden i CPV-listen",
		Line: checkCPVCheckDigit, On: fieldSet(FieldClassification)}
	RuleCPVFormat = &Rule{ID: "CPV-FORMAT", Severity: Error, Field: "classification",
		En:   "CPV code %q is not a valid CPV code (8 digits, a hyphen and the check digit, e.g. 30192000-1): %s",
		Da:   "CPV-kode %q er ikke en gyldig CPV-kode (8 cifre, bindestreg og kontrolciffer, fx 30192000-1): %s",
		Line: checkCPVFormat, On: fieldSet(FieldClassification)}
	RuleClassificationScheme = &Rule{ID: "CLASSIFICATION-SCHEME", Severity: Error, Field: "classification",
		En:   "a %s classification is required, but the line has only %s",
		Da:   "en %s-klassifikation er påkrævet, men linjen har kun %s",
		Line: checkClassificationScheme, On: fieldSet(FieldClassification),
		When: func(p *Profile) bool { return len(p.Fields[FieldClassification].Schemes) > 0 }}

	RuleCurrencyCode = &Rule{ID: "CURRENCY-CODE", Severity: Error, Field: "currency",
		En:   "currency %q is not an ISO 4217 code (e.g. DKK, EUR, SEK)",
		Da:   "valuta %q er ikke en ISO 4217-kode (fx DKK, EUR, SEK)",
		Line: checkCurrencyCode, On: fieldSet(FieldCurrency)}
	RuleCountryCode = &Rule{ID: "COUNTRY-CODE", Severity: Error, Field: "originCountry",
		En:   "country %q is not an ISO 3166-1 alpha-2 code (e.g. DK, DE, SE)",
		Da:   "landekoden %q er ikke en ISO 3166-1 alpha-2-kode (fx DK, DE, SE)",
		Line: checkCountryCode, On: fieldSet(FieldOriginCountry)}
	RulePriceNegative = &Rule{ID: "PRICE-NEGATIVE", Severity: Error, Field: "price",
		En:   "the price %s is negative",
		Da:   "prisen %s er negativ",
		Line: checkPriceNegative, On: fieldSet(FieldPrice)}
	RulePriceZero = &Rule{ID: "PRICE-ZERO", Severity: Warning, Field: "price",
		En:   "the price is 0; is the item really free?",
		Da:   "prisen er 0; er varen virkelig gratis?",
		Line: checkPriceZero, On: fieldSet(FieldPrice)}
	RuleQuantityNotPositive = &Rule{ID: "QUANTITY-NOT-POSITIVE", Severity: Error,
		En:   "{field} must be greater than 0, not %s",
		Da:   "{field} skal være større end 0, ikke %s",
		Line: checkQuantityNotPositive, On: quantityFieldSet}
	RuleQuantityRange = &Rule{ID: "QUANTITY-RANGE", Severity: Error, Field: "minOrderQuantity",
		En:   "the minimum order quantity %s is greater than the maximum %s",
		Da:   "minimumskøbet %s er større end maksimum %s",
		Line: checkQuantityRange, On: fieldSet(FieldMinOrderQuantity)}
	RuleQuantityIncrement = &Rule{ID: "QUANTITY-INCREMENT", Severity: Warning, Field: "minOrderQuantity",
		En:   "the minimum order quantity %s is not a multiple of the order increment %s",
		Da:   "minimumskøbet %s er ikke et multiplum af bestillingsintervallet %s",
		Line: checkQuantityIncrement, On: fieldSet(FieldMinOrderQuantity)}

	RuleVATRate = &Rule{ID: "VAT-RATE", Severity: Error, Field: "vatPercent",
		En:   "VAT rate %s%% is not a rate of this profile (%s)",
		Da:   "momssatsen %s%% er ikke en sats i denne profil (%s)",
		Line: checkVATRate, On: fieldSet(FieldVATPercent),
		When: func(p *Profile) bool { return len(p.VATRates) > 0 }}
	RuleVATCategoryCode = &Rule{ID: "VAT-CATEGORY-CODE", Severity: Error, Field: "vatCategory",
		En:   "VAT category %q is not a UNCL5305 code (S, Z, E, AE, K, G, O, L, M)",
		Da:   "momskategori %q er ikke en UNCL5305-kode (S, Z, E, AE, K, G, O, L, M)",
		Line: checkVATCategoryCode, On: fieldSet(FieldVATCategory)}
	RuleVATCategory = &Rule{ID: "VAT-CATEGORY", Severity: Error, Field: "vatCategory",
		En:   "VAT category %q does not fit the VAT rate %s%% (S is the standard rate above 0; Z, E, AE, K, G and O have 0)",
		Da:   "momskategori %q passer ikke til momssatsen %s%% (S er normalsats over 0; Z, E, AE, K, G og O har 0)",
		Line: checkVATCategory, On: fieldSet(FieldVATCategory)}

	RuleLeadTimeNegative = &Rule{ID: "LEADTIME-NEGATIVE", Severity: Error, Field: "leadTimeDays",
		En:   "the lead time %s days is negative",
		Da:   "leveringstiden %s dage er negativ",
		Line: checkLeadTimeNegative, On: fieldSet(FieldLeadTimeDays)}
	RuleDateInvalid = &Rule{ID: "DATE-INVALID", Severity: Error,
		En:   "{field} %q is not a calendar date",
		Da:   "{field} %q er ikke en gyldig dato",
		Line: checkDateInvalid, On: fieldSet(FieldValidFrom, FieldValidTo)}
	RuleDateRange = &Rule{ID: "DATE-RANGE", Severity: Error, Field: "validTo",
		En:   "the line is valid to %s, before it is valid from %s",
		Da:   "linjen er gyldig til %s, før den er gyldig fra %s",
		Line: checkDateRange, On: fieldSet(FieldValidTo)}
	RuleImageURL = &Rule{ID: "IMAGE-URL", Severity: Error, Field: "images",
		En:   "image %q is not an absolute http(s) URL",
		Da:   "billedet %q er ikke en absolut http(s)-URL",
		Line: checkImageURL, On: fieldSet(FieldImages)}
	RuleActionCode = &Rule{ID: "ACTION-CODE", Severity: Error, Field: "action",
		En:   "action %q is not add, update or delete",
		Da:   "handlingen %q er ikke add, update eller delete",
		Line: checkActionCode, On: fieldSet(FieldAction)}
)

// lineRules are the line rules in the order the validator runs them. The
// order matters twice: it is the order of a line's findings at one
// position, and of ekatalog's own rules only the first error on a field is
// kept (the most specific one), so a rule that explains more comes first.
var lineRules = []*Rule{
	RuleUnitUnknown, RuleUnitAmbiguous, RuleUnitDeleted, RuleUnitNotInList,
	RuleFieldMissing, RuleFieldRecommended, RuleFieldForbidden,
	RuleTextControlChar, RuleFieldTooLong, RuleFieldTooShort, RuleFieldCode,
	RuleGTINFormat, RuleGTINCheckDigit, RuleGTINRestricted,
	RuleUNSPSCFormat, RuleUNSPSCNotCommodity, RuleCPVCheckDigit, RuleCPVFormat, RuleClassificationScheme,
	RuleCurrencyCode, RuleCountryCode,
	RulePriceNegative, RulePriceZero,
	RuleQuantityNotPositive, RuleQuantityRange, RuleQuantityIncrement,
	RuleVATRate, RuleVATCategoryCode, RuleVATCategory,
	RuleLeadTimeNegative, RuleDateInvalid, RuleDateRange, RuleImageURL, RuleActionCode,
}

func fieldSet(fs ...Field) FieldSet {
	var s FieldSet
	for _, f := range fs {
		s.Add(f)
	}
	return s
}

// textFields are checked for control characters and profile lengths.
var textFields = [...]Field{FieldSellerItemID, FieldName, FieldDescription, FieldManufacturerItemID,
	FieldManufacturerName, FieldBrand, FieldUnitText}

var textFieldSet = fieldSet(append(textFields[:], FieldKeywords)...)

// quantityFields must be above 0 where given (the minimum order quantity
// may be 0).
var quantityFields = [...]Field{FieldPackQuantity, FieldOrderQuantityIncrement, FieldPriceBaseQuantity, FieldMaxOrderQuantity}

var quantityFieldSet = fieldSet(append(quantityFields[:], FieldMinOrderQuantity)...)

// The checks below loop over the line's values themselves, without
// helpers that take a function: they run on every line, and a call per
// value costs more than the check.

func checkUnitUnknown(c *Ctx, _ *Line) {
	for i := range c.units {
		u := &c.units[i]
		if u.text == "" {
			continue
		}
		if !u.e.ok {
			c.Add(u.field, u.text, u.text)
		}
	}
}

func checkUnitAmbiguous(c *Ctx, _ *Line) {
	for i := range c.units {
		u := &c.units[i]
		if u.text == "" {
			continue
		}
		if res := &u.e.res; u.e.ok && len(res.Alternatives) > 0 {
			c.Add(u.field, u.text, u.text, res.Code+" ("+res.Unit.Name+")", altNames(res.Alternatives))
		}
	}
}

func checkUnitDeleted(c *Ctx, _ *Line) {
	for i := range c.units {
		u := &c.units[i]
		if u.text == "" {
			continue
		}
		// Only the code as written ("PK") is the retired code; "pk" is the
		// Danish abbreviation of pakke.
		if res := &u.e.res; u.e.ok && len(res.Alternatives) == 0 && res.Deleted && c.v.p.Units == UnitsPeppol &&
			res.Replaced != "" && u.text == res.Replaced {
			c.Add(u.field, u.text, u.text, res.Code)
		}
	}
}

func checkUnitNotInList(c *Ctx, _ *Line) {
	for i := range c.units {
		u := &c.units[i]
		if u.text == "" {
			continue
		}
		if !u.e.ok {
			continue
		}
		switch c.v.p.Units {
		case UnitsPeppol:
			if !u.e.inPeppol {
				c.Add(u.field, u.text, u.text, u.e.res.Unit.Name, "PEPPOL")
			}
		case UnitsOIOUBL:
			if !u.e.inOIOUBL {
				c.Add(u.field, u.text, u.text, u.e.res.Unit.Name, "OIOUBL")
			}
		}
	}
}

func checkFieldMissing(c *Ctx, l *Line) {
	v := c.v
	if v.partial(l) {
		// A deletion, or a line of an update document, names its item and
		// carries only what changes: the item number (or line ID) is all
		// it needs.
		if !c.present.Has(FieldSellerItemID) && !c.present.Has(FieldLineID) {
			c.Add(FieldSellerItemID, "")
		}
		return
	}
	for _, f := range v.mandatory {
		if c.present.Has(f) || v.missingCols.Has(f) || f == FieldCurrency && v.header.Currency != "" {
			continue
		}
		c.Add(f, "")
	}
}

func checkFieldRecommended(c *Ctx, l *Line) {
	if c.v.partial(l) {
		return
	}
	for _, f := range c.v.recommended {
		if !c.present.Has(f) && !c.v.missingCols.Has(f) {
			c.Add(f, "")
		}
	}
}

func checkFieldForbidden(c *Ctx, _ *Line) {
	for _, f := range c.v.forbidden {
		if c.present.Has(f) {
			c.Add(f, "")
		}
	}
}

func checkControlChar(c *Ctx, l *Line) {
	for _, f := range textFields {
		if !c.ok.Has(f) {
			continue
		}
		if s := *l.StringField(f); s != "" {
			if i := check.ControlChar(s); i >= 0 {
				c.Add(f, s, strconv.Itoa(utf8.RuneCountInString(s[:i])+1))
			}
		}
	}
	for _, k := range l.Keywords {
		if i := check.ControlChar(k); i >= 0 {
			c.Add(FieldKeywords, k, strconv.Itoa(utf8.RuneCountInString(k[:i])+1))
		}
	}
}

// textLen is the length of s in characters, and whether it may break the
// field's length rule at all (false: no need to count).
func textLen(r *FieldRule, s string) (int, bool) {
	if r.MinLength == 0 && (r.MaxLength == 0 || len(s) <= r.MaxLength) {
		return 0, false // bytes bound runes
	}
	n := len(s)
	if n > r.MaxLength || n < r.MinLength {
		n = utf8.RuneCountInString(s)
	}
	return n, true
}

// lengthCheck reports a text value of field f whose length breaks the
// profile: too long (long) or too short.
func lengthCheck(c *Ctx, f Field, s string, long bool) {
	r := &c.v.p.Fields[f]
	n, may := textLen(r, s)
	switch {
	case !may:
	case long && n > r.MaxLength:
		c.Add(f, s, strconv.Itoa(n), strconv.Itoa(r.MaxLength))
	case !long && !(r.MaxLength > 0 && n > r.MaxLength) && n < r.MinLength:
		c.Add(f, s, strconv.Itoa(n), strconv.Itoa(r.MinLength))
	}
}

// lengths checks the line's text values of the fields in fs (the fields
// the profile sets a length for), read without error.
func lengths(c *Ctx, l *Line, fs []Field, long bool) {
	for _, f := range fs {
		if f == FieldKeywords {
			for _, k := range l.Keywords {
				lengthCheck(c, f, k, long)
			}
		} else if c.ok.Has(f) {
			lengthCheck(c, f, *l.StringField(f), long)
		}
	}
}

func checkTooLong(c *Ctx, l *Line) { lengths(c, l, c.v.maxLen, true) }

func checkTooShort(c *Ctx, l *Line) { lengths(c, l, c.v.minLen, false) }

func checkFieldCode(c *Ctx, l *Line) {
	for _, f := range c.v.coded {
		if codes := c.v.p.Fields[f].Codes; c.ok.Has(f) {
			if s := l.StringField(f); s != nil && !contains(codes, *s) {
				c.Add(f, *s, *s, strings.Join(codes, ", "))
			}
		}
	}
}

// gtin is check.GTIN's verdict on the line's GTIN, worked out once for the
// rules that ask.
func (c *Ctx) gtin() check.Reason {
	if !c.gtinDone {
		_, c.gtinReason = check.GTIN(c.l.GTIN)
		c.gtinDone = true
	}
	return c.gtinReason
}

func checkGTINFormat(c *Ctx, l *Line) {
	if !c.ok.Has(FieldGTIN) {
		return
	}
	if reason := c.gtin(); reason != check.OK && reason != check.BadCheckDigit {
		c.Add(FieldGTIN, l.GTIN, l.GTIN, reason.String())
	}
}

func checkGTINCheckDigit(c *Ctx, l *Line) {
	if !c.ok.Has(FieldGTIN) {
		return
	}
	if c.gtin() == check.BadCheckDigit {
		c.Add(FieldGTIN, l.GTIN, l.GTIN, string(check.GTINCheckDigit(l.GTIN[:len(l.GTIN)-1])))
	}
}

// SchemeLocator is implemented by sources that can place a classification
// of a given scheme more precisely than the field's first column.
type SchemeLocator interface {
	LocateScheme(l *Line, scheme string) Pos
}

// addScheme raises the rule on a classification code, placed on its
// scheme's column where the source knows it.
func (c *Ctx) addScheme(cl Classification, args ...string) {
	c.Add(FieldClassification, cl.Code, args...)
	if sl, ok := c.v.loc.(SchemeLocator); ok {
		c.v.buf[len(c.v.buf)-1].Pos = sl.LocateScheme(c.l, cl.Scheme)
	}
}

func checkUNSPSCFormat(c *Ctx, l *Line) {
	if !c.ok.Has(FieldClassification) {
		return
	}
	for _, cl := range l.Classification {
		if cl.Scheme != "UNSPSC" {
			continue
		}
		if ok, _ := check.UNSPSC(cl.Code); !ok {
			c.addScheme(cl, cl.Code)
		}
	}
}

func checkUNSPSCNotCommodity(c *Ctx, l *Line) {
	if !c.ok.Has(FieldClassification) {
		return
	}
	for _, cl := range l.Classification {
		if cl.Scheme != "UNSPSC" {
			continue
		}
		if ok, commodity := check.UNSPSC(cl.Code); ok && !commodity {
			c.addScheme(cl, cl.Code)
		}
	}
}

func checkCPVCheckDigit(c *Ctx, l *Line) {
	if !c.ok.Has(FieldClassification) {
		return
	}
	for _, cl := range l.Classification {
		if cl.Scheme != "CPV" {
			continue
		}
		if _, reason := check.CPV(cl.Code); reason == check.BadCheckDigit {
			c.addScheme(cl, cl.Code, cl.Code[9:], string(check.CPVCheckDigit(cl.Code[:8])))
		}
	}
}

func checkCPVFormat(c *Ctx, l *Line) {
	if !c.ok.Has(FieldClassification) {
		return
	}
	for _, cl := range l.Classification {
		if cl.Scheme != "CPV" {
			continue
		}
		if ok, reason := check.CPV(cl.Code); !ok && reason != check.BadCheckDigit {
			c.addScheme(cl, cl.Code, reason.String())
		}
	}
}

func checkClassificationScheme(c *Ctx, l *Line) {
	if !c.ok.Has(FieldClassification) {
		return
	}
	for _, want := range c.v.p.Fields[FieldClassification].Schemes {
		if _, has := l.ClassificationCode(want); !has {
			var have []string
			for _, cl := range l.Classification {
				have = append(have, cl.Scheme)
			}
			c.Add(FieldClassification, "", want, strings.Join(have, ", "))
		}
	}
}

func checkCurrencyCode(c *Ctx, l *Line) {
	if c.ok.Has(FieldCurrency) && !check.Currency(l.Currency) {
		c.Add(FieldCurrency, l.Currency, l.Currency)
	}
}

func checkCountryCode(c *Ctx, l *Line) {
	if c.ok.Has(FieldOriginCountry) && !check.Country(l.OriginCountry) {
		c.Add(FieldOriginCountry, l.OriginCountry, l.OriginCountry)
	}
}

func checkPriceNegative(c *Ctx, l *Line) {
	if c.ok.Has(FieldPrice) && l.Price.V < 0 {
		c.Add(FieldPrice, fmtNum(l.Price.V), fmtNum(l.Price.V))
	}
}

func checkPriceZero(c *Ctx, l *Line) {
	if c.ok.Has(FieldPrice) && l.Price.V == 0 {
		c.Add(FieldPrice, "0")
	}
}

func checkQuantityNotPositive(c *Ctx, l *Line) {
	for _, f := range quantityFields {
		if n := l.NumField(f); c.ok.Has(f) && n.V <= 0 {
			c.Add(f, fmtNum(n.V), fmtNum(n.V))
		}
	}
	if mn := l.MinOrderQuantity.V; c.ok.Has(FieldMinOrderQuantity) && mn < 0 {
		c.Add(FieldMinOrderQuantity, fmtNum(mn), fmtNum(mn))
	}
}

// aboveMax reports whether the minimum order quantity exceeds the maximum.
func aboveMax(c *Ctx, l *Line) bool {
	return c.ok.Has(FieldMaxOrderQuantity) && l.MaxOrderQuantity.V > 0 && l.MinOrderQuantity.V > l.MaxOrderQuantity.V
}

func checkQuantityRange(c *Ctx, l *Line) {
	if mn := l.MinOrderQuantity.V; c.ok.Has(FieldMinOrderQuantity) && mn >= 0 && aboveMax(c, l) {
		c.Add(FieldMinOrderQuantity, fmtNum(mn), fmtNum(mn), fmtNum(l.MaxOrderQuantity.V))
	}
}

func checkQuantityIncrement(c *Ctx, l *Line) {
	mn, inc := l.MinOrderQuantity.V, l.OrderQuantityIncrement.V
	if c.ok.Has(FieldMinOrderQuantity) && mn > 0 && !aboveMax(c, l) &&
		c.ok.Has(FieldOrderQuantityIncrement) && inc > 0 && !multipleOf(mn, inc) {
		c.Add(FieldMinOrderQuantity, fmtNum(mn), fmtNum(mn), fmtNum(inc))
	}
}

// vatRateBad reports whether the line's VAT rate is not one of the
// profile's rates; the VAT category is then not checked against it.
func vatRateBad(c *Ctx, l *Line) bool {
	if !c.ok.Has(FieldVATPercent) || len(c.v.p.VATRates) == 0 {
		return false
	}
	for _, r := range c.v.p.VATRates {
		if math.Abs(r-l.VATPercent.V) < 1e-9 {
			return false
		}
	}
	return true
}

func checkVATRate(c *Ctx, l *Line) {
	if vatRateBad(c, l) {
		rates := make([]string, len(c.v.p.VATRates))
		for i, r := range c.v.p.VATRates {
			rates[i] = fmtNum(r)
		}
		c.Add(FieldVATPercent, fmtNum(l.VATPercent.V), fmtNum(l.VATPercent.V), strings.Join(rates, ", "))
	}
}

func checkVATCategoryCode(c *Ctx, l *Line) {
	if c.ok.Has(FieldVATCategory) && !contains(vatCategories, l.VATCategory) && !vatRateBad(c, l) {
		c.Add(FieldVATCategory, l.VATCategory, l.VATCategory)
	}
}

func checkVATCategory(c *Ctx, l *Line) {
	cat := l.VATCategory
	if !c.ok.Has(FieldVATCategory) || !c.ok.Has(FieldVATPercent) || !contains(vatCategories, cat) || vatRateBad(c, l) {
		return
	}
	zero := l.VATPercent.V == 0
	if cat == "S" && zero || (cat == "Z" || cat == "E" || cat == "AE" || cat == "K" || cat == "G" || cat == "O") && !zero {
		c.Add(FieldVATCategory, cat, cat, fmtNum(l.VATPercent.V))
	}
}

func checkLeadTimeNegative(c *Ctx, l *Line) {
	if c.ok.Has(FieldLeadTimeDays) && l.LeadTimeDays.V < 0 {
		c.Add(FieldLeadTimeDays, fmtNum(l.LeadTimeDays.V), fmtNum(l.LeadTimeDays.V))
	}
}

var dateFields = [...]Field{FieldValidFrom, FieldValidTo}

func checkDateInvalid(c *Ctx, l *Line) {
	for _, f := range dateFields {
		if s := *l.StringField(f); c.ok.Has(f) && !check.Date(s) {
			c.Add(f, s, s)
		}
	}
}

func checkDateRange(c *Ctx, l *Line) {
	if c.ok.Has(FieldValidFrom) && c.ok.Has(FieldValidTo) && l.ValidTo < l.ValidFrom &&
		check.Date(l.ValidFrom) && check.Date(l.ValidTo) {
		c.Add(FieldValidTo, l.ValidTo, l.ValidTo, l.ValidFrom)
	}
}

func checkImageURL(c *Ctx, l *Line) {
	for _, img := range l.Images {
		if !check.HTTPURL(img) {
			c.Add(FieldImages, img, img)
		}
	}
}

func checkActionCode(c *Ctx, l *Line) {
	if c.ok.Has(FieldAction) && l.Action != "add" && l.Action != "update" && l.Action != "delete" {
		c.Add(FieldAction, l.Action, l.Action)
	}
}
