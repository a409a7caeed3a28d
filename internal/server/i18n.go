package server

import "fmt"

// messages holds every text the service shows, in English and Danish.
var messages = map[string][2]string{
	// The page.
	"title":            {"Check a supplier catalogue", "Tjek et leverandørkatalog"},
	"intro":            {"Upload a catalogue (CSV, Excel .xlsx, PEPPOL or OIOUBL XML, or ekatalog JSON), choose the buyer's profile and see what to fix. Optionally convert it into the import file of an e-procurement system. Nothing you upload is kept.", "Upload et katalog (CSV, Excel .xlsx, PEPPOL- eller OIOUBL-XML eller ekatalog-JSON), vælg indkøberens profil og se, hvad der skal rettes. Du kan også konvertere det til importfilen for et e-handelssystem. Intet af det, du uploader, bliver gemt."},
	"file":             {"Catalogue file", "Katalogfil"},
	"profile":          {"Profile", "Profil"},
	"profileAuto":      {"automatic (from the file)", "automatisk (ud fra filen)"},
	"target":           {"Convert to", "Konvertér til"},
	"noTarget":         {"do not convert", "konvertér ikke"},
	"reportLang":       {"Report language", "Rapportens sprog"},
	"check":            {"Check catalogue", "Tjek kataloget"},
	"getConverted":     {"Download converted file", "Hent konverteret fil"},
	"getExcel":         {"Download Excel report", "Hent Excel-rapport"},
	"uploading":        {"Uploading…", "Uploader…"},
	"working":          {"Checking…", "Tjekker…"},
	"failed":           {"The request failed", "Forespørgslen mislykkedes"},
	"noJSNote":         {"The download buttons send the file again and save the result.", "Knapperne til at hente sender filen igen og gemmer resultatet."},
	"compliant":        {"COMPLIANT", "OVERHOLDER PROFILEN"},
	"notCompliant":     {"NOT COMPLIANT", "OVERHOLDER IKKE PROFILEN"},
	"summary":          {"%d lines, %d errors, %d warnings, %d notes; %d lines with errors", "%d linjer, %d fejl, %d advarsler, %d bemærkninger; %d linjer med fejl"},
	"profileOf":        {"profile", "profil"},
	"downloads":        {"Downloads", "Filer"},
	"converted":        {"Converted file (%s)", "Konverteret fil (%s)"},
	"excelReport":      {"Excel report", "Excel-rapport"},
	"notConverted":     {"Not converted: the file could not be read to the end.", "Ikke konverteret: filen kunne ikke læses til ende."},
	"notConvertedTo":   {"Not converted to %s: %s", "Ikke konverteret til %s: %s"},
	"agreement":        {"Agreement (price list), optional", "Aftale (prisliste), valgfri"},
	"tolerance":        {"Price tolerance %", "Pristolerance %"},
	"comparisonTitle":  {"Compared with the agreement %s", "Sammenlignet med aftalen %s"},
	"conforming":       {"CONFORMS TO THE AGREEMENT", "FØLGER AFTALEN"},
	"notConforming":    {"DEVIATES FROM THE AGREEMENT", "AFVIGER FRA AFTALEN"},
	"compareSummary":   {"%d lines, %d on the agreement, %d not on it, %d priced above it; %d agreed items missing (coverage %s %%)", "%d linjer, %d på aftalen, %d ikke på den, %d med pris over den; %d aftalevarer mangler (dækning %s %%)"},
	"comparisonExcel":  {"Comparison as Excel", "Sammenligning som Excel"},
	"notCompared":      {"Not compared with the agreement: %s", "Ikke sammenlignet med aftalen: %s"},
	"more":             {"More: catalogue header and column mapping", "Mere: katalogoplysninger og kolonner"},
	"headerFile":       {"Catalogue header (JSON)", "Katalogoplysninger (JSON)"},
	"mappingFile":      {"Column mapping (JSON)", "Kolonneopsætning (JSON)"},
	"moreNote":         {"The header gives what a CSV or Excel file cannot say (catalogue ID, dates, seller and buyer with their endpoints); PEPPOL and OIOUBL files need it. The column mapping names your own column headers. Both are the files of the command line's --header and --mapping.", "Katalogoplysningerne angiver det, en CSV- eller Excel-fil ikke kan sige (katalog-ID, datoer, sælger og køber med deres endpoints); PEPPOL- og OIOUBL-filer kræver dem. Kolonneopsætningen navngiver jeres egne kolonneoverskrifter. Begge er de filer, kommandolinjens --header og --mapping bruger."},
	"tooBig":           {"%s is too large to put in this page; use the download button above (it sends the file again).", "%s er for stor til at blive lagt i siden; brug knappen til at hente ovenfor (den sender filen igen)."},
	"report":           {"Report", "Rapport"},
	"error":            {"Error", "Fejl"},
	"language":         {"Language", "Sprog"},
	"apiNote":          {"For integrations: the JSON API is described in", "Til integrationer: JSON-API'et er beskrevet i"},
	"notFoundPage":     {"No such page.", "Siden findes ikke."},
	"methodNotAllowed": {"Method not allowed.", "Metoden er ikke tilladt."},

	// Errors of requests.
	"notMultipart":    {"the request must be multipart/form-data with the catalogue in the part \"file\"", "forespørgslen skal være multipart/form-data med kataloget i delen \"file\""},
	"badMultipart":    {"the multipart body could not be read: %v", "multipart-indholdet kunne ikke læses: %v"},
	"tooLarge":        {"the upload is larger than the limit of %s", "uploaden er større end grænsen på %s"},
	"missingPart":     {"the upload has no part %q (%s)", "uploaden mangler delen %q (%s)"},
	"partCatalogue":   {"the catalogue file", "katalogfilen"},
	"partAgreement":   {"the agreement file", "aftalefilen"},
	"emptyPart":       {"%s: the file is empty", "%s: filen er tom"},
	"badLang":         {"lang must be en or da, not %q", "lang skal være en eller da, ikke %q"},
	"badProfile":      {"unknown profile %q (built in: %s); or upload a profile file in the part \"profile\"", "ukendt profil %q (indbyggede: %s); eller upload en profilfil i delen \"profile\""},
	"badTarget":       {"unknown target %q (known: %s)", "ukendt mål %q (kendte: %s)"},
	"needTarget":      {"choose a target to convert to (known: %s)", "vælg et mål at konvertere til (kendte: %s)"},
	"badFormat":       {"unknown report format %q (known: %s)", "ukendt rapportformat %q (kendte: %s)"},
	"busy":            {"the server is busy; try again in %d seconds", "serveren har travlt; prøv igen om %d sekunder"},
	"overBudget":      {"this upload may need up to %s of memory to read, more than the server's budget of %s: split the catalogue or send it as CSV", "filen kan kræve op til %s hukommelse at læse, mere end serverens grænse på %s: del kataloget op eller send det som CSV"},
	"timeout":         {"the request took longer than the limit of %s", "forespørgslen tog længere tid end grænsen på %s"},
	"notConvertedAPI": {"not converted: %s", "ikke konverteret: %s"},
	"internal":        {"internal error: %v", "intern fejl: %v"},
	"badTolerance":    {"tolerance must be a percentage of 0 or more, not %q", "tolerance skal være en procentsats på 0 eller mere, ikke %q"},
	"comparison":      {"Comparison", "Sammenligning"},
	"notFound":        {"no such resource: %s", "ressourcen findes ikke: %s"},
	"badMethod":       {"method %s is not allowed here", "metoden %s er ikke tilladt her"},
}

