package calc

import (
	"math"
	"strings"
	"testing"
)

// stepDef charts a series that rises in steps (one more unit every 10,
// at least one), as the cost of always-on tasks does with load,
// a straight line and a line with one kink.
const stepDef = `title: Steps
inputs:
  - {name: x, label: Load, unit: req/s, default: 5, min: 0, max: 50}
outputs:
  - {name: steps, label: Tasks, formula: "max(1, ceil(x / 10)) * 5", format: currency}
  - {name: line, label: Line, formula: "x * 0.7", format: currency}
  - {name: kink, label: Kink, formula: "max(0, x - 25)", format: currency}
charts:
  - {title: T, x: x, from: 0, to: 50, points: 5, series: [steps, line, kink]}
`

func sampleStepDef(t *testing.T) ([]float64, [][]float64) {
	t.Helper()
	c, diags := ParseFile("steps.yaml", []byte(stepDef))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	env, err := c.env(nil)
	if err != nil {
		t.Fatal(err)
	}
	return c.sample(&c.Charts[0], env)
}

// Each step between two samples is drawn as a rise: the samples gain two x
// values either side of the step, with the lower and the upper value.
func TestChartSampleFindsSteps(t *testing.T) {
	xs, ys := sampleStepDef(t)
	// A rise is drawn where it is to within a hundredth of a unit of the
	// SVG (the chart's x runs from 0 to 50 over plotW units).
	tol := 50.0 / plotW / 100
	for _, step := range []float64{10, 20, 30, 40} {
		found := false
		for k := 0; k+1 < len(xs); k++ {
			if math.Abs(xs[k]-step) < tol && math.Abs(xs[k+1]-step) < tol && ys[0][k+1]-ys[0][k] == 5 {
				found = true
			}
		}
		if !found {
			t.Errorf("no rise at x = %v in the samples %v / %v", step, xs, ys[0])
		}
	}
	for k := 1; k < len(xs); k++ {
		if xs[k] < xs[k-1] {
			t.Fatalf("samples out of order: %v", xs)
		}
	}
	kink := false
	for _, x := range xs {
		kink = kink || math.Abs(x-25) < 1e-9
	}
	if !kink {
		t.Errorf("the kink at 25 is not sampled: %v", xs)
	}
}

// A chart of straight lines keeps its evenly spaced samples.
func TestChartSampleLeavesLinesAlone(t *testing.T) {
	c, diags := ParseFile("lines.yaml", []byte(strings.Replace(stepDef, "[steps, line, kink]", "[line]", 1)))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	env, _ := c.env(nil)
	xs, _ := c.sample(&c.Charts[0], env)
	if len(xs) != 5 {
		t.Errorf("a straight line got %d samples, want the 5 points: %v", len(xs), xs)
	}
}

// The rendered path has a vertical segment at each step, and the line
// crossing the steps is marked each time the two swap places.
func TestChartDrawsStepsAndEachCrossing(t *testing.T) {
	c, _ := ParseFile("steps.yaml", []byte(strings.Replace(stepDef, "[steps, line, kink]", "[steps, line]", 1)))
	env, _ := c.env(nil)
	v := c.chartAt(0, env)
	pts := strings.Fields(strings.NewReplacer("M", "", "L", "").Replace(v.Series[0].D))
	vertical := 0
	for k := 1; k < len(pts); k++ {
		a, b := strings.Split(pts[k-1], ","), strings.Split(pts[k], ",")
		if a[0] == b[0] && a[1] != b[1] {
			vertical++
		}
	}
	if vertical != 4 {
		t.Errorf("path %q has %d vertical rises, want 4", v.Series[0].D, vertical)
	}
	// 0.7x against 5, 10, 15, 20, 25: equal at 7.14, below again when
	// the steps rise at 10, equal at 14.3, below at 20, equal at 21.4.
	if len(v.Marks) != maxCrossings {
		t.Errorf("%d marks, want %d: %+v", len(v.Marks), maxCrossings, v.Marks)
	}
	if !strings.Contains(v.Summary, "They swap places again at 10.0 req/s.") {
		t.Errorf("summary %q does not say the line and the steps swap at 10", v.Summary)
	}
}
