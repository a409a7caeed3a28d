package check

import "net/netip"

// Date checks a date written strictly as YYYY-MM-DD naming a real day of the
// proleptic Gregorian calendar (leap years included). This is what Peppol's
// PEPPOL-COMMON-R030 demands (castable as xs:date and exactly 10 characters,
// which rules out a time zone), with one deliberate difference: year 0000
// is refused. XML Schema 1.1, and so the Saxon-based official validator,
// accepts it as 1 BC, but in a catalogue it is always a placeholder, and
// XML Schema 1.0 has no year zero.
func Date(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	y, ok1 := digits4(s[0:4])
	m, ok2 := digits2(s[5:7])
	d, ok3 := digits2(s[8:10])
	if !ok1 || !ok2 || !ok3 || y == 0 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= daysIn(m, y)
}

func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func digits2(s string) (int, bool) {
	a, b := s[0]-'0', s[1]-'0'
	if a > 9 || b > 9 {
		return 0, false
	}
	return int(a)*10 + int(b), true
}

func digits4(s string) (int, bool) {
	hi, ok1 := digits2(s[:2])
	lo, ok2 := digits2(s[2:])
	return hi*100 + lo, ok1 && ok2
}

// ControlChar returns the byte index of the first control character in s,
// or -1 if there is none. Control characters are C0 (U+0000 to U+001F)
// except TAB, LF and CR, then DEL (U+007F) and C1 (U+0080 to U+009F). TAB,
// LF and CR are allowed because multi-line descriptions legitimately hold
// them; the rest are either illegal in XML 1.0 (C0) or discouraged by it
// (DEL, C1) and in practice come from mis-decoded Windows-1252 text or
// copy-paste debris, which the receiving system will mangle. Invalid UTF-8
// is not reported here.
func ControlChar(s string) int {
	i := 0
	// Eight bytes at a time while none of them can start a control
	// character: text is almost always clean, and this is per line.
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if hasLess(x, 0x20)|hasByte(x, 0x7f)|hasByte(x, 0xc2) != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		switch ctlClass[s[i]] {
		case 0:
			continue
		case 1:
			return i
		default: // 0xC2: C1 characters are exactly C2 80 to C2 9F in UTF-8
			if i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
				return i
			}
		}
	}
	return -1
}

// ctlClass is 1 for a byte that is a control character by itself and 2 for
// the lead byte of a possible C1 character; a table lookup per byte is what
// makes ControlChar cheap enough to run over every description.
var ctlClass = func() (t [256]uint8) {
	for c := 0; c < 0x20; c++ {
		t[c] = 1
	}
	t['\t'], t['\n'], t['\r'] = 0, 0, 0
	t[0x7f] = 1
	t[0xc2] = 2
	return t
}()

