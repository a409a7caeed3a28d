package check

import "unicode/utf8"

// Element is the kind of UBL element an identifier sits in. It matters
// because one Peppol rule (R046) applies to cbc:EndpointID only.
type Element uint8

// Identifier elements that the PEPPOL-COMMON rules look at.
const (
	EndpointID Element = iota // cbc:EndpointID
	PartyID                   // cac:PartyIdentification/cbc:ID
	CompanyID                 // cbc:CompanyID, wherever it occurs
)

// Flag is a Schematron assert's flag: how bad a failure is.
type Flag uint8

// Flags. Unknown rules get NoFlag.
const (
	NoFlag Flag = iota
	Fatal
	Warning
)

func (f Flag) String() string {
	switch f {
	case Fatal:
		return "fatal"
	case Warning:
		return "warning"
	}
	return "none"
}

// SchemeID applies the Peppol BIS 2026.5 national identifier rule for scheme
// to value as found in a cbc:EndpointID, and returns the rule's ID and
// whether the value passes. rule is "" (and ok true) when no rule applies to
// the scheme. scheme must be the @schemeID attribute exactly as written: the
// Schematron matches it without trimming, so " 0088" triggers no rule.
// value is the element's raw text; the function trims or normalizes it
// exactly where the Schematron does.
//
// The rules reproduce the official asserts, including where they differ from
// the identifier's own definition:
//
//   - R040 (0088, GLN) checks the GS1 check digit on a digit string of any
//     length; "0" and any valid GTIN-8 pass.
//   - R042 (0184, CVR) checks only the form, 8 digits or "DK" and 8 digits,
//     with no modulus 11; and it looks at string(), not normalize-space(),
//     so surrounding whitespace fails. So do R052 (0096, P-number, 10
//     digits) and R053 (0198, SE number, "DK" and 8 digits).
//   - R047 (0211, Italian VAT) checks only values starting with "IT" or
//     "it"; any other value, "It..." included, passes.
//   - R045/R046 (0210/9907, codice fiscale) accept an 11-character value if
//     it is castable as xs:integer, so a leading "+" or "-" passes; the
//     16-character form checks letters and digits by position, refuses the
//     letters used for omocodia and lets a sign or a single space through
//     where a two-digit field is cast as xs:integer ("RSSMRA+5T10A562S").
//     R046 applies to cbc:EndpointID only.
//   - R049 (0007, Swedish organisation number) requires exactly 10 digits
//     with a Luhn check digit; the usual "NNNNNN-NNNN" form fails.
//   - R043 (0208), R050 (0151) and R041 (0192) do what their numbering
//     schemes say (mod 97, ABN mod 89, mod 11 without a 0 total).
//
// Where the official XSLT would stop with an XPath error instead of
// reporting (R047 on "IT+0298559120" or "IT 0298559120", whose digit sum
// casts "+" or " " to an integer) SchemeID reports a failure.
func SchemeID(scheme, value string) (rule string, ok bool) {
	return SchemeIDIn(EndpointID, scheme, value)
}

