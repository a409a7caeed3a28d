package catalog

import (
	"fmt"
	"strconv"
	"strings"
)

// Severity of a finding.
type Severity uint8

// Severities, in increasing order of weight.
const (
	Info Severity = iota
	Warning
	Error
)

var severityNames = [...]string{Info: "info", Warning: "warning", Error: "error"}

func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return "unknown"
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, bool) {
	for i, n := range severityNames {
		if n == s {
			return Severity(i), true
		}
	}
	return 0, false
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, ok := ParseSeverity(string(b))
	if !ok {
		return fmt.Errorf("unknown severity %q (want error, warning or info)", b)
	}
	*s = v
	return nil
}

// Pos is where a value sits in its source.
type Pos struct {
	// Row is the sheet row (Excel) or the file line on which the record
	// starts (CSV); 0 when not known.
	Row int
	// Col is the 1-based column number; 0 when not known.
	Col int
	// ColName is the column letter for spreadsheets ("D"); empty otherwise.
	ColName string
	// XPath is the element's path for XML sources.
	XPath string
}

// ColumnLetter returns the spreadsheet letter of a 1-based column number.
func ColumnLetter(col int) string {
	if col <= 0 {
		return ""
	}
	var b [8]byte
	i := len(b)
	for col > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

// Finding is one thing found in a catalogue: a rule that fired, where, on
// which field and value. It is the one finding type of validate, convert,
// compare and diff; Source and Item say which input and which item when a
// command reads more than one file or speaks of items.
type Finding struct {
	Rule     *Rule
	Severity Severity
	// Line is the 1-based catalogue line ordinal, 0 for the header.
	Line  int
	Pos   Pos
	Field string
	Value string
	// Args fill the rule's message template.
	Args []string
	// Text, when set, is the message itself (rules whose text comes from
	// the source, such as a reader's error).
	Text string
	// Output says the finding is on the file a conversion wrote, found by
	// checking it under its target's rules as it was written: Pos points
	// into the output (an XPath, or a row and column), Line names the
	// source line that produced it (0: the header).
	Output bool
	// Nums marks the Args that are numbers (bit i for Args[i]), written
	// with '.' and shown with a decimal comma in Danish. (Beside Output,
	// it shares its word.)
	Nums uint16
	// Source names the input that Line and Pos refer to when a command
	// reads two: SourceCatalogue or SourceAgreement (compare), SourceOld or
	// SourceNew (diff); "" for the one input of validate and convert.
	Source string
	// Item is the item number the finding concerns, where it names one.
	Item string
}

// The sources of findings of commands that read two inputs.
const (
	SourceCatalogue = "catalogue"
	SourceAgreement = "agreement"
	SourceOld       = "old"
	SourceNew       = "new"
)

// Detach returns the finding with strings of its own: a reader's findings
// point into the line it reuses, and one that is kept past the line must
// be detached from it.
func (f Finding) Detach() Finding {
	f.Value, f.Text, f.Field = strings.Clone(f.Value), strings.Clone(f.Text), strings.Clone(f.Field)
	f.Source, f.Item = strings.Clone(f.Source), strings.Clone(f.Item)
	f.Pos.XPath, f.Pos.ColName = strings.Clone(f.Pos.XPath), strings.Clone(f.Pos.ColName)
	if f.Args != nil {
		args := make([]string, len(f.Args))
		for i, a := range f.Args {
			args[i] = strings.Clone(a)
		}
		f.Args = args
	}
	return f
}

// RuleID is the ID of the finding's rule, "" when it has none.
func (f *Finding) RuleID() string {
	if f.Rule == nil {
		return ""
	}
	return f.Rule.ID
}

// Message renders the finding's message in the language ("en" or "da"):
// its rule's template filled with its Args. Numeric arguments (Nums) take
// a decimal comma in Danish.
func (f *Finding) Message(lang string) string {
	r := f.Rule
	if f.Text != "" {
		return f.Text
	}
	if r == nil {
		return ""
	}
	tmpl := r.En
	if lang == "da" && r.Da != "" {
		tmpl = r.Da
	}
	msg := tmpl
	if len(f.Args) > 0 {
		args := make([]any, len(f.Args))
		for i, a := range f.Args {
			if f.Nums&(1<<i) != 0 {
				a = DecimalComma(lang, a)
			}
			args[i] = a
		}
		msg = fmt.Sprintf(tmpl, args...)
	}
	if strings.IndexByte(msg, '{') >= 0 {
		label := FieldLabel(f.Field, lang)
		if f.Field == "extra" && f.Pos.XPath != "" {
			// An element of the source with no canonical field, named by
			// its path (Where): a writer's TARGET-DROPPED.
			label = "the source element " + f.Pos.XPath
			if lang == "da" {
				label = "kildeelementet " + f.Pos.XPath
			}
		}
		msg = localWords(lang).Replace(strings.ReplaceAll(msg, "{field}", label))
	}
	return msg
}

// DecimalComma shows a number written with '.' in the language: with a
// decimal comma in Danish ("2,5"), as it is otherwise.
func DecimalComma(lang, number string) string {
	if lang == "da" {
		return strings.Replace(number, ".", ",", 1)
	}
	return number
}

var (
	wordsEn = strings.NewReplacer("{row}", "row", "{line}", "line")
	wordsDa = strings.NewReplacer("{row}", "række", "{line}", "linje")
)

// localWords translates the placeholders that arguments may carry, so that
// an argument like "{row} 7" reads right in either language.
func localWords(lang string) *strings.Replacer {
	if lang == "da" {
		return wordsDa
	}
	return wordsEn
}

// FieldLabel is a field's name for people: "Varenavn (name)".
func FieldLabel(name, lang string) string {
	f, ok := FieldByName(name)
	if !ok {
		return name
	}
	label := Fields[f].En
	if lang == "da" {
		label = Fields[f].Da
	}
	return label + " (" + name + ")"
}

// Where says where the finding sits, for text reports: "row 13, column D".
func (f *Finding) Where(lang string) string {
	row, col, line := "row", "column", "line"
	if lang == "da" {
		row, col, line = "række", "kolonne", "linje"
	}
	if f.Output {
		return f.outputWhere(lang, row, col)
	}
	switch {
	case f.Pos.XPath != "":
		return f.Pos.XPath
	case f.Pos.Row > 0 && f.Pos.ColName != "":
		return row + " " + strconv.Itoa(f.Pos.Row) + ", " + col + " " + f.Pos.ColName
	case f.Pos.Row > 0 && f.Pos.Col > 0:
		return line + " " + strconv.Itoa(f.Pos.Row) + ", " + col + " " + strconv.Itoa(f.Pos.Col)
	case f.Pos.Row > 0:
		return line + " " + strconv.Itoa(f.Pos.Row)
	case f.Line > 0:
		return "#" + strconv.Itoa(f.Line)
	}
	return ""
}

// outputWhere places a finding on the written file: where in the output,
// and which source line produced it.
func (f *Finding) outputWhere(lang, row, col string) string {
	w := "written file"
	if lang == "da" {
		w = "skrevet fil"
	}
	switch {
	case f.Pos.XPath != "":
		w += " " + f.Pos.XPath
	case f.Pos.Row > 0 && f.Pos.ColName != "":
		w += ", " + row + " " + strconv.Itoa(f.Pos.Row) + ", " + col + " " + f.Pos.ColName
	case f.Pos.Row > 0 && f.Pos.Col > 0:
		w += ", " + row + " " + strconv.Itoa(f.Pos.Row) + ", " + col + " " + strconv.Itoa(f.Pos.Col)
	case f.Pos.Row > 0:
		w += ", " + row + " " + strconv.Itoa(f.Pos.Row)
	}
	if f.Line > 0 {
		if lang == "da" {
			w += " (fra kildens linje " + strconv.Itoa(f.Line) + ")"
		} else {
			w += " (from source line " + strconv.Itoa(f.Line) + ")"
		}
	}
	return w
}
