package server

import (
	"bytes"
	"encoding/base64"
	"errors"
	"html/template"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/report"
)

// pageTemplates are the HTML of the page.
type pageTemplates struct {
	page *template.Template
}

// preTemplate is the HTML report until internal/report has an html printer:
// the text report in a <pre>.
var preTemplate = template.Must(template.New("pre").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body><pre class="report">{{.Text}}</pre></body></html>
`))

func loadTemplates() (*pageTemplates, error) {
	t, err := template.New("page.html").Funcs(template.FuncMap{"t": msg}).ParseFS(assets, "assets/templates/page.html")
	if err != nil {
		return nil, err
	}
	return &pageTemplates{page: t}, nil
}

// maxEmbed bounds a file put into the result page as a data: URL; larger
// ones are fetched with the form's download buttons.
const maxEmbed = 8 << 20

// pageData is what the page shows.
type pageData struct {
	Lang     string
	Profiles []described
	Targets  []described
	Excel    bool // an xlsx report printer exists
	// MaxUpload is the upload limit, for the script to check before
	// sending; TooLarge says it.
	MaxUpload int64
	TooLarge  string
	// The form's choices, kept on the result page.
	Profile, Target, Tolerance string
	Error                      string
	Status                     int
	Result                     *result
}

// result is a checked catalogue on the page.
type result struct {
	File, Format, Profile string
	Compliant             bool
	Summary               string
	ReadError             string
	// ReportHTML is the HTML report, shown in a frame (srcdoc: the template
	// escapes it as an attribute and the browser reads it back as the
	// document); ReportText the text report when there is no html printer.
	ReportHTML string
	ReportText string
	Downloads  []download
	Notes      []string
	// Comparison is the catalogue against the agreement, when one was given.
	Comparison *comparison
}

// comparison is the agreement comparison on the page.
type comparison struct {
	Agreement  string
	Conforming bool
	Summary    string
	ReportHTML string
}

type download struct {
	Label, Name string
	URL         template.URL
}

func (s *Server) newPage(lang string) *pageData {
	d := &pageData{Lang: lang, Targets: targetList(lang), MaxUpload: s.cfg.MaxUpload, TooLarge: msg(lang, "tooLarge", FormatSize(s.cfg.MaxUpload))}
	d.Profiles, _ = profileList(lang)
	_, err := report.ByName("xlsx")
	d.Excel = err == nil
	return d
}

func (s *Server) render(w http.ResponseWriter, status int, d *pageData) {
	var b bytes.Buffer
	if err := s.page.page.Execute(&b, d); err != nil {
		s.log.Printf("page: %v", err)
		http.Error(w, msg(d.Lang, "internal", err), http.StatusInternalServerError)
		return
	}
	if d.Result != nil {
		// The reports' frames (srcdoc) live under this page's policy.
		doc := d.Result.ReportHTML
		if d.Result.Comparison != nil {
			doc += d.Result.Comparison.ReportHTML
		}
		s.allowStyles(w, []byte(doc))
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// index answers GET /: the form.
func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, s.newPage(langOf(r, "da")))
}

// reportPage answers the form (POST /report) with the page and the
// report, the converted file and the Excel report in it. It works without
// JavaScript; with it, the page's script sends the same form and swaps the
// result in.
func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) {
	j, err := s.parseJob(w, r, "da")
	defer j.up.remove()
	d := s.newPage(j.lang)
	d.Profile, d.Target, d.Tolerance = j.up.field("profile"), j.up.field("target"), j.up.field("tolerance")
	if err == nil {
		var res *result
		err = s.work(r.Context(), j.lang, s.jobCost(j), func() error {
			var err error
			res, err = s.checkForPage(r, j)
			return err
		})
		if err == nil { // else the work may still be writing res
			d.Result = res
		}
	}
	if err != nil {
		he := asHTTPError(err, j.lang)
		s.logFailure(r, he)
		if he.retryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(he.retryAfter))
		}
		d.Error, d.Status = he.msg, he.status
		s.render(w, he.status, d)
		return
	}
	s.render(w, http.StatusOK, d)
}

func (s *Server) checkForPage(r *http.Request, j *job) (*result, error) {
	var rep *catalog.Report
	var converted, notConverted string
	var err error
	if j.target != nil {
		converted, rep, err = s.convertTo(r.Context(), j)
		var he *httpError
		switch {
		case rep != nil && err != nil && rep.Error != "":
			notConverted, err = msg(j.lang, "notConverted"), nil
		case errors.As(err, &he) && he.status == http.StatusUnprocessableEntity:
			// The input lacks what the target needs: the report still
			// says what to fix.
			notConverted = msg(j.lang, "notConvertedTo", j.target.Name, he.msg)
			rep, err = s.run(r.Context(), j, nil)
		}
	} else {
		rep, err = s.run(r.Context(), j, nil)
	}
	if err != nil {
		return nil, err
	}
	lang := j.lang
	sum := rep.Summary
	res := &result{File: rep.File, Format: rep.Format, Profile: rep.Profile, Compliant: sum.Compliant, ReadError: rep.Error,
		Summary: msg(lang, "summary", sum.Lines, sum.Errors, sum.Warnings, sum.Infos, sum.LinesWithErrors)}
	if j.target != nil {
		label := msg(lang, "converted", j.target.Name)
		switch {
		case notConverted != "":
			res.Notes = append(res.Notes, notConverted)
		default:
			if err := res.embed(converted, label, outName(j.in.name, j.target.Extension), mediaTypes[j.target.Extension], lang); err != nil {
				return nil, err
			}
		}
	}
	if xl, err := printerFor("xlsx", lang); err == nil {
		path, err := printReport(j, xl, rep)
		if err != nil {
			return nil, err
		}
		if err := res.embed(path, msg(lang, "excelReport"), outName(j.in.name, "-"+strings.ToLower(msg(lang, "report"))+".xlsx"), xl.mediaType, lang); err != nil {
			return nil, err
		}
	}
	if agr := j.up.files["agreement"]; agr != nil {
		if err := s.compareForPage(r, j, agr, res); err != nil {
			return nil, err
		}
	}
	// The HTML report is shown in a frame; the text report stands in until
	// internal/report has an html printer.
	var b bytes.Buffer
	if hp, err := report.ByName("html"); err == nil {
		err = hp.Print(&b, []*catalog.Report{rep}, report.Options{Lang: lang})
		res.ReportHTML = b.String()
		return res, err
	}
	tp, err := report.ByName("text")
	if err == nil {
		err = tp.Print(&b, []*catalog.Report{rep}, report.Options{Lang: lang})
		res.ReportText = b.String()
	}
	return res, err
}

// compareForPage compares the catalogue with the uploaded agreement and
// adds the comparison, or why there is none, to the result.
func (s *Server) compareForPage(r *http.Request, j *job, agr *part, res *result) error {
	lang := j.lang
	o, err := compareOptions(j)
	if err != nil {
		return err
	}
	cmp, err := s.compareFiles(r.Context(), j, agr, o)
	var he *httpError
	if errors.As(err, &he) && (he.status == http.StatusUnprocessableEntity || he.status == http.StatusUnsupportedMediaType) {
		res.Notes = append(res.Notes, msg(lang, "notCompared", he.msg))
		return nil
	}
	if err != nil {
		return err
	}
	sum := cmp.Summary
	c := &comparison{Agreement: agr.name, Conforming: sum.Conforming,
		Summary: msg(lang, "compareSummary", sum.CatalogueLines, sum.Matched, sum.NotOnAgreement, sum.Above, sum.AgreementItems-sum.AgreementFound, report.Number(lang, sum.Coverage, 1))}
	var b bytes.Buffer
	if p, err := report.For(report.Comparisons, "html"); err == nil {
		if err := p.Compare(&b, cmp, report.Options{Lang: lang}); err != nil {
			return err
		}
		c.ReportHTML = b.String()
	}
	if p, err := report.For(report.Comparisons, "xlsx"); err == nil {
		path := filepath.Join(j.up.dir, "compare.xlsx")
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		err = p.Compare(f, cmp, report.Options{Lang: lang})
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		name := outName(j.in.name, "-"+strings.ToLower(msg(lang, "comparison"))+".xlsx")
		if err := res.embed(path, msg(lang, "comparisonExcel"), name, mediaTypes[".xlsx"], lang); err != nil {
			return err
		}
	}
	res.Comparison = c
	return nil
}

// embed adds a file to the result as a data: URL, or a note when it is too
// large for the page.
func (res *result) embed(path, label, name, mediaType, lang string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if st.Size() > maxEmbed {
		res.Notes = append(res.Notes, msg(lang, "tooBig", label))
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if mediaType == "" {
		mediaType = "application/octet-stream"
	}
	url := "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(b)
	res.Downloads = append(res.Downloads, download{Label: label, Name: name, URL: template.URL(url)})
	return nil
}
