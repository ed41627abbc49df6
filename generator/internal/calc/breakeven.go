package calc

import (
	"fmt"
	"math"
	"strings"
)

// breakEvens marks, for each pair of series, the places where their curves
// cross (at most maxCrossings): found between two samples where the
// difference changes sign, then narrowed by bisection on the real formulas,
// so the mark sits on the exact break-even point even when the sampling is
// coarse. Where a series rises in steps, the curves can swap places more
// than once; each swap gets a mark.
func (c *Calculator) breakEvens(ch *Chart, env map[string]float64, xs []float64, ys [][]float64, v *chartView, px, py func(float64) float64) {
	var summary []string
	unit := ""
	if in := c.input(ch.X); in.Unit != "" {
		unit = " " + in.Unit
	}
	for i := 0; i < len(ys); i++ {
		for j := i + 1; j < len(ys); j++ {
			var texts []string
			for _, k := range crossings(ys[i], ys[j]) {
				x := c.bisect(ch, env, i, j, xs[k[0]], xs[k[1]])
				y := c.at(ch, env, x)[i]
				if math.IsNaN(y) {
					continue
				}
				o := c.output(ch.Series[i])
				xText, _ := formatFixed(x, sigDecimals(x))
				mx, my := px(x), py(y)
				// The label goes on the side of the mark with more room.
				anchor, tx := "start", mx+8
				if mx > padL+plotW/2 {
					anchor, tx = "end", mx-8
				}
				v.Marks = append(v.Marks, markView{X: coord(mx), Y: coord(my), TextX: coord(tx), TextY: coord(my - 10), Anchor: anchor, Label: "break-even " + xText + unit})
				if len(texts) == 0 {
					texts = append(texts, fmt.Sprintf("%s and %s cost the same, %s, at %s%s.",
						o.Label, c.output(ch.Series[j]).Label, o.format(y), xText, unit))
				} else {
					texts = append(texts, fmt.Sprintf("They swap places again at %s%s.", xText, unit))
				}
			}
			summary = append(summary, texts...)
		}
	}
	v.Summary = strings.Join(summary, " ")
}

// crossings returns, for at most maxCrossings places where series a and b
// swap order, the samples lo < hi around it (equal samples in between are
// skipped, so curves that only touch, or start together, do not cross; an
// undefined sample breaks the search).
func crossings(a, b []float64) [][2]int {
	var out [][2]int
	last := -1
	for k := range a {
		d := a[k] - b[k]
		switch {
		case math.IsNaN(d):
			last = -1
		case d == 0:
		case last >= 0 && (d < 0) != (a[last]-b[last] < 0):
			out = append(out, [2]int{last, k})
			if len(out) == maxCrossings {
				return out
			}
			last = k
		default:
			last = k
		}
	}
	return out
}

// bisect narrows [lo, hi], where series i minus series j changes sign, to
// the crossing point.
func (c *Calculator) bisect(ch *Chart, env map[string]float64, i, j int, lo, hi float64) float64 {
	diff := func(x float64) float64 {
		y := c.at(ch, env, x)
		return y[i] - y[j]
	}
	dlo := diff(lo)
	if dlo == 0 {
		return lo
	}
	for n := 0; n < bisectSteps; n++ {
		mid := (lo + hi) / 2
		d := diff(mid)
		switch {
		case math.IsNaN(d):
			return mid
		case d == 0:
			return mid
		case (d < 0) == (dlo < 0):
			lo, dlo = mid, d
		default:
			hi = mid
		}
	}
	return (lo + hi) / 2
}
