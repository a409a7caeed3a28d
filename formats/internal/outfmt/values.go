package outfmt

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/catalog/units"
)

// Num formats a number in its shortest exact form with a '.' decimal
// point: 0.95, 80.14, 6.
func Num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Opt formats an optional number; "" when it has no value.
func Opt(n catalog.Num) string {
	if !n.Valid {
		return ""
	}
	return Num(n.V)
}

// Fixed formats v with at least min decimals (prices: 0.95, 6.00), more
// when v has them.
func Fixed(v float64, min int) string {
	s := Num(v)
	dot := strings.IndexByte(s, '.')
	have := 0
	if dot < 0 {
		s += "."
	} else {
		have = len(s) - dot - 1
	}
	if have < min {
		s += strings.Repeat("0", min-have)
	}
	return strings.TrimSuffix(s, ".")
}

// Time is the time a document says it was made: the header's issue date at
// midnight UTC, so that the same input gives the same bytes; when the header
// has no issue date, fallback (the caller's clock, or time.Now when zero).
func Time(h catalog.Header, fallback time.Time) time.Time {
	if t, err := time.Parse(time.DateOnly, h.IssueDate); err == nil {
		return t
	}
	if fallback.IsZero() {
		return time.Now().UTC().Truncate(time.Second)
	}
	return fallback.UTC()
}

// Domain names an identifier scheme (ISO 6523 ICD, as the header carries
// it) the way cXML credentials and CIF's SUPPLIERID_DOMAIN do.
func Domain(icd string) string {
	switch icd {
	case "0060":
		return "DUNS"
	case "0088":
		return "GLN"
	case "0184":
		return "DK:CVR"
	case "0192":
		return "NO:ORGNR"
	case "0007":
		return "SE:ORGNR"
	case "":
		return "NetworkID"
	}
	return "ICD:" + icd
}

// PartyID returns a party's identifier and its scheme: the legal ID, else
// the electronic address.
func PartyID(p catalog.Party) (id, scheme string) {
	if p.ID != "" {
		return p.ID, p.IDScheme
	}
	return p.EndpointID, p.EndpointScheme
}

// Lang3 returns the ISO 639-2 code of an ISO 639-1 language ("da" → "dan"),
// as BMEcat wants; Danish when the header names none.
func Lang3(lang string) string {
	switch strings.ToLower(lang) {
	case "", "da", "dan":
		return "dan"
	case "en", "eng":
		return "eng"
	case "de", "deu", "ger":
		return "deu"
	case "sv", "swe":
		return "swe"
	case "no", "nb", "nn", "nor":
		return "nor"
	case "fi", "fin":
		return "fin"
	case "fr", "fra", "fre":
		return "fra"
	}
	return strings.ToLower(lang)
}

// Lang2 returns the ISO 639-1 code of the header's language; "da" when it
// names none.
func Lang2(lang string) string {
	if lang == "" {
		return "da"
	}
	return strings.ToLower(lang)
}

// Currency is the line's currency, else the header's.
func Currency(l *catalog.Line, h *catalog.Header) string {
	if l.Currency != "" {
		return l.Currency
	}
	return h.Currency
}

// NeedHeader returns an error naming the header fields (dotted names such
// as "catalogue.id") that h lacks and doc cannot do without.
func NeedHeader(doc string, h *catalog.Header, names ...string) error {
	var missing []string
	for _, n := range names {
		if strings.TrimSpace(h.Value(n)) == "" {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("%s needs header values the input does not have: %s (give them with --header)", doc, strings.Join(missing, ", "))
}

// SellerID is the header value that identifies the seller: seller.id, or
// seller.endpointId when there is no legal ID. NeedHeader takes it as a name.
func SellerID(h *catalog.Header) string {
	if h.Seller.ID != "" {
		return "seller.id"
	}
	return "seller.endpointId"
}

// ClassicUnit returns the unit code in the classic UN/ECE Rec 20 form that
// Ariba's unit list and older systems know (H87 → EA, XBX → BX, XPK → PK:
// the OIOUBL list), or the code itself where that list has no code of the
// same meaning.
func ClassicUnit(code string) string {
	if c, ok := units.ForTarget(code, units.OIOUBL); ok {
		return c
	}
	return code
}
