package tablegen

// The decisions below are the human part of the table: places where the
// reference data alone would give a wrong or missing answer. Each carries the
// reason, because the next person to regenerate will want to know whether it
// still holds.

// rejectedSameMeaning lists rows of derived-oioubl-legacy-codes-not-in-peppol.csv
// whose first-word heuristic says "yes" but whose Rec 21 form is narrower than
// the legacy code. Translating them would silently change what was ordered.
var rejectedSameMeaning = map[string]string{
	"CA": `"can" is any can; XCA is "Can, rectangular" (the common can is XCX "Can, cylindrical")`,
	"VQ": `"bulk" is any bulk; XVQ is "Bulk, liquefied gas (at abnormal temperature/pressure)"`,
}

// extraSameMeaning adds replacements the heuristic cannot find because the
// Rec 21 code uses different letters, or because the legacy code has no
// X-prefixed twin. Rec 20 itself says "Use UN/ECE Recommendation 21" for every
// one of them; the target was picked by name.
var extraSameMeaning = []struct{ from, to, why string }{
	{"2W", "XBI", "bin = Bin"},
	{"43", "X43", `super bulk bag = "Bag, super bulk" (heuristic missed it: first words differ)`},
	{"4A", "XBB", "bobbin = Bobbin (X4A is a steel box)"},
	{"CJ", "XAJ", "cone = Cone (XCJ is a coffin)"},
	{"D97", "XPX", "pallet/unit load = Pallet"},
	{"EV", "XEN", "envelope = Envelope (XEV does not exist)"},
	{"NRL", "XRO", "number of rolls = Roll"},
	{"PF", "XPX", `pallet (lift) = Pallet; NOT XPF, which is "Pen" (an animal enclosure). OIOUBL examples use PF for a pallet of cases`},
	{"SV", "XSI", "skid = Skid (XSV is a steel envelope)"},
	{"Z2", "XCH", "chest = Chest"},
	{"Z3", "XCK", "cask = Cask"},
	{"Z4", "XHG", "hogshead = Hogshead"},
}

// oioublPreferred settles which legacy code stands for a current code in
// OIOUBL when more than one legacy code was replaced by it and none shares
// its letters.
var oioublPreferred = map[string]string{
	"XPX": "PF", // over D97 "pallet/unit load": PF is what the OIOUBL examples use
}

// oioublNearest maps current codes that have no same-meaning legacy code in
// the OIOUBL 2.x list to the OIOUBL code of the same or the wider concept.
// Going to the wider concept loses nothing the receiver can act on; the
// reverse (generic to specific) would invent detail, which is why CA → XCA is
// not a replacement although XCA → CA is here.
var oioublNearest = []struct{ from, to, why string }{
	{"H87", "EA", "piece → each; H87 is newer than the 2001 list and EA is what OIOUBL catalogues use"},
	{"XCA", "CA", "rectangular can → can"},
	{"XCX", "CA", "cylindrical can → can"},
}
