package catalog

// lineRules are ekatalog's own rules on one line. {field} in a message is
// replaced by the field's name in the report's language.
var lineRules = []Rule{
	{"FIELD-MISSING", Error, "", "{field} is mandatory but empty", "{field} er obligatorisk, men er tom"},
	{"FIELD-RECOMMENDED", Warning, "", "{field} is empty; it is recommended, because buyers search and compare by it", "{field} er tom; feltet anbefales, fordi indkøberne søger og sammenligner på det"},
	{"FIELD-FORBIDDEN", Error, "", "{field} must not be given under this profile", "{field} må ikke udfyldes under denne profil"},
	{"FIELD-CODE", Error, "", "{field} %q is not one of the allowed values (%s)", "{field} %q er ikke en af de tilladte værdier (%s)"},
	{"FIELD-TOO-LONG", Error, "", "{field} is %s characters long; at most %s are allowed", "{field} er %s tegn lang; højst %s er tilladt"},
	{"FIELD-TOO-SHORT", Error, "", "{field} is %s characters long; at least %s are required", "{field} er %s tegn lang; mindst %s kræves"},
	{"TEXT-CONTROL-CHAR", Error, "", "{field} contains a control character at position %s; remove it (often a line break or tab pasted from another program)", "{field} indeholder et kontroltegn på position %s; fjern det (ofte et linjeskift eller tabulatortegn indsat fra et andet program)"},
	{"GTIN-FORMAT", Error, "gtin", "GTIN %q must be 8, 12, 13 or 14 digits (%s)", "EAN/GTIN %q skal være 8, 12, 13 eller 14 cifre (%s)"},
	{"GTIN-CHECK-DIGIT", Error, "gtin", "GTIN %q has a wrong check digit: the last digit should be %s", "EAN/GTIN %q har et forkert kontrolciffer: sidste ciffer skulle være %s"},
	{"UNSPSC-FORMAT", Error, "classification", "UNSPSC code %q must be exactly 8 digits", "UNSPSC-kode %q skal være præcis 8 cifre"},
	{"UNSPSC-NOT-COMMODITY", Warning, "classification", "UNSPSC code %q is a segment, family or class code (it ends in 00); use the 8-digit commodity code of the item", "UNSPSC-kode %q er en segment-, familie- eller klassekode (den ender på 00); brug varens 8-cifrede varekode (commodity)"},
	{"CPV-FORMAT", Error, "classification", "CPV code %q is not a valid CPV code (8 digits, a hyphen and the check digit, e.g. 30192000-1): %s", "CPV-kode %q er ikke en gyldig CPV-kode (8 cifre, bindestreg og kontrolciffer, fx 30192000-1): %s"},
	// A warning: some codes of the official CPV list carry check digits that
	// do not fit the algorithm (renumbered without recomputing them).
	{"CPV-CHECK-DIGIT", Warning, "classification", "CPV code %q has check digit %s where %s was expected; check the code against the CPV list", "CPV-kode %q har kontrolciffer %s, hvor %s var ventet; kontrollér koden i CPV-listen"},
	{"CLASSIFICATION-SCHEME", Error, "classification", "a %s classification is required, but the line has only %s", "en %s-klassifikation er påkrævet, men linjen har kun %s"},
	{"UNIT-UNKNOWN", Error, "unit", "unit %q is neither a UN/ECE Rec 20/21 code nor a known unit word; use a code such as H87 (piece), XPK (pack) or XBX (box), or a word such as stk, pakke, æske", "enheden %q er hverken en UN/ECE Rec 20/21-kode eller et kendt enhedsord; brug en kode som H87 (stk), XPK (pakke) eller XBX (æske) eller et ord som stk, pakke, æske"},
	{"UNIT-AMBIGUOUS", Warning, "unit", "unit %q is ambiguous; read as %s, but it may mean %s: give the code to be sure", "enheden %q er tvetydig; læst som %s, men kan betyde %s: angiv koden for at være sikker"},
	{"UNIT-DELETED", Warning, "unit", "unit code %q was deleted from UN/ECE Rec 20; read as its Rec 21 replacement %s", "enhedskoden %q er slettet fra UN/ECE Rec 20; læst som erstatningen %s fra Rec 21"},
	{"UNIT-NOT-IN-LIST", Error, "unit", "unit %q (%s) has no code in the %s unit code list", "enheden %q (%s) har ingen kode i %s-enhedslisten"},
	{"CURRENCY-CODE", Error, "currency", "currency %q is not an ISO 4217 code (e.g. DKK, EUR, SEK)", "valuta %q er ikke en ISO 4217-kode (fx DKK, EUR, SEK)"},
	{"COUNTRY-CODE", Error, "originCountry", "country %q is not an ISO 3166-1 alpha-2 code (e.g. DK, DE, SE)", "landekoden %q er ikke en ISO 3166-1 alpha-2-kode (fx DK, DE, SE)"},
	{"PRICE-NEGATIVE", Error, "price", "the price %s is negative", "prisen %s er negativ"},
	{"PRICE-ZERO", Warning, "price", "the price is 0; is the item really free?", "prisen er 0; er varen virkelig gratis?"},
	{"QUANTITY-NOT-POSITIVE", Error, "", "{field} must be greater than 0, not %s", "{field} skal være større end 0, ikke %s"},
	{"QUANTITY-RANGE", Error, "minOrderQuantity", "the minimum order quantity %s is greater than the maximum %s", "minimumskøbet %s er større end maksimum %s"},
	{"QUANTITY-INCREMENT", Warning, "minOrderQuantity", "the minimum order quantity %s is not a multiple of the order increment %s", "minimumskøbet %s er ikke et multiplum af bestillingsintervallet %s"},
	{"VAT-RATE", Error, "vatPercent", "VAT rate %s%% is not a rate of this profile (%s)", "momssatsen %s%% er ikke en sats i denne profil (%s)"},
	{"VAT-CATEGORY", Error, "vatCategory", "VAT category %q does not fit the VAT rate %s%% (S is the standard rate above 0; Z, E, AE, K, G and O have 0)", "momskategori %q passer ikke til momssatsen %s%% (S er normalsats over 0; Z, E, AE, K, G og O har 0)"},
	{"VAT-CATEGORY-CODE", Error, "vatCategory", "VAT category %q is not a UNCL5305 code (S, Z, E, AE, K, G, O, L, M)", "momskategori %q er ikke en UNCL5305-kode (S, Z, E, AE, K, G, O, L, M)"},
	{"LEADTIME-NEGATIVE", Error, "leadTimeDays", "the lead time %s days is negative", "leveringstiden %s dage er negativ"},
	{"DATE-INVALID", Error, "", "{field} %q is not a calendar date", "{field} %q er ikke en gyldig dato"},
	{"DATE-RANGE", Error, "validTo", "the line is valid to %s, before it is valid from %s", "linjen er gyldig til %s, før den er gyldig fra %s"},
	{"IMAGE-URL", Error, "images", "image %q is not an absolute http(s) URL", "billedet %q er ikke en absolut http(s)-URL"},
	{"ACTION-CODE", Error, "action", "action %q is not add, update or delete", "handlingen %q er ikke add, update eller delete"},
}

