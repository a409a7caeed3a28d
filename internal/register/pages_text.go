package register

// texts are the pages' words, English and Danish.
var texts = map[string][2]string{
	"title":       {"Catalogue register", "Katalogregister"},
	"login":       {"Log in", "Log ind"},
	"logout":      {"Log out", "Log ud"},
	"token":       {"Your access token", "Din adgangsnøgle"},
	"tokenhelp":   {"The token the register's operator gave you (ekatalog register token --party ID).", "Nøglen fra registrets operatør (ekatalog register token --party ID)."},
	"badtoken":    {"Unknown or revoked token.", "Ukendt eller tilbagekaldt nøgle."},
	"csrf":        {"The form has expired or did not come from this site: load the page again and send it once more.", "Formularen er udløbet eller kom ikke fra dette websted: hent siden igen og send den en gang til."},
	"notfound":    {"Not found.", "Ikke fundet."},
	"internal":    {"Something went wrong on our side.", "Der gik noget galt hos os."},
	"nofile":      {"Choose a catalogue file to send.", "Vælg en katalogfil at sende."},
	"supplier":    {"Supplier", "Leverandør"},
	"buyer":       {"Buyer", "Indkøber"},
	"submit":      {"Send a catalogue", "Send et katalog"},
	"file":        {"Catalogue file", "Katalogfil"},
	"send":        {"Send", "Send"},
	"mysubs":      {"My submissions", "Mine indsendelser"},
	"received":    {"Received", "Modtaget"},
	"lines":       {"Lines", "Linjer"},
	"status":      {"Status", "Status"},
	"version":     {"Version", "Version"},
	"accepted":    {"accepted", "godkendt"},
	"rejected":    {"rejected", "afvist"},
	"pending":     {"pending: awaiting the buyer's review", "afventer: indkøberen gennemgår"},
	"none":        {"None yet.", "Ingen endnu."},
	"pendinglist": {"Awaiting your decision", "Afventer din beslutning"},
	"incoming":    {"Incoming submissions", "Indkomne indsendelser"},
	"feeds":       {"Feeds", "Feeds"},
	"versions":    {"Versions", "Versioner"},
	"created":     {"Created", "Oprettet"},
	"submission":  {"Submission", "Indsendelse"},
	"report":      {"Validation report", "Valideringsrapport"},
	"reporthtml":  {"Report (HTML)", "Rapport (HTML)"},
	"reportxlsx":  {"Your rows with the findings (Excel)", "Dine rækker med fundene (Excel)"},
	"errors":      {"Errors", "Fejl"},
	"warnings":    {"Warnings", "Advarsler"},
	"held":        {"Held for review because", "Tilbageholdt til gennemgang fordi"},
	"diff":        {"Changes against the current version", "Ændringer i forhold til den gældende version"},
	"added":       {"added", "tilføjet"},
	"removed":     {"removed", "fjernet"},
	"changed":     {"changed", "ændret"},
	"item":        {"Item", "Vare"},
	"field":       {"Field", "Felt"},
	"old":         {"Old", "Gammel"},
	"new":         {"New", "Ny"},
	"pricechange": {"Price change", "Prisændring"},
	"compare":     {"Comparison with the agreement", "Sammenligning med aftalen"},
	"coverage":    {"Agreed items in the catalogue", "Aftalevarer i kataloget"},
	"above":       {"Prices above the agreement", "Priser over aftalen"},
	"decide":      {"Your decision", "Din beslutning"},
	"accept":      {"Accept (without the lines ticked)", "Godkend (uden de afkrydsede linjer)"},
	"rejectall":   {"Reject the whole catalogue", "Afvis hele kataloget"},
	"reason":      {"Reason", "Begrundelse"},
	"rejectline":  {"Reject this line", "Afvis denne linje"},
	"linereason":  {"Reason for this line", "Begrundelse for linjen"},
	"decisions":   {"Decisions", "Beslutninger"},
	"response":    {"Catalogue Response (PEPPOL)", "Katalogsvar (PEPPOL)"},
	"by":          {"by", "af"},
	"automatic":   {"automatic", "automatisk"},
	"rejlines":    {"Rejected lines", "Afviste linjer"},
	"back":        {"Back to the overview", "Tilbage til oversigten"},
	"language":    {"Dansk", "English"},
	"feedof":      {"Feed", "Feed"},
}

// tr is a text in the language ("en" or "da").
func tr(lang, key string) string {
	t, ok := texts[key]
	if !ok {
		return key
	}
	if lang == "da" {
		return t[1]
	}
	return t[0]
}

