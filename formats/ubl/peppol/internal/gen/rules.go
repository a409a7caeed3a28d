package main

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// danish holds the hand-written Danish messages of the T19 R-rules and the
// PEPPOL-COMMON rules; the B-rules' Danish is built from their patterns.
var danish = map[string]string{
	"PEPPOL-COMMON-R001":   "Dokumentet må ikke indeholde tomme elementer.",
	"PEPPOL-COMMON-R003":   "Dokumentet bør ikke angive en skemaplacering (schemaLocation).",
	"PEPPOL-COMMON-R030":   "En dato skal skrives ÅÅÅÅ-MM-DD.",
	"PEPPOL-COMMON-R040":   "GLN skal have et gyldigt format efter GS1's regler.",
	"PEPPOL-COMMON-R041":   "Norsk organisationsnummer skal angives i det korrekte format.",
	"PEPPOL-COMMON-R042":   "Dansk organisationsnummer (CVR) skal angives i det korrekte format.",
	"PEPPOL-COMMON-R052":   "Dansk P-nummer skal angives i det korrekte format.",
	"PEPPOL-COMMON-R053":   "Dansk SE-nummer (ERSTORG) skal angives i det korrekte format.",
	"PEPPOL-COMMON-R043":   "Belgisk virksomhedsnummer skal angives i det korrekte format.",
	"PEPPOL-COMMON-R044":   "IPA-kode (Codice Univoco Unità Organizzativa) skal angives i det korrekte format",
	"PEPPOL-COMMON-R045":   "Skattekode (Codice Fiscale) skal angives i det korrekte format",
	"PEPPOL-COMMON-R046":   "Skattekode (Codice Fiscale) skal angives i det korrekte format",
	"PEPPOL-COMMON-R047":   "Italiensk momsnummer (Partita Iva) skal angives i det korrekte format",
	"PEPPOL-COMMON-R049":   "Svensk organisationsnummer skal angives i det korrekte format.",
	"PEPPOL-COMMON-R050":   "Australsk virksomhedsnummer (ABN) skal angives i det korrekte format.",
	"PEPPOL-COMMON-R054":   "Hollandske handelskammernumre (KVK, 0106) skal angives i det korrekte format (12345678).",
	"PEPPOL-COMMON-R055":   "Hollandske organisationsnumre (0190) skal angives i det korrekte format (12345678901234567890).",
	"PEPPOL-COMMON-R056-1": "Hollandske momsnumre (9944) skal angives i det korrekte format (NL123456789B12).",
	"PEPPOL-COMMON-R056-2": "Hollandske momsnumre skal have formatet (NL123456789B12).",
	"PEPPOL-COMMON-R057":   "Hollandske etableringsnumre fra handelskammeret (0217) skal angives i det korrekte format (123456789012).",
	"PEPPOL-T19-R001":      "En gyldighedsperiodes slutdato skal være samme dag som eller senere end startdatoen",
	"PEPPOL-T19-R004":      "En katalogleverandør skal have det fulde navn eller en identifikator",
	"PEPPOL-T19-R005":      "En katalogkunde skal have det fulde navn eller en identifikator",
	"PEPPOL-T19-R006":      "Varepriser må ikke være negative",
	"PEPPOL-T19-R007":      "Kataloglinjens gyldighedsperiode skal ligge inden for hele katalogets gyldighedsperiode",
	"PEPPOL-T19-R008":      "Maksimumsmængden skal være større end nul",
	"PEPPOL-T19-R009":      "Minimumsmængden skal være større end nul",
	"PEPPOL-T19-R010":      "Maksimumsmængden skal være større end eller lig med minimumsmængden",
	"PEPPOL-T19-R011":      "Prisens gyldighedsstart skal ligge inden for kataloglinjens eller katalogets gyldighedsperiode",
	"PEPPOL-T19-R012":      "Hver vare i en kataloglinje skal kunne identificeres ved enten \"sælgers varenummer\" eller \"standardvarenummer\"",
	"PEPPOL-T19-R013":      "En linjes gyldighedsperiode skal slutte samme dag som eller senere end den starter",
	"PEPPOL-T19-R014":      "Hver momskategori skal have en momssats, medmindre kataloglinjen ikke er momspligtig.",
	"PEPPOL-T19-R015":      "Når momskategorien er \"Standard rated\" (S), skal momssatsen være større end nul.",
	"PEPPOL-T19-R016":      "En prises gyldighedsperiode skal slutte samme dag som eller senere end den starter",
	"PEPPOL-T19-R017":      "Transaktionen skal bruge profilen 'catalogue only' eller 'catalogue without response'.",
	"PEPPOL-T19-R018":      "Specifikationsidentifikatoren skal begynde med 'urn:fdc:peppol.eu:poacc:trns:catalogue:3'.",
}

