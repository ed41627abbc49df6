package calc

import (
	"fmt"
	"math"
	"testing"
)

func TestFormat(t *testing.T) {
	out := func(format string, decimals int, unit string) *Output {
		return &Output{Format: format, Decimals: decimals, Unit: unit, IfTrue: "yes", IfFalse: "no"}
	}
	tests := []struct {
		o    *Output
		v    float64
		want string
	}{
		{out(FormatCurrency, 2, ""), 1234.567, "$1,234.57"},
		{out(FormatCurrency, 2, ""), 328500, "$328,500.00"},
		{out(FormatCurrency, 2, ""), -5, "-$5.00"},
		{out(FormatCurrency, 2, ""), -0.001, "$0.00"}, // no "-$0.00"
		{out(FormatCurrency, 0, ""), 999.5, "$1,000"},
		{out(FormatCurrency, 2, ""), 2.675, "$2.68"}, // 2.675 is 2.67499999…; ×100 rounds up to 267.5 exactly, then half away
		{out(FormatCurrency, 2, ""), 0.125, "$0.13"}, // exact tie: half away from zero
		{out(FormatNumber, 0, ""), 2.5, "3"},
		{out(FormatNumber, 0, ""), -2.5, "-3"},
		{out(FormatNumber, 0, ""), 13140000000, "13,140,000,000"},
		{out(FormatNumber, 3, ""), 0.0005, "0.001"},
		{out(FormatNumber, 6, ""), 1e-7, "0.000000"},
		{out(FormatNumber, 0, ""), 123456789012345678, "123,456,789,012,345,680"},
		{out(FormatNumber, 0, ""), 1e21, Undefined},
		{out(FormatNumber, 0, ""), math.NaN(), Undefined},
		{out(FormatNumber, 0, ""), math.Inf(1), Undefined},
		{out(FormatPercent, 1, ""), 0.3, "30.0%"},
		{out(FormatPercent, 1, ""), 0.47625, "47.6%"},
		{out(FormatPercent, 0, ""), 1, "100%"},
		{out(FormatDuration, 1, "months"), 5.316, "5.3 months"},
		{out(FormatDuration, 1, "months"), 14, "1.2 years"},
		{out(FormatDuration, 0, "months"), 12, "1 year"},
		{out(FormatDuration, 1, "months"), 0.5, "15.2 days"},
		{out(FormatDuration, 1, "s"), 90, "1.5 minutes"},
		{out(FormatDuration, 0, "ms"), 250, "250 milliseconds"},
		{out(FormatDuration, 1, "months"), 0, "0.0 months"},
		{out(FormatDuration, 1, "months"), -3, "-3.0 months"},
		{out(FormatFlag, 0, ""), 1, "yes"},
		{out(FormatFlag, 0, ""), 0, "no"},
		{out(FormatFlag, 0, ""), math.NaN(), Undefined},
	}
	for _, tt := range tests {
		if got := tt.o.format(tt.v); got != tt.want {
			t.Errorf("format %s/%d(%v) = %q, want %q", tt.o.Format, tt.o.Decimals, tt.v, got, tt.want)
		}
	}
}

func TestChartHelpers(t *testing.T) {
	steps := []struct{ span, target, want float64 }{
		{100, 6, 20}, {1000, 5, 200}, {72.08, 5, 20}, {1, 5, 0.2}, {0.003, 5, 0.001}, {350000, 5, 100000},
	}
	for _, s := range steps {
		if got := niceStep(s.span, s.target); math.Abs(got-s.want) > s.want*1e-12 {
			t.Errorf("niceStep(%v, %v) = %v, want %v", s.span, s.target, got, s.want)
		}
	}
	labels := []struct {
		v, step float64
		format  string
		want    string
	}{
		{0, 100000, FormatCurrency, "$0"},
		{200000, 100000, FormatCurrency, "$200k"},
		{1500000, 500000, FormatCurrency, "$1.5M"},
		{2e9, 1e9, FormatNumber, "2B"},
		{0.25, 0.05, FormatPercent, "25%"},
		{12.5, 0.5, FormatNumber, "12.5"},
		{-40, 20, FormatCurrency, "-$40"},
	}
	for _, l := range labels {
		if got := compact(l.v, l.step, l.format); got != l.want {
			t.Errorf("compact(%v, %v, %s) = %q, want %q", l.v, l.step, l.format, got, l.want)
		}
	}
	for _, tc := range []struct {
		name string
		a, b []float64
		want [][2]int
	}{
		{"over an equal sample", []float64{0, 1, 2, 3}, []float64{2, 2, 2, 2}, [][2]int{{1, 3}}},
		{"start together and part", []float64{0, 1, 2}, []float64{0, 2, 3}, nil},
		{"an undefined sample breaks a crossing", []float64{0, math.NaN(), 2}, []float64{1, 1, 1}, nil},
		{"a line across steps swaps places each step", []float64{1, 2, 3, 4, 5, 6}, []float64{1.5, 1.5, 3.5, 3.5, 5.5, 5.5}, [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 4}}},
		{"at most maxCrossings", []float64{0, 2, 0, 2, 0, 2, 0, 2, 0, 2}, []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 4}}},
	} {
		if got := crossings(tc.a, tc.b); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("crossings %s = %v, want %v", tc.name, got, tc.want)
		}
	}
}
