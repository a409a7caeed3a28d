// Command benchtable prints the benchmark table of `make bench`: for each
// input (generated once into a cache folder) the bare-parse floor, then
// ekatalog's validate and convert as whole processes, with wall time, the
// ratio to the floor, lines/s and peak RSS, all measured in one run: on a
// shared machine the ratio is the figure that holds.
package main

import (
	"bufio"
	stdcsv "encoding/csv"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"github.com/ekatalog/ekatalog/internal/synth"
)

type result struct {
	wall time.Duration
	rss  int64 // KiB
}

// runProcess runs the binary and returns its wall time and peak RSS.
func runProcess(bin string, args ...string) (result, error) {
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = nil, nil
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
		err = nil // findings are not a failure of the measurement
	}
	if err != nil {
		return result{}, fmt.Errorf("%s %v: %w", bin, args, err)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return result{wall: wall, rss: ru.Maxrss}, nil
}

// best runs f n times and keeps the fastest run (and the largest RSS).
func best(n int, f func() (result, error)) (result, error) {
	var b result
	for i := 0; i < n; i++ {
		r, err := f()
		if err != nil {
			return r, err
		}
		if i == 0 || r.wall < b.wall {
			b.wall = r.wall
		}
		b.rss = max(b.rss, r.rss)
	}
	return b, nil
}

func csvFloor(path string) (result, error) {
	runtime.GC()
	start := time.Now()
	f, err := os.Open(path)
	if err != nil {
		return result{}, err
	}
	defer f.Close()
	r := stdcsv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.Comma, r.ReuseRecord, r.FieldsPerRecord = ';', true, -1
	for {
		if _, err := r.Read(); err != nil {
			break
		}
	}
	return result{wall: time.Since(start)}, nil
}

type row struct {
	input, what string
	lines       int
	r           result
	floor       time.Duration
}

func main() {
	bin := flag.String("bin", "bin/ekatalog", "the ekatalog binary")
	csvLines := flag.Int("csv-lines", synth.BenchLines("EKATALOG_BENCH_CSV_LINES", 1_000_000), "lines of the CSV input")
	runs := flag.Int("runs", 2, "runs per measurement (the fastest is kept)")
	flag.Parse()
	if err := run(*bin, *csvLines, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

func run(bin string, csvLines, runs int) error {
	out := filepath.Join(os.TempDir(), "ekatalog-bench-out.json")
	defer os.Remove(out)
	var rows []row

	csvPath, err := synth.CSVFile(csvLines, synth.DanishUTF8, "da-utf8")
	if err != nil {
		return err
	}
	floor, err := best(runs, func() (result, error) { return csvFloor(csvPath) })
	if err != nil {
		return err
	}
	name := fmt.Sprintf("CSV %s lines", human(csvLines))
	rows = append(rows, row{name, "floor: encoding/csv loop", csvLines, floor, floor.wall})
	for _, m := range []struct {
		what string
		args []string
	}{
		{"ekatalog validate", []string{"validate", "--format", "json", "-o", out, csvPath}},
		{"ekatalog convert --to json", []string{"convert", csvPath, "--to", "json", "-o", out}},
	} {
		r, err := best(runs, func() (result, error) { return runProcess(bin, m.args...) })
		if err != nil {
			return err
		}
		rows = append(rows, row{name, m.what, csvLines, r, floor.wall})
	}
	print(rows)
	return nil
}

func human(n int) string {
	switch {
	case n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

func print(rows []row) {
	fmt.Printf("machine: %d cores, %s/%s, %s\n\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	fmt.Println("| input | what | wall | × floor | lines/s | peak RSS |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, r := range rows {
		rss := "—"
		if r.r.rss > 0 {
			rss = fmt.Sprintf("%.0f MB", float64(r.r.rss)/1024)
		}
		fmt.Printf("| %s | %s | %.2f s | %.2f | %.0f | %s |\n", r.input, r.what, r.r.wall.Seconds(),
			float64(r.r.wall)/float64(r.floor), float64(r.lines)/r.r.wall.Seconds(), rss)
	}
}