// catalogueRules see the whole stream or the header.
var catalogueRules = []Rule{
	{"ITEM-DUPLICATE", Error, "sellerItemId", "item number %q occurs again; it was first used at %s", "varenummer %q forekommer igen; det blev først brugt i %s"},
	{"GTIN-SHARED", Error, "gtin", "GTIN %q is also used for a different item number at %s; a GTIN identifies one item", "EAN/GTIN %q bruges også til et andet varenummer i %s; et EAN/GTIN identificerer én vare"},
	{"COLUMN-MISSING", Error, "", "the catalogue has no column for {field}, which is mandatory (header names such as %s); add the column or give a --mapping", "kataloget har ingen kolonne til {field}, som er obligatorisk (overskrifter som %s); tilføj kolonnen eller angiv en --mapping"},
	{"COLUMN-RECOMMENDED", Warning, "", "the catalogue has no column for {field}, which is recommended", "kataloget har ingen kolonne til {field}, som anbefales"},
	{"HEADER-MISSING", Error, "", "the catalogue header has no %s, which is mandatory; give it in the file or with --header", "katalogets hoved mangler %s, som er obligatorisk; angiv det i filen eller med --header"},
	{"HEADER-DATE", Error, "", "%s %q is not a date (YYYY-MM-DD)", "%s %q er ikke en dato (ÅÅÅÅ-MM-DD)"},
	{"HEADER-DATE-RANGE", Error, "catalogue.validTo", "the catalogue is valid to %s, before it is valid from %s", "kataloget er gyldigt til %s, før det er gyldigt fra %s"},
	{"HEADER-CURRENCY", Error, "catalogue.currency", "currency %q is not an ISO 4217 code", "valuta %q er ikke en ISO 4217-kode"},
	{"TARGET-REQUIRED", Warning, "", "the target %s requires {field}, but it is empty on %s lines (the first is line %s)", "målformatet %s kræver {field}, men feltet er tomt på %s linjer (den første er linje %s)"},
	{"TARGET-DROPPED", Warning, "", "the target %s has no place for {field}, or not for its value: it was left out on %s lines (the first is line %s)", "målformatet %s har ikke plads til {field} eller til værdien: feltet blev udeladt på %s linjer (den første er linje %s)"},
	{"TARGET-HEADER", Warning, "", "the target %s cannot hold {field} %q as it stands; %q was written", "målformatet %s kan ikke rumme {field} %q, som det står; der blev skrevet %q"},
	{"TARGET-LINE-DROPPED", Error, "", "the target %s cannot take a line without a valid {field}: %s lines were not written (the first is line %s)", "målformatet %s kan ikke modtage en linje uden gyldigt {field}: %s linjer blev ikke skrevet (den første er linje %s)"},
	{"TARGET-SCHEMA", Error, "", "the written %s file breaks its published schema at line %s: %s", "den skrevne %s-fil bryder sit offentliggjorte skema i linje %s: %s"},
	{"TARGET-HEADER-DROPPED", Warning, "", "the target %s cannot hold {field} %q; it was left out", "målformatet %s kan ikke rumme {field} %q; det blev udeladt"},
	{"OUTPUT-REQUIRED", Error, "", "the written file leaves the column %q empty, which the target %s requires", "den skrevne fil har kolonnen %q tom, men målformatet %s kræver den"},
	{"OUTPUT-CODE", Error, "", "the written file has %q in the column %q, which is not a code the target %s accepts", "den skrevne fil har %q i kolonnen %q, som ikke er en kode målformatet %s accepterer"},
	{"OUTPUT-UNREADABLE", Error, "", "the written file could not be checked under the target %s's rules: %s", "den skrevne fil kunne ikke kontrolleres efter målformatet %s' regler: %s"},
	{"APPLY-NOT-FOUND", Error, "", "%s, line %s: %s of item %s, which the catalogue does not have", "%s, linje %s: %s af varen %s, som kataloget ikke har"},
	{"PARTY-ID", Error, "", "%s %q is not a valid %s", "%s %q er ikke et gyldigt %s"},
}

func lineRuleTable() []Rule      { return lineRules }
func catalogueRuleTable() []Rule { return catalogueRules }
