// Package procstat measures the peak memory of a child process as the
// kernel counts it for that process alone. rusage cannot: a child started
// from a large Go process (a test binary, the benchmark table) reports the
// parent's high-water mark, inherited when it was forked.
package procstat

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"sync/atomic"
	"time"
)

// Every is how often the peak is sampled; growth in the last interval
// before the process ends is missed.
const Every = 2 * time.Millisecond

// WatchPeak follows the peak resident set (VmHWM) of the process until the
// returned function is called, after the process has ended; it returns
// the peak in KiB (0 where /proc is not there).
func WatchPeak(pid int) (stop func() int64) {
	var peak atomic.Int64
	done := make(chan struct{})
	stopped := make(chan struct{})
	status := fmt.Sprintf("/proc/%d/status", pid)
	go func() {
		defer close(stopped)
		for {
			if kb := hwm(status); kb > peak.Load() {
				peak.Store(kb)
			}
			select {
			case <-done:
				return
			case <-time.After(Every):
			}
		}
	}()
	return func() int64 {
		close(done)
		<-stopped
		return peak.Load()
	}
}

// hwm reads VmHWM from a status file, in KiB.
func hwm(status string) int64 {
	b, err := os.ReadFile(status)
	if err != nil {
		return 0
	}
	_, rest, ok := bytes.Cut(b, []byte("VmHWM:"))
	if !ok {
		return 0
	}
	f := bytes.Fields(rest)
	if len(f) == 0 {
		return 0
	}
	kb, _ := strconv.ParseInt(string(f[0]), 10, 64)
	return kb
}
