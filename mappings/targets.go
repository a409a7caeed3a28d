package mappings

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/schemas"
)

//go:embed targets/*.json
var templateFiles embed.FS

// Template is an import template of an e-procurement system: the columns of
// a CSV or Excel file and how values are spelled in it. It is data
// (schemas/target.schema.json), so that a municipality describes its own
// system's import file without code.
type Template struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	// Format is "csv" or "xlsx".
	Format    string `json:"format"`
	Delimiter string `json:"delimiter,omitempty"`
	// Decimal is the decimal separator, "," or ".".
	Decimal string `json:"decimal,omitempty"`
	// Encoding is "utf-8", "utf-8-bom" or "windows-1252" (CSV only).
	Encoding string `json:"encoding,omitempty"`
	// Units is how units are written: "rec20" (H87, XBX), "oioubl" (EA,
	// BX) or "word" (stk, æske).
	Units string `json:"units,omitempty"`
	// UnitWords overrides the words of the "word" style, by Rec 20 code.
	UnitWords map[string]string `json:"unitWords,omitempty"`
	// DateFormat is one of YYYY-MM-DD, DD-MM-YYYY, DD.MM.YYYY, DD/MM/YYYY,
	// MM/DD/YYYY, YYYYMMDD.
	DateFormat string `json:"dateFormat,omitempty"`
	// ListSeparator joins several keywords or image URLs in one cell.
	ListSeparator string `json:"listSeparator,omitempty"`
	// Booleans spell orderable: [true, false].
	Booleans []string `json:"booleans,omitempty"`
	// Sheet is the worksheet's name (Excel only).
	Sheet   string   `json:"sheet,omitempty"`
	Columns []Column `json:"columns"`
}

// Column is one column of a template: a header and where its value comes
// from (a line field, a classification scheme, a header field or a
// constant).
type Column struct {
	Header   string  `json:"header"`
	Field    string  `json:"field,omitempty"`
	Value    *string `json:"value,omitempty"`
	Required bool    `json:"required,omitempty"`

	// Line is set when the column takes a line field.
	Line Target `json:"-"`
	// HeaderField is the header field's dotted name ("catalogue.currency")
	// when the column takes one.
	HeaderField string `json:"-"`
}

// IsLine reports whether the column takes a line field.
func (c *Column) IsLine() bool { return c.Line.Field != catalog.FieldNone }

// Template defaults: the generic Danish convention.
const (
	DefaultDelimiter     = ";"
	DefaultDecimal       = ","
	DefaultEncoding      = "utf-8"
	DefaultUnits         = "rec20"
	DefaultDateFormat    = "YYYY-MM-DD"
	DefaultListSeparator = ","
	DefaultSheet         = "Varer"
)

// headerFields are the header fields a column may name.
var headerFields = []string{
	"catalogue.id", "catalogue.name", "catalogue.version", "catalogue.issueDate", "catalogue.validFrom",
	"catalogue.validTo", "catalogue.action", "catalogue.agreementId", "catalogue.currency", "catalogue.language",
	"seller.name", "seller.id", "seller.idScheme", "seller.endpointId", "seller.endpointScheme", "seller.country",
	"receiver.name", "receiver.id", "receiver.idScheme", "receiver.endpointId", "receiver.endpointScheme", "receiver.country",
}

// ParseTemplate reads a target template; name is used in errors. The file
// is checked against schemas/target.schema.json first, so a problem is named
// by its JSON path.
func ParseTemplate(name string, b []byte) (*Template, error) {
	if err := schemas.Check(schemas.Target, b); err != nil {
		return nil, fmt.Errorf("%s: invalid target: %w", name, err)
	}
	var t Template
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := t.resolve(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &t, nil
}

func (t *Template) resolve() error {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&t.Delimiter, DefaultDelimiter)
	def(&t.Decimal, DefaultDecimal)
	def(&t.Encoding, DefaultEncoding)
	def(&t.Units, DefaultUnits)
	def(&t.DateFormat, DefaultDateFormat)
	def(&t.ListSeparator, DefaultListSeparator)
	def(&t.Sheet, DefaultSheet)
	if len(t.Booleans) != 2 {
		t.Booleans = []string{"true", "false"}
	}
	if t.Delimiter == t.Decimal && t.Format == "csv" {
		return fmt.Errorf("at /decimal: the decimal separator %q is also the delimiter", t.Decimal)
	}
	seen := map[string]int{}
	for i := range t.Columns {
		c := &t.Columns[i]
		if j, dup := seen[c.Header]; dup {
			return fmt.Errorf("at /columns/%d/header: %q is also the header of column %d", i, c.Header, j)
		}
		seen[c.Header] = i
		switch {
		case c.Value != nil:
		case slices.Contains(headerFields, c.Field):
			c.HeaderField = c.Field
		default:
			tg, err := ParseTarget(c.Field)
			if err == nil && tg.IsExtra() {
				err = fmt.Errorf("extra has no single value; name a field")
			}
			if err != nil && c.Field == "unitText" {
				tg, err = Target{Field: catalog.FieldUnitText}, nil
			}
			if err != nil {
				return fmt.Errorf("at /columns/%d/field: %w%s", i, err, suggest(c.Field))
			}
			c.Line = tg
		}
	}
	return nil
}

// BuiltinTemplates lists the names of the embedded templates, sorted.
func BuiltinTemplates() []string {
	entries, _ := templateFiles.ReadDir("targets")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".json"))
	}
	return names
}

// BuiltinTemplate returns an embedded template by name.
func BuiltinTemplate(name string) (*Template, error) {
	b, err := templateFiles.ReadFile(path.Join("targets", name+".json"))
	if err != nil {
		return nil, fmt.Errorf("no built-in target template %q", name)
	}
	t, err := ParseTemplate("mappings/targets/"+name+".json", b)
	if err != nil {
		return nil, err
	}
	if t.Name != name {
		return nil, fmt.Errorf("mappings/targets/%s.json: the template is named %q", name, t.Name)
	}
	return t, nil
}

// suggest names the known fields closest to an unknown one.
func suggest(name string) string {
	known := slices.Clone(headerFields)
	for _, fi := range catalog.Fields[1:] {
		if fi.Field != catalog.FieldExtra && fi.Field != catalog.FieldClassification {
			known = append(known, fi.Name)
		}
	}
	known = append(known, "classification:UNSPSC")
	var best []string
	bestD := 3 // farther than this is no suggestion
	for _, k := range known {
		switch d := distance(strings.ToLower(name), strings.ToLower(k)); {
		case d < bestD:
			best, bestD = []string{k}, d
		case d == bestD:
			best = append(best, k)
		}
	}
	if len(best) == 0 {
		return "; a field is a line field such as price, classification:UNSPSC, or a header field such as catalogue.currency (see schemas/target.schema.json)"
	}
	return " (did you mean " + strings.Join(best, " or ") + "?)"
}

// distance is the Levenshtein distance of a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
