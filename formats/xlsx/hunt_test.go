package xlsx

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/synth"
)

func TestHunt(t *testing.T) {
	seeds := [][]byte{
		synthXLSX(t, 0, 3, synth.XLSXOptions{Title: "Prisliste"}),
		synthXLSX(t, 5, 3, synth.XLSXOptions{SharedStrings: true, Dates: true}),
		buildEdgeWorkbook(t),
	}
	rng := rand.New(rand.NewPCG(7, 9))
	for i := 0; i < 3000; i++ {
		d := append([]byte(nil), seeds[rng.IntN(len(seeds))]...)
		for k := rng.IntN(4) + 1; k > 0; k-- {
			p := rng.IntN(len(d))
			switch rng.IntN(3) {
			case 0:
				d[p] ^= byte(1 << rng.IntN(8))
			case 1:
				d[p] = byte(rng.IntN(256))
			case 2:
				d = append(d[:p], d[min(len(d), p+rng.IntN(8)):]...)
			}
		}
		done := make(chan struct{})
		go func() {
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				os.WriteFile("/tmp/slow.xlsx", d, 0o644)
				panic("slow input saved")
			}
		}()
		start := time.Now()
		rd, err := Open(bytes.NewReader(d), Options{Name: "f.xlsx", UnzipSizeLimit: 64 << 20})
		if err == nil {
			var l catalog.Line
			for n := 0; n < 100000; n++ {
				if err := rd.Next(&l); err != nil {
					if err != io.EOF {
						_ = err
					}
					break
				}
			}
		}
		close(done)
		if el := time.Since(start); el > time.Second {
			t.Logf("input %d took %v", i, el)
		}
	}
}
