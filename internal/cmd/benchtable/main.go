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
	"time"

	"github.com/ekatalog/ekatalog/internal/procstat"
	"github.com/ekatalog/ekatalog/testkit/synth"
	"github.com/xuri/excelize/v2"
)

type result struct {
	wall time.Duration
	rss  int64 // KiB
}

// runProcess runs the binary and returns its wall time and peak RSS (the
// child's own: see internal/procstat).
func runProcess(bin string, args ...string) (result, error) {
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = nil, nil
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return result{}, fmt.Errorf("%s %v: %w", bin, args, err)
	}
	peak := procstat.WatchPeak(cmd.Process.Pid)
	err := cmd.Wait()
	wall := time.Since(start)
	rss := peak()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
		err = nil // findings are not a failure of the measurement
	}
	if err != nil {
		return result{}, fmt.Errorf("%s %v: %w", bin, args, err)
	}
	return result{wall: wall, rss: rss}, nil
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

func csvFloor(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := stdcsv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.Comma, r.ReuseRecord, r.FieldsPerRecord = ';', true, -1
	for {
		if _, err := r.Read(); err != nil {
			break
		}
	}
	return nil
}

// xlsxFloor is excelize's row iterator with Columns per row: the parse
// alone.
func xlsxFloor(path string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetName(0))
	if err != nil {
		return err
	}
	for rows.Next() {
		if _, err := rows.Columns(); err != nil {
			return err
		}
	}
	return rows.Close()
}

// floors are the bare parse loops, by kind.
var floors = map[string]func(path string) error{"csv": csvFloor, "xlsx": xlsxFloor, "xml": xmlFloor, "cif": cifFloor}

func runFloor(kind, path string) error {
	f, ok := floors[kind]
	if !ok {
		return fmt.Errorf("no floor %q", kind)
	}
	return f(path)
}

type row struct {
	input, what string
	lines       int
	bytes       int64
	r           result
	floor       time.Duration
}

func main() {
	bin := flag.String("bin", "bin/ekatalog", "the ekatalog binary")
	var s sizes
	flag.IntVar(&s.csv, "csv-lines", synth.BenchLines("EKATALOG_BENCH_CSV_LINES", 1_000_000), "lines of the CSV input")
	flag.IntVar(&s.xlsx, "xlsx-rows", synth.BenchLines("EKATALOG_BENCH_XLSX_ROWS", 100_000), "rows of the XLSX input")
	flag.IntVar(&s.ubl, "ubl-lines", synth.BenchLines("EKATALOG_BENCH_UBL_LINES", 100_000), "lines of the UBL input")
	flag.IntVar(&s.bmecat, "bmecat-lines", synth.BenchLines("EKATALOG_BENCH_BMECAT_LINES", 0), "lines of the BMEcat input (default: as many as the UBL input, the same catalogue; 740000 make a 1 GB file)")
	flag.IntVar(&s.cif, "cif-lines", synth.BenchLines("EKATALOG_BENCH_CIF_LINES", 1_000_000), "items of the CIF input")
	runs := flag.Int("runs", 2, "runs per measurement (the fastest is kept)")
	floorKind := flag.String("floor", "", "run one floor (csv, xlsx, xml, cif) on the file argument and exit: how the table measures a floor as a process of its own")
	flag.Parse()
	if s.bmecat <= 0 {
		s.bmecat = s.ubl
	}
	if *floorKind != "" {
		if err := runFloor(*floorKind, flag.Arg(0)); err != nil {
			fmt.Fprintln(os.Stderr, "benchtable:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*bin, s, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

// sizes are the numbers of lines of the inputs.
type sizes struct{ csv, xlsx, ubl, bmecat, cif int }

// input is one benchmark input: how to make it and its parse-only floor.
type input struct {
	name  string
	lines int
	path  func() (string, error)
	// kind names the floor: csv, xlsx or xml (see floors).
	kind string
	// peers are other tools measured on the same file, when installed.
	peers []peer
}

type peer struct {
	what string
	bin  string
	args func(path string) []string
}

func run(bin string, s sizes, runs int) error {
	out := filepath.Join(os.TempDir(), "ekatalog-bench-out.json")
	defer os.Remove(out)
	inputs := []input{
		{name: fmt.Sprintf("CSV %s lines", human(s.csv)), lines: s.csv,
			path: func() (string, error) { return synth.CSVFile(s.csv, synth.DanishUTF8, "da-utf8") },
			kind: "csv"},
		{name: fmt.Sprintf("XLSX %s rows", human(s.xlsx)), lines: s.xlsx,
			path: func() (string, error) { return synth.XLSXFile(s.xlsx) },
			kind: "xlsx"},
	}
	inputs = append(inputs, ublInputs(s.ubl)...)
	inputs = append(inputs, bmecatInput(s.bmecat))
	inputs = append(inputs, cifInputs(s.cif)...)
	var rows []row
	for _, in := range inputs {
		path, err := in.path()
		if err != nil {
			return err
		}
		// The floor runs as a process of its own, like ekatalog, so that
		// its peak RSS is its own and the two start alike.
		self, err := os.Executable()
		if err != nil {
			return err
		}
		floor, err := best(runs, func() (result, error) { return runProcess(self, "-floor", in.kind, path) })
		if err != nil {
			return err
		}
		st, err := os.Stat(path)
		if err != nil {
			return err
		}
		size := st.Size()
		rows = append(rows, row{in.name, "floor: bare parse", in.lines, size, floor, floor.wall})
		for _, p := range in.peers {
			if _, err := exec.LookPath(p.bin); err != nil {
				continue
			}
			r, err := best(runs, func() (result, error) { return runProcess(p.bin, p.args(path)...) })
			if err != nil {
				return err
			}
			rows = append(rows, row{in.name, p.what, in.lines, size, r, floor.wall})
		}
		for _, m := range []struct {
			what string
			args []string
		}{
			{"ekatalog validate", []string{"validate", "--format", "json", "-o", out, path}},
			{"ekatalog convert --to json", []string{"convert", path, "--to", "json", "-o", out}},
		} {
			r, err := best(runs, func() (result, error) { return runProcess(bin, m.args...) })
			if err != nil {
				return err
			}
			rows = append(rows, row{in.name, m.what, in.lines, size, r, floor.wall})
		}
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
	fmt.Println("| input | what | wall | × floor | lines/s | MB/s | peak RSS |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, r := range rows {
		rss := "—"
		if r.r.rss > 0 {
			rss = fmt.Sprintf("%.0f MB", float64(r.r.rss)/1024)
		}
		fmt.Printf("| %s | %s | %.2f s | %.2f | %.0f | %.1f | %s |\n", r.input, r.what, r.r.wall.Seconds(),
			float64(r.r.wall)/float64(r.floor), float64(r.lines)/r.r.wall.Seconds(), float64(r.bytes)/1e6/r.r.wall.Seconds(), rss)
	}
}
