package peppol

import (
	"math"
	"testing"
)

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64 // NaN for not a number
	}{
		{"10", 10}, {" 10.50\n", 10.5}, {"-1", -1}, {"+3", 3}, {".5", 0.5}, {"5.", 5},
		{"1e3", 1000}, {"1E-1", 0.1}, {"INF", math.Inf(1)}, {"-INF", math.Inf(-1)},
		{"1e400", math.Inf(1)}, {"12345678901234567890", 12345678901234567890},
		{"", math.NaN()}, {"NaN", math.NaN()}, {"1,5", math.NaN()}, {"1e", math.NaN()},
		{"+INF", math.NaN()}, {"0x10", math.NaN()}, {"1_000", math.NaN()}, {"Inf", math.NaN()},
		{"- 1", math.NaN()}, {".", math.NaN()}, {"1 2", math.NaN()},
	} {
		got := number(c.in)
		if math.IsNaN(c.want) != math.IsNaN(got) || !math.IsNaN(got) && got != c.want {
			t.Errorf("number(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestDateNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"2026-05-31", 20260531}, {" 2026-05-31 ", 20260531}, {"2018-9-1", 201891},
		{"-2018-09-01", 20180901}, {"01.09.2018", math.NaN()}, {"2026-05-31Z", math.NaN()},
		{"", math.NaN()}, {"--", math.NaN()}, {"1e3", 1000},
	} {
		got := dateNumber(c.in)
		if math.IsNaN(c.want) != math.IsNaN(got) || !math.IsNaN(got) && got != c.want {
			t.Errorf("dateNumber(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestXSDate(t *testing.T) {
	for in, want := range map[string]bool{
		"2026-05-31": true, "2024-02-29": true, "0000-02-29": true, "2023-02-29": false,
		"2026-5-31": false, " 2026-05-31": false, "2026-05-31Z": false, "31-05-2026": false,
		"2026-13-01": false, "2026-00-10": false, "": false,
	} {
		if got := xsDate(in); got != want {
			t.Errorf("xsDate(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestModelRoot: the generated model starts at ubl:Catalogue and knows the line.
func TestModelRoot(t *testing.T) {
	if model[lineModel].local != "CatalogueLine" || model[0].other == "" {
		t.Fatalf("model root %+v", model[0])
	}
}
