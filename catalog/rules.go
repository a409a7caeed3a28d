package catalog

import (
	"slices"
	"sync"
)

// Rule is one check with a stable ID. Messages are fmt templates filled
// with a finding's Args; every rule has both languages.
type Rule struct {
	ID       string
	Severity Severity
	// Field is the canonical field the rule concerns; "" for file-level
	// rules. Header fields use their dotted names ("catalogue.id").
	Field string
	En    string
	Da    string
}

// readRules are the findings of readers: what a source said that could not
// be read as the canonical model wants it.
var readRules = []Rule{
	{"READ-NOT-NUMBER", Error, "", "%s is not a number: %q", "%s er ikke et tal: %q"},
	{"READ-NOT-INTEGER", Error, "", "%s is not a whole number: %q", "%s er ikke et helt tal: %q"},
	{"READ-NOT-DATE", Error, "", "%s is not a date (expected YYYY-MM-DD or DD-MM-YYYY): %q", "%s er ikke en dato (forventet ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ): %q"},
	{"READ-NOT-BOOL", Error, "", "%s is not yes/no: %q", "%s er ikke ja/nej: %q"},
	{"READ-ROW-TOO-MANY-CELLS", Error, "", "the row has %s cells but the header has %s: the extra cells are kept as extra columns; check for a delimiter inside an unquoted value", "rækken har %s celler, men overskriften har %s: de overskydende celler gemmes som ekstra kolonner; se efter et skilletegn i en værdi uden anførselstegn"},
	{"READ-ROW-TOO-FEW-CELLS", Error, "", "the row has %s cells but the header has %s", "rækken har %s celler, men overskriften har %s"},
	{"READ-SYNTAX", Error, "", "the row could not be read: %s", "rækken kunne ikke læses: %s"},
	// An error: the file mixes encodings, so the value may be garbled and
	// the guess cannot be confirmed.
	{"READ-ENCODING", Error, "", "the value is not valid UTF-8 although the file is; it was read as Windows-1252 (%q): check it and save the whole file as UTF-8", "værdien er ikke gyldig UTF-8, selv om filen er det; den blev læst som Windows-1252 (%q): kontrollér den, og gem hele filen som UTF-8"},
	{"READ-COLUMN-UNMAPPED", Info, "extra", "column %q maps to no field; its values are kept under extra", "kolonnen %q svarer ikke til noget felt; værdierne gemmes under extra"},
	{"READ-COLUMN-DUPLICATE", Warning, "", "column %q maps to %s, which column %q already supplies; its values are kept under extra", "kolonnen %q svarer til %s, som kolonnen %q allerede udfylder; værdierne gemmes under extra"},
	{"READ-GTIN-PRECISION", Error, "gtin", "Excel has stored the GTIN as a number and lost digits (%s); format the column as text and enter the GTIN again", "Excel har gemt EAN/GTIN som et tal og mistet cifre (%s); formatér kolonnen som tekst og indtast nummeret igen"},
	{"READ-GTIN-NUMBER", Warning, "gtin", "the GTIN is stored as a number in Excel; it was read as %s, but leading zeros may be lost: format the column as text", "EAN/GTIN er gemt som et tal i Excel; det blev læst som %s, men foranstillede nuller kan være tabt: formatér kolonnen som tekst"},
	{"PRICE-CURRENCY-WORD", Info, "price", "the price is written with %q (%s), but the line's currency is %s; the currency column was kept", "prisen er skrevet med %q (%s), men linjens valuta er %s; valutakolonnen blev bevaret"},
	{"READ-NO-LINES", Error, "", "the catalogue has no lines", "kataloget har ingen linjer"},
	{"UBL-AFTER-LINES", Error, "", "the element %s on line %s comes after the catalogue lines, where UBL allows nothing; it was not read", "elementet %s på linje %s står efter kataloglinjerne, hvor UBL ikke tillader noget; det blev ikke læst"},
	{"CIF-VERSION", Warning, "", "CIF version %q is neither 2.1 nor 3.0; the file was read as CIF 3.0", "CIF-version %q er hverken 2.1 eller 3.0; filen blev læst som CIF 3.0"},
	{"CIF-HEADER-LINE", Warning, "", "the CIF header line %q is not NAME: value; it was skipped", "CIF-hovedlinjen %q er ikke NAVN: værdi; den blev sprunget over"},
	{"CIF-ITEMCOUNT-NOT-NUMBER", Error, "", "ITEMCOUNT %q is not a whole number", "ITEMCOUNT %q er ikke et helt tal"},
	{"CIF-ITEMCOUNT", Error, "", "the header says ITEMCOUNT: %s, but the file has %s items: items were lost or the count is wrong", "hovedet siger ITEMCOUNT: %s, men filen har %s varer: varer er gået tabt, eller antallet er forkert"},
	{"CIF-LOADMODE", Error, "", "LOADMODE %q is neither F (full) nor I (incremental)", "LOADMODE %q er hverken F (fuld) eller I (trinvis)"},
	{"CIF-CHARSET", Warning, "", "CHARSET %q is not known; the items were read as UTF-8", "CHARSET %q kendes ikke; varerne blev læst som UTF-8"},
	{"CIF-NO-ENDOFDATA", Error, "", "the file ends after %s items without ENDOFDATA: it may have been cut short", "filen slutter efter %s varer uden ENDOFDATA: den kan være afkortet"},
	{"READ-INCOMPLETE", Error, "", "the file could not be read to the end: %s", "filen kunne ikke læses til ende: %s"},
	{"BMECAT-NOT-READ", Info, "", "%s × <%s> in the transaction were not read: BMEcat's catalogue structure (groups, assignments of items to groups, feature systems) has no place in a catalogue line", "%s × <%s> i transaktionen blev ikke læst: BMEcats katalogstruktur (grupper, varers placering i grupper, egenskabssystemer) har ingen plads i en kataloglinje"},
}

// tables lists every rule table; RuleByID searches them all.
var tables = [][]Rule{readRules, lineRuleTable(), catalogueRuleTable()}

var ruleIndex = sync.OnceValue(func() map[string]*Rule {
	m := make(map[string]*Rule)
	for _, t := range tables {
		for i := range t {
			m[t[i].ID] = &t[i]
		}
	}
	for _, t := range extraTables {
		for i := range t {
			m[t[i].ID] = &t[i]
		}
	}
	return m
})

// extraTables are rule tables of published rule sets (PEPPOL, OIOUBL) that
// are implemented on the XML in formats/ubl; their tables (ID, severity,
// messages) are data in this package, named here so the list stays explicit.
var extraTables = [][]Rule{peppolRules, oioublRules}

var officialIndex = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool)
	for _, t := range extraTables {
		for _, r := range t {
			m[r.ID] = true
		}
	}
	return m
})

// official reports whether the rule belongs to a published rule set
// (PEPPOL, OIOUBL) rather than to ekatalog's own.
func official(id string) bool { return officialIndex()[id] }

// RuleByID returns the rule with the ID, or nil.
func RuleByID(id string) *Rule { return ruleIndex()[id] }

// AllRules returns every rule, sorted by ID.
func AllRules() []Rule {
	var all []Rule
	for _, t := range tables {
		all = append(all, t...)
	}
	for _, t := range extraTables {
		all = append(all, t...)
	}
	slices.SortFunc(all, func(a, b Rule) int {
		if a.ID < b.ID {
			return -1
		}
		if a.ID > b.ID {
			return 1
		}
		return 0
	})
	return all
}
