package main

import (
	"slices"
	"testing"
)

// TestLinkStepIsReadFromTheRealOutput: the link check's time, as real
// runs print it.
func TestLinkStepIsReadFromTheRealOutput(t *testing.T) {
	out := ourVerboseBuild(t)
	s, err := seconds(linksStepLine.FindStringSubmatch(out))
	if err != nil || s < 0 || s > 60 {
		t.Errorf("link check %v s, %v, from:\n%s", s, err, out)
	}
}

func TestRealSizes(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want []int
	}{
		{nil, []int{1000, 2000, 10000}},
		{[]string{"-quick"}, []int{1000, 2000}},
		{[]string{"-sizes", "500,1000"}, []int{500, 1000}},
		{[]string{"-quick", "-sizes", "300"}, []int{300}},
	} {
		o, err := parseOptions("real", tt.args)
		if err != nil {
			t.Fatal(err)
		}
		if got := o.realSizes(); !slices.Equal(got, tt.want) {
			t.Errorf("real %v: sizes %v, want %v", tt.args, got, tt.want)
		}
	}
}

// TestGrowthVerdict: twice the pages may cost up to 2.2× in memory and
// CPU; wall time is shown but not judged (the machine is shared).
func TestGrowthVerdict(t *testing.T) {
	at := func(n int, wall, cpu, rss, deploy float64) realResult {
		return realResult{n: n, ours: &contender{runs: series{wall: []float64{wall}, cpu: []float64{cpu}, rss: []float64{rss}}},
			links: []float64{1}, deploy: series{rss: []float64{deploy}}}
	}
	for _, tt := range []struct {
		name string
		a, c realResult
		want string
	}{
		{"linear", at(1000, 10, 20, 400, 500), at(2000, 20, 40, 800, 1000), "met"},
		{"at the limit", at(1000, 10, 20, 400, 500), at(2000, 20, 44, 880, 1100), "met"},
		{"memory grows faster", at(1000, 10, 20, 1600, 500), at(2000, 20, 40, 5500, 1000), "missed ([peak RSS])"},
		{"the deploy's memory grows faster", at(1000, 10, 20, 400, 1500), at(2000, 20, 40, 800, 5200), "missed ([deploy peak RSS])"},
		{"wall time alone is not judged", at(1000, 10, 20, 400, 500), at(2000, 30, 40, 800, 1000), "met"},
		{"five times the pages", at(2000, 20, 40, 800, 1000), at(10000, 100, 200, 4000, 5000), "met"},
	} {
		if got := growthOf(tt.a, tt.c).verdict(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
