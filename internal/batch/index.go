package batch

import (
	"html/template"
	"io"

	"github.com/ekatalog/ekatalog/internal/report"
)

// index.html: one self-contained page over the run, a row per input with
// its verdict and counts and links to its output and report. No script,
// no external asset, no time of day: two runs give the same page.
var indexTmpl = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ekatalog">
<title>{{.L.Title}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d232a;margin:1.5em auto;max-width:1200px;padding:0 1em;line-height:1.4}
h1{font-size:1.6em}
table{border-collapse:collapse;font-size:.92em}
th,td{border:1px solid #d0d7de;padding:.25em .5em;text-align:left;vertical-align:top}
thead th{background:#f3f5f7}
.num{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#0b6b2d;background:#d9f2e1;font-weight:600}
.bad{color:#a4161a;background:#fbe0e0;font-weight:600}
.failed{color:#fff;background:#a4161a;font-weight:600}
td.err{color:#a4161a;word-break:break-word}
</style>
</head>
<body>
<h1>{{.L.Title}}</h1>
<p>{{.L.Target}}: <code>{{.S.Target}}</code>. {{.S.Inputs}} {{.L.Inputs}}: {{.S.Converted}} {{.L.Converted}}, {{.S.Failed}} {{.L.Failed}}, {{.S.Compliant}} {{.L.Compliant}}.</p>
{{- if .S.OutputFails}}
<p class="failed">{{.S.OutputFails}} {{.L.OutputFailsSummary}}</p>
{{- end}}
<table>
<thead><tr><th>{{.L.Input}}</th><th>{{.L.Result}}</th><th class="num">{{.L.Lines}}</th><th class="num">{{.L.Errors}}</th><th class="num">{{.L.Warnings}}</th><th>{{.L.Output}}</th><th>{{.L.Report}}</th><th>{{.L.Problem}}</th></tr></thead>
<tbody>
{{- range .S.Files}}
<tr><td>{{.Input}}</td>
{{- if eq .Status "failed"}}<td class="failed">{{$.L.NotConverted}}</td>{{else if .OutputFails}}<td class="failed">{{$.L.OutputFails}} ({{.OutputErrors}} {{$.L.ErrorsWord}})</td>{{else if .Compliant}}<td class="ok">{{$.L.OK}}</td>{{else}}<td class="bad">{{$.L.NotOK}}</td>{{end -}}
<td class="num">{{.Lines}}</td><td class="num">{{.Errors}}</td><td class="num">{{.Warnings}}</td>
<td>{{if .Output}}<a href="{{.Output}}">{{.Output}}</a>{{end}}</td><td><a href="{{.Report}}">{{.Report}}</a></td><td class="err">{{.Error}}</td></tr>
{{- end}}
</tbody>
</table>
</body>
</html>
`))

type indexLabels struct {
	Title, Target, Inputs, Converted, Failed, Compliant, Input, Result, Lines, Errors, Warnings,
	Output, Report, Problem, NotConverted, OK, NotOK string
	OutputFails, OutputFailsSummary, ErrorsWord string
}

func writeIndex(w io.Writer, s *Summary, lang string) error {
	T := func(en, da string) string { return report.T(lang, en, da) }
	if lang == "" {
		lang = "en"
	}
	l := indexLabels{
		Title: T("Batch conversion", "Samlet konvertering"), Target: T("Target", "Mål"),
		Inputs: T("inputs", "filer"), Converted: T("converted", "konverteret"), Failed: T("failed", "fejlede"),
		Compliant: T("compliant", "overholder profilen"), Input: T("Input", "Fil"), Result: T("Result", "Resultat"),
		Lines: T("Lines", "Linjer"), Errors: T("Errors", "Fejl"), Warnings: T("Warnings", "Advarsler"),
		Output: T("Output", "Resultatfil"), Report: T("Report", "Rapport"), Problem: T("Problem", "Problem"),
		NotConverted: T("NOT CONVERTED", "IKKE KONVERTERET"), OK: T("COMPLIANT", "OVERHOLDER PROFILEN"),
		NotOK:       T("NOT COMPLIANT", "OVERHOLDER IKKE PROFILEN"),
		OutputFails: T("WRITTEN FILE FAILS THE TARGET'S RULES", "SKREVET FIL OVERHOLDER IKKE MÅLFORMATETS REGLER"),
		OutputFailsSummary: T("written files fail their target's rules: the target system will reject them until the errors in their reports are fixed",
			"skrevne filer overholder ikke målformatets regler: målsystemet vil afvise dem, til fejlene i deres rapporter er rettet"),
		ErrorsWord: T("errors", "fejl"),
	}
	return indexTmpl.Execute(w, struct {
		Lang string
		L    indexLabels
		S    *Summary
	}{lang, l, s})
}
