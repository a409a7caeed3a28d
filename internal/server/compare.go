package server

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/compare"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/report"
)

// compareExt are the file extensions of compare's report formats.
var compareExt = map[string]string{"json": ".json", "html": ".html", "xlsx": ".xlsx", "text": ".txt"}

// compare answers POST /api/v1/compare: the catalogue in "file", the
// agreement (price list) in "agreement", optional "tolerance" (percent)
// and "mapping"; the report as ?format=json|html|xlsx|text. The verdict is
// in the X-Ekatalog-* headers.
func (s *Server) compare(w http.ResponseWriter, r *http.Request) {
	j, err := s.parseJob(w, r, "en")
	defer j.up.remove()
	if err == nil {
		err = s.compareJob(w, r, j)
	}
	if err != nil {
		s.apiError(w, r, err, j.lang)
	}
}

func (s *Server) compareJob(w http.ResponseWriter, r *http.Request, j *job) error {
	agr := j.up.files["agreement"]
	if agr == nil {
		return errorf(http.StatusBadRequest, msg(j.lang, "missingPart", "agreement", msg(j.lang, "partAgreement")))
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "json"
	}
	p, err := report.For(report.Comparisons, format)
	if err != nil {
		return errorf(http.StatusBadRequest, msg(j.lang, "badFormat", format, strings.Join(report.NamesFor(report.Comparisons), ", ")))
	}
	o, err := compareOptions(j)
	if err != nil {
		return err
	}
	var res *compare.Result
	path := filepath.Join(j.up.dir, "compare"+compareExt[p.Name])
	err = s.work(r.Context(), j.lang, s.jobCost(j), func() error {
		var err error
		if res, err = s.compareFiles(r.Context(), j, agr, o); err != nil {
			return err
		}
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		err = p.Compare(f, res, report.Options{Lang: j.lang})
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	})
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("X-Ekatalog-Lines", strconv.Itoa(res.Summary.CatalogueLines))
	h.Set("X-Ekatalog-Errors", strconv.Itoa(res.Summary.Errors))
	h.Set("X-Ekatalog-Warnings", strconv.Itoa(res.Summary.Warnings))
	h.Set("X-Ekatalog-Conforming", strconv.FormatBool(res.Summary.Conforming))
	ext := compareExt[p.Name]
	disp := ""
	if ext == ".xlsx" {
		disp = attachment(outName(j.in.name, "-"+strings.ToLower(msg(j.lang, "comparison"))+ext))
	}
	s.sendFile(w, path, mediaTypes[ext], disp)
	return nil
}

// compareOptions reads the form's "tolerance": a percentage, with a
// decimal point or comma.
func compareOptions(j *job) (compare.Options, error) {
	var o compare.Options
	if t := j.up.field("tolerance"); t != "" {
		var err error
		if o.Tolerance, err = strconv.ParseFloat(strings.Replace(t, ",", ".", 1), 64); err != nil || o.Tolerance < 0 {
			return o, errorf(http.StatusBadRequest, msg(j.lang, "badTolerance", t))
		}
	}
	return o, nil
}

// compareFiles reads the agreement and streams the catalogue past it. Both
// are read through the request's context, so the work stops when the
// request ends.
func (s *Server) compareFiles(ctx context.Context, j *job, agr *part, o compare.Options) (*compare.Result, error) {
	open := func(p *part) (pipeline.Options, io.Closer, error) {
		f, err := os.Open(p.path)
		if err != nil {
			return pipeline.Options{}, nil, err
		}
		po := j.opts
		po.Name, po.Stdin = p.name, ctxReader{ctx, f}
		if po.InputFormat == "" {
			po.InputFormat = p.format // detected once, by the cost
		}
		return po, f, nil
	}
	ao, af, err := open(agr)
	if err != nil {
		return nil, err
	}
	defer af.Close()
	a, err := compare.LoadAgreement("-", ao)
	if err != nil {
		return nil, s.readError(ctx, err, agr, j.lang)
	}
	co, cf, err := open(j.in)
	if err != nil {
		return nil, err
	}
	defer cf.Close()
	res, err := compare.Compare(a, "-", co, o)
	if err != nil {
		return nil, s.readError(ctx, err, j.in, j.lang)
	}
	if ctx.Err() != nil {
		return nil, s.timeoutError(j.lang)
	}
	return res, nil
}

// ctxReader stops reading when the context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// readError gives an error of reading an input its status: 503 when the
// request ran out of time, 415 for a file in no format ekatalog reads, 422
// for one that is broken.
func (s *Server) readError(ctx context.Context, err error, p *part, lang string) error {
	if ctx.Err() != nil {
		return s.timeoutError(lang)
	}
	var re *catalog.ReadError
	if !errors.As(err, &re) {
		return err
	}
	if unsupported(p) {
		return errorf(http.StatusUnsupportedMediaType, err.Error())
	}
	return errorf(http.StatusUnprocessableEntity, err.Error())
}
