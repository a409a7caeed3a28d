// Package synth makes synthetic Danish supplier catalogues, the same items
// in every format, deterministically: line i is always the same item. Tests
// use it for fixtures and round trips, benchmarks for files of a million
// lines, so that every reader is measured on the same data.
package synth

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog/check"
	"golang.org/x/text/encoding/charmap"
)

// Columns are the Danish headers of a synthetic catalogue: 13 columns, the
// layout the performance floors are measured on.
var Columns = []string{"Varenummer", "Varenavn", "Beskrivelse", "EAN", "Enhed", "Antal pr. enhed",
	"Pris", "Valuta", "UNSPSC", "Producent", "Producentens varenummer", "Billede URL", "Moms %"}

// EnglishColumns are the same columns with English headers.
var EnglishColumns = []string{"Item number", "Item name", "Description", "GTIN", "Unit", "Pack size",
	"Price", "Currency", "UNSPSC code", "Manufacturer", "Manufacturer part number", "Image URL", "VAT %"}

// Item is one synthetic catalogue line.
type Item struct {
	ID, Name, Description, GTIN, Unit string
	Pack                              int
	Price                             float64
	Currency, UNSPSC, Manufacturer    string
	MPN, Image                        string
	VAT                               int
}

var (
	nouns = []string{"Kuglepen", "Printerpapir", "Håndsæbe", "Kaffefilter", "Affaldspose", "Køkkenrulle",
		"Hæftemaskine", "Mappe", "Blyant", "Viskelæder", "Skriveblok", "Tape", "Batteri", "Rengøringsmiddel"}
	adjectives = []string{"blå", "hvid", "grøn", "økologisk", "stærk", "lille", "stor", "genbrugt", "rød", "sort"}
	units      = []string{"stk", "pk", "æske", "pose", "rulle", "ltr", "kg", "H87", "XBX"}
	unspsc     = []string{"44121704", "14111507", "53131608", "48101601", "47121701", "14111704",
		"44121615", "44122011", "44121706", "44111503", "14111514", "31201503", "26111702", "47131807"}
	makers = []string{"Pennefabrikken A/S", "Nordisk Papir ApS", "Ren & Pæn", "Kontor-Huset", "Ølstykke Plast"}
)

// At returns item i (0-based).
func At(i int) Item {
	n := i % len(nouns)
	gtinBody := fmt.Sprintf("570%09d", i%1_000_000_000)
	gtin := gtinBody + string(check.GTINCheckDigit(gtinBody))
	price := float64((i*7919)%500000+95) / 100
	return Item{
		ID:           fmt.Sprintf("SUP-%07d", i+1),
		Name:         nouns[n] + " " + adjectives[(i/len(nouns))%len(adjectives)] + " nr. " + strconv.Itoa(i%997),
		Description:  "Kvalitetsvare til kontor og institution; " + adjectives[i%len(adjectives)] + " udgave, leveres hurtigt",
		GTIN:         gtin,
		Unit:         units[i%len(units)],
		Pack:         1 + (i%5)*5,
		Price:        price,
		Currency:     "DKK",
		UNSPSC:       unspsc[n],
		Manufacturer: makers[i%len(makers)],
		MPN:          fmt.Sprintf("MPN-%06d", (i*31)%1000000),
		Image:        "https://billeder.example.dk/vare/" + strconv.Itoa(i+1) + ".jpg",
		VAT:          25,
	}
}

// Cells returns the item's cells in column order, numbers written with the
// decimal separator dec.
func (it Item) Cells(dec byte) []string {
	price := strconv.FormatFloat(it.Price, 'f', 2, 64)
	if dec == ',' {
		price = DanishNumber(it.Price)
	}
	return []string{it.ID, it.Name, it.Description, it.GTIN, it.Unit, strconv.Itoa(it.Pack), price,
		it.Currency, it.UNSPSC, it.Manufacturer, it.MPN, it.Image, strconv.Itoa(it.VAT)}
}

// DanishNumber writes x with two decimals, a decimal comma and '.' grouping
// thousands: 1.234,50.
func DanishNumber(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	intPart, frac := s[:len(s)-3], s[len(s)-2:]
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String() + "," + frac
}

// CSVOptions say how to write a CSV catalogue.
type CSVOptions struct {
	Delim   byte
	Decimal byte
	CRLF    bool
	// Encoding: "utf-8", "utf-8-bom", "windows-1252" or "utf-16le".
	Encoding string
	English  bool
	// Title, when set, is written as a title row and a blank row above the
	// header, as Excel exports often have.
	Title string
}

// Danish is the Danish Excel export: ';', decimal comma, CRLF, Windows-1252.
var Danish = CSVOptions{Delim: ';', Decimal: ',', CRLF: true, Encoding: "windows-1252"}

// English is a ','-separated UTF-8 export with '.' decimals.
var English = CSVOptions{Delim: ',', Decimal: '.', Encoding: "utf-8", English: true}

// WriteCSV writes n items starting at item first.
func WriteCSV(out io.Writer, first, n int, o CSVOptions) error {
	var w io.Writer = out
	switch o.Encoding {
	case "windows-1252":
		w = charmap.Windows1252.NewEncoder().Writer(out)
	case "utf-8-bom":
		if _, err := out.Write([]byte{0xef, 0xbb, 0xbf}); err != nil {
			return err
		}
	case "utf-16le":
		w = newUTF16(out)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	eol := "\n"
	if o.CRLF {
		eol = "\r\n"
	}
	if o.Title != "" {
		bw.WriteString(o.Title + eol + eol)
	}
	cols := Columns
	if o.English {
		cols = EnglishColumns
	}
	writeRow(bw, cols, o.Delim)
	bw.WriteString(eol)
	for i := first; i < first+n; i++ {
		writeRow(bw, At(i).Cells(o.Decimal), o.Delim)
		bw.WriteString(eol)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if c, ok := w.(io.Closer); ok && w != out {
		return c.Close()
	}
	return nil
}

func writeRow(w *bufio.Writer, cells []string, delim byte) {
	for i, c := range cells {
		if i > 0 {
			w.WriteByte(delim)
		}
		if strings.IndexByte(c, delim) >= 0 || strings.ContainsAny(c, "\"\r\n") {
			w.WriteString(`"` + strings.ReplaceAll(c, `"`, `""`) + `"`)
		} else {
			w.WriteString(c)
		}
	}
}
