package csv

import (
	"errors"
	"io"

	"encoding/csv"
)

// Read-ahead: with Options.ReadAhead the parse of the text (encoding/csv)
// runs on a goroutine of its own, a batch of records ahead, while Next
// turns records into lines on the caller's goroutine. Parsing is most of a
// reader's work, so on two cores the split keeps both busy; on one it only
// adds hand-overs, so the pipeline asks for it only with cores to spare.

const (
	aheadRecords = 512 // records per batch
	aheadBatches = 4
)

// aheadRec is one record of a batch: its cells are slab[start:end].
type aheadRec struct {
	start, end int
	row        int
	// invalid is the UTF-8 guard's verdict when the record had been read.
	invalid bool
	// err is a syntax error (the record is skipped, reported by Next) or
	// the error that ends the stream (io.EOF, or fatal, already named).
	err error
}

type aheadBatch struct {
	recs []aheadRec
	slab []string
	next int // the next record Next hands out
}

// ahead is the state shared by the parsing goroutine and Next.
type ahead struct {
	free, full chan *aheadBatch
	stop       chan struct{}
	cur        *aheadBatch
	done       bool // the stream has ended; cur holds its last records
	stopped    bool // Close has closed stop (read by Close only)
}

// startAhead starts the parsing goroutine; records already read (the
// sample) are handed out before its first.
func (rd *Reader) startAhead() {
	a := &ahead{free: make(chan *aheadBatch, aheadBatches), full: make(chan *aheadBatch, aheadBatches), stop: make(chan struct{})}
	for i := 0; i < aheadBatches; i++ {
		a.free <- &aheadBatch{recs: make([]aheadRec, 0, aheadRecords), slab: make([]string, 0, aheadRecords*16)}
	}
	rd.ahead = a
	go rd.parseAhead(a)
}

// parseAhead reads records into batches until the end, an error, or stop.
// It is the only user of rd.cr and the guards once started.
func (rd *Reader) parseAhead(a *ahead) {
	defer close(a.full)
	for {
		var b *aheadBatch
		select {
		case b = <-a.free:
		case <-a.stop:
			return
		}
		b.recs, b.slab, b.next = b.recs[:0], b.slab[:0], 0
		last := false
		for len(b.recs) < aheadRecords && !last {
			rec, row, err := rd.read()
			switch {
			case err == nil:
				start := len(b.slab)
				b.slab = append(b.slab, rec...)
				b.recs = append(b.recs, aheadRec{start: start, end: len(b.slab), row: row, invalid: rd.guard.invalid})
			case errors.As(err, new(*csv.ParseError)):
				b.recs = append(b.recs, aheadRec{err: err})
			case err == io.EOF:
				b.recs = append(b.recs, aheadRec{err: io.EOF})
				last = true
			default:
				b.recs = append(b.recs, aheadRec{err: rd.fatal(err)})
				last = true
			}
		}
		select {
		case a.full <- b:
		case <-a.stop:
			return
		}
		if last {
			return
		}
	}
}

// nextAhead returns the next record from the parsing goroutine.
func (rd *Reader) nextAhead() (cells []string, row int, invalid bool, err error) {
	a := rd.ahead
	for a.cur == nil || a.cur.next == len(a.cur.recs) {
		if a.done {
			return nil, 0, false, io.EOF
		}
		if a.cur != nil {
			a.free <- a.cur
			a.cur = nil
		}
		b, ok := <-a.full
		if !ok {
			a.done = true
			return nil, 0, false, io.EOF
		}
		a.cur = b
	}
	r := &a.cur.recs[a.cur.next]
	a.cur.next++
	if r.err != nil {
		if r.err == io.EOF || !errors.As(r.err, new(*csv.ParseError)) {
			a.done = true
		}
		return nil, 0, false, r.err
	}
	return a.cur.slab[r.start:r.end], r.row, r.invalid, nil
}

// Close stops the parsing goroutine, if any. The caller closes the file.
func (rd *Reader) Close() error {
	if rd != nil && rd.ahead != nil && !rd.ahead.stopped {
		rd.ahead.stopped = true
		close(rd.ahead.stop)
	}
	return nil
}
