// Package stats summarises benchmark samples: median, nearest-rank
// percentiles, and the ratio strings printed beside peer figures.
//
// It imports the standard library only.
package stats

import (
	"fmt"
	"math"
	"slices"
)

// Summary is the spread of one measurement over several runs.
type Summary struct {
	N                     int
	Min, Median, P90, Max float64
}

// Summarize returns the spread of xs; the zero Summary when xs is empty.
func Summarize(xs []float64) Summary {
	if len(xs) == 0 {
		return Summary{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return Summary{N: len(s), Min: s[0], Median: median(s), P90: nearestRank(s, 90), Max: s[len(s)-1]}
}

// Median is the middle value of xs, the mean of the two middle ones for an
// even count, and NaN for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return median(s)
}

// Percentile is the nearest-rank p-th percentile of xs (the smallest value
// with at least p% of the values at or below it), as the peer scripts
// compute it; NaN for none.
func Percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return nearestRank(s, p)
}

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

func nearestRank(sorted []float64, p float64) float64 {
	k := int(math.Ceil(p / 100 * float64(len(sorted))))
	k = min(max(k, 1), len(sorted))
	return sorted[k-1]
}

// Ratio formats a/b as "1.23×"; "n/a" when either is missing (NaN) or b
// is zero, so a table never shows Inf.
func Ratio(a, b float64) string {
	if math.IsNaN(a) || math.IsNaN(b) || b == 0 {
		return "n/a"
	}
	r := a / b
	switch {
	case r >= 100:
		return fmt.Sprintf("%.0f×", r)
	case r >= 10:
		return fmt.Sprintf("%.1f×", r)
	case r < 0.1:
		// Goals such as 0.05× need the third digit: 0.054× is missed.
		return fmt.Sprintf("%.3f×", r)
	}
	return fmt.Sprintf("%.2f×", r)
}

// PairRatios divides a[i] by b[i] for runs taken in pairs (A B A B), so
// drift of the machine over the run cancels out pair by pair.
func PairRatios(a, b []float64) []float64 {
	n := min(len(a), len(b))
	out := make([]float64, 0, n)
	for i := range n {
		if b[i] != 0 {
			out = append(out, a[i]/b[i])
		}
	}
	return out
}

// Goal formats the verdict on a goal: "met" or "missed".
func Goal(met bool) string {
	if met {
		return "met"
	}
	return "missed"
}
