package server

import (
	"context"
	"errors"
	"io"
	"os"
	"sync"
	"sync/atomic"

	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/csv"
	"github.com/ekatalog/ekatalog/formats/xlsx"
)

// The memory budget: every request is admitted against the most its work
// can hold (its worst case, from the readers' limits and the upload's size
// and format), so that the work admitted together stays within
// Config.MaxMemory whatever the uploads contain. A request whose worst case
// does not fit waits in the queue; when the queue is full it gets 503 with
// Retry-After. One whose worst case is larger than the whole budget gets
// 413 at once: waiting would not help.

// DefaultMaxMemory is the default budget: with the runtime's own memory
// and the uploads' buffers the whole server stays under 512 MB resident.
const DefaultMaxMemory = 384 << 20

// SoftMemoryLimit is the Go memory limit (runtime/debug.SetMemoryLimit)
// that goes with a budget: the budget, and room for the runtime, the
// connections and the pages. The collector works harder as the heap nears
// it, instead of letting garbage double the heap.
func SoftMemoryLimit(budget int64) int64 { return budget + 48<<20 }

// Worst cases, as they are measured: what one request holds besides its
// reader (the report, the answer's buffers, a goroutine's stack), and what
// a reader holds at most.
const (
	requestBase = 16 << 20
	// csvSample is what the CSV reader's read-ahead holds at most.
	csvSample = 16 << 20
)

// worstCase is the most a reader of format can hold reading an upload of
// size bytes with limits lim; the catalogue-wide indexes (item numbers,
// GTINs) grow with the lines, at most a quarter of a text file's size.
func worstCase(f *formats.Format, size int64, lim formats.Limits) int64 {
	value := int64(lim.MaxTokenBytes)
	if value <= 0 {
		value = xlsx.DefaultMaxValueBytes
	}
	record := lim.MaxRecordBytes
	if record <= 0 {
		record = csv.DefaultMaxRecordBytes
	}
	fields := int64(lim.MaxFields)
	if fields <= 0 {
		fields = csv.DefaultMaxFields
	}
	switch {
	case f == nil:
		// Not detected: the largest of the others.
		return max(worstCase(formats.XLSX, size, lim), worstCase(formats.CSV, size, lim), worstCase(formats.UBL, size, lim))
	case f.Resident:
		// The file itself; the parts excelize holds (four values and the
		// file's size); a row (four values) and the copies of one value
		// while it is decoded.
		return requestBase + 2*size + 4*max(value, xlsx.DefaultUnzipXMLSizeLimit) + 4*value + 2*value
	case f == formats.CSV:
		// The parser's buffer, line and fields (the record bound each, and
		// 40 bytes a field), the line's copy, the read-ahead sample.
		return requestBase + 3*(record+1<<20) + 40*fields + csvSample + size/4
	}
	// XML and JSON: the scanner's buffer (one value, doubled as it grows),
	// a line's text (four values), the indexes.
	return requestBase + 6*value + size/4
}

// cost is the worst case of reading an uploaded file as the job says.
func (s *Server) cost(p *part, inputFormat string) int64 {
	if p == nil {
		return 0
	}
	var f *formats.Format
	if inputFormat != "" {
		f, _ = formats.ByName(inputFormat)
	} else if fh, err := os.Open(p.path); err == nil {
		head := make([]byte, 4096)
		n, _ := io.ReadFull(fh, head)
		fh.Close()
		if f, _ = formats.Detect(p.name, head[:n]); f != nil {
			p.format = f.Name
		}
	}
	return worstCase(f, p.size, s.cfg.Limits)
}

// jobCost is the worst case of a job: its catalogue, and an agreement to
// compare against, held as an index (four times its size at most).
func (s *Server) jobCost(j *job) int64 {
	c := s.cost(j.in, j.opts.InputFormat)
	if agr := j.up.files["agreement"]; agr != nil {
		c += s.cost(agr, "") + 4*agr.size
	}
	return c
}