// XMLTrim removes leading and trailing XML whitespace (space, TAB, CR, LF),
// as normalize-space() does at the ends. Unlike strings.TrimSpace it leaves
// other Unicode spaces such as U+00A0 in place, because XPath does too.
func XMLTrim(s string) string {
	i, j := 0, len(s)
	for i < j && isXMLSpace(s[i]) {
		i++
	}
	for j > i && isXMLSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// HTTPURL checks that s is an absolute http or https URL with a host, the
// form a catalogue's image and document links must take to be fetchable by
// the buyer. It is a syntax check after RFC 3986, made without net/url
// because url.Parse allocates on every call:
//
//   - the scheme is http or https in any letter case, followed by "//";
//   - the host is a non-empty registered name (letters, digits, "-._~",
//     sub-delimiters, percent escapes, or non-ASCII bytes, since IDN host
//     names appear unencoded in practice) or an IPv6 address in brackets;
//   - a port, if present, is 1 to 5 digits no greater than 65535;
//   - nowhere a space, control character, or one of "<>\"\\^`{|}", every
//     "%" starts a two-digit hex escape, and at most one "#" appears.
//
// Non-ASCII characters in the path are accepted as in an IRI. Everything
// HTTPURL accepts, url.Parse parses as http(s) with a host (a fuzz test
// holds it to that), so the escape and userinfo rules follow net/url where
// it is stricter than RFC 3986.
const (
	swarLo = 0x0101010101010101
	swarHi = 0x8080808080808080
)

// hasLess is non-zero when some byte of x is below n (n ≤ 128).
func hasLess(x, n uint64) uint64 { return (x - swarLo*n) & ^x & swarHi }

// hasByte is non-zero when some byte of x equals b.
func hasByte(x, b uint64) uint64 { return hasLess(x^(swarLo*b), 1) }

func HTTPURL(s string) bool {
	rest, ok := cutScheme(s)
	if !ok {
		return false
	}
	// The authority runs to the first "/", "?" or "#".
	end := len(rest)
	for i := 0; i < len(rest); i++ {
		if c := rest[i]; c == '/' || c == '?' || c == '#' {
			end = i
			break
		}
	}
	if !validAuthority(rest[:end]) {
		return false
	}
	hashes := 0
	for i := end; i < len(rest); i++ {
		switch urlClass[rest[i]] {
		case urlOK:
		case urlBad:
			return false
		case urlPercent:
			if i+2 >= len(rest) || !isHex(rest[i+1]) || !isHex(rest[i+2]) {
				return false
			}
			i += 2
		case urlHash:
			hashes++
			if hashes > 1 {
				return false
			}
		case urlC2:
			if i+1 < len(rest) && rest[i+1] >= 0x80 && rest[i+1] <= 0x9f {
				return false // a C1 control character
			}
		}
	}
	return true
}

// Byte classes for the path, query and fragment of an http URL.
const (
	urlOK uint8 = iota
	urlBad
	urlPercent
	urlHash
	urlC2 // lead byte of a possible C1 control character
)

var urlClass = func() (t [256]uint8) {
	for c := 0; c <= ' '; c++ {
		t[c] = urlBad
	}
	for _, c := range []byte("<>\"\\^`{|}\x7f") {
		t[c] = urlBad
	}
	t['%'] = urlPercent
	t['#'] = urlHash
	t[0xc2] = urlC2
	return t
}()

func cutScheme(s string) (string, bool) {
	const http, https = "http://", "https://"
	if len(s) >= len(https) && equalFoldASCII(s[:len(https)], https) {
		return s[len(https):], true
	}
	if len(s) >= len(http) && equalFoldASCII(s[:len(http)], http) {
		return s[len(http):], true
	}
	return "", false
}

// equalFoldASCII compares s with the lower-case ASCII pattern lower.
func equalFoldASCII(s, lower string) bool {
	for i := 0; i < len(lower); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

func validAuthority(a string) bool {
	// Userinfo is deprecated for http but legal; it ends at the last "@".
	for i := len(a) - 1; i >= 0; i-- {
		if a[i] == '@' {
			if !validChars(a[:i], true) {
				return false
			}
			a = a[i+1:]
			break
		}
	}
	host, port := a, ""
	if len(a) > 0 && a[0] == '[' {
		end := -1
		for i := 1; i < len(a); i++ {
			if a[i] == ']' {
				end = i
				break
			}
		}
		if end < 0 {
			return false
		}
		host = a[1:end]
		if !validIPLiteral(host) {
			return false
		}
		switch rest := a[end+1:]; {
		case rest == "":
		case rest[0] == ':':
			port = rest[1:]
			if !validPort(port) {
				return false
			}
		default:
			return false
		}
		return true
	}
	for i := len(a) - 1; i >= 0; i-- {
		if a[i] == ':' {
			host, port = a[:i], a[i+1:]
			if !validPort(port) {
				return false
			}
			break
		}
	}
	return host != "" && validChars(host, false)
}

// validChars checks a registered name, or with colon a userinfo: the RFC
// 3986 unreserved and sub-delimiter characters and percent escapes, plus in
// a name any non-ASCII byte except a C1 control.
func validChars(s string, colon bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-' || c == '.' || c == '_' || c == '~':
		case c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' ||
			c == '*' || c == '+' || c == ',' || c == ';' || c == '=':
		case c == ':' && colon:
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
			// Like net/url, allow escapes in a host only for non-ASCII
			// bytes (and "%25"): RFC 3986 permits more, but a URL that Go's
			// own HTTP client refuses is no use to the buyer.
			if !colon && s[i+1] < '8' && s[i+1:i+3] != "25" {
				return false
			}
			i += 2
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f:
			return false
		case c >= 0x80 && !colon: // net/url refuses non-ASCII userinfo
		default:
			return false
		}
	}
	return true
}

// validIPLiteral accepts an IPv6 address, the only IP literal net/url
// takes in brackets. netip parses a zone-less address without allocating.
func validIPLiteral(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is6() && a.Zone() == ""
}

func validPort(p string) bool {
	if len(p) == 0 || len(p) > 5 {
		return false
	}
	n := 0
	for i := 0; i < len(p); i++ {
		if p[i]-'0' > 9 {
			return false
		}
		n = n*10 + int(p[i]-'0')
	}
	return n <= 65535
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
