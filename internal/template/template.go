// Package template makes the empty Excel template a supplier fills in for
// a profile: a sheet of columns headed with the Danish names the readers
// map back, mandatory and recommended columns marked in colour, a
// drop-down of unit words and codes, and an instructions sheet in Danish
// and English listing every field with its meaning, its use under the
// profile and its rules.
package template

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/catalog/units"
	"github.com/ekatalog/ekatalog/internal/report/stablezip"
	"github.com/ekatalog/ekatalog/mappings"
	"github.com/xuri/excelize/v2"
)

// Sheet names and layout of the template.
const (
	DataSheet         = "Varer"
	InstructionsSheet = "Vejledning"
	UnitsSheet        = "Enheder"
	// HeaderRow is the row of the column headers; a title and the legend
	// stand above it.
	HeaderRow = 4
)

// Colours of the header cells by use.
const (
	MandatoryFill   = "F4B183" // orange
	RecommendedFill = "FFE699" // yellow
	OptionalFill    = "E7E6E6" // grey
)

// Column is one column of the template.
type Column struct {
	Header string // the Danish header, the first synonym of headers.json
	Target mappings.Target
	Use    catalog.Use
}

// Columns lists the template's columns for a profile: mandatory first,
// then recommended, then optional, each in the canonical field order.
// Forbidden fields have no column. Classification has a column per scheme
// the profile names (UNSPSC when it names none).
func Columns(p *catalog.Profile) []Column {
	syn := mappings.HeaderSynonyms()
	var cols []Column
	for f := range catalog.Fields {
		field := catalog.Field(f)
		switch field {
		case catalog.FieldNone, catalog.FieldLineID, catalog.FieldUnitText, catalog.FieldExtra:
			continue
		}
		use := p.Fields[f].Use
		if use == catalog.Forbidden {
			continue
		}
		if field == catalog.FieldClassification {
			schemes := p.Fields[f].Schemes
			if len(schemes) == 0 {
				schemes = []string{"UNSPSC"}
			}
			for _, s := range schemes {
				t := mappings.Target{Field: field, Scheme: strings.ToUpper(s)}
				if h := syn[t.String()]; len(h) > 0 {
					cols = append(cols, Column{Header: h[0], Target: t, Use: use})
				}
			}
			continue
		}
		t := mappings.Target{Field: field}
		if h := syn[t.String()]; len(h) > 0 {
			cols = append(cols, Column{Header: h[0], Target: t, Use: use})
		}
	}
	slices.SortStableFunc(cols, func(a, b Column) int { return int(b.Use) - int(a.Use) })
	return cols
}

// UseLabel names a use in Danish and English.
func UseLabel(u catalog.Use) (da, en string) {
	switch u {
	case catalog.Mandatory:
		return "obligatorisk", "mandatory"
	case catalog.Recommended:
		return "anbefalet", "recommended"
	case catalog.Forbidden:
		return "forbudt", "forbidden"
	}
	return "valgfri", "optional"
}

// Write writes the template of the profile as an .xlsx workbook. The same
// profile gives the same bytes.
func Write(w io.Writer, p *catalog.Profile) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", DataSheet); err != nil {
		return err
	}
	for _, s := range []string{InstructionsSheet, UnitsSheet} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	cols := Columns(p)
	unitRows, err := writeUnits(f, p, st)
	if err != nil {
		return err
	}
	if err := writeData(f, p, cols, unitRows, st); err != nil {
		return err
	}
	if err := writeInstructions(f, p, cols, st); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return stablezip.Write(f, w)
}

type styles struct {
	title, bold, text, wrap int
	use                     [3]int // header style per use (Optional, Recommended, Mandatory)
	legend                  [3]int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	s.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F3F5F7"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.text = mk(&excelize.Style{NumFmt: 49})
	s.wrap = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	for u, c := range [3]string{catalog.Optional: OptionalFill, catalog.Recommended: RecommendedFill, catalog.Mandatory: MandatoryFill} {
		border := []excelize.Border{{Type: "bottom", Color: "7F7F7F", Style: 1}}
		s.use[u] = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}},
			Border: border, NumFmt: 49, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
		s.legend[u] = mk(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}})
	}
	return s, err
}

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// textField reports whether a column holds text that Excel must not turn
// into a number (item numbers, GTINs with leading zeros, codes).
func textField(t mappings.Target) bool {
	k := catalog.Fields[t.Field].Kind
	return k == catalog.KindString || k == catalog.KindStrings || k == catalog.KindClassification
}