// errBusy is returned by acquire when the work cannot start now and the
// queue is full; errTooLarge when a request's worst case is larger than
// the whole budget. Admit returns them as ErrBusy and ErrOverBudget.
var (
	errBusy     = errors.New("busy")
	errTooLarge = errors.New("larger than the memory budget")
)

// ErrBusy and ErrOverBudget are Admit's refusals: no room now and the
// queue is full (answer 503 with Retry-After), or a worst case larger than
// the whole budget (413).
var (
	ErrBusy       = errBusy
	ErrOverBudget = errTooLarge
)

// Admit admits the reading of a catalogue file that another handler on
// this server works on (the register's submissions): it waits until the
// file's worst case, reckoned as for the server's own uploads from its
// format, size and the limits, fits in the memory budget next to the work
// under way. release must be called when the work is done.
func (s *Server) Admit(ctx context.Context, name, path string) (release func(), err error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	cost := s.cost(&part{path: path, name: name, size: st.Size()}, "")
	if err := s.lim.acquire(ctx, cost); err != nil {
		return nil, err
	}
	return func() { s.lim.release(cost) }, nil
}

// limiter admits work: at most slots at once, and at most budget bytes of
// worst cases. Requests that cannot start wait in a queue of bounded
// length, first come first served (a large request is not overtaken for
// ever by small ones); beyond it they are refused at once, so that an
// overloaded server answers quickly instead of piling up work.
type limiter struct {
	mu      sync.Mutex
	slots   int
	budget  int64
	queue   int
	running int
	used    int64
	waiting []*waiter

	// For /healthz.
	active, queued, reserved atomic.Int64
}

type waiter struct {
	cost  int64
	ready chan struct{}
}

func newLimiter(concurrent, queue int, budget int64) *limiter {
	return &limiter{slots: max(concurrent, 1), queue: max(queue, 0), budget: budget}
}

func (l *limiter) fits(cost int64) bool {
	return l.running < l.slots && l.used+cost <= l.budget
}

func (l *limiter) take(cost int64) {
	l.running++
	l.used += cost
	l.active.Store(int64(l.running))
	l.reserved.Store(l.used)
}

// grant starts the waiting requests that fit, in order.
func (l *limiter) grant() {
	for len(l.waiting) > 0 && l.fits(l.waiting[0].cost) {
		w := l.waiting[0]
		l.waiting[0] = nil
		l.waiting = l.waiting[1:]
		l.take(w.cost)
		close(w.ready)
	}
	l.queued.Store(int64(len(l.waiting)))
}

// acquire admits work of the given worst case, waiting in the queue while
// there is room in it. It returns errTooLarge, errBusy, or the context's
// error when the request ends while waiting. release(cost) must be called
// after a nil error.
func (l *limiter) acquire(ctx context.Context, cost int64) error {
	l.mu.Lock()
	if cost > l.budget {
		l.mu.Unlock()
		return errTooLarge
	}
	if len(l.waiting) == 0 && l.fits(cost) {
		l.take(cost)
		l.mu.Unlock()
		return nil
	}
	if len(l.waiting) >= l.queue {
		l.mu.Unlock()
		return errBusy
	}
	w := &waiter{cost: cost, ready: make(chan struct{})}
	l.waiting = append(l.waiting, w)
	l.queued.Store(int64(len(l.waiting)))
	l.mu.Unlock()
	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	select {
	case <-w.ready:
		// Admitted as the request ended: give the place back.
		l.running--
		l.used -= cost
		l.active.Store(int64(l.running))
		l.reserved.Store(l.used)
	default:
		for i, x := range l.waiting {
			if x == w {
				l.waiting = append(l.waiting[:i], l.waiting[i+1:]...)
				break
			}
		}
	}
	l.grant()
	return ctx.Err()
}

func (l *limiter) release(cost int64) {
	l.mu.Lock()
	l.running--
	l.used -= cost
	l.active.Store(int64(l.running))
	l.reserved.Store(l.used)
	l.grant()
	l.mu.Unlock()
}
