package server

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
)

// errBusy is returned by acquire when every slot is taken and the queue is
// full.
var errBusy = errors.New("busy")

// limiter bounds the conversions running at once. Requests beyond the
// bound wait in a queue of bounded length; beyond that they are refused at
// once, so an overloaded server answers quickly instead of piling up work.
type limiter struct {
	slots  chan struct{}
	queue  chan struct{}
	active atomic.Int64
	queued atomic.Int64
}

func newLimiter(concurrent, queue int) *limiter {
	return &limiter{slots: make(chan struct{}, max(concurrent, 1)), queue: make(chan struct{}, max(queue, 0))}
}

// acquire takes a slot, waiting in the queue while there is room in it. It
// returns errBusy when the queue is full, or the context's error when the
// request ends while waiting. release must be called after a nil error.
func (l *limiter) acquire(ctx context.Context) error {
	select {
	case l.slots <- struct{}{}:
		l.active.Add(1)
		return nil
	default:
	}
	select {
	case l.queue <- struct{}{}:
	default:
		return errBusy
	}
	l.queued.Add(1)
	defer func() {
		l.queued.Add(-1)
		<-l.queue
	}()
	select {
	case l.slots <- struct{}{}:
		l.active.Add(1)
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (l *limiter) release() {
	l.active.Add(-1)
	<-l.slots
}

// ParseSize reads a byte size such as "64MB", "512KiB", "1G" or "1048576".
// Decimal (KB, MB, GB) and binary (KiB, MiB, GiB) suffixes are accepted;
// a bare K, M or G is binary, as most users mean it.
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
		{"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
	}
	mult := int64(1)
	for _, u := range units {
		if len(t) > len(u.suffix) && strings.EqualFold(t[len(t)-len(u.suffix):], u.suffix) {
			mult, t = u.mult, strings.TrimSpace(t[:len(t)-len(u.suffix)])
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n <= 0 || n*float64(mult) > 1<<50 {
		return 0, fmt.Errorf("invalid size %q: want a positive number with an optional unit (KB, MB, GB, KiB, MiB, GiB), such as 64MB", s)
	}
	return int64(n * float64(mult)), nil
}
