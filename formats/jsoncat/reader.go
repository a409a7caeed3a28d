package jsoncat

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/ekatalog/ekatalog/catalog"
)

// Reader streams the lines of a canonical JSON catalogue.
type Reader struct {
	name    string
	dec     *json.Decoder
	header  catalog.Header
	inLines bool
	done    bool
	n       int
	fields  catalog.FieldSet
}

// Open reads up to the first line. The header may come before or after
// "lines"; a header after the lines is read only at the end, so a header
// must come first to reach the validator (as the writer puts it).
func Open(r io.Reader, name string) (*Reader, error) { return OpenLimit(r, name, 0) }

// DefaultMaxValueBytes is the default bound on one value (--max-value).
const DefaultMaxValueBytes = 16 << 20

// OpenLimit is Open with a bound on one value (0: DefaultMaxValueBytes):
// the decoder holds a whole JSON value at a time (a line, the header, a
// member it skips), so that is the value bounded; a larger one is an
// error, stopped while it streams in.
func OpenLimit(r io.Reader, name string, maxValue int64) (*Reader, error) {
	if maxValue <= 0 {
		maxValue = DefaultMaxValueBytes
	}
	g := &valueGuard{r: r, max: maxValue + 1<<16}
	rd := &Reader{name: name, dec: json.NewDecoder(bufio.NewReaderSize(g, 1<<16))}
	g.dec = rd.dec
	rd.dec.UseNumber()
	if err := rd.expect(json.Delim('{')); err != nil {
		return nil, err
	}
	for rd.dec.More() {
		k, err := rd.dec.Token()
		if err != nil {
			return nil, rd.err(err)
		}
		switch k {
		case "catalogue":
			var h headerIn
			if err := rd.dec.Decode(&h); err != nil {
				return nil, rd.err(err)
			}
			rd.header = h.Header
			rd.header.Extra = h.Extra.list
		case "lines":
			if err := rd.expect(json.Delim('[')); err != nil {
				return nil, err
			}
			rd.inLines = true
			rd.fields = ^catalog.FieldSet(0)
			return rd, nil
		default:
			var skip json.RawMessage
			if err := rd.dec.Decode(&skip); err != nil {
				return nil, rd.err(err)
			}
		}
	}
	return nil, catalog.Errorf(name, 0, 0, `not a canonical catalogue: no "lines" array`)
}

func (rd *Reader) expect(d json.Delim) error {
	t, err := rd.dec.Token()
	if err != nil {
		return rd.err(err)
	}
	if t != d {
		return catalog.Errorf(rd.name, 0, 0, "not a canonical catalogue: expected %v at byte %d", d, rd.dec.InputOffset())
	}
	return nil
}

// valueGuard stops the decoder from buffering more than max bytes past
// the last value it has finished: the decoder reads a whole value (a line,
// the header, a member skipped) before it decodes it.
type valueGuard struct {
	r         io.Reader
	dec       *json.Decoder
	delivered int64
	max       int64
}

func (g *valueGuard) Read(p []byte) (int, error) {
	if g.delivered-g.dec.InputOffset() > g.max {
		return 0, fmt.Errorf("a line or value larger than %d MiB; the reader stops rather than hold it (the limit is --max-value)", (g.max-1<<16)>>20)
	}
	n, err := g.r.Read(p)
	g.delivered += int64(n)
	return n, err
}

func (rd *Reader) err(err error) error {
	return &catalog.ReadError{File: rd.name, XPath: "byte " + strconv.FormatInt(rd.dec.InputOffset(), 10), Err: err}
}

type headerIn struct {
	catalog.Header
	Extra orderedExtra `json:"extra"`
}

// orderedExtra keeps an object's members in their order.
type orderedExtra struct{ list []catalog.Extra }

func (o *orderedExtra) UnmarshalJSON(b []byte) error {
	d := json.NewDecoder(bytes.NewReader(b))
	if _, err := d.Token(); err != nil {
		return err
	}
	for d.More() {
		k, err := d.Token()
		if err != nil {
			return err
		}
		var v any
		if err := d.Decode(&v); err != nil {
			return err
		}
		s, ok := v.(string)
		if !ok {
			s = fmt.Sprint(v)
		}
		o.list = append(o.list, catalog.Extra{Name: k.(string), Value: s})
	}
	return nil
}

