package cif

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"github.com/ekatalog/ekatalog/formats/internal/spill"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/internal/outfmt"
)

// fieldNames are the CIF 3.0 fields written, in order.
var fieldNames = []string{
	"Supplier ID", "Supplier Part ID", "Manufacturer Part ID", "Item Description", "SPSC Code",
	"Unit Price", "Unit of Measure", "Lead Time", "Manufacturer Name", "Currency", "Short Name",
	"Language", "Effective Date", "Expiration Date", "PriceUnitQuantity", "PriceUnit", "UnitConversion",
}

// Carries is the set of line fields CIF has a place for. Classification
// means the UNSPSC code (SPSC Code).
var Carries = func() catalog.FieldSet {
	var s catalog.FieldSet
	for _, f := range []catalog.Field{catalog.FieldSellerItemID, catalog.FieldManufacturerItemID, catalog.FieldName,
		catalog.FieldDescription, catalog.FieldClassification, catalog.FieldPrice, catalog.FieldUnit, catalog.FieldUnitText,
		catalog.FieldLeadTimeDays, catalog.FieldManufacturerName, catalog.FieldCurrency, catalog.FieldValidFrom,
		catalog.FieldValidTo, catalog.FieldPriceBaseQuantity} {
		s.Add(f)
	}
	return s
}()

// CIF's limits on field lengths, in characters.
const (
	shortNameMax   = 50   // Short Name
	descriptionMax = 2000 // Item Description
	textMax        = 255  // Manufacturer Part ID, Manufacturer Name
	spscMax        = 40   // SPSC Code
)

// flat replaces line breaks and tabs by spaces: a CIF item is one line of
// the file, and importers read it line by line.
var flat = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ", "\t", " ")

// fit returns s flattened, cut to n characters.
func fit(s string, n int) string {
	if strings.ContainsAny(s, "\r\n\t") {
		s = flat.Replace(s)
	}
	return clip(s, n)
}

// fits reports whether s is at most n characters.
func fits(s string, n int) bool { return utf8.RuneCountInString(s) <= n }

// Writer writes a CIF 3.0 file.
type Writer struct {
	out      io.Writer
	h        catalog.Header
	when     time.Time
	rows     spill.Buffer
	cw       *csv.Writer
	rec      []string
	n        int
	currency string // the first line's, when the header has none
	supplier string
	lang     string
	// incremental makes the file a LOADMODE I load with a Delete field
	// (delta.go).
	incremental bool
}

// NewWriter returns a writer to w. now is the TIMESTAMP when the header has
// no issue date (zero: the clock).
func NewWriter(w io.Writer, now time.Time) *Writer {
	wr := &Writer{out: w, when: now, rec: make([]string, len(fieldNames))}
	wr.cw = csv.NewWriter(&wr.rows)
	wr.cw.UseCRLF = true
	return wr
}

// Begin takes the header; nothing is written before End. The seller's ID
// (Supplier ID on every row) is needed.
func (w *Writer) Begin(h catalog.Header) error {
	if err := outfmt.NeedHeader("a CIF catalogue", &h, outfmt.SellerID(&h)); err != nil {
		return err
	}
	w.h = h
	w.when = outfmt.Time(h, w.when)
	id, _ := outfmt.PartyID(h.Seller)
	w.supplier = fit(id, len(id))
	w.lang = locale(h)
	return nil
}

// locale is CIF's Language: a Java-style locale such as da_DK.
func locale(h catalog.Header) string {
	lang := outfmt.Lang2(h.Language)
	country := map[string]string{"da": "DK", "en": "GB", "de": "DE", "sv": "SE", "nb": "NO", "no": "NO", "fi": "FI", "fr": "FR"}[lang]
	if country == "" {
		return lang
	}
	return lang + "_" + country
}

// Missing returns the fields CIF needs that l lacks (formats.Checker):
// Supplier Part ID, Item Description, Unit Price, Unit of Measure, a
// currency and an UNSPSC code (the file says CODEFORMAT: UNSPSC, and a line
// classified only by CPV or eCl@ss has no SPSC Code).
func (w *Writer) Missing(l *catalog.Line) catalog.FieldSet {
	var m catalog.FieldSet
	if l.SellerItemID == "" {
		m.Add(catalog.FieldSellerItemID)
	}
	if l.Name == "" && l.Description == "" {
		m.Add(catalog.FieldName)
	}
	if !l.Price.Valid {
		m.Add(catalog.FieldPrice)
	}
	if l.Unit == "" {
		m.Add(catalog.FieldUnit)
	}
	if outfmt.Currency(l, &w.h) == "" {
		m.Add(catalog.FieldCurrency)
	}
	if _, ok := l.ClassificationCode("UNSPSC"); !ok {
		m.Add(catalog.FieldClassification)
	}
	return m
}

