// Package xsdcheck checks a written file against its target's published
// schema (an XSD or a DTD) with xmllint, run as a subprocess, and lists the
// problems by line: what a buyer's import would reject, found before the
// file is delivered.
//
// The schemas are not part of the repository: they live in a standards
// directory (../shared/standards in development, EKATALOG_STANDARDS at run
// time). Some published schemas declare another namespace than real
// documents use (BMEcat 2005's final draft "…/2005fd", BMEcat 1.2's
// "…/XMLSchema/1.2/…"); Check validates against copies of them, in a
// temporary directory, whose namespace is mapped to the one written. The
// document itself is never changed, so the lines are the file's own.
//
// Packages outside formats/ reach it through formats.SchemaFindings, which
// turns the problems into TARGET-SCHEMA findings naming the output's line;
// convert's self-check calls that on the complete output file (the atomic
// file's temporary path before Commit), with formats.Standards() as the
// directory, and reports "not checked" when it returns an error.
//
// Memory: XSD validation streams (xmllint --stream); DTD validation
// (cXML) builds xmllint's tree of the document. At most max problems are
// kept, the rest only counted.
package xsdcheck

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Problem is one schema violation in the checked file.
type Problem struct {
	Line    int    // 1-based; 0 when xmllint names none
	Message string // xmllint's message, long value lists shortened
}

func (p Problem) String() string {
	if p.Line > 0 {
		return "line " + strconv.Itoa(p.Line) + ": " + p.Message
	}
	return p.Message
}

// Schema is what a target's files are checked against.
type Schema struct {
	// Path is the schema file under the standards directory,
	// slash-separated: an .xsd, or a .dtd when DTD is set.
	Path string
	DTD  bool
	// From and To, when set, map the schema's namespace From to the
	// namespace To that written documents use: the XSD files of Path's
	// folder are copied with the name replaced.
	From, To string
}

// ForTarget returns the schema of an output target by name; false for
// targets without a published XML schema.
func ForTarget(name string) (Schema, bool) {
	switch name {
	case "bmecat":
		return Schema{Path: "bmecat/2005/bmecat_2005.xsd",
			From: "http://www.bmecat.org/bmecat/2005fd", To: "http://www.bmecat.org/bmecat/2005"}, true
	case "bmecat-1.2":
		return Schema{Path: "bmecat/1.2/bmecat_new_catalog_1_2.xsd",
			From: "http://www.bmecat.org/XMLSchema/1.2/", To: "http://www.bmecat.org/bmecat/1.2/"}, true
	case "cxml":
		return Schema{Path: "cxml/1.2.063/cXML.dtd", DTD: true}, true
	}
	return Schema{}, false
}

// ForDelta returns the schema of a target's update document (ekatalog
// diff --to): BMEcat 1.2's T_UPDATE_PRODUCTS has a schema of its own, the
// UBL update documents are Catalogues; the others are as ForTarget.
func ForDelta(name string) (Schema, bool) {
	switch name {
	case "bmecat-1.2":
		return Schema{Path: "bmecat/1.2/bmecat_update_products_1_2.xsd",
			From: "http://www.bmecat.org/XMLSchema/1.2/", To: "http://www.bmecat.org/bmecat/1.2/"}, true
	case "peppol-bis3", "oioubl":
		return Schema{Path: "ubl-2.1-xsd/maindoc/UBL-Catalogue-2.1.xsd"}, true
	}
	return ForTarget(name)
}

// Standards returns the standards directory named by EKATALOG_STANDARDS,
// or "" when it is unset or not a directory.
func Standards() string {
	d := os.Getenv("EKATALOG_STANDARDS")
	if d == "" {
		return ""
	}
	if st, err := os.Stat(d); err != nil || !st.IsDir() {
		return ""
	}
	return d
}

// ErrNoXmllint is returned when xmllint is not installed.
var ErrNoXmllint = errors.New("xmllint is not installed (apt-get install libxml2-utils), so the output was not checked against its schema")

// Xmllint returns the path of xmllint, or ErrNoXmllint.
func Xmllint() (string, error) {
	p, err := exec.LookPath("xmllint")
	if err != nil {
		return "", ErrNoXmllint
	}
	return p, nil
}

// Check validates file against s, found under the standards directory, and
// returns at most max problems (all when max <= 0) and how many there were
// in total. err is for a check that could not run: no xmllint, no schema,
// a schema that does not parse; then nothing is known about the file.
func Check(ctx context.Context, file, standards string, s Schema, max int) (problems []Problem, total int, err error) {
	if _, err := Xmllint(); err != nil {
		return nil, 0, err
	}
	schema := filepath.Join(standards, filepath.FromSlash(s.Path))
	if _, err := os.Stat(schema); err != nil {
		return nil, 0, fmt.Errorf("schema %s: %w", s.Path, err)
	}
	if s.From != "" {
		dir, err := os.MkdirTemp("", "ekatalog-xsd-*")
		if err != nil {
			return nil, 0, err
		}
		defer os.RemoveAll(dir)
		if schema, err = MapNamespace(schema, dir, s.From, s.To); err != nil {
			return nil, 0, err
		}
	}
	return CheckFile(ctx, file, schema, s.DTD, max)
}

