package check

// GTIN checks a Global Trade Item Number in any of its four lengths
// (GTIN-8, -12, -13, -14): ASCII digits only, then the GS1 mod-10 check
// digit. Shorter or longer digit strings are BadLength even when their check
// digit happens to work, because no GS1 key of that length is a trade item.
func GTIN(s string) (ok bool, reason Reason) {
	n := len(s)
	if n == 0 {
		return false, Empty
	}
	// One pass: validate and sum together, weighing 3,1,3,... from the
	// digit left of the check digit. Checking the length last keeps
	// NotDigits ahead of BadLength, the more useful message for "N/A".
	sum, w := 0, 1
	for i := n - 1; i >= 0; i-- {
		d := s[i] - '0'
		if d > 9 {
			return false, NotDigits
		}
		sum += int(d) * w
		w = 4 - w
	}
	switch n {
	case 8, 12, 13, 14:
	default:
		return false, BadLength
	}
	// With the check digit weighted 1, a valid key sums to a multiple of 10.
	if sum%10 != 0 {
		return false, BadCheckDigit
	}
	return true, OK
}

// GTINCheckDigit returns the GS1 mod-10 check digit ('0'..'9') for body,
// the key without its last digit. It works for every GS1 key length (GTIN,
// GLN, SSCC), which is what tests need to build valid data. It returns 0 if
// body is empty or holds a non-digit.
func GTINCheckDigit(body string) byte {
	if !allDigits(body) {
		return 0
	}
	return '0' + gs1Check(body)
}

// GLN checks a Global Location Number: exactly 13 ASCII digits with a valid
// GS1 check digit. Note that Peppol's R040 is laxer (see SchemeID).
func GLN(s string) bool {
	return len(s) == 13 && allDigits(s) && gs1Sum(s[:12], s[12])
}

// gs1Check computes the mod-10 check digit of an all-digit body. GS1 weighs
// digits 3,1,3,1,... starting from the rightmost body digit, so the same
// loop serves every key length.
func gs1Check(body string) byte {
	sum := 0
	w := 3
	for i := len(body) - 1; i >= 0; i-- {
		sum += int(body[i]-'0') * w
		w = 4 - w
	}
	return byte((10 - sum%10) % 10)
}

func gs1Sum(body string, check byte) bool { return gs1Check(body) == check-'0' }
