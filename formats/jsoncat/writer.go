package jsoncat

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/ekatalog/ekatalog/catalog"
)

// Writer writes canonical JSON, one line per text line, so the output is
// both valid JSON and easy to grep.
type Writer struct {
	w     *bufio.Writer
	buf   []byte
	lines int
}

// NewWriter returns a writer to w; End flushes it.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 256<<10), buf: make([]byte, 0, 4096)}
}

// Begin writes the header.
func (w *Writer) Begin(h catalog.Header) error {
	hb, err := json.Marshal(headerJSON(h))
	if err != nil {
		return err
	}
	w.buf = append(w.buf[:0], `{"catalogue":`...)
	w.buf = append(w.buf, hb...)
	w.buf = append(w.buf, `,"lines":[`...)
	return w.flush()
}

type headerOut struct {
	catalog.Header
	Extra rawExtra `json:"extra,omitempty"`
}

type rawExtra []catalog.Extra

func (e rawExtra) MarshalJSON() ([]byte, error) { return appendExtra(nil, e), nil }

func headerJSON(h catalog.Header) headerOut { return headerOut{Header: h, Extra: h.Extra} }

// Line writes one line.
func (w *Writer) Line(l *catalog.Line) error {
	b := w.buf[:0]
	if w.lines > 0 {
		b = append(b, ',')
	}
	b = append(b, '\n')
	w.lines++
	b = AppendLine(b, l)
	w.buf = b
	return w.flush()
}

// End closes the document.
func (w *Writer) End() error {
	w.buf = append(w.buf[:0], "\n]}\n"...)
	if err := w.flush(); err != nil {
		return err
	}
	return w.w.Flush()
}

func (w *Writer) flush() error {
	_, err := w.w.Write(w.buf)
	return err
}

// AppendLine appends the canonical JSON object of l. Empty fields are left
// out; lineId falls back to the line ordinal, as the published contract says
// for CSV and Excel sources.
func AppendLine(b []byte, l *catalog.Line) []byte {
	b = append(b, '{')
	first := true
	key := func(k string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '"')
		b = append(b, k...)
		b = append(b, '"', ':')
	}
	str := func(k, v string) {
		if v != "" {
			key(k)
			b = appendString(b, v)
		}
	}
	num := func(k string, n catalog.Num) {
		if n.Valid {
			key(k)
			b = appendFloat(b, n.V)
		}
	}
	list := func(k string, vs []string) {
		if len(vs) > 0 {
			key(k)
			b = append(b, '[')
			for i, v := range vs {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendString(b, v)
			}
			b = append(b, ']')
		}
	}
	if l.LineID != "" {
		str("lineId", l.LineID)
	} else if l.Src.Line > 0 {
		key("lineId")
		b = append(b, '"')
		b = strconv.AppendInt(b, int64(l.Src.Line), 10)
		b = append(b, '"')
	}
	str("action", l.Action)
	str("sellerItemId", l.SellerItemID)
	str("gtin", l.GTIN)
	str("manufacturerItemId", l.ManufacturerItemID)
	str("manufacturerName", l.ManufacturerName)
	str("brand", l.Brand)
	str("name", l.Name)
	str("description", l.Description)
	list("keywords", l.Keywords)
	if len(l.Classification) > 0 {
		key("classification")
		b = append(b, '[')
		for i, c := range l.Classification {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"scheme":`...)
			b = appendString(b, c.Scheme)
			b = append(b, `,"code":`...)
			b = appendString(b, c.Code)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	str("unit", l.Unit)
	str("unitText", l.UnitText)
	num("packQuantity", l.PackQuantity)
	str("contentUnit", l.ContentUnit)
	num("minOrderQuantity", l.MinOrderQuantity)
	num("orderQuantityIncrement", l.OrderQuantityIncrement)
	num("maxOrderQuantity", l.MaxOrderQuantity)
	num("price", l.Price)
	str("currency", l.Currency)
	num("priceBaseQuantity", l.PriceBaseQuantity)
	str("vatCategory", l.VATCategory)
	num("vatPercent", l.VATPercent)
	if l.LeadTimeDays.Valid {
		key("leadTimeDays")
		b = strconv.AppendInt(b, int64(l.LeadTimeDays.V), 10)
	}
	str("originCountry", l.OriginCountry)
	str("validFrom", l.ValidFrom)
	str("validTo", l.ValidTo)
	if l.Orderable.Valid {
		key("orderable")
		b = strconv.AppendBool(b, l.Orderable.V)
	}
	list("images", l.Images)
	if len(l.Extra) > 0 {
		key("extra")
		b = appendExtra(b, l.Extra)
	}
	return append(b, '}')
}

func appendExtra(b []byte, ex []catalog.Extra) []byte {
	b = append(b, '{')
	for i, e := range ex {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, e.Name)
		b = append(b, ':')
		b = appendString(b, e.Value)
	}
	return append(b, '}')
}

func appendFloat(b []byte, v float64) []byte {
	if v == float64(int64(v)) && v < 1e15 && v > -1e15 {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

const hex = "0123456789abcdef"

const (
	swarLo = 0x0101010101010101
	swarHi = 0x8080808080808080
)

// hasLess is non-zero when some byte of x is below n (n ≤ 128).
func hasLess(x, n uint64) uint64 { return (x - swarLo*n) & ^x & swarHi }

// hasByte is non-zero when some byte of x equals b.
func hasByte(x, b uint64) uint64 { return hasLess(x^(swarLo*b), 1) }

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight plain ASCII bytes at a time: most text needs no escaping.
		for i+8 <= len(s) {
			x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			if (hasLess(x, 0x20)|hasByte(x, '"')|hasByte(x, '\\'))|x&swarHi != 0 {
				break
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
