package schemas

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed *.schema.json
var files embed.FS

// Names of the embedded schemas.
const (
	Catalogue = "catalogue.schema.json"
	Report    = "report.schema.json"
	Mapping   = "mapping.schema.json"
	Profile   = "profile.schema.json"
	Target    = "target.schema.json"
	// Header is the "catalogue" object of a canonical catalogue, the
	// shape of a --header file.
	Header = "catalogue.schema.json#/$defs/header"
)

const base = "https://ekatalog.dk/schemas/"

var printer = message.NewPrinter(language.English)

var compiled sync.Map // name → *jsonschema.Schema

// Source returns the text of an embedded schema.
func Source(name string) ([]byte, error) { return files.ReadFile(name) }

func schema(name string) (*jsonschema.Schema, error) {
	if s, ok := compiled.Load(name); ok {
		return s.(*jsonschema.Schema), nil
	}
	c := jsonschema.NewCompiler()
	entries, err := files.ReadDir(".")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		b, err := files.ReadFile(e.Name())
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", e.Name(), err)
		}
		if err := c.AddResource(base+e.Name(), doc); err != nil {
			return nil, err
		}
	}
	s, err := c.Compile(base + name)
	if err != nil {
		return nil, err
	}
	compiled.Store(name, s)
	return s, nil
}

// Error is a document that does not satisfy its schema.
type Error struct {
	Schema   string
	Problems []Problem
}

// Problem is one schema violation at a JSON path.
type Problem struct {
	Path    string // JSON pointer into the document, "" for the root
	Message string
}

func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		path := p.Path
		if path == "" {
			path = "/"
		}
		fmt.Fprintf(&b, "at %s: %s", path, p.Message)
	}
	return b.String()
}

// Check validates the JSON document data against the named schema. A
// syntax error names line and column; a schema violation names the JSON
// path of each problem.
func Check(name string, data []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return syntaxError(data, err)
	}
	return CheckValue(name, doc)
}

// CheckValue validates an already decoded document (as decoded by
// jsonschema.UnmarshalJSON or encoding/json into any).
func CheckValue(name string, doc any) error {
	s, err := schema(name)
	if err != nil {
		return err
	}
	err = s.Validate(doc)
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return err
	}
	out := &Error{Schema: name}
	collect(ve, &out.Problems)
	sort.SliceStable(out.Problems, func(i, j int) bool { return out.Problems[i].Path < out.Problems[j].Path })
	if len(out.Problems) > 5 {
		out.Problems = out.Problems[:5]
	}
	return out
}

// collect gathers the leaves of a validation error tree: they name the
// deepest paths, which is what a user needs to find the problem.
func collect(ve *jsonschema.ValidationError, into *[]Problem) {
	if len(ve.Causes) == 0 {
		*into = append(*into, Problem{
			Path:    "/" + strings.Join(ve.InstanceLocation, "/"),
			Message: ve.ErrorKind.LocalizedString(printer),
		})
		return
	}
	for _, c := range ve.Causes {
		collect(c, into)
	}
}

func syntaxError(data []byte, err error) error {
	offset := len(data)
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		offset = int(se.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		err = errors.New("the document ends too early")
	default:
		return fmt.Errorf("not valid JSON: %w", err)
	}
	line, col := 1, 1
	for _, c := range data[:min(offset, len(data))] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return fmt.Errorf("not valid JSON at line %d, column %d: %v", line, col, err)
}