// ruleFields are the canonical fields of the R-rules.
var ruleFields = map[string]string{
	"PEPPOL-T19-R001": "catalogue.validTo",
	"PEPPOL-T19-R006": "price",
	"PEPPOL-T19-R007": "validFrom",
	"PEPPOL-T19-R008": "maxOrderQuantity",
	"PEPPOL-T19-R009": "minOrderQuantity",
	"PEPPOL-T19-R010": "maxOrderQuantity",
	"PEPPOL-T19-R011": "price",
	"PEPPOL-T19-R012": "sellerItemId",
	"PEPPOL-T19-R013": "validTo",
	"PEPPOL-T19-R014": "vatPercent",
	"PEPPOL-T19-R015": "vatPercent",
	"PEPPOL-T19-R016": "price",
}

var (
	reCodeList  = regexp.MustCompile(`^Value MUST be part of code list ('[^']+')( or ('[^']+'))?\.$`)
	reIDPrefix  = regexp.MustCompile(`^\[[A-Z0-9-]+\]-`)
	reSpaceRuns = regexp.MustCompile(`\s+`)
)

// danishB translates a generated B-rule message by its pattern.
func danishB(msg string) (string, error) {
	if s := reElement.FindStringSubmatch(msg); s != nil {
		return "Elementet '" + s[1] + ":" + s[2] + "' skal angives.", nil
	}
	if s := reAttr.FindStringSubmatch(msg); s != nil {
		return "Attributten '" + s[1] + "' skal være til stede.", nil
	}
	if s := reCodeList.FindStringSubmatch(msg); s != nil {
		if s[3] != "" {
			return "Værdien skal være i kodelisten " + s[1] + " eller " + s[3] + ".", nil
		}
		return "Værdien skal være i kodelisten " + s[1] + ".", nil
	}
	switch msg {
	case "Document MUST NOT contain elements not part of the data model.":
		return "Dokumentet må ikke indeholde elementer, der ikke er en del af datamodellen.", nil
	case "Document MUST not contain schema location.":
		return "Dokumentet må ikke angive en skemaplacering (schemaLocation).", nil
	}
	return "", fmt.Errorf("no Danish pattern for %q", msg)
}

func rulesSource(rules []*rule, m *model) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by formats/ubl/peppol/internal/gen from PEPPOLBIS-T19-2026.5-rules.tsv; DO NOT EDIT.\n\n")
	b.WriteString("package peppol\n\nimport \"github.com/ekatalog/ekatalog/catalog\"\n\n")
	b.WriteString("// Rules are the PEPPOL BIS Catalogue 3 (T19) and PEPPOL-COMMON rules\n")
	b.WriteString("// of the 2026.5 release with their official IDs and flags (fatal is Error,\n")
	b.WriteString("// warning is Warning); formats/ubl/peppol implements them on the XML.\n")
	b.WriteString("// Messages: the official English text and a Danish translation.\n")
	b.WriteString("var Rules = []*catalog.Rule{\n")
	seen := map[string]bool{}
	for _, r := range rules {
		if seen[r.id] {
			return nil, fmt.Errorf("rule %s twice", r.id)
		}
		seen[r.id] = true
		sev := map[string]string{"fatal": "catalog.Error", "warning": "catalog.Warning"}[r.flag]
		if sev == "" {
			return nil, fmt.Errorf("rule %s: flag %q", r.id, r.flag)
		}
		en := strings.TrimSpace(reSpaceRuns.ReplaceAllString(reIDPrefix.ReplaceAllString(r.message, ""), " "))
		var da, field string
		if strings.HasPrefix(r.id, "PEPPOL-T19-B") {
			var err error
			if da, err = danishB(en); err != nil {
				return nil, fmt.Errorf("rule %s: %v", r.id, err)
			}
			field = m.fieldOf[r.id]
		} else {
			da = danish[r.id]
			if da == "" {
				return nil, fmt.Errorf("rule %s has no Danish message", r.id)
			}
			field = ruleFields[r.id]
		}
		en, da = strings.ReplaceAll(en, "%", "%%"), strings.ReplaceAll(da, "%", "%%")
		fmt.Fprintf(&b, "\t{ID: %q, Severity: %s, Field: %q, En: %q, Da: %q, Set: \"PEPPOL\"},\n", r.id, sev, field, en, da)
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}
