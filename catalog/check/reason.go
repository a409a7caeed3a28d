package check

// Reason tells why a value failed a check, so that a finding can say more
// than "invalid" without the caller re-parsing the value.
type Reason uint8

// Reasons. OK is the zero value so that a result can be tested with == OK.
const (
	OK            Reason = iota
	Empty                // the value is the empty string
	NotDigits            // a character that must be a digit is not
	BadLength            // the length is not one the format allows
	BadFormat            // a separator or prefix is missing or misplaced
	BadCheckDigit        // well formed, but the check digit does not match
)

var reasonNames = [...]string{
	OK:            "ok",
	Empty:         "empty",
	NotDigits:     "not digits",
	BadLength:     "bad length",
	BadFormat:     "bad format",
	BadCheckDigit: "bad check digit",
}

func (r Reason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return "unknown reason"
}

// allDigits reports whether s is non-empty and consists of ASCII digits only.
// Unicode digits are refused: no identifier scheme here admits them, and the
// Schematron's [0-9] does not either.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i]-'0' > 9 {
			return false
		}
	}
	return true
}
