package catalog

import (
	"cmp"
	"github.com/ekatalog/ekatalog/catalog/check"
	"slices"
	"sync"
)

// Rule is one rule with a stable ID: its severity, the field it concerns,
// its message in English and Danish, and, for the rules the validator runs,
// its check. Messages are fmt templates filled with a finding's Args; {field}
// is replaced by the field's name in the report's language.
//
// Every rule is one value. Code that raises a finding names the value
// (RuleGTINFormat), never the ID, so a misspelt rule does not compile; the
// ID is for people, profiles and JSON.
type Rule struct {
	ID       string
	Severity Severity
	// Field is the canonical field the rule concerns; "" when it concerns
	// several or the file. Header fields use their dotted names
	// ("catalogue.id").
	Field string
	En    string
	Da    string
	// Set names the published rule set the rule belongs to ("PEPPOL",
	// "OIOUBL"); "" for ekatalog's own rules.
	Set string
	// Line checks one line; the validator runs it on every line, in the
	// order of Rules. Findings go through c.Add, which raises this rule.
	// On, when not empty, says the check has nothing to do on a line that
	// has none of those fields.
	Line func(c *Ctx, l *Line)
	On   FieldSet
	// When, if set, says whether the line check can fire at all under the
	// profile; the validator leaves it out of its list when not.
	When func(p *Profile) bool
	// Header checks the catalogue's header and the columns its source
	// supplies, once before the first line.
	Header func(c *Ctx, h *Header)
}

// Rules lists ekatalog's own rules: first those the validator runs, in the
// order it runs them (which is the order of a line's findings), then those
// raised by readers, writers, the catalogue-wide checks and the output
// checks. The comparison's rules are its own (internal/compare); the
// published rule sets live with the code that implements them
// (formats/ubl/peppol, formats/ubl/oioubl), generated beside it, and
// formats.RuleSets lists them all.
var Rules = slices.Concat(headerRules, lineRules, catalogueRules, readRules, targetRules)

// RuleByID returns ekatalog's own rule with the ID, or nil: for IDs that
// come as data (a built-in profile's rule settings). Code names rule
// values; formats.RuleByID knows the published sets' rules too.
func RuleByID(id string) *Rule { return ruleIndex()[id] }

var ruleIndex = sync.OnceValue(func() map[string]*Rule { return IndexRules(Rules) })

// IndexRules maps the rules of the lists by ID.
func IndexRules(lists ...[]*Rule) map[string]*Rule {
	m := make(map[string]*Rule)
	for _, t := range lists {
		for _, r := range t {
			m[r.ID] = r
		}
	}
	return m
}

// SortRules sorts rules by ID.
func SortRules(rs []*Rule) {
	slices.SortFunc(rs, func(a, b *Rule) int { return cmp.Compare(a.ID, b.ID) })
}

// Ctx is what a rule's check sees: the validator's state for the line (or
// the header) being checked, and the rule it raises.
type Ctx struct {
	v    *Validator
	rule *Rule
	l    *Line
	// present are the line's fields with a value; ok those of them that
	// were read without error (present minus Line.Bad).
	present, ok FieldSet
	// units are the line's unit and content unit, as written and as
	// resolved (Validator.resolveUnits).
	units [2]unitSeen
	// gtinReason is the GTIN's check (Ctx.gtin), once gtinDone.
	gtinReason check.Reason
	gtinDone   bool
}

// unitSeen is a unit field as written and what it resolved to.
type unitSeen struct {
	field Field
	text  string
	e     unitEntry
}

// Add raises the check's rule on the current line, on the field with the
// value; args fill the message.
func (c *Ctx) Add(f Field, value string, args ...string) {
	v := c.v
	fi := Finding{Rule: c.rule, Severity: c.rule.Severity, Line: c.l.Src.Line, Field: f.String(), Value: value, Args: args}
	if v.loc != nil {
		fi.Pos = v.loc.Locate(c.l, f)
	}
	v.buf = append(v.buf, fi)
}

// AddHeader raises the check's rule on a header field (dotted name) or a
// column.
func (c *Ctx) AddHeader(field, value string, args ...string) {
	f := Finding{Rule: c.rule, Severity: c.rule.Severity, Field: field, Value: value, Args: args}
	if hl, ok := c.v.loc.(HeaderLocator); ok {
		f.Pos = hl.LocateHeader(field)
	}
	c.v.emit(f)
}

// HeaderLocator is implemented by sources that can say where a header
// field (dotted name: catalogue.id, seller.endpointId) sits: a UBL
// document's element. A header finding then names its XPath.
type HeaderLocator interface {
	LocateHeader(field string) Pos
}

// Profile is the profile the catalogue is validated against.
func (c *Ctx) Profile() *Profile { return c.v.p }

// String is the rule's ID.
func (r *Rule) String() string {
	if r == nil {
		return ""
	}
	return r.ID
}
