package report

import (
	"bufio"
	"io"

	"github.com/ekatalog/ekatalog/internal/compare"
)

type jsonFile struct {
	File   string `json:"file"`
	Format string `json:"format"`
}

type jsonCompareSummary struct {
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

func priceJSON(p *compare.PriceCheck) *jsonPrice {
	if p == nil {
		return nil
	}
	return &jsonPrice{round(p.Price, 6), round(p.Agreed, 6), p.Per, round(p.Difference, 6), round(p.Percent, 4), nilIfZero(round(p.Max, 6))}
}

type jsonCompareFinding struct {
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

// printCompareJSON streams a comparison (schemas/compare.schema.json): the
// findings are encoded one at a time.
func printCompareJSON(out io.Writer, r *compare.Result, o Options) error {
	w := bufio.NewWriterSize(out, 64<<10)
	lang := o.Lang
	s := r.Summary
	head := struct {
		Agreement jsonFile           `json:"agreement"`
		Catalogue jsonFile           `json:"catalogue"`
		Tolerance float64            `json:"tolerance"`
		Error     string             `json:"error,omitempty"`
		Summary   jsonCompareSummary `json:"summary"`
		Top       []jsonDeviation    `json:"top"`
		Omitted   map[string]int     `json:"omitted,omitempty"`
	}{Agreement: jsonFile{r.Agreement, r.AgreementFormat}, Catalogue: jsonFile{r.Catalogue, r.CatalogueFormat},
		Tolerance: r.Tolerance, Error: r.Error, Omitted: r.Omitted, Top: []jsonDeviation{},
		Summary: jsonCompareSummary{s.CatalogueLines, s.Matched, s.MatchedByGTIN, s.NotOnAgreement, s.AgreementItems,
			s.AgreementFound, round(s.Coverage, 4), s.PriceChecked, s.Above, s.AboveMax, s.WithinTolerance, s.Below,
			s.UnitMismatch, s.PackChanged, s.Errors, s.Warnings, s.Infos, s.Conforming}}
	for _, d := range r.Top {
		head.Top = append(head.Top, jsonDeviation{ItemID: d.ItemID, Rule: d.Rule, jsonWhere: whereJSON(d.Line, d.Pos),
			jsonPrice: *priceJSON(&d.PriceCheck)})
	}
	err := writeWithList(w, head, "findings", len(r.Findings), func(i int) any {
		f := &r.Findings[i]
		return jsonCompareFinding{Rule: f.RuleID(), Severity: f.Severity.String(), Message: f.Message(lang),
			Source: f.Source, jsonWhere: whereJSON(f.Line, f.Pos), Field: nilIfZero(f.Field), Value: nilIfZero(f.Value),
			ItemID: nilIfZero(f.Item), Price: priceJSON(r.Price(i))}
	})
	if err != nil {
		return err
	}
	w.WriteByte('\n')
	return w.Flush()
}