// CheckFile validates file against the schema file as it is (an XSD, or a
// DTD when dtd is set); see Check.
func CheckFile(ctx context.Context, file, schema string, dtd bool, max int) (problems []Problem, total int, err error) {
	rs, err := CheckFiles(ctx, []string{file}, schema, dtd, max)
	if err != nil {
		return nil, 0, err
	}
	r := rs[0]
	return r.Problems, r.Total, nil
}

// Result is what CheckFiles found in one file.
type Result struct {
	File     string
	Problems []Problem // at most max
	Total    int
}

// CheckFiles validates several files against one schema in one run of
// xmllint (the schema is compiled once), and returns a result per file, in
// order.
func CheckFiles(ctx context.Context, files []string, schema string, dtd bool, max int) ([]Result, error) {
	xmllint, err := Xmllint()
	if err != nil {
		return nil, err
	}
	args := []string{"--noout", "--nonet", "--nowarning"}
	if dtd {
		args = append(args, "--dtdvalid", schema)
	} else {
		args = append(args, "--stream", "--schema", schema)
	}
	rs := make([]Result, len(files))
	byName := map[string]*Result{}
	for i, f := range files {
		// xmllint knows no "--": an absolute path cannot be taken for an
		// option.
		if abs, err := filepath.Abs(f); err == nil {
			f = abs
		}
		rs[i].File = files[i]
		byName[f] = &rs[i]
		args = append(args, f)
	}
	cmd := exec.CommandContext(ctx, xmllint, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	fatal := parse(stderr, byName, max)
	werr := cmd.Wait()
	if fatal != "" {
		return nil, fmt.Errorf("xmllint could not check against %s: %s", filepath.Base(schema), fatal)
	}
	var ee *exec.ExitError
	if werr != nil && !errors.As(werr, &ee) {
		return nil, werr
	}
	if werr != nil {
		n := 0
		for _, r := range rs {
			n += r.Total
		}
		if n == 0 {
			// xmllint failed without a message we understood.
			for i := range rs {
				rs[i].Problems, rs[i].Total = []Problem{{Message: "xmllint: " + werr.Error()}}, 1
			}
		}
	}
	return rs, nil
}

var (
	// lineRE matches xmllint's "FILE:LINE: …" prefix.
	lineRE = regexp.MustCompile(`^(.*?):(\d+): (.*)$`)
	// setRE matches the long value sets of enumeration messages.
	setRE = regexp.MustCompile(`\{'[^}]{80,}\}`)
)

// parse reads xmllint's messages into the results of the files they name.
// fatal is set when the schema itself could not be used.
func parse(r io.Reader, files map[string]*Result, max int) (fatal string) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	var last *Result // the file xmllint last spoke of
	for sc.Scan() {
		l := sc.Text()
		var res *Result
		p := Problem{Message: l}
		if m := lineRE.FindStringSubmatch(l); m != nil && files[m[1]] != nil {
			res, last = files[m[1]], files[m[1]]
			p.Line, _ = strconv.Atoi(m[2])
			p.Message = m[3]
		}
		switch {
		case strings.Contains(l, "Attempt to load network entity"), strings.Contains(l, "failed to load external entity"):
			// The DOCTYPE's own system identifier, not fetched (--nonet):
			// the DTD given on the command line is the one checked.
			continue
		case res == nil && (strings.Contains(l, "failed to compile") || strings.Contains(l, "Could not parse DTD") ||
			strings.Contains(l, "parser error") || strings.Contains(l, "failed to load")):
			if fatal == "" {
				fatal = l
			}
			continue
		case strings.HasSuffix(l, " validates"), strings.HasSuffix(l, " fails to validate"),
			strings.HasPrefix(l, "Document ") && strings.Contains(l, "does not validate"),
			strings.TrimSpace(l) == "^", strings.TrimSpace(l) == "":
			continue
		case res == nil:
			// Context lines xmllint prints under a parser error, or an
			// error without a position: the latter counts for the file
			// last named.
			if last == nil || last.Total > 0 || !strings.Contains(l, "error") {
				continue
			}
			res = last
		}
		p.Message = setRE.ReplaceAllStringFunc(p.Message, func(s string) string { return s[:60] + "…}" })
		res.Total++
		if max <= 0 || len(res.Problems) < max {
			res.Problems = append(res.Problems, p)
		}
	}
	return fatal
}

// MapNamespace copies the XSD files of schema's folder into dir with the
// namespace from replaced by to, and returns the path of schema's copy.
func MapNamespace(schema, dir, from, to string) (string, error) {
	src := filepath.Dir(schema)
	files, err := filepath.Glob(filepath.Join(src, "*.xsd"))
	if err != nil {
		return "", err
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		b = []byte(strings.ReplaceAll(string(b), from, to))
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			return "", err
		}
	}
	return filepath.Join(dir, filepath.Base(schema)), nil
}