func writeData(f *excelize.File, p *catalog.Profile, cols []Column, unitRows int, st styles) error {
	s := DataSheet
	set := func(ref string, v any, style int) {
		f.SetCellValue(s, ref, v)
		f.SetCellStyle(s, ref, ref, style)
	}
	set("A1", fmt.Sprintf("Leverandørskabelon, profil %s / Supplier template, profile %s", p.Name, p.Name), st.title)
	set("A2", "Obligatorisk / mandatory", st.legend[catalog.Mandatory])
	set("B2", "Anbefalet / recommended", st.legend[catalog.Recommended])
	set("C2", "Valgfri / optional", st.legend[catalog.Optional])
	set("D2", "Se arket "+InstructionsSheet+" / see the sheet "+InstructionsSheet, st.wrap)
	for i, c := range cols {
		ref := cell(i+1, HeaderRow)
		set(ref, c.Header, st.use[min(c.Use, catalog.Mandatory)])
		col, _ := excelize.ColumnNumberToName(i + 1)
		width := float64(max(14, len([]rune(c.Header))+4))
		if c.Target.Field == catalog.FieldName || c.Target.Field == catalog.FieldDescription {
			width = 40
		}
		f.SetColWidth(s, col, col, width)
		if textField(c.Target) {
			// Text cells keep GTINs' leading zeros and item numbers as
			// written.
			f.SetCellStyle(s, cell(i+1, HeaderRow+1), cell(i+1, HeaderRow+1000), st.text)
		}
		da, en := meaning(c.Target.Field)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s%d:%s%d", col, HeaderRow+1, col, 1048576))
		dv.SetInput(truncate(c.Header, 32), truncate(da+" / "+en, 255))
		if c.Target.Field == catalog.FieldUnit || c.Target.Field == catalog.FieldContentUnit {
			// A drop-down of the unit sheet's words and codes; another
			// code is allowed after a warning.
			dv.SetSqrefDropList(fmt.Sprintf("'%s'!$A$2:$A$%d", UnitsSheet, unitRows+1))
			dv.SetError(excelize.DataValidationErrorStyleWarning, "Enhed / unit",
				"Ikke på listen: brug et ord eller en kode fra arket "+UnitsSheet+". / Not on the list: use a word or code from the sheet "+UnitsSheet+".")
		}
		if err := f.AddDataValidation(s, dv); err != nil {
			return err
		}
	}
	f.SetRowHeight(s, HeaderRow, 32)
	return f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: HeaderRow, TopLeftCell: cell(1, HeaderRow+1), ActivePane: "bottomLeft"})
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// unitChoice is one entry of the unit drop-down.
type unitChoice struct {
	value, code, name, words string
}

// unitChoices lists the words ekatalog reads as units (without those
// spelled with a dot or a space), alphabetically, then the codes they stand
// for, in the form of the profile's code list.
func unitChoices(p *catalog.Profile) []unitChoice {
	var words, codes []unitChoice
	for _, u := range units.All() {
		aliases := units.AliasesOf(u.Code)
		if len(aliases) == 0 {
			continue
		}
		code := u.Code
		switch p.Units {
		case catalog.UnitsPeppol:
			if c, ok := units.ForTarget(code, units.Peppol); ok {
				code = c
			}
		case catalog.UnitsOIOUBL:
			if c, ok := units.ForTarget(code, units.OIOUBL); ok {
				code = c
			}
		}
		all := strings.Join(aliases, ", ")
		for _, w := range aliases {
			if !strings.ContainsAny(w, ". ") {
				words = append(words, unitChoice{value: w, code: code, name: u.Name, words: all})
			}
		}
		codes = append(codes, unitChoice{value: code, code: code, name: u.Name, words: all})
	}
	slices.SortStableFunc(words, func(a, b unitChoice) int { return strings.Compare(a.value, b.value) })
	slices.SortStableFunc(codes, func(a, b unitChoice) int { return strings.Compare(a.value, b.value) })
	seen := map[string]bool{}
	var out []unitChoice
	for _, c := range append(words, codes...) {
		if !seen[strings.ToLower(c.value)] {
			seen[strings.ToLower(c.value)] = true
			out = append(out, c)
		}
	}
	return out
}

