package report

import (
	"io"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/compare"
	"github.com/xuri/excelize/v2"
)

// The workbook report of a comparison: a summary sheet, the largest deviations and every
// finding kept, one per row, for analysts to filter and sort. Values from
// the files are written as text cells with the text number format, so an
// item number that looks like a formula (=, +, -, @) stays text.

// xlsxText is Excel's built-in "@" number format.
const xlsxText = 49

func printCompareXLSX(w io.Writer, r *compare.Result, o Options) error {
	lang := o.Lang
	T := func(en, da string) string { return T(lang, en, da) }
	f := excelize.NewFile()
	defer f.Close()
	text, err := f.NewStyle(&excelize.Style{NumFmt: xlsxText})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: xlsxText})
	if err != nil {
		return err
	}
	str := func(s string) excelize.Cell { return excelize.Cell{StyleID: text, Value: s} }
	head := func(s ...string) []any {
		row := make([]any, len(s))
		for i, v := range s {
			row[i] = excelize.Cell{StyleID: bold, Value: v}
		}
		return row
	}

	summary := T("Summary", "Oversigt")
	f.SetSheetName("Sheet1", summary)
	sw, err := f.NewStreamWriter(summary)
	if err != nil {
		return err
	}
	s := r.Summary
	rows := [][]any{
		head(T("Comparison", "Sammenligning"), compareVerdict(r, lang)),
		{str(T("Catalogue", "Katalog")), str(r.Catalogue)},
		{str(T("Agreement", "Aftale")), str(r.Agreement)},
		{str(T("Tolerance %", "Tolerance %")), r.Tolerance},
		{str(T("Catalogue lines", "Kataloglinjer")), s.CatalogueLines},
		{str(T("Matched to the agreement", "Fundet på aftalen")), s.Matched},
		{str(T("of those by GTIN only", "heraf kun via EAN/GTIN")), s.MatchedByGTIN},
		{str(T("Not on the agreement", "Ikke på aftalen")), s.NotOnAgreement},
		{str(T("Agreed items", "Aftalevarer")), s.AgreementItems},
		{str(T("Agreed items in the catalogue", "Aftalevarer i kataloget")), s.AgreementFound},
		{str(T("Coverage %", "Dækning %")), s.Coverage},
		{str(T("Prices checked", "Priser kontrolleret")), s.PriceChecked},
		{str(T("Above the agreed price", "Over aftaleprisen")), s.Above},
		{str(T("of those above the maximum price", "heraf over maksimalprisen")), s.AboveMax},
		{str(T("Above, within the tolerance", "Over, inden for tolerancen")), s.WithinTolerance},
		{str(T("Below the agreed price", "Under aftaleprisen")), s.Below},
		{str(T("Units not comparable", "Enheder kan ikke sammenlignes")), s.UnitMismatch},
		{str(T("Errors", "Fejl")), s.Errors},
		{str(T("Warnings", "Advarsler")), s.Warnings},
		{str(T("Notes", "Bemærkninger")), s.Infos},
	}
	if r.Error != "" {
		rows = append(rows, []any{str(T("Could not be read to the end", "Kunne ikke læses til ende")), str(r.Error)})
	}
	if err := writeRows(sw, rows); err != nil {
		return err
	}

	top := T("Largest deviations", "Største afvigelser")
	f.NewSheet(top)
	if sw, err = f.NewStreamWriter(top); err != nil {
		return err
	}
	rows = [][]any{head(T("Item", "Vare"), T("Line", "Linje"), T("Where", "Hvor"), T("Price", "Pris"),
		T("Agreed", "Aftalt"), T("per", "pr."), T("Difference", "Forskel"), "%")}
	for _, d := range r.Top {
		rows = append(rows, []any{str(d.ItemID), d.Line, str(posWhere(d.Pos, d.Line, lang)), d.Price, d.Agreed,
			str(d.Per), d.Difference, d.Percent})
	}
	if err := writeRows(sw, rows); err != nil {
		return err
	}

	findings := T("Findings", "Fund")
	f.NewSheet(findings)
	if sw, err = f.NewStreamWriter(findings); err != nil {
		return err
	}
	rows = [][]any{head(T("Severity", "Alvor"), T("Rule", "Regel"), T("File", "Fil"), T("Line", "Linje"),
		T("Where", "Hvor"), T("Item", "Vare"), T("Field", "Felt"), T("Value", "Værdi"), T("Message", "Besked"),
		T("Price per unit", "Pris pr. enhed"), T("Agreed per unit", "Aftalt pr. enhed"), T("Unit", "Enhed"), "%")}
	for i := range r.Findings {
		fi := &r.Findings[i]
		file := r.Catalogue
		if fi.Source == catalog.SourceAgreement {
			file = r.Agreement
		}
		row := []any{str(SeverityLabel(fi.Severity, lang)), str(fi.RuleID()), str(file), fi.Line, str(compareWhere(fi, lang)),
			str(fi.Item), str(fi.Field), str(fi.Value), str(fi.Message(lang))}
		if p := r.Price(i); p != nil {
			row = append(row, p.Price, p.Agreed, str(p.Per), p.Percent)
		}
		rows = append(rows, row)
	}
	if err := writeRows(sw, rows); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func writeRows(sw *excelize.StreamWriter, rows [][]any) error {
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}
