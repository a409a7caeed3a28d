package batch

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ekatalog/ekatalog/internal/synth"
)

// benchFolder is a folder of 20 catalogues (EKATALOG_BATCH_LINES lines
// each, default 5000), made once per process.
var benchFolder = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "ekatalog-batch-bench-")
	if err != nil {
		return "", err
	}
	Catalogues(&testing.B{}, dir, 20, synth.BenchLines("EKATALOG_BATCH_LINES", 5000), -1)
	return dir, nil
})

func benchBatch(b *testing.B, jobs int) {
	in, err := benchFolder()
	if err != nil {
		b.Fatal(err)
	}
	inputs, err := Collect([]string{in}, "")
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
	b.ResetTimer()
	for b.Loop() {
		s, err := Run(inputs, options(b, filepath.Join(out, "ud"), jobs))
		if err != nil || s.Converted != 20 {
			b.Fatalf("%v, %+v", err, s)
		}
	}
}

// BenchmarkBatchJobs1 and BenchmarkBatchJobs2 measure the speed-up of
// converting 20 catalogues two at a time.
func BenchmarkBatchJobs1(b *testing.B) { benchBatch(b, 1) }
func BenchmarkBatchJobs2(b *testing.B) { benchBatch(b, 2) }
