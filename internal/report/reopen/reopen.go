// Package reopen opens the input of a report again, detected and read the
// way validation read it, for reports that give suppliers their own rows
// back (the Excel report). It lives apart from package report because it
// needs the pipeline, whose tests use the report printers.
package reopen

import (
	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/report"
)

// Opener returns a report.Opener that opens inputs with the options they
// were validated with (mapping, sheet, input format, limits). paths maps a
// report's File to the path to read where the two differ (the web
// service's temporary uploads); it may be nil.
func Opener(o pipeline.Options, paths map[string]string) report.Opener {
	o.Stdin, o.Writer, o.Target = nil, nil, nil
	return func(r *catalog.Report) (*report.Source, error) {
		path := r.File
		if p, ok := paths[r.File]; ok {
			path = p
		}
		if path == "-" {
			return nil, report.ErrStdin
		}
		po := o
		po.Name = r.File
		src, err := pipeline.Open(path, po)
		if err != nil {
			return nil, err
		}
		return &report.Source{Reader: src.Reader, Path: path, Close: src.Close}, nil
	}
}