// SchemeIDIn is SchemeID for an identifier in the given element.
func SchemeIDIn(elem Element, scheme, value string) (rule string, ok bool) {
	switch scheme {
	case "0088":
		return "PEPPOL-COMMON-R040", peppolGLN(XMLTrim(value))
	case "0192":
		return "PEPPOL-COMMON-R041", noOrgNumber(XMLTrim(value))
	case "0184":
		return "PEPPOL-COMMON-R042", len(value) == 8 && allDigits(value) ||
			dkPrefixed8(value)
	case "0096":
		return "PEPPOL-COMMON-R052", len(value) == 10 && allDigits(value)
	case "0198":
		return "PEPPOL-COMMON-R053", dkPrefixed8(value)
	case "0208":
		return "PEPPOL-COMMON-R043", beEnterpriseNumber(XMLTrim(value))
	case "0201":
		return "PEPPOL-COMMON-R044", itIPACode(XMLTrim(value))
	case "0210":
		return "PEPPOL-COMMON-R045", itCodiceFiscale(value)
	case "9907":
		if elem != EndpointID {
			return "", true
		}
		return "PEPPOL-COMMON-R046", itCodiceFiscale(value)
	case "0211":
		return "PEPPOL-COMMON-R047", itPartitaIVA(XMLTrim(value))
	case "0007":
		return "PEPPOL-COMMON-R049", seOrgNumber(XMLTrim(value))
	case "0151":
		return "PEPPOL-COMMON-R050", auABN(XMLTrim(value))
	case "0106":
		v := XMLTrim(value)
		return "PEPPOL-COMMON-R054", len(v) == 8 && allDigits(v)
	case "0190":
		v := XMLTrim(value)
		return "PEPPOL-COMMON-R055", len(v) == 20 && allDigits(v)
	case "9944":
		return "PEPPOL-COMMON-R056-1", DutchVAT(value)
	case "0217":
		v := XMLTrim(value)
		return "PEPPOL-COMMON-R057", len(v) == 12 && allDigits(v)
	}
	return "", true
}

// DutchVAT is PEPPOL-COMMON-R056-2, which applies to a VAT cac:PartyTaxScheme
// CompanyID starting with "NL" whatever its schemeID, and R056-1 (9944):
// "NL", nine digits, "B", two digits, after trimming value.
func DutchVAT(value string) bool {
	v := XMLTrim(value)
	return len(v) == 14 && v[0] == 'N' && v[1] == 'L' && allDigits(v[2:11]) &&
		v[11] == 'B' && allDigits(v[12:])
}

// RuleFlag returns the flag of a PEPPOL-COMMON identifier rule in the
// 2026.5 release: Fatal rules make the document invalid, Warning rules do
// not. It returns NoFlag for IDs it does not know, such as R048, which the
// 2026.5 release dropped.
func RuleFlag(rule string) Flag {
	switch rule {
	case "PEPPOL-COMMON-R040", "PEPPOL-COMMON-R041", "PEPPOL-COMMON-R042",
		"PEPPOL-COMMON-R043", "PEPPOL-COMMON-R049", "PEPPOL-COMMON-R050",
		"PEPPOL-COMMON-R052", "PEPPOL-COMMON-R053":
		return Fatal
	case "PEPPOL-COMMON-R044", "PEPPOL-COMMON-R045", "PEPPOL-COMMON-R046",
		"PEPPOL-COMMON-R047", "PEPPOL-COMMON-R054", "PEPPOL-COMMON-R055",
		"PEPPOL-COMMON-R056-1", "PEPPOL-COMMON-R056-2", "PEPPOL-COMMON-R057":
		return Warning
	}
	return NoFlag
}

// dkPrefixed8 is the R042/R053 "DK" form, tested on string() as they do.
func dkPrefixed8(v string) bool {
	return len(v) == 10 && v[0] == 'D' && v[1] == 'K' && allDigits(v[2:])
}

// peppolGLN is u:gln after matches(., '^[0-9]+$'): the GS1 check digit over
// whatever number of digits there are.
func peppolGLN(v string) bool {
	return allDigits(v) && gs1Sum(v[:len(v)-1], v[len(v)-1])
}

// noOrgNumber is u:mod11 on nine digits: weights 2,3,4,5,6,7,2,3 from the
// right of the body, and a remainder of 1 (check "10") never matches. The
// Schematron also demands number(.) > 0, which only 000000000 fails.
func noOrgNumber(v string) bool {
	if len(v) != 9 || !allDigits(v) || v == "000000000" {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += int(v[7-i]-'0') * (i%6 + 2)
	}
	return (11-sum%11)%11 == int(v[8]-'0')
}

// beEnterpriseNumber is u:mod97-0208 on ten digits: 97 minus the first eight
// digits modulo 97 equals the last two.
func beEnterpriseNumber(v string) bool {
	if len(v) != 10 || !allDigits(v) {
		return false
	}
	n := 0
	for i := 0; i < 8; i++ {
		n = n*10 + int(v[i]-'0')
	}
	return 97-n%97 == int(v[8]-'0')*10+int(v[9]-'0')
}