func writeUnits(f *excelize.File, p *catalog.Profile, st styles) (int, error) {
	s := UnitsSheet
	head := []string{"Enhed / unit", "Kode / code (UN/ECE Rec 20/21)", "Navn / name", "Ord der også forstås / words also understood"}
	for i, h := range head {
		f.SetCellValue(s, cell(i+1, 1), h)
		f.SetCellStyle(s, cell(i+1, 1), cell(i+1, 1), st.bold)
	}
	choices := unitChoices(p)
	for r, c := range choices {
		for i, v := range []string{c.value, c.code, c.name, c.words} {
			f.SetCellStr(s, cell(i+1, r+2), v)
		}
	}
	f.SetColWidth(s, "A", "A", 16)
	f.SetColWidth(s, "B", "B", 16)
	f.SetColWidth(s, "C", "C", 30)
	f.SetColWidth(s, "D", "D", 70)
	return len(choices), nil
}

func writeInstructions(f *excelize.File, p *catalog.Profile, cols []Column, st styles) error {
	s := InstructionsSheet
	f.SetCellValue(s, "A1", "Vejledning / Instructions: "+p.Name)
	f.SetCellStyle(s, "A1", "A1", st.title)
	f.SetCellValue(s, "A2", "Udfyld arket "+DataSheet+" med én vare pr. række under overskrifterne; lad overskrifterne stå. "+
		"Farven på overskriften siger, om feltet er obligatorisk, anbefalet eller valgfrit i profilen.")
	f.SetCellValue(s, "A3", "Fill in the sheet "+DataSheet+" with one item per row below the headers; keep the headers. "+
		"The header's colour says whether the profile makes the field mandatory, recommended or optional.")
	f.SetCellValue(s, "A4", "Profil / profile: "+p.Description)
	f.SetCellValue(s, "A5", "Obligatorisk / mandatory")
	f.SetCellStyle(s, "A5", "A5", st.legend[catalog.Mandatory])
	f.SetCellValue(s, "B5", "Anbefalet / recommended")
	f.SetCellStyle(s, "B5", "B5", st.legend[catalog.Recommended])
	f.SetCellValue(s, "C5", "Valgfri / optional")
	f.SetCellStyle(s, "C5", "C5", st.legend[catalog.Optional])
	const first = 7
	head := []string{"Kolonne", "Felt / field", "Brug", "Use", "Betydning", "Meaning", "Regler", "Rules", "Eksempel / example"}
	for i, h := range head {
		f.SetCellValue(s, cell(i+1, first), h)
		f.SetCellStyle(s, cell(i+1, first), cell(i+1, first), st.bold)
	}
	row := first + 1
	add := func(header, field string, use catalog.Use, fi catalog.Field, t mappings.Target) {
		da, en := meaning(fi)
		rda, ren := rules(p, fi, t)
		uda, uen := UseLabel(use)
		ex := ""
		if use != catalog.Forbidden {
			ex = Example(Column{Target: t})
		}
		for i, v := range []string{header, field, uda, uen, da, en, rda, ren, ex} {
			f.SetCellStr(s, cell(i+1, row), v)
			f.SetCellStyle(s, cell(i+1, row), cell(i+1, row), st.wrap)
		}
		f.SetCellStyle(s, cell(1, row), cell(1, row), st.use[min(use, catalog.Mandatory)])
		row++
	}
	for _, c := range cols {
		add(c.Header, c.Target.String(), c.Use, c.Target.Field, c.Target)
	}
	// Fields the profile forbids have no column, but are listed.
	for fi := range catalog.Fields {
		if p.Fields[fi].Use == catalog.Forbidden {
			add("—", catalog.Field(fi).String(), catalog.Forbidden, catalog.Field(fi), mappings.Target{Field: catalog.Field(fi)})
		}
	}
	// The catalogue's own data (its ID, dates, seller, receiver) has no
	// place in a sheet of lines: it is given with --header.
	if hf := p.HeaderFields(); len(hf) > 0 {
		row++
		f.SetCellStr(s, cell(1, row), "Katalogets hoveddata / catalogue header")
		f.SetCellStyle(s, cell(1, row), cell(1, row), st.title)
		row++
		f.SetCellStr(s, cell(1, row), "Profilen kræver også disse oplysninger om kataloget, som et regneark ikke har plads til: "+
			"skriv dem i en JSON-fil og giv den med --header (ekatalog convert --header hoved.json …).")
		row++
		f.SetCellStr(s, cell(1, row), "The profile also asks for this data about the catalogue, which a spreadsheet has no place for: "+
			"write it in a JSON file and give it with --header (ekatalog convert --header header.json …).")
		row++
		for _, h := range hf {
			uda, uen := UseLabel(p.Header[h])
			for i, v := range []string{"—", h, uda, uen} {
				f.SetCellStr(s, cell(i+1, row), v)
				f.SetCellStyle(s, cell(i+1, row), cell(i+1, row), st.wrap)
			}
			f.SetCellStyle(s, cell(1, row), cell(1, row), st.use[min(p.Header[h], catalog.Mandatory)])
			row++
		}
	}
	for i, w := range []float64{24, 22, 13, 13, 45, 45, 45, 45, 30} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(s, col, col, w)
	}
	return f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: first, TopLeftCell: cell(1, first+1), ActivePane: "bottomLeft"})
}

