package formats

import (
	"slices"
	"sync"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/ubl/oioubl"
	"github.com/ekatalog/ekatalog/formats/ubl/peppol"
)

// RuleSet is a published rule set, implemented by a format's checker.
type RuleSet struct {
	Name  string
	Rules []*catalog.Rule
}

// RuleSets lists the published rule sets, each generated beside the
// checker that implements it.
var RuleSets = []RuleSet{
	{"PEPPOL BIS Catalogue 3 (T19)", peppol.Rules},
	{"OIOUBL 2.1 Catalogue", oioubl.Rules},
}

// AllRules returns every rule: ekatalog's own (catalog.Rules) and those of
// the published rule sets, sorted by ID.
func AllRules() []*catalog.Rule {
	all := slices.Clone(catalog.Rules)
	for _, s := range RuleSets {
		all = append(all, s.Rules...)
	}
	catalog.SortRules(all)
	return all
}

var ruleIndex = sync.OnceValue(func() map[string]*catalog.Rule {
	lists := [][]*catalog.Rule{catalog.Rules}
	for _, s := range RuleSets {
		lists = append(lists, s.Rules)
	}
	return catalog.IndexRules(lists...)
})

// RuleByID returns the rule of ekatalog or of a published rule set with the
// ID, or nil: for IDs that come as data (a profile, a stored report).
func RuleByID(id string) *catalog.Rule { return ruleIndex()[id] }

// ParseProfile reads a profile file whose rule settings may name any rule,
// ekatalog's or a published set's.
func ParseProfile(file string, b []byte) (*catalog.Profile, error) {
	return catalog.ParseProfileWith(file, b, func(id string) bool { return RuleByID(id) != nil })
}