// itIPACode is u:checkCodiceIPA: six ASCII letters or digits.
func itIPACode(v string) bool {
	if len(v) != 6 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if !isASCIIAlnum(v[i]) {
			return false
		}
	}
	return true
}

// itCodiceFiscale is u:checkCF(normalize-space(value)). Lengths are counted
// in characters, as XPath does, so the value is normalized into runes.
func itCodiceFiscale(value string) bool {
	var buf [17]rune
	n := normalizeSpace(value, buf[:])
	switch n {
	case 11:
		return castableInteger(buf[:11])
	case 16:
		r := buf[:16]
		return allLetters(r[0:6]) && castableInteger(r[6:8]) && allLetters(r[8:9]) &&
			castableInteger(r[9:11]) && castableInteger(r[14:15]) && allLetters(r[15:16])
	}
	return false
}

// itPartitaIVA is u:checkPIVAseIT: only an "IT" or "it" prefix is checked,
// and then the 11 digits after it must have a Luhn-style sum (every second
// digit doubled, counting from the left) divisible by 10.
func itPartitaIVA(v string) bool {
	if len(v) < 2 || !(v[0] == 'I' && v[1] == 'T' || v[0] == 'i' && v[1] == 't') {
		return true
	}
	code := v[2:]
	// Anything but 11 ASCII digits fails: not castable as xs:integer, or
	// castable ("+", leading space) and then an XPath error in u:addPIVA.
	if len(code) != 11 || !allDigits(code) {
		return false
	}
	const doubled = "0246813579"
	sum := 0
	for i := 0; i < 11; i++ {
		d := code[i] - '0'
		if i%2 == 1 {
			d = doubled[d] - '0'
		}
		sum += int(d)
	}
	return sum%10 == 0
}

// seOrgNumber is R049: ten digits whose last is the Luhn check digit of the
// first nine.
func seOrgNumber(v string) bool {
	if len(v) != 10 || !allDigits(v) {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		d := int(v[8-i] - '0')
		if i%2 == 0 {
			d *= 2
			d = d%10 + d/10
		}
		sum += d
	}
	return (10-sum%10)%10 == int(v[9]-'0')
}

// auABN is u:abn on eleven digits: subtract 1 from the first digit, weigh
// the digits 10,1,3,5,...,19 and require a multiple of 89.
func auABN(v string) bool {
	if len(v) != 11 || !allDigits(v) {
		return false
	}
	sum := (int(v[0]-'0') - 1) * 10
	for i := 1; i < 11; i++ {
		sum += int(v[i]-'0') * (2*i - 1)
	}
	return sum%89 == 0
}

// normalizeSpace writes normalize-space(s) into buf as runes and returns
// its length in characters, or len(buf) if it does not fit: callers size buf
// one past the longest value they accept.
func normalizeSpace(s string, buf []rune) int {
	n := 0
	pendingSpace := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			pendingSpace = n > 0
			continue
		}
		if pendingSpace {
			if n == len(buf) {
				return n
			}
			buf[n] = ' '
			n++
			pendingSpace = false
		}
		if n == len(buf) {
			return n
		}
		buf[n] = r
		n++
	}
	return n
}

// castableInteger reports whether r is castable as xs:integer: optional XML
// whitespace around an optional sign and at least one ASCII digit.
func castableInteger(r []rune) bool {
	i, j := 0, len(r)
	for i < j && isXMLSpaceRune(r[i]) {
		i++
	}
	for j > i && isXMLSpaceRune(r[j-1]) {
		j--
	}
	if i < j && (r[i] == '+' || r[i] == '-') {
		i++
	}
	if i == j {
		return false
	}
	for ; i < j; i++ {
		if r[i] < '0' || r[i] > '9' {
			return false
		}
	}
	return true
}

func isXMLSpaceRune(r rune) bool { return r < utf8.RuneSelf && isXMLSpace(byte(r)) }

func allLetters(r []rune) bool {
	for _, c := range r {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