// rules says what a value of the field must be, in Danish and English.
func rules(p *catalog.Profile, f catalog.Field, t mappings.Target) (da, en string) {
	var d, e []string
	add := func(a, b string) { d, e = append(d, a), append(e, b) }
	switch catalog.Fields[f].Kind {
	case catalog.KindNumber:
		add("Et tal, med decimalkomma eller -punktum.", "A number, with a decimal comma or point.")
	case catalog.KindInteger:
		add("Et helt tal.", "A whole number.")
	case catalog.KindDate:
		add("En dato: ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ.", "A date: YYYY-MM-DD or DD-MM-YYYY.")
	case catalog.KindBool:
		add("Ja eller nej.", "Yes or no.")
	case catalog.KindStrings:
		add("Flere værdier adskilt af , ; eller |.", "Several values separated by , ; or |.")
	}
	switch f {
	case catalog.FieldGTIN:
		add("8, 12, 13 eller 14 cifre med korrekt kontrolciffer; formatér kolonnen som tekst, så foranstillede nuller bevares.",
			"8, 12, 13 or 14 digits with a correct check digit; format the column as text so leading zeros are kept.")
	case catalog.FieldUnit, catalog.FieldContentUnit:
		list := string(p.Units)
		if list == "" {
			list = "any"
		}
		add("Et enhedsord (stk, pakke, æske …) eller en UN/ECE Rec 20/21-kode; se arket "+UnitsSheet+". Kodeliste: "+list+".",
			"A unit word (stk, pakke, æske …) or a UN/ECE Rec 20/21 code; see the sheet "+UnitsSheet+". Code list: "+list+".")
	case catalog.FieldCurrency:
		add("En ISO 4217-valutakode, fx DKK.", "An ISO 4217 currency code, such as DKK.")
	case catalog.FieldOriginCountry:
		add("En ISO 3166-1-landekode på to bogstaver, fx DK.", "An ISO 3166-1 two-letter country code, such as DK.")
	case catalog.FieldPrice:
		add("Nettopris ekskl. moms pr. prisenhed; ikke negativ.", "Net price excluding VAT per price base quantity; not negative.")
	case catalog.FieldVATPercent:
		if len(p.VATRates) > 0 {
			var rates []string
			for _, r := range p.VATRates {
				rates = append(rates, strconv.FormatFloat(r, 'f', -1, 64))
			}
			add("En af satserne "+strings.Join(rates, ", ")+".", "One of the rates "+strings.Join(rates, ", ")+".")
		}
	case catalog.FieldPackQuantity, catalog.FieldMinOrderQuantity, catalog.FieldOrderQuantityIncrement, catalog.FieldMaxOrderQuantity, catalog.FieldPriceBaseQuantity:
		add("Større end 0.", "Greater than 0.")
	case catalog.FieldAction:
		add("add, update eller delete.", "add, update or delete.")
	case catalog.FieldImages:
		add("Fulde adresser (https://…).", "Full addresses (https://…).")
	case catalog.FieldClassification:
		if t.Scheme == "UNSPSC" {
			add("En UNSPSC-kode på 8 cifre.", "An 8-digit UNSPSC code.")
		} else {
			add("En kode fra "+t.Scheme+".", "A code of "+t.Scheme+".")
		}
	case catalog.FieldSellerItemID:
		add("Entydig: samme varenummer må kun stå på én række.", "Unique: an item number may stand on one row only.")
	}
	r := p.Fields[f]
	if r.MaxLength > 0 {
		add(fmt.Sprintf("Højst %d tegn.", r.MaxLength), fmt.Sprintf("At most %d characters.", r.MaxLength))
	}
	if r.MinLength > 0 {
		add(fmt.Sprintf("Mindst %d tegn.", r.MinLength), fmt.Sprintf("At least %d characters.", r.MinLength))
	}
	if len(r.Codes) > 0 {
		add("En af: "+strings.Join(r.Codes, ", ")+".", "One of: "+strings.Join(r.Codes, ", ")+".")
	}
	if len(d) == 0 {
		add("Tekst.", "Text.")
	}
	return strings.Join(d, " "), strings.Join(e, " ")
}
