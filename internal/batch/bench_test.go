package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/ekatalog/ekatalog/internal/batch/batchtest"
	"github.com/ekatalog/ekatalog/testkit/synth"
)

// benchFolder is a folder of 20 catalogues (EKATALOG_BATCH_LINES lines
// each, default 5000), made on first use in the benchmark cache folder
// (EKATALOG_BENCH_DIR, or ekatalog-bench in the temp folder).
var benchFolder struct {
	once sync.Once
	dir  string
}

func folder(b *testing.B) string {
	benchFolder.once.Do(func() {
		cache := os.Getenv("EKATALOG_BENCH_DIR")
		if cache == "" {
			cache = filepath.Join(os.TempDir(), "ekatalog-bench")
		}
		lines := synth.BenchLines("EKATALOG_BATCH_LINES", 5000)
		dir := filepath.Join(cache, fmt.Sprintf("batch-20x%d", lines))
		if _, err := os.Stat(dir); err != nil {
			if err := os.MkdirAll(cache, 0o755); err != nil {
				b.Fatal(err)
			}
			tmp, err := os.MkdirTemp(cache, "batch-*.tmp")
			if err != nil {
				b.Fatal(err)
			}
			batchtest.Catalogues(b, tmp, 20, lines, -1)
			if err := os.Rename(tmp, dir); err != nil {
				b.Fatal(err)
			}
		}
		benchFolder.dir = dir
	})
	return benchFolder.dir
}

func benchBatch(b *testing.B, jobs int) {
	inputs, err := Collect([]string{folder(b)}, "")
	if err != nil || len(inputs) != 20 {
		b.Fatalf("%d inputs: %v", len(inputs), err)
	}
	var size int64
	for _, in := range inputs {
		if st, err := os.Stat(in.Path); err == nil {
			size += st.Size()
		}
	}
	b.SetBytes(size)
	out := b.TempDir()
	// As the command runs it: as many cores as jobs.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(Cores(jobs)))
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		s, err := Run(inputs, options(b, filepath.Join(out, "ud"), jobs))
		if err != nil || s.Converted != 20 {
			b.Fatalf("%v, %+v", err, s)
		}
	}
	// The CPU time per run: the same for any number of jobs when the jobs
	// share nothing, so a speed-up below the number of cores on a busy
	// machine is the machine's, not the batch's.
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkBatchJobs1 and BenchmarkBatchJobs2 measure the speed-up of
// converting 20 catalogues two at a time.
func BenchmarkBatchJobs1(b *testing.B) { benchBatch(b, 1) }
func BenchmarkBatchJobs2(b *testing.B) { benchBatch(b, 2) }
