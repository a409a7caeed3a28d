package compare

import (
	"bufio"
	"encoding/json"
	"io"
	"math"

	"github.com/ekatalog/ekatalog/catalog"
)

type jsonFile struct {
	File   string `json:"file"`
	Format string `json:"format"`
}

type jsonSummary struct {
	CatalogueLines  int     `json:"catalogueLines"`
	Matched         int     `json:"matched"`
	MatchedByGTIN   int     `json:"matchedByGtin"`
	NotOnAgreement  int     `json:"notOnAgreement"`
	AgreementItems  int     `json:"agreementItems"`
	AgreementFound  int     `json:"agreementFound"`
	Coverage        float64 `json:"coverage"`
	PriceChecked    int     `json:"priceChecked"`
	Above           int     `json:"above"`
	AboveMax        int     `json:"aboveMax"`
	WithinTolerance int     `json:"withinTolerance"`
	Below           int     `json:"below"`
	UnitMismatch    int     `json:"unitMismatch"`
	PackChanged     int     `json:"packChanged"`
	Errors          int     `json:"errors"`
	Warnings        int     `json:"warnings"`
	Infos           int     `json:"infos"`
	Conforming      bool    `json:"conforming"`
}

type jsonPrice struct {
	Price      float64  `json:"price"`
	Agreed     float64  `json:"agreed"`
	Per        string   `json:"per"`
	Difference float64  `json:"difference"`
	Percent    float64  `json:"percent"`
	Max        *float64 `json:"max"`
}

func priceJSON(p *PriceCheck) *jsonPrice {
	if p == nil {
		return nil
	}
	return &jsonPrice{Round(p.Price, 6), Round(p.Agreed, 6), p.Per, Round(p.Difference, 6), Round(p.Percent, 4), nilIfZero(Round(p.Max, 6))}
}

// Round drops the binary noise of computed numbers (0.30000000000000004)
// from JSON: prices to 6 decimals, percentages to 4.
func Round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}

type jsonWhere struct {
	Line   int     `json:"line"`
	Row    *int    `json:"row"`
	Column any     `json:"column"`
	XPath  *string `json:"xpath"`
}

func whereJSON(line int, p catalog.Pos) jsonWhere {
	w := jsonWhere{Line: line, Row: nilIfZero(p.Row), XPath: nilIfZero(p.XPath)}
	switch {
	case p.ColName != "":
		w.Column = p.ColName
	case p.Col > 0:
		w.Column = p.Col
	}
	return w
}

type jsonFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Source   string `json:"source"`
	jsonWhere
	Field  *string    `json:"field"`
	Value  *string    `json:"value"`
	ItemID *string    `json:"itemId"`
	Price  *jsonPrice `json:"price,omitempty"`
}

type jsonDeviation struct {
	ItemID string `json:"itemId"`
	Rule   string `json:"rule"`
	jsonWhere
	jsonPrice
}

func nilIfZero[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// printJSON streams the result: the findings are encoded one at a time.
func printJSON(out io.Writer, r *Result, lang string) error {
	w := bufio.NewWriterSize(out, 64<<10)
	s := r.Summary
	head := struct {
		Agreement jsonFile        `json:"agreement"`
		Catalogue jsonFile        `json:"catalogue"`
		Tolerance float64         `json:"tolerance"`
		Error     string          `json:"error,omitempty"`
		Summary   jsonSummary     `json:"summary"`
		Top       []jsonDeviation `json:"top"`
		Omitted   map[string]int  `json:"omitted,omitempty"`
	}{Agreement: jsonFile{r.Agreement, r.AgreementFormat}, Catalogue: jsonFile{r.Catalogue, r.CatalogueFormat},
		Tolerance: r.Tolerance, Error: r.Error, Omitted: r.Omitted, Top: []jsonDeviation{},
		Summary: jsonSummary{s.CatalogueLines, s.Matched, s.MatchedByGTIN, s.NotOnAgreement, s.AgreementItems,
			s.AgreementFound, Round(s.Coverage, 4), s.PriceChecked, s.Above, s.AboveMax, s.WithinTolerance, s.Below,
			s.UnitMismatch, s.PackChanged, s.Errors, s.Warnings, s.Infos, s.Conforming}}
	for _, d := range r.Top {
		head.Top = append(head.Top, jsonDeviation{ItemID: d.ItemID, Rule: d.Rule, jsonWhere: whereJSON(d.Line, d.Pos),
			jsonPrice: *priceJSON(&d.PriceCheck)})
	}
	b, err := json.Marshal(head)
	if err != nil {
		return err
	}
	w.Write(b[:len(b)-1])
	w.WriteString(`,"findings":[`)
	for i := range r.Findings {
		f := &r.Findings[i]
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n  ")
		b, err := json.Marshal(jsonFinding{Rule: f.RuleID(), Severity: f.Severity.String(), Message: f.Message(lang),
			Source: f.Source, jsonWhere: whereJSON(f.Line, f.Pos), Field: nilIfZero(f.Field), Value: nilIfZero(f.Value),
			ItemID: nilIfZero(f.ItemID), Price: priceJSON(f.Price)})
		if err != nil {
			return err
		}
		w.Write(b)
	}
	w.WriteString("\n]}\n")
	return w.Flush()
}
