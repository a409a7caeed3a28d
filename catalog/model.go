package catalog

// Party is a seller or receiver of a catalogue.
type Party struct {
	Name           string `json:"name,omitempty"`
	ID             string `json:"id,omitempty"`
	IDScheme       string `json:"idScheme,omitempty"`
	EndpointID     string `json:"endpointId,omitempty"`
	EndpointScheme string `json:"endpointScheme,omitempty"`
	Country        string `json:"country,omitempty"`
}

// IsZero reports whether no field of the party is set.
func (p Party) IsZero() bool { return p == Party{} }

// Header is the catalogue-level data: what the canonical JSON calls
// "catalogue".
type Header struct {
	ID          string `json:"id,omitempty"`
	Name        string `json:"name,omitempty"`
	Version     string `json:"version,omitempty"`
	IssueDate   string `json:"issueDate,omitempty"`
	ValidFrom   string `json:"validFrom,omitempty"`
	ValidTo     string `json:"validTo,omitempty"`
	Action      string `json:"action,omitempty"`
	AgreementID string `json:"agreementId,omitempty"`
	Currency    string `json:"currency,omitempty"`
	Language    string `json:"language,omitempty"`
	Seller      Party  `json:"seller,omitzero"`
	Receiver    Party  `json:"receiver,omitzero"`
	// Extra carries header data of the source that maps to no field.
	Extra []Extra `json:"-"`
}

// Merge copies every non-empty value of o over h. It is how --header
// supplies what a CSV cannot say.
func (h *Header) Merge(o Header) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&h.ID, o.ID)
	set(&h.Name, o.Name)
	set(&h.Version, o.Version)
	set(&h.IssueDate, o.IssueDate)
	set(&h.ValidFrom, o.ValidFrom)
	set(&h.ValidTo, o.ValidTo)
	set(&h.Action, o.Action)
	set(&h.AgreementID, o.AgreementID)
	set(&h.Currency, o.Currency)
	set(&h.Language, o.Language)
	for _, p := range []struct{ dst, src *Party }{{&h.Seller, &o.Seller}, {&h.Receiver, &o.Receiver}} {
		set(&p.dst.Name, p.src.Name)
		set(&p.dst.ID, p.src.ID)
		set(&p.dst.IDScheme, p.src.IDScheme)
		set(&p.dst.EndpointID, p.src.EndpointID)
		set(&p.dst.EndpointScheme, p.src.EndpointScheme)
		set(&p.dst.Country, p.src.Country)
	}
	h.Extra = append(h.Extra, o.Extra...)
}

// Classification is one commodity classification of an item.
type Classification struct {
	Scheme string `json:"scheme"`
	Code   string `json:"code"`
}

// Extra is a source column or element that maps to no canonical field,
// kept under its source name so that nothing is dropped.
type Extra struct {
	Name  string
	Value string
}

// Num is an optional number. Readers set Valid when the source had a value
// that parsed; a value that did not parse is recorded in Line.Bad instead.
type Num struct {
	V     float64
	Valid bool
}

// N returns a valid Num.
func N(v float64) Num { return Num{V: v, Valid: true} }

// Bool is an optional boolean.
type Bool struct {
	V     bool
	Valid bool
}

// Line is one catalogue line in canonical form. Readers reuse one Line for
// every line of a file (Reset keeps the slices' storage), which keeps the
// per-line path free of allocations; consumers that keep a line must Clone it.
type Line struct {
	LineID                 string
	Action                 string
	SellerItemID           string
	GTIN                   string
	ManufacturerItemID     string
	ManufacturerName       string
	Brand                  string
	Name                   string
	Description            string
	Keywords               []string
	Classification         []Classification
	Unit                   string
	UnitText               string
	PackQuantity           Num
	ContentUnit            string
	MinOrderQuantity       Num
	OrderQuantityIncrement Num
	MaxOrderQuantity       Num
	Price                  Num
	Currency               string
	PriceBaseQuantity      Num
	VATCategory            string
	VATPercent             Num
	LeadTimeDays           Num
	OriginCountry          string
	ValidFrom              string
	ValidTo                string
	Orderable              Bool
	Images                 []string
	Extra                  []Extra

	// Src says where the line came from.
	Src Src
	// Bad marks fields whose source value could not be read as the
	// field's type; the reader has reported them, so rules skip them.
	Bad FieldSet
	// Findings are the reading findings of this line (bad cells, ragged
	// rows). Readers append to it; it is reset with the line.
	Findings []Finding
}

// Src is a line's place in its source.
type Src struct {
	// Line is the 1-based catalogue line ordinal.
	Line int
	// Row is the source row: the sheet row for Excel, the file line on
	// which the record starts for CSV, 0 for XML.
	Row int
}

// Reset clears l for reuse, keeping the storage of its slices.
func (l *Line) Reset() {
	kw, cl, im, ex, fi := l.Keywords[:0], l.Classification[:0], l.Images[:0], l.Extra[:0], l.Findings[:0]
	*l = Line{Keywords: kw, Classification: cl, Images: im, Extra: ex, Findings: fi}
}

// Clone returns a deep copy of l that does not share storage with it.
func (l *Line) Clone() *Line {
	c := *l
	c.Keywords = append([]string(nil), l.Keywords...)
	c.Classification = append([]Classification(nil), l.Classification...)
	c.Images = append([]string(nil), l.Images...)
	c.Extra = append([]Extra(nil), l.Extra...)
	c.Findings = append([]Finding(nil), l.Findings...)
	return &c
}

// ClassificationCode returns the first code of the given scheme.
func (l *Line) ClassificationCode(scheme string) (string, bool) {
	for _, c := range l.Classification {
		if c.Scheme == scheme {
			return c.Code, true
		}
	}
	return "", false
}

// Catalogue is a whole catalogue held in memory. Only small documents
// (header files, tests, the web service's previews) use it; the command line
// streams lines instead.
type Catalogue struct {
	Header Header
	Lines  []*Line
}