type lineIn struct {
	LineID                 string                   `json:"lineId"`
	Action                 string                   `json:"action"`
	SellerItemID           string                   `json:"sellerItemId"`
	GTIN                   string                   `json:"gtin"`
	ManufacturerItemID     string                   `json:"manufacturerItemId"`
	ManufacturerName       string                   `json:"manufacturerName"`
	Brand                  string                   `json:"brand"`
	Name                   string                   `json:"name"`
	Description            string                   `json:"description"`
	Keywords               []string                 `json:"keywords"`
	Classification         []catalog.Classification `json:"classification"`
	Unit                   string                   `json:"unit"`
	UnitText               string                   `json:"unitText"`
	PackQuantity           *float64                 `json:"packQuantity"`
	ContentUnit            string                   `json:"contentUnit"`
	MinOrderQuantity       *float64                 `json:"minOrderQuantity"`
	OrderQuantityIncrement *float64                 `json:"orderQuantityIncrement"`
	MaxOrderQuantity       *float64                 `json:"maxOrderQuantity"`
	Price                  *float64                 `json:"price"`
	Currency               string                   `json:"currency"`
	PriceBaseQuantity      *float64                 `json:"priceBaseQuantity"`
	VATCategory            string                   `json:"vatCategory"`
	VATPercent             *float64                 `json:"vatPercent"`
	LeadTimeDays           *float64                 `json:"leadTimeDays"`
	OriginCountry          string                   `json:"originCountry"`
	ValidFrom              string                   `json:"validFrom"`
	ValidTo                string                   `json:"validTo"`
	Orderable              *bool                    `json:"orderable"`
	Images                 []string                 `json:"images"`
	Extra                  orderedExtra             `json:"extra"`
}

func num(p *float64) catalog.Num {
	if p == nil {
		return catalog.Num{}
	}
	return catalog.N(*p)
}

// Header returns the catalogue header.
func (rd *Reader) Header() catalog.Header { return rd.header }

// Next decodes the next line object.
func (rd *Reader) Next(l *catalog.Line) error {
	l.Reset()
	if rd.done || !rd.dec.More() {
		rd.done = true
		return io.EOF
	}
	var in lineIn
	if err := rd.dec.Decode(&in); err != nil {
		return &catalog.ReadError{File: rd.name, XPath: "/lines/" + strconv.Itoa(rd.n), Err: err}
	}
	rd.n++
	*l = catalog.Line{
		LineID: in.LineID, Action: in.Action, SellerItemID: in.SellerItemID, GTIN: in.GTIN,
		ManufacturerItemID: in.ManufacturerItemID, ManufacturerName: in.ManufacturerName, Brand: in.Brand,
		Name: in.Name, Description: in.Description, Keywords: in.Keywords, Classification: in.Classification,
		Unit: in.Unit, UnitText: in.UnitText, PackQuantity: num(in.PackQuantity), ContentUnit: in.ContentUnit,
		MinOrderQuantity: num(in.MinOrderQuantity), OrderQuantityIncrement: num(in.OrderQuantityIncrement),
		MaxOrderQuantity: num(in.MaxOrderQuantity), Price: num(in.Price), Currency: in.Currency,
		PriceBaseQuantity: num(in.PriceBaseQuantity), VATCategory: in.VATCategory, VATPercent: num(in.VATPercent),
		LeadTimeDays: num(in.LeadTimeDays), OriginCountry: in.OriginCountry, ValidFrom: in.ValidFrom, ValidTo: in.ValidTo,
		Images: in.Images, Extra: in.Extra.list,
		Src: catalog.Src{Line: rd.n},
	}
	if in.Orderable != nil {
		l.Orderable = catalog.Bool{V: *in.Orderable, Valid: true}
	}
	return nil
}

// Locate returns the JSON pointer of a field.
func (rd *Reader) Locate(l *catalog.Line, f catalog.Field) catalog.Pos {
	return catalog.Pos{XPath: "/lines/" + strconv.Itoa(l.Src.Line-1) + "/" + f.String()}
}

// Fields: a JSON line may carry any field.
func (rd *Reader) Fields() catalog.FieldSet { return rd.fields }

// Findings: the JSON reader has no file-level findings.
func (rd *Reader) Findings() []catalog.Finding { return nil }
