package server

import (
	"context"
	"errors"
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