// profileDescriptions are the Danish descriptions of the built-in profiles
// and targets; English ones come from the profiles and targets themselves.
var danishDescriptions = map[string]string{
	"profile:dk-ehandel":  "Den fælles danske profil for e-handelssystemer (standard for CSV og Excel): varenummer, navn, enhed, pris, valuta og en 8-cifret UNSPSC-kode er obligatoriske.",
	"profile:peppol-bis3": "PEPPOL BIS Catalogue 3 (T19) på den kanoniske model: katalog-ID, udstedelsesdato, sælger og modtager med endpoints; pr. linje et varenavn, sælgers varenummer eller standard-ID og en enhed fra UN/ECE Rec 20/21.",
	"profile:oioubl":      "OIOUBL 2.1 Catalogue på den kanoniske model: præcis ét varenummer pr. linje, en UNSPSC-klassifikation, en enhed fra OIOUBL-listen (UN/CEFACT 66411:2001), en pris; katalog-ID, udstedelsesdato, sælger og modtager.",
	"profile:minimal":     "Kun varenummer, navn, enhed og pris: det mindste en kataloglinje skal have for at kunne bestilles.",
	"target:json":         "ekatalogs kanoniske katalog-JSON (schemas/catalogue.schema.json)",
	"target:peppol-bis3":  "PEPPOL BIS Catalogue 3 (UBL 2.1 Catalogue, T19)",
	"target:oioubl":       "OIOUBL 2.1 Catalogue (UBL 2.1, NemHandel)",
}

// msg returns the text of key in lang ("en" or "da"), formatted with args.
func msg(lang, key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	s := m[0]
	if lang == "da" {
		s = m[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// describe returns a profile's or target's description in lang.
func describe(lang, kind, name, english string) string {
	if lang == "da" {
		if d, ok := danishDescriptions[kind+":"+name]; ok {
			return d
		}
	}
	return english
}
