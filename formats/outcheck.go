package formats

import (
	"io"
	"sync"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/ubl"
)

// ublCheck runs the official rule set of a UBL target over the written
// document as it streams out: the bytes go through a pipe into the
// streaming UBL reader on a goroutine of its own, whose checkers are the
// target's. Nothing but the line being read is held.
type ublCheck struct {
	pw     *io.PipeWriter
	target string
	done   chan struct{}

	mu      sync.Mutex
	sources []int // source line numbers of the lines written, from head on not yet read back
	head    int

	// Owned by the reading goroutine until done is closed.
	findings catalog.Findings
	ordinal  int // the output line whose source line is src
	src      int
	err      error
}

// newUBLCheck starts the check of a document under the rule set
// (peppol-bis3, oioubl).
func newUBLCheck(ruleSet string) OutputCheck {
	pr, pw := io.Pipe()
	c := &ublCheck{pw: pw, done: make(chan struct{}), target: ruleSet}
	go c.read(pr, ruleSet)
	return c
}

func (c *ublCheck) read(pr *io.PipeReader, ruleSet string) {
	defer close(c.done)
	defer io.Copy(io.Discard, pr) // never leave the writer blocked
	checkers := ublCheckers(ruleSet)
	wrapped := make([]ubl.Checker, len(checkers))
	for i, k := range checkers {
		wrapped[i] = &sourceLines{k, c}
	}
	rd, err := ubl.OpenOptions(pr, ubl.Options{Name: "output", Checkers: func(string) []ubl.Checker { return wrapped }})
	if err != nil {
		c.err = err
		return
	}
	var l catalog.Line
	for {
		if err := rd.Next(&l); err == io.EOF {
			break
		} else if err != nil {
			c.err = err
			return
		}
	}
}

// sourceFor returns the source line of the output line with the ordinal.
func (c *ublCheck) sourceFor(ordinal int) int {
	if ordinal == c.ordinal {
		return c.src
	}
	c.mu.Lock()
	for c.ordinal < ordinal && c.head < len(c.sources) {
		c.src = c.sources[c.head]
		c.head++
		c.ordinal++
	}
	c.mu.Unlock()
	return c.src
}

func (c *ublCheck) add(f catalog.Finding) { c.findings.Add(f) }

// Line is told of each line before the writer writes it, so that the
// reading side knows which source line its next output line comes from.
func (c *ublCheck) Line(l *catalog.Line) {
	c.mu.Lock()
	if c.head > 1024 && c.head > len(c.sources)/2 {
		// The reading side is never far behind: keep the queue short.
		c.sources = c.sources[:copy(c.sources, c.sources[c.head:])]
		c.head = 0
	}
	c.sources = append(c.sources, l.Src.Line)
	c.mu.Unlock()
}

func (c *ublCheck) Write(p []byte) (int, error) {
	n, err := c.pw.Write(p)
	if err != nil { // the reading side has stopped; the output itself is fine
		return len(p), nil
	}
	return n, nil
}

// Close ends the document and waits for the rules to finish.
func (c *ublCheck) Close() *catalog.Findings {
	c.pw.Close()
	<-c.done
	if c.err != nil {
		c.add(catalog.Finding{Rule: catalog.RuleOutputUnreadable, Severity: catalog.Error, Line: c.src, Args: []string{c.target, c.err.Error()}})
	}
	return &c.findings
}

// sourceLines passes a checker's findings on with the source line of the
// output line they are on.
type sourceLines struct {
	ubl.Checker
	c *ublCheck
}

func (s *sourceLines) Header(root *ubl.Node, add func(catalog.Finding)) {
	s.Checker.Header(root, s.c.add)
}

func (s *sourceLines) Line(line *ubl.Node, ordinal int, add func(catalog.Finding)) {
	src := s.c.sourceFor(ordinal)
	s.Checker.Line(line, ordinal, func(f catalog.Finding) {
		f.Line = src
		s.c.add(f)
	})
}

func (s *sourceLines) End(add func(catalog.Finding)) { s.Checker.End(s.c.add) }
