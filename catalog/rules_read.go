package catalog

// The rules of readers: what a source said that could not be read as the
// canonical model wants it. Readers raise them; they have no check here.
var (
	RuleReadNotNumber = &Rule{ID: "READ-NOT-NUMBER", Severity: Error,
		En: "%s is not a number: %q",
		Da: "%s er ikke et tal: %q"}
	RuleReadNotInteger = &Rule{ID: "READ-NOT-INTEGER", Severity: Error,
		En: "%s is not a whole number: %q",
		Da: "%s er ikke et helt tal: %q"}
	RuleReadNotDate = &Rule{ID: "READ-NOT-DATE", Severity: Error,
		En: "%s is not a date (expected YYYY-MM-DD or DD-MM-YYYY): %q",
		Da: "%s er ikke en dato (forventet ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ): %q"}
	RuleReadNotBool = &Rule{ID: "READ-NOT-BOOL", Severity: Error,
		En: "%s is not yes/no: %q",
		Da: "%s er ikke ja/nej: %q"}
	RuleReadRowTooManyCells = &Rule{ID: "READ-ROW-TOO-MANY-CELLS", Severity: Error,
		En: "the row has %s cells but the header has %s: the extra cells are kept as extra columns; check for a delimiter inside an unquoted value",
		Da: "rækken har %s celler, men overskriften har %s: de overskydende celler gemmes som ekstra kolonner; se efter et skilletegn i en værdi uden anførselstegn"}
	RuleReadRowTooFewCells = &Rule{ID: "READ-ROW-TOO-FEW-CELLS", Severity: Error,
		En: "the row has %s cells but the header has %s",
		Da: "rækken har %s celler, men overskriften har %s"}
	RuleReadSyntax = &Rule{ID: "READ-SYNTAX", Severity: Error,
		En: "the row could not be read: %s",
		Da: "rækken kunne ikke læses: %s"}
	// An error: the file mixes encodings, so the value may be garbled and
	// the guess cannot be confirmed.
	RuleReadEncoding = &Rule{ID: "READ-ENCODING", Severity: Error,
		En: "the value is not valid UTF-8 although the file is; it was read as Windows-1252 (%q): check it and save the whole file as UTF-8",
		Da: "værdien er ikke gyldig UTF-8, selv om filen er det; den blev læst som Windows-1252 (%q): kontrollér den, og gem hele filen som UTF-8"}
	RuleReadColumnUnmapped = &Rule{ID: "READ-COLUMN-UNMAPPED", Severity: Info, Field: "extra",
		En: "column %q maps to no field; its values are kept under extra",
		Da: "kolonnen %q svarer ikke til noget felt; værdierne gemmes under extra"}
	RuleReadColumnDuplicate = &Rule{ID: "READ-COLUMN-DUPLICATE", Severity: Warning,
		En: "column %q maps to %s, which column %q already supplies; its values are kept under extra",
		Da: "kolonnen %q svarer til %s, som kolonnen %q allerede udfylder; værdierne gemmes under extra"}
	RuleReadGTINPrecision = &Rule{ID: "READ-GTIN-PRECISION", Severity: Error, Field: "gtin",
		En: "Excel has stored the GTIN as a number and lost digits (%s); format the column as text and enter the GTIN again",
		Da: "Excel har gemt EAN/GTIN som et tal og mistet cifre (%s); formatér kolonnen som tekst og indtast nummeret igen"}
	RuleReadGTINNumber = &Rule{ID: "READ-GTIN-NUMBER", Severity: Warning, Field: "gtin",
		En: "the GTIN is stored as a number in Excel; it was read as %s, but leading zeros may be lost: format the column as text",
		Da: "EAN/GTIN er gemt som et tal i Excel; det blev læst som %s, men foranstillede nuller kan være tabt: formatér kolonnen som tekst"}
	RulePriceCurrencyWord = &Rule{ID: "PRICE-CURRENCY-WORD", Severity: Info, Field: "price",
		En: "the price is written with %q (%s), but the line's currency is %s; the currency column was kept",
		Da: "prisen er skrevet med %q (%s), men linjens valuta er %s; valutakolonnen blev bevaret"}
	RuleReadNoLines = &Rule{ID: "READ-NO-LINES", Severity: Error,
		En: "the catalogue has no lines",
		Da: "kataloget har ingen linjer"}
	RuleUBLAfterLines = &Rule{ID: "UBL-AFTER-LINES", Severity: Error,
		En: "the element %s on line %s comes after the catalogue lines, where UBL allows nothing; it was not read",
		Da: "elementet %s på linje %s står efter kataloglinjerne, hvor UBL ikke tillader noget; det blev ikke læst"}
	RuleCIFVersion = &Rule{ID: "CIF-VERSION", Severity: Warning,
		En: "CIF version %q is neither 2.1 nor 3.0; the file was read as CIF 3.0",
		Da: "CIF-version %q er hverken 2.1 eller 3.0; filen blev læst som CIF 3.0"}
	RuleCIFHeaderLine = &Rule{ID: "CIF-HEADER-LINE", Severity: Warning,
		En: "the CIF header line %q is not NAME: value; it was skipped",
		Da: "CIF-hovedlinjen %q er ikke NAVN: værdi; den blev sprunget over"}
	RuleCIFItemCountNotNumber = &Rule{ID: "CIF-ITEMCOUNT-NOT-NUMBER", Severity: Error,
		En: "ITEMCOUNT %q is not a whole number",
		Da: "ITEMCOUNT %q er ikke et helt tal"}
	RuleCIFItemCount = &Rule{ID: "CIF-ITEMCOUNT", Severity: Error,
		En: "the header says ITEMCOUNT: %s, but the file has %s items: items were lost or the count is wrong",
		Da: "hovedet siger ITEMCOUNT: %s, men filen har %s varer: varer er gået tabt, eller antallet er forkert"}
	RuleCIFLoadMode = &Rule{ID: "CIF-LOADMODE", Severity: Error,
		En: "LOADMODE %q is neither F (full) nor I (incremental)",
		Da: "LOADMODE %q er hverken F (fuld) eller I (trinvis)"}
	RuleCIFCharset = &Rule{ID: "CIF-CHARSET", Severity: Warning,
		En: "CHARSET %q is not known; the items were read as UTF-8",
		Da: "CHARSET %q kendes ikke; varerne blev læst som UTF-8"}
	RuleCIFNoEndOfData = &Rule{ID: "CIF-NO-ENDOFDATA", Severity: Error,
		En: "the file ends after %s items without ENDOFDATA: it may have been cut short",
		Da: "filen slutter efter %s varer uden ENDOFDATA: den kan være afkortet"}
	RuleReadIncomplete = &Rule{ID: "READ-INCOMPLETE", Severity: Error,
		En: "the file could not be read to the end: %s",
		Da: "filen kunne ikke læses til ende: %s"}
	RuleBMEcatNotRead = &Rule{ID: "BMECAT-NOT-READ", Severity: Info,
		En: "%s × <%s> in the transaction were not read: BMEcat's catalogue structure (groups, assignments of items to groups, feature systems) has no place in a catalogue line",
		Da: "%s × <%s> i transaktionen blev ikke læst: BMEcats katalogstruktur (grupper, varers placering i grupper, egenskabssystemer) har ingen plads i en kataloglinje"}
)

// readRules lists them for Rules.
var readRules = []*Rule{RuleReadNotNumber, RuleReadNotInteger, RuleReadNotDate, RuleReadNotBool, RuleReadRowTooManyCells, RuleReadRowTooFewCells, RuleReadSyntax, RuleReadEncoding, RuleReadColumnUnmapped, RuleReadColumnDuplicate, RuleReadGTINPrecision, RuleReadGTINNumber, RulePriceCurrencyWord, RuleReadNoLines, RuleUBLAfterLines, RuleCIFVersion, RuleCIFHeaderLine, RuleCIFItemCountNotNumber, RuleCIFItemCount, RuleCIFLoadMode, RuleCIFCharset, RuleCIFNoEndOfData, RuleReadIncomplete, RuleBMEcatNotRead}
