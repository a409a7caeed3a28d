package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/formats"
)

// TestBudget: work is admitted while its worst case fits the budget; the
// next waits, in order, until memory is released; a request larger than
// the whole budget gets 413 at once; a full queue 503.
func TestBudget(t *testing.T) {
	l := newLimiter(8, 2, 100)
	ctx := context.Background()
	if err := l.acquire(ctx, 60); err != nil {
		t.Fatal(err)
	}
	if err := l.acquire(ctx, 101); err != errTooLarge {
		t.Errorf("over the budget: %v", err)
	}
	got := make(chan int64, 2)
	for _, c := range []int64{50, 10} {
		go func() {
			if err := l.acquire(ctx, c); err == nil {
				got <- c
			}
		}()
		for l.queued.Load() == 0 || c == 10 && l.queued.Load() < 2 {
			time.Sleep(time.Millisecond)
		}
	}
	// The small one fits but waits behind the large one: first come,
	// first served.
	select {
	case c := <-got:
		t.Fatalf("%d admitted while 60 of 100 are taken and 50 waits first", c)
	case <-time.After(50 * time.Millisecond):
	}
	if err := l.acquire(ctx, 1); err != errBusy {
		t.Errorf("queue of 2 full: %v", err)
	}
	l.release(60)
	sum := int64(0)
	for range 2 {
		select {
		case c := <-got:
			sum += c
		case <-time.After(5 * time.Second):
			t.Fatal("not admitted after the release")
		}
	}
	if sum != 60 {
		t.Errorf("admitted %d in all, want 50 and 10", sum)
	}
	if l.reserved.Load() != 60 || l.active.Load() != 2 {
		t.Errorf("reserved %d, active %d", l.reserved.Load(), l.active.Load())
	}
	// A request that ends while waiting leaves the queue.
	wctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if err := l.acquire(wctx, 50); err == nil {
		t.Error("admitted over the budget")
	}
	if l.queued.Load() != 0 {
		t.Errorf("%d still queued", l.queued.Load())
	}
}

// TestWorstCase: the worst cases follow the limits and the upload, and the
// default budget admits at least two of each format's small uploads.
func TestWorstCase(t *testing.T) {
	for _, f := range []*formats.Format{formats.CSV, formats.XLSX, formats.UBL, nil} {
		small := worstCase(f, 1<<20, formats.Limits{})
		if small*2 > DefaultMaxMemory {
			t.Errorf("%v: %d MiB for a 1 MiB upload", f, small>>20)
		}
		if tight := worstCase(f, 1<<20, formats.Limits{MaxTokenBytes: 1 << 20, MaxRecordBytes: 1 << 20, MaxFields: 1000}); tight >= small {
			t.Errorf("%v: smaller limits, no smaller worst case (%d ≥ %d)", f, tight, small)
		}
	}
	ts := newTestServer(t, Config{MaxMemory: 32 << 20})
	resp, b := ts.post(t, "/api/v1/validate", file("file", demo))
	if e := decodeError(t, resp, b); resp.StatusCode != 413 || !strings.Contains(e.Error, "budget") {
		t.Errorf("a worst case over the budget: %d %s", resp.StatusCode, b)
	}
}
