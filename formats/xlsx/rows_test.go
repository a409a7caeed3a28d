package xlsx

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/xuri/excelize/v2"
)

// readRows reads every row of data as l says, with the row numbers.
func readRows(t *testing.T, data []byte, l catalog.Layout, o Options) ([]int, [][]string, error) {
	t.Helper()
	rs, err := OpenRows(bytes.NewReader(data), l, o)
	if err != nil {
		return nil, nil, err
	}
	defer rs.Close()
	var nums []int
	var rows [][]string
	for {
		n, cells, err := rs.Next()
		if err == io.EOF {
			return nums, rows, nil
		}
		if err != nil {
			return nums, rows, err
		}
		nums = append(nums, n)
		rows = append(rows, append([]string(nil), cells...))
	}
}

// TestRowsReadAgain: the reader records the sheet it read and its header
// row; Rows reads that sheet again, every row with its number and each
// cell as Excel shows it, whichever sheet it was.
func TestRowsReadAgain(t *testing.T) {
	cases := []struct {
		name  string
		data  []byte
		o     Options
		sheet string
	}{
		{"hidden first sheet", twoSheets(t, "hidden"), Options{}, "Priser"},
		{"--sheet", twoSheets(t, "hidden"), Options{Sheet: "3"}, "English"},
	}
	for _, f := range []string{"katalog.xlsx", "katalog-tal.xlsx", "katalog-skjult.xlsx", "prislista-sv.xlsx"} {
		data, err := os.ReadFile("../../testdata/xlsx/" + f)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct {
			name  string
			data  []byte
			o     Options
			sheet string
		}{f, data, Options{}, ""})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.o.Name = "ark.xlsx"
			_, rd := readLines(t, tc.data, tc.o)
			l := rd.Layout()
			if l != (catalog.Layout{Sheet: rd.Sheet(), HeaderRow: rd.Plan().HeaderRow}) || l.Sheet == "" || l.HeaderRow == 0 {
				t.Fatalf("layout %+v", l)
			}
			if tc.sheet != "" && l.Sheet != tc.sheet {
				t.Fatalf("sheet %q, want %q", l.Sheet, tc.sheet)
			}
			nums, rows, err := readRows(t, tc.data, l, Options{Name: "ark.xlsx"})
			if err != nil {
				t.Fatal(err)
			}
			wb, err := excelize.OpenReader(bytes.NewReader(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			defer wb.Close()
			want, err := wb.GetRows(l.Sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) < len(want) || len(want) <= l.HeaderRow {
				t.Fatalf("%d rows, want %d", len(rows), len(want))
			}
			for i := range rows {
				if nums[i] != i+1 {
					t.Fatalf("row %d numbered %d", i+1, nums[i])
				}
				w := []string{}
				if i < len(want) {
					w = want[i]
				}
				if strings.Join(rows[i], "|") != strings.Join(w, "|") || len(rows[i]) != len(w) {
					t.Errorf("row %d: %q, want %q", i+1, rows[i], w)
				}
			}
		})
	}
}

// TestRowsRefusals: a sheet that is not there, a workbook past the limits
// and a layout without a sheet are errors naming the file.
func TestRowsRefusals(t *testing.T) {
	data, err := os.ReadFile("../../testdata/xlsx/katalog.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		l    catalog.Layout
		o    Options
		want string
	}{
		{"no such sheet", catalog.Layout{Sheet: "Væk", HeaderRow: 1}, Options{}, `sheet "Væk" not found`},
		{"no sheet", catalog.Layout{HeaderRow: 1}, Options{}, "no sheet"},
		{"value limit", catalog.Layout{Sheet: "1"}, Options{MaxValueBytes: 4}, "longer than 4 bytes"},
		{"unzip limit", catalog.Layout{Sheet: "1"}, Options{UnzipSizeLimit: 1000}, "1000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.o.Name = "ark.xlsx"
			_, _, err := readRows(t, data, tc.l, tc.o)
			var re *catalog.ReadError
			if !errors.As(err, &re) || re.File != "ark.xlsx" || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want a read error of ark.xlsx saying %q", err, tc.want)
			}
		})
	}
}

// checkRowsAgain: Rows, given the layout the reader recorded and the same
// limits, reads the sheet back in order, and when it reads to the end,
// with the header row and every row the reader made a line of; an error
// names the file.
func checkRowsAgain(t *testing.T, data []byte, l catalog.Layout, o Options, lineRows []int) {
	t.Helper()
	rs, err := OpenRows(bytes.NewReader(data), l, o)
	if err != nil {
		t.Fatalf("the rows cannot be read again (%+v): %v", l, err)
	}
	defer rs.Close()
	seen := map[int]bool{}
	last := 0
	for {
		n, _, err := rs.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			checkReadError(t, err)
			return
		}
		if n <= last {
			t.Fatalf("row %d after row %d", n, last)
		}
		seen[n], last = true, n
	}
	if !seen[l.HeaderRow] {
		t.Errorf("header row %d not read again", l.HeaderRow)
	}
	for _, n := range lineRows {
		if !seen[n] {
			t.Fatalf("the line on row %d is not among the rows read again", n)
		}
	}
}
