package catalog

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	"github.com/ekatalog/ekatalog/schemas"
)

// Use says whether a profile requires a field.
type Use uint8

// Uses, from lax to strict; Forbidden stands apart.
const (
	Optional Use = iota
	Recommended
	Mandatory
	Forbidden
)

var useNames = [...]string{"optional", "recommended", "mandatory", "forbidden"}

func (u Use) String() string { return useNames[u] }

// UnmarshalText reads a use's name.
func (u *Use) UnmarshalText(b []byte) error {
	i := slices.Index(useNames[:], string(b))
	if i < 0 {
		return fmt.Errorf("unknown use %q", b)
	}
	*u = Use(i)
	return nil
}

// FieldRule is what a profile says about one field.
type FieldRule struct {
	Use       Use      `json:"use"`
	Codes     []string `json:"codes,omitempty"`
	MinLength int      `json:"minLength,omitempty"`
	MaxLength int      `json:"maxLength,omitempty"`
	Schemes   []string `json:"schemes,omitempty"`
	set       bool
}

// UnitList is the unit code list a profile holds units to.
type UnitList string

// Unit lists.
const (
	UnitsPeppol UnitList = "peppol"
	UnitsOIOUBL UnitList = "oioubl"
	UnitsAny    UnitList = "any"
)

// Profile is a validation profile: which fields are mandatory, recommended,
// optional or forbidden, which values they may take, and rule severities.
type Profile struct {
	Name        string
	Description string
	Fields      [len(Fields)]FieldRule
	// Header holds the header fields the profile asks for, by dotted name.
	Header map[string]Use
	// Rules overrides severities by rule ID; Off lists disabled rules.
	Rules    map[string]Severity
	Off      map[string]bool
	VATRates []float64
	Units    UnitList
	// RuleSet names the official rule set (peppol-bis3, oioubl) the
	// profile applies to every UBL catalogue, whatever flavour the
	// document declares; "" leaves each document to its own flavour's.
	RuleSet string
}

type profileJSON struct {
	Name        string               `json:"name"`
	Description string               `json:"description"`
	Extends     string               `json:"extends"`
	Fields      map[string]FieldRule `json:"fields"`
	Header      map[string]Use       `json:"header"`
	Rules       map[string]string    `json:"rules"`
	VATRates    []float64            `json:"vatRates"`
	Units       UnitList             `json:"units"`
	RuleSet     string               `json:"ruleSet"`
}

//go:embed profiles/*.json
var builtinProfiles embed.FS

// BuiltinProfiles lists the names of the built-in profiles.
var BuiltinProfiles = []string{"dk-ehandel", "peppol-bis3", "oioubl", "minimal"}

// BuiltinProfile returns a built-in profile by name.
func BuiltinProfile(name string) (*Profile, error) {
	if !slices.Contains(BuiltinProfiles, name) {
		return nil, fmt.Errorf("unknown profile %q (built in: %v)", name, BuiltinProfiles)
	}
	b, err := builtinProfiles.ReadFile("profiles/" + name + ".json")
	if err != nil {
		return nil, err
	}
	return ParseProfile(name+".json", b)
}

// ParseProfile reads a profile file whose rule settings name ekatalog's own
// rules. It is checked against schemas/profile.schema.json, so a mistake is
// named by its JSON path.
func ParseProfile(file string, b []byte) (*Profile, error) {
	return ParseProfileWith(file, b, func(id string) bool { return RuleByID(id) != nil })
}

// ParseProfileWith reads a profile file whose rule settings may name any
// rule known says exists: formats.ParseProfile passes the published rule
// sets' rules too.
func ParseProfileWith(file string, b []byte, known func(id string) bool) (*Profile, error) {
	if err := schemas.Check(schemas.Profile, b); err != nil {
		return nil, fmt.Errorf("%s: invalid profile: %w", file, err)
	}
	var pj profileJSON
	if err := json.Unmarshal(b, &pj); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	p := &Profile{Header: map[string]Use{}, Rules: map[string]Severity{}, Off: map[string]bool{}, Units: UnitsAny}
	if pj.Extends != "" {
		if pj.Extends == pj.Name {
			return nil, fmt.Errorf("%s: at /extends: a profile cannot extend itself", file)
		}
		base, err := BuiltinProfile(pj.Extends)
		if err != nil {
			return nil, fmt.Errorf("%s: at /extends: %w", file, err)
		}
		p = base
	}
	p.Name = pj.Name
	if pj.Description != "" || pj.Extends == "" {
		p.Description = pj.Description
	}
	for name, r := range pj.Fields {
		f, ok := FieldByName(name)
		if !ok {
			return nil, fmt.Errorf("%s: at /fields/%s: unknown field", file, name)
		}
		r.set = true
		p.Fields[f] = r
	}
	for k, u := range pj.Header {
		p.Header[k] = u
	}
	for id, s := range pj.Rules {
		if !known(id) {
			return nil, fmt.Errorf("%s: at /rules/%s: unknown rule", file, id)
		}
		if s == "off" {
			p.Off[id] = true
			delete(p.Rules, id)
			continue
		}
		sev, _ := ParseSeverity(s)
		p.Rules[id] = sev
		delete(p.Off, id)
	}
	if pj.VATRates != nil {
		p.VATRates = pj.VATRates
	}
	if pj.Units != "" {
		p.Units = pj.Units
	}
	if pj.RuleSet != "" {
		p.RuleSet = pj.RuleSet
	}
	return p, nil
}

// HeaderFields returns the header fields the profile names, sorted.
func (p *Profile) HeaderFields() []string {
	keys := make([]string, 0, len(p.Header))
	for k := range p.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Severity returns the severity of a rule under the profile, and false when
// the profile turns the rule off.
func (p *Profile) Severity(rule string, def Severity) (Severity, bool) {
	if p.Off[rule] {
		return 0, false
	}
	if s, ok := p.Rules[rule]; ok {
		return s, true
	}
	return def, true
}

// uses reports whether the profile holds some field to the use.
func (p *Profile) uses(u Use) bool {
	return p.bounds(func(r *FieldRule) bool { return r.Use == u })
}

// bounds reports whether some field's rule in the profile is as ok says.
func (p *Profile) bounds(ok func(r *FieldRule) bool) bool {
	for f := range p.Fields {
		if ok(&p.Fields[f]) {
			return true
		}
	}
	return false
}
