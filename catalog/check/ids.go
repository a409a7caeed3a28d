package check

// CVR checks a Danish CVR number (Det Centrale Virksomhedsregister): eight
// ASCII digits, the first not 0, whose digits weighted 2,7,6,5,4,3,2,1 sum to
// a multiple of 11. No prefix and no spaces: use CVRWithDK for "DK12345678".
func CVR(s string) bool {
	if len(s) != 8 || !allDigits(s) || s[0] == '0' {
		return false
	}
	weights := [8]int{2, 7, 6, 5, 4, 3, 2, 1}
	sum := 0
	for i, w := range weights {
		sum += int(s[i]-'0') * w
	}
	return sum%11 == 0
}

// CVRWithDK is CVR that also accepts the number behind an upper-case "DK"
// prefix, the form Danish VAT numbers and Peppol 0184/0198 identifiers use.
func CVRWithDK(s string) bool {
	if len(s) == 10 && s[0] == 'D' && s[1] == 'K' {
		s = s[2:]
	}
	return CVR(s)
}

// UNSPSC checks a UNSPSC code: exactly eight ASCII digits. commodity is false
// for a segment, family or class code (one ending in 00), which is valid but
// usually too coarse to classify a catalogue item.
func UNSPSC(s string) (ok bool, commodity bool) {
	if len(s) != 8 || !allDigits(s) {
		return false, false
	}
	return true, s[6:] != "00"
}

// CPV checks a Common Procurement Vocabulary code as written "03000000-1" or
// without its check digit as "03000000".
//
// The check digit is the sum of the eight digits weighted 3,7,1,3,7,1,3,7,
// modulo 10. Regulation (EC) 213/2008 publishes the codes but not the
// algorithm; these weights reproduce every code sampled from the published
// list except a few groups the Commission renumbered without recomputing the
// digit (for example 72212100-0 to 72212670-6, 31711154-0, 31711155-7,
// 38941000-7 to 38947000-7). A BadCheckDigit from CPV is therefore best
// reported as a warning unless the code is also looked up in the CPV table.
func CPV(s string) (ok bool, reason Reason) {
	switch len(s) {
	case 0:
		return false, Empty
	case 8:
		if !allDigits(s) {
			return false, NotDigits
		}
		return true, OK
	case 10:
		if !allDigits(s[:8]) || !allDigits(s[9:]) {
			if s[8] != '-' && allDigits(s[:8]) {
				return false, BadFormat
			}
			return false, NotDigits
		}
		if s[8] != '-' {
			return false, BadFormat
		}
		if cpvCheck(s[:8]) != s[9]-'0' {
			return false, BadCheckDigit
		}
		return true, OK
	default:
		return false, BadLength
	}
}

// CPVCheckDigit returns the check digit ('0'..'9') for an eight-digit CPV
// code, or 0 if body is not eight ASCII digits.
func CPVCheckDigit(body string) byte {
	if len(body) != 8 || !allDigits(body) {
		return 0
	}
	return '0' + cpvCheck(body)
}

func cpvCheck(body string) byte {
	weights := [8]int{3, 7, 1, 3, 7, 1, 3, 7}
	sum := 0
	for i, w := range weights {
		sum += int(body[i]-'0') * w
	}
	return byte(sum % 10)
}