const pageTemplate = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{t .Lang "title"}}</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<header>
<h1>{{t .Lang "title"}}{{if .Party}} <small>{{.Party.Name}} ({{.Party.ID}}, {{t $.Lang .Party.Kind}})</small>{{end}}</h1>
<nav>
<a href="{{.Path}}?lang={{.Other}}" hreflang="{{.Other}}" id="lang">{{t .Lang "language"}}</a>
{{if .Party}} · <a href="/register/">{{t .Lang "back"}}</a>
<form method="post" action="/register/logout" class="inline"><input type="hidden" name="csrf" value="{{.CSRF}}"><button id="logout">{{t .Lang "logout"}}</button></form>{{end}}
</nav>
</header>
<main>
{{if .Error}}<p class="error" id="error">{{.Error}}</p>{{end}}
{{if eq .Page "login"}}
<h2>{{t .Lang "login"}}</h2>
<form method="post" action="/register/login">
<input type="hidden" name="csrf" value="{{.LoginToken}}">
<p><label for="token">{{t .Lang "token"}}</label> <input type="password" id="token" name="token" size="50" autocomplete="off" required></p>
<p class="note">{{t .Lang "tokenhelp"}}</p>
<p class="buttons"><button id="login">{{t .Lang "login"}}</button></p>
</form>
{{else if eq .Page "home"}}{{with .Data}}
{{if eq $.Party.Kind "supplier"}}
<h2>{{t $.Lang "submit"}}</h2>
<form method="post" action="/register/submit" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{$.CSRF}}">
<p><label for="file">{{t $.Lang "file"}}</label> <input type="file" id="file" name="file" required></p>
<p class="buttons"><button id="send">{{t $.Lang "send"}}</button></p>
</form>
<h2>{{t $.Lang "mysubs"}}</h2>
{{if .Submissions}}<table id="submissions"><thead><tr><th>{{t $.Lang "received"}}</th><th>{{t $.Lang "file"}}</th><th>{{t $.Lang "lines"}}</th><th>{{t $.Lang "status"}}</th></tr></thead><tbody>
{{range .Submissions}}<tr><td><a href="/register/submissions/{{.ID}}">{{time .Received}}</a></td><td>{{.File}}</td><td>{{.Lines}}</td>
<td>{{range .Feeds}}<span class="status-{{.Status}}">{{.Buyer}}: {{t $.Lang .Status}}{{if .Version}} (v{{ver .Version}}){{end}}</span><br>{{end}}</td></tr>
{{end}}</tbody></table>{{else}}<p>{{t $.Lang "none"}}</p>{{end}}
<h2>{{t $.Lang "feeds"}}</h2>
<ul>{{range .Buyers}}<li><a href="/register/versions/{{.Buyer}}">{{t $.Lang "buyer"}} {{.Buyer}}</a></li>{{end}}</ul>
{{else}}
<h2>{{t $.Lang "pendinglist"}}</h2>
{{if .Pending}}<ul id="pending">{{range .Pending}}<li><a href="/register/incoming/{{.ID}}">{{.File}}</a> – {{t $.Lang "supplier"}} {{.Supplier}}, {{time .Received}}</li>{{end}}</ul>{{else}}<p>{{t $.Lang "none"}}</p>{{end}}
<h2>{{t $.Lang "incoming"}}</h2>
{{if .Submissions}}<table id="incoming"><thead><tr><th>{{t $.Lang "received"}}</th><th>{{t $.Lang "supplier"}}</th><th>{{t $.Lang "file"}}</th><th>{{t $.Lang "status"}}</th></tr></thead><tbody>
{{range .Submissions}}<tr><td><a href="/register/incoming/{{.ID}}">{{time .Received}}</a></td><td>{{.Supplier}}</td><td>{{.File}}</td><td>{{range .Feeds}}{{t $.Lang .Status}}{{if .Version}} (v{{ver .Version}}){{end}}{{end}}</td></tr>
{{end}}</tbody></table>{{else}}<p>{{t $.Lang "none"}}</p>{{end}}
<h2>{{t $.Lang "feeds"}}</h2>
<ul>{{range .Feeds}}<li><a href="/register/versions/{{.Supplier}}">{{t $.Lang "supplier"}} {{.Supplier}}</a>: {{t $.Lang "version"}} {{.Version}}, {{.Lines}} {{t $.Lang "lines"}}</li>{{end}}</ul>
{{end}}
{{end}}{{else if or (eq .Page "submission") (eq .Page "incoming")}}{{with .Data}}
<h2>{{t $.Lang "submission"}} {{.Sub.File}}</h2>
<p>{{t $.Lang "received"}} {{time .Sub.Received}} · {{t $.Lang "supplier"}} {{.Sub.Supplier}} · {{.Sub.Lines}} {{t $.Lang "lines"}} · SHA-256 <code>{{.Sub.SHA256}}</code></p>
{{if eq $.Page "submission"}}<p class="downloads"><a href="/register/submissions/{{.Sub.ID}}/report.html" id="report-html">{{t $.Lang "reporthtml"}}</a> · <a href="/register/submissions/{{.Sub.ID}}/report.xlsx" id="report-xlsx">{{t $.Lang "reportxlsx"}}</a></p>{{end}}
{{range .Outcomes}}
<section class="outcome" id="outcome-{{.Buyer}}">
<h3 class="status-{{.Status}}">{{t $.Lang "buyer"}} {{.BuyerName}} ({{.Buyer}}): <span class="status">{{t $.Lang .Status}}</span>{{if .Version}} – {{t $.Lang "version"}} {{ver .Version}}{{end}}</h3>
<p>{{t $.Lang "errors"}}: {{.Errors}} · {{t $.Lang "warnings"}}: {{.Warnings}} · {{.Profile}}</p>
{{if .Held}}<h4>{{t $.Lang "held"}}</h4><ul class="held">{{range .Held}}<li>{{if .ItemID}}<b>{{.ItemID}}</b>: {{end}}{{.Text $.Lang}}</li>{{end}}</ul>{{end}}
{{with .Diff}}<h4>{{t $.Lang "diff"}}</h4>
<p>{{.Summary.Added}} {{t $.Lang "added"}}, {{.Summary.Removed}} {{t $.Lang "removed"}}, {{.Summary.Changed}} {{t $.Lang "changed"}}</p>
{{if .Changed}}<table class="diff"><thead><tr><th>{{t $.Lang "item"}}</th><th>{{t $.Lang "field"}}</th><th>{{t $.Lang "old"}}</th><th>{{t $.Lang "new"}}</th><th>{{t $.Lang "pricechange"}}</th></tr></thead><tbody>
{{range .Changed}}{{$c := .}}{{range .Fields}}<tr><td>{{$c.ItemID}}</td><td>{{.Field}}</td><td>{{.Old}}</td><td>{{.New}}</td><td>{{pct $c.PriceChange}}</td></tr>{{end}}{{end}}
</tbody></table>{{end}}
{{range .Added}}<p>+ {{.ItemID}} {{.Name}}</p>{{end}}{{range .Removed}}<p>− {{.ItemID}} {{.Name}}</p>{{end}}
{{end}}
{{with .Compare}}<h4>{{t $.Lang "compare"}}</h4>
<p>{{t $.Lang "coverage"}}: {{.Summary.AgreementFound}}/{{.Summary.AgreementItems}} · {{t $.Lang "above"}}: {{.Summary.Above}}</p>
<ul>{{range .Findings}}<li>{{.Rule}}: {{.Message}}</li>{{end}}</ul>{{end}}
{{if and (eq $.Page "incoming") (or (eq .Status "pending") (and (eq .Status "rejected") (eq .Errors 0)))}}
<h4>{{t $.Lang "decide"}}</h4>
<form method="post" action="/register/incoming/{{$.Data.Sub.ID}}/decision" id="decision">
<input type="hidden" name="csrf" value="{{$.CSRF}}">
{{with .Diff}}{{range .Changed}}<p class="line"><label class="inline"><input type="checkbox" name="reject" value="{{.ItemID}}" id="reject-{{.ItemID}}"> {{t $.Lang "rejectline"}} {{.ItemID}}</label>
<input type="text" name="reason-{{.ItemID}}" id="reason-{{.ItemID}}" placeholder="{{t $.Lang "linereason"}}" size="40"></p>{{end}}{{end}}
<p><label for="reason">{{t $.Lang "reason"}}</label> <input type="text" id="reason" name="reason" size="60"></p>
<p class="buttons"><button name="decision" value="accept" id="accept">{{t $.Lang "accept"}}</button> <button name="decision" value="reject" id="reject">{{t $.Lang "rejectall"}}</button></p>
</form>{{end}}
{{if .Decisions}}<h4>{{t $.Lang "decisions"}}</h4><ol class="decisions">{{range .Decisions}}
<li>{{time .Decided}} {{t $.Lang "by"}} {{if eq .Actor "automatic"}}{{t $.Lang "automatic"}}{{else}}{{.Actor}}{{end}}: <b>{{t $.Lang .Status}}</b>{{if .Version}} ({{t $.Lang "version"}} {{ver .Version}}){{end}} – {{.Reason}}
{{if .RejectLines}}<br>{{t $.Lang "rejlines"}}:<ul class="rejected">{{range .RejectLines}}<li>{{.SellerItemID}}: {{.Reason}}</li>{{end}}</ul>{{end}}</li>{{end}}</ol>
{{if eq $.Page "submission"}}<p><a href="/register/submissions/{{$.Data.Sub.ID}}/response/{{.Buyer}}" class="response">{{t $.Lang "response"}}</a></p>{{end}}{{end}}
</section>
{{end}}
{{end}}{{else if eq .Page "versions"}}{{with .Data}}
<h2>{{t $.Lang "versions"}}: {{.Other.Name}} ({{.Other.ID}})</h2>
{{if .Versions}}<table id="versions"><thead><tr><th>{{t $.Lang "version"}}</th><th>{{t $.Lang "submission"}}</th><th>{{t $.Lang "lines"}}</th><th>{{t $.Lang "created"}}</th></tr></thead><tbody>
{{range .Versions}}<tr><td>{{.Version}}</td><td>{{.Submission}}</td><td>{{.Lines}}</td><td>{{time .Created}}</td></tr>{{end}}
</tbody></table>{{else}}<p>{{t $.Lang "none"}}</p>{{end}}
{{end}}{{end}}
</main>
</body>
</html>
`
