package stats

import (
	"math"
	"testing"
)

func TestMedianAndPercentile(t *testing.T) {
	tests := []struct {
		name        string
		xs          []float64
		median, p90 float64
	}{
		{"one", []float64{7}, 7, 7},
		{"odd, unsorted", []float64{5, 1, 3}, 3, 5},
		{"even takes the mean of the middle two", []float64{4, 1, 3, 2}, 2.5, 4},
		// Twenty edits, as the serve benchmark makes: p90 is the 18th value.
		{"twenty", seq(20), 10.5, 18},
		{"ten", seq(10), 5.5, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Median(tt.xs); got != tt.median {
				t.Errorf("Median = %v, want %v", got, tt.median)
			}
			if got := Percentile(tt.xs, 90); got != tt.p90 {
				t.Errorf("Percentile 90 = %v, want %v", got, tt.p90)
			}
			s := Summarize(tt.xs)
			if s.Median != tt.median || s.P90 != tt.p90 || s.N != len(tt.xs) {
				t.Errorf("Summarize = %+v, want median %v p90 %v", s, tt.median, tt.p90)
			}
		})
	}
}

func TestEmptyInputsAreNaNNotPanics(t *testing.T) {
	if !math.IsNaN(Median(nil)) || !math.IsNaN(Percentile(nil, 90)) {
		t.Error("empty input should give NaN")
	}
	if s := Summarize(nil); s.N != 0 {
		t.Errorf("Summarize(nil) = %+v", s)
	}
}

func TestMedianDoesNotReorderTheCallersSlice(t *testing.T) {
	xs := []float64{3, 1, 2}
	Median(xs)
	Percentile(xs, 50)
	if xs[0] != 3 || xs[1] != 1 || xs[2] != 2 {
		t.Errorf("input reordered: %v", xs)
	}
}

func TestRatio(t *testing.T) {
	tests := []struct {
		a, b float64
		want string
	}{
		{1, 2, "0.50×"},
		{3.339, 2.648, "1.26×"},
		{25, 2, "12.5×"},
		{2500, 2, "1250×"},
		{0.901, 21.978, "0.041×"},
		{1.44, 26.735, "0.054×"},
		{1, 0, "n/a"},
		{math.NaN(), 1, "n/a"},
		{1, math.NaN(), "n/a"},
	}
	for _, tt := range tests {
		if got := Ratio(tt.a, tt.b); got != tt.want {
			t.Errorf("Ratio(%v, %v) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestPairRatiosSkipsZeroAndStopsAtTheShorter(t *testing.T) {
	got := PairRatios([]float64{2, 3, 4, 5}, []float64{1, 0, 2})
	if len(got) != 2 || got[0] != 2 || got[1] != 2 {
		t.Errorf("PairRatios = %v, want [2 2]", got)
	}
}

func seq(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[len(xs)-1-i] = float64(i + 1) // descending, to exercise sorting
	}
	return xs
}
