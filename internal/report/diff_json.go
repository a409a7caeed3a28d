package report

import (
	"bufio"
	"io"
	"math"

	"github.com/ekatalog/ekatalog/internal/diff"
)

type jsonDiffLine struct {
	ItemID string `json:"itemId"`
	GTIN   string `json:"gtin"`
	Name   string `json:"name"`
	Line   int    `json:"line"`
	Row    *int   `json:"row"`
}

type jsonDiffField struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

type jsonDiffChange struct {
	ItemID      string          `json:"itemId"`
	OldLine     int             `json:"oldLine"`
	NewLine     int             `json:"newLine"`
	OldRow      *int            `json:"oldRow"`
	NewRow      *int            `json:"newRow"`
	Fields      []jsonDiffField `json:"fields"`
	PriceChange *float64        `json:"priceChange,omitempty"`
}

// jsonProblem is a reader's finding, in the shape of the compliance
// report's findings, and the file it is about.
type jsonProblem struct {
	File    string `json:"file"`
	Finding any    `json:"finding"`
}

func changeJSON(c *diff.Change) jsonDiffChange {
	j := jsonDiffChange{ItemID: c.ItemID, OldLine: c.OldLine, NewLine: c.NewLine, OldRow: nilIfZero(c.OldRow), NewRow: nilIfZero(c.NewRow),
		Fields: []jsonDiffField{}}
	for _, f := range c.Fields {
		j.Fields = append(j.Fields, jsonDiffField{f.Field, f.Old, f.New})
	}
	if c.PriceChange != nil && !math.IsNaN(*c.PriceChange) {
		p := round(*c.PriceChange, 4)
		j.PriceChange = &p
	}
	return j
}

func linesJSON(ls []diff.Line) []jsonDiffLine {
	out := []jsonDiffLine{}
	for _, l := range ls {
		out = append(out, jsonDiffLine{l.ItemID, l.GTIN, l.Name, l.Line, nilIfZero(l.Row)})
	}
	return out
}

// printDiffJSON writes the diff as one object (schemas/diff.schema.json);
// the changes are encoded one at a time.
func printDiffJSON(out io.Writer, r *diff.Result, o Options) error {
	w := bufio.NewWriterSize(out, 64<<10)
	lang := o.Lang
	s := r.Summary
	type file = jsonFile
	head := struct {
		Old     file   `json:"old"`
		New     file   `json:"new"`
		Error   string `json:"error,omitempty"`
		Summary struct {
			OldLines      int            `json:"oldLines"`
			NewLines      int            `json:"newLines"`
			Added         int            `json:"added"`
			Removed       int            `json:"removed"`
			Changed       int            `json:"changed"`
			Unchanged     int            `json:"unchanged"`
			MatchedByGTIN int            `json:"matchedByGtin"`
			FieldChanges  map[string]int `json:"fieldChanges"`
		} `json:"summary"`
		Prices struct {
			Changed     int              `json:"changed"`
			Up          int              `json:"up"`
			Down        int              `json:"down"`
			Buckets     []float64        `json:"buckets"`
			UpBuckets   []int            `json:"upBuckets"`
			DownBuckets []int            `json:"downBuckets"`
			Largest     []jsonDiffChange `json:"largest"`
		} `json:"prices"`
		Omitted  map[string]int `json:"omitted,omitempty"`
		Problems []jsonProblem  `json:"problems"`
		Added    []jsonDiffLine `json:"added"`
		Removed  []jsonDiffLine `json:"removed"`
	}{Old: file{r.Old, r.OldFormat}, New: file{r.New, r.NewFormat}, Error: r.Error, Omitted: r.Omitted,
		Added: linesJSON(r.Added), Removed: linesJSON(r.Removed)}
	head.Problems = []jsonProblem{}
	for i := range r.Problems {
		p := &r.Problems[i]
		head.Problems = append(head.Problems, jsonProblem{File: p.Source, Finding: FindingJSON(p, lang)})
	}
	hs := &head.Summary
	hs.OldLines, hs.NewLines, hs.Added, hs.Removed, hs.Changed, hs.Unchanged, hs.MatchedByGTIN, hs.FieldChanges =
		s.OldLines, s.NewLines, s.Added, s.Removed, s.Changed, s.Same, s.MatchedByGTIN, s.FieldChanges
	hp := &head.Prices
	p := r.Prices
	hp.Changed, hp.Up, hp.Down, hp.Buckets, hp.UpBuckets, hp.DownBuckets = p.Changed, p.Up, p.Down, diff.Buckets, p.UpBuckets, p.DownBuckets
	hp.Largest = []jsonDiffChange{}
	for i := range p.Largest {
		hp.Largest = append(hp.Largest, changeJSON(&p.Largest[i]))
	}
	if err := writeWithList(w, head, "changed", len(r.Changed), func(i int) any { return changeJSON(&r.Changed[i]) }); err != nil {
		return err
	}
	w.WriteByte('\n')
	return w.Flush()
}