// Dropped reports the classification when the line has codes of schemes
// other than UNSPSC, which CIF has no field for, the name when Short Name
// cuts it and Item Description holds the description instead, a
// description Item Description's 2000 characters cut, and manufacturer
// names and part IDs longer than CIF's 255 characters, which are left out
// (formats.Dropper).
func (w *Writer) Dropped(l *catalog.Line) catalog.FieldSet {
	var s catalog.FieldSet
	for _, c := range l.Classification {
		if c.Scheme != "UNSPSC" {
			s.Add(catalog.FieldClassification)
			break
		}
	}
	if l.Description != "" && clip(l.Name, shortNameMax) != l.Name {
		s.Add(catalog.FieldName)
	}
	desc := l.Description
	if desc == "" {
		desc = l.Name
	}
	if !fits(desc, descriptionMax) {
		s.Add(catalog.FieldDescription)
	}
	if !fits(l.ManufacturerItemID, textMax) {
		s.Add(catalog.FieldManufacturerItemID)
	}
	if !fits(l.ManufacturerName, textMax) {
		s.Add(catalog.FieldManufacturerName)
	}
	if c, ok := l.ClassificationCode("UNSPSC"); ok && !fits(c, spscMax) {
		s.Add(catalog.FieldClassification)
	}
	return s
}

// Line writes one item row to the spill.
func (w *Writer) Line(l *catalog.Line) error {
	cur := outfmt.Currency(l, &w.h)
	if w.currency == "" {
		w.currency = cur
	}
	desc := l.Description
	if desc == "" {
		desc = l.Name
	}
	spsc, _ := l.ClassificationCode("UNSPSC")
	if !fits(spsc, spscMax) {
		spsc = ""
	}
	r := w.rec
	r[0] = w.supplier
	r[1] = fit(l.SellerItemID, len(l.SellerItemID))
	r[2] = ""
	if fits(l.ManufacturerItemID, textMax) {
		r[2] = fit(l.ManufacturerItemID, textMax)
	}
	r[3] = fit(desc, descriptionMax)
	r[4] = spsc
	r[5] = ""
	if l.Price.Valid {
		r[5] = outfmt.Fixed(l.Price.V, 2)
	}
	unit := outfmt.ClassicUnit(l.Unit)
	r[6] = unit
	r[7] = ""
	if l.LeadTimeDays.Valid {
		r[7] = strconv.Itoa(int(l.LeadTimeDays.V))
	}
	r[8] = ""
	if fits(l.ManufacturerName, textMax) {
		r[8] = fit(l.ManufacturerName, textMax)
	}
	r[9] = cur
	r[10] = fit(l.Name, shortNameMax)
	r[11] = w.lang
	r[12] = l.ValidFrom
	r[13] = l.ValidTo
	r[14], r[15], r[16] = "", "", ""
	if l.PriceBaseQuantity.Valid && l.PriceBaseQuantity.V != 1 {
		r[14], r[15], r[16] = outfmt.Num(l.PriceBaseQuantity.V), unit, "1"
	}
	if w.incremental {
		r[len(fieldNames)] = deleteField(l)
	}
	w.n++
	return w.cw.Write(r)
}

// clip shortens s to at most n characters.
func clip(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// End writes the header with the item count, the rows and ENDOFDATA.
func (w *Writer) End() error {
	defer w.rows.Close()
	w.cw.Flush()
	if err := w.cw.Error(); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w.out, 64<<10)
	cur := w.h.Currency
	if cur == "" {
		cur = w.currency
	}
	_, scheme := outfmt.PartyID(w.h.Seller)
	comment := "written by ekatalog"
	if w.h.ID != "" || w.h.Name != "" {
		comment = strings.TrimSpace("catalogue "+w.h.ID+" "+w.h.Name) + ", " + comment
	}
	hdr := []string{
		"CIF_I_V3.0",
		"CHARSET: UTF-8",
		"LOADMODE: " + w.loadMode(),
		"CODEFORMAT: UNSPSC",
		"CURRENCY: " + cur,
		"SUPPLIERID_DOMAIN: " + outfmt.Domain(scheme),
		"ITEMCOUNT: " + strconv.Itoa(w.n),
		"TIMESTAMP: " + w.when.Format(time.DateTime),
		"UNUOM: TRUE",
		"COMMENTS: " + strings.NewReplacer("\r", " ", "\n", " ").Replace(comment),
	}
	for _, s := range hdr {
		bw.WriteString(s + "\r\n")
	}
	hc := csv.NewWriter(bw)
	hc.UseCRLF = true
	bw.WriteString("FIELDNAMES: ")
	if err := hc.Write(w.fieldNames()); err != nil {
		return err
	}
	hc.Flush()
	bw.WriteString("DATA\r\n")
	if _, err := w.rows.WriteTo(bw); err != nil {
		return fmt.Errorf("cif: reading back the rows: %w", err)
	}
	bw.WriteString("ENDOFDATA\r\n")
	return bw.Flush()
}
