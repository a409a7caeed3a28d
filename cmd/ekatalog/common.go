package main

import (
	"errors"
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/report"
	"github.com/ekatalog/ekatalog/mappings"
	"github.com/spf13/pflag"
)

// inputFlags say how to read and judge inputs.
type inputFlags struct {
	profile     string
	mapping     string
	header      string
	inputFormat string
	sheet       string
	limitFlags
}

// limitFlags bound what one input may make a reader hold.
type limitFlags struct {
	maxRecord sizeFlag
	maxUnzip  sizeFlag
	maxValue  sizeFlag
	maxFields int
	maxDepth  int
}

func (f *limitFlags) register(fs *pflag.FlagSet) {
	fs.Var(&f.maxValue, "max-value", "largest single value a reader holds, unpacked: a cell, shared string, CSV field, XML text, attribute or tag, e.g. 4MB (default 16MiB); a larger one is an error naming where it is")
	fs.Var(&f.maxValue, "max-token", "the old name of --max-value")
	fs.Lookup("max-token").Hidden = true
	fs.Var(&f.maxRecord, "max-record", "largest CSV record (a row with its quoted line breaks), e.g. 8MB (default 8MiB)")
	fs.IntVar(&f.maxFields, "max-fields", 0, "most fields in one CSV record (default 131072)")
	fs.Var(&f.maxUnzip, "max-unzip", "most an Excel workbook may unpack to, e.g. 512MB (default 1GiB); worksheets over 16MiB stream from a temporary file, the parts held in memory may unpack to 4 × --max-value plus the file's size")
	fs.IntVar(&f.maxDepth, "max-depth", 0, "deepest XML element nesting (default 256)")
}

// limits checks the flags; their errors are usage errors.
func (f *limitFlags) limits() (formats.Limits, error) {
	if f.maxDepth < 0 {
		return formats.Limits{}, usageError(fmt.Errorf("--max-depth must be positive, not %d", f.maxDepth))
	}
	if f.maxFields < 0 {
		return formats.Limits{}, usageError(fmt.Errorf("--max-fields must be positive, not %d", f.maxFields))
	}
	if f.maxValue > 1<<30 {
		return formats.Limits{}, usageError(fmt.Errorf("--max-value may be at most 1GiB"))
	}
	return formats.Limits{MaxRecordBytes: int64(f.maxRecord), MaxDepth: f.maxDepth, MaxFields: f.maxFields,
		MaxTokenBytes: int(f.maxValue), MaxUnzipBytes: int64(f.maxUnzip)}, nil
}

func (f *inputFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.profile, "profile", "", "validation profile: a built-in name ("+strings.Join(catalog.BuiltinProfiles, ", ")+") or a profile file; default: by input format")
	fs.StringVar(&f.mapping, "mapping", "", "column mapping file (JSON) for CSV and Excel input")
	fs.StringVar(&f.header, "header", "", "JSON file with catalogue header data (id, dates, seller, receiver) merged over the input's own")
	fs.StringVar(&f.inputFormat, "input-format", "", "input format, instead of detection: "+strings.Join(formats.Names(), ", "))
	fs.StringVar(&f.sheet, "sheet", "", "Excel sheet to read (default: the first visible sheet)")
	f.limitFlags.register(fs)
}

// options loads the files the flags name. Their errors are usage errors.
func (f *inputFlags) options(e *env) (pipeline.Options, error) {
	o := pipeline.Options{InputFormat: f.inputFormat, Sheet: f.sheet, Stdin: e.stdin}
	var err error
	if o.Limits, err = f.limits(); err != nil {
		return o, err
	}
	if f.profile != "" {
		p, err := loadProfile(f.profile)
		if err != nil {
			return o, usageError(err)
		}
		o.Profile = p
	}
	if f.mapping != "" {
		b, err := os.ReadFile(f.mapping)
		if err != nil {
			return o, usageError(fmt.Errorf("mapping: %w", err))
		}
		if o.Mapping, err = mappings.Parse(f.mapping, b); err != nil {
			return o, usageError(err)
		}
	}
	if f.header != "" {
		h, err := loadHeader(f.header)
		if err != nil {
			return o, usageError(err)
		}
		o.Header = h
	}
	return o, nil
}

func loadProfile(nameOrPath string) (*catalog.Profile, error) {
	if p, err := catalog.BuiltinProfile(nameOrPath); err == nil {
		return p, nil
	}
	b, err := os.ReadFile(nameOrPath)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("profile %q is neither a built-in profile (%s) nor a file", nameOrPath, strings.Join(catalog.BuiltinProfiles, ", "))
		}
		return nil, fmt.Errorf("profile: %w", err)
	}
	return formats.ParseProfile(nameOrPath, b)
}

func loadHeader(path string) (*catalog.Header, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	return catalog.ParseHeader(path, b)
}

// reportFlags say how to print reports.
type reportFlags struct {
	format string
	lang   string
}

func (f *reportFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.format, "format", "text", "report format: "+strings.Join(report.Names(), ", "))
	fs.StringVar(&f.lang, "lang", "en", "report language: en or da")
}

func (f *reportFlags) check() error {
	if f.lang != "en" && f.lang != "da" {
		return usageError(fmt.Errorf("--lang must be en or da, not %q", f.lang))
	}
	if _, err := report.ByName(f.format); err != nil {
		return usageError(err)
	}
	return nil
}

// The heap of a streaming run is kept small: without a limit the garbage
// collector lets the heap grow to twice the live data (the catalogue-wide
// indexes) before it collects. perJobMemory is the limit of one run; jobs
// run at once share jobs × perJobMemory. Inputs whose reader holds the
// whole file (Excel) get no limit, since one below their live heap makes
// the collector run without pause. GOMEMLIMIT overrides it.

// setMemoryLimit sets the heap limit of jobs runs at once: none when an
// input is read whole (resident), else jobs × perJobMemory.
func setMemoryLimit(resident bool, jobs int) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	if resident {
		debug.SetMemoryLimit(math.MaxInt64) // the runtime's "no limit"
		return
	}
	debug.SetMemoryLimit(int64(jobs) * perJobMemory)
}

// runFile validates (and, with opts.Writer, converts) one input under the
// heap limit its format calls for (setMemoryLimit). The input is opened, and
// its format detected, once.
func runFile(file string, opts pipeline.Options) (*catalog.Report, error) {
	src, err := pipeline.Open(file, opts)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	setMemoryLimit(src.Format.Resident, 1)
	return pipeline.RunSource(src, opts)
}

// perJobMemory is the soft heap limit of one streaming run.
const perJobMemory = 48 << 20
