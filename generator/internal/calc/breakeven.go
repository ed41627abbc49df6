package calc

import (
	"fmt"
	"math"
	"strings"
)

// breakEvens marks, for each pair of series, the first x where their curves
// cross: found between two samples where the difference changes sign, then
// narrowed by bisection on the real formulas, so the mark sits on the exact
// break-even point even when the sampling is coarse.
func (c *Calculator) breakEvens(ch *Chart, env map[string]float64, xs []float64, ys [][]float64, v *chartView, px, py func(float64) float64) {
	var summary []string
	for i := 0; i < len(ys); i++ {
		for j := i + 1; j < len(ys); j++ {
			lo, hi := firstCrossing(ys[i], ys[j])
			if lo < 0 {
				continue
			}
			x := c.bisect(ch, env, i, j, xs[lo], xs[hi])
			y := c.at(ch, env, x)[i]
			if math.IsNaN(y) {
				continue
			}
			o := c.output(ch.Series[i])
			xText, _ := formatFixed(x, sigDecimals(x))
			unit := ""
			if in := c.input(ch.X); in.Unit != "" {
				unit = " " + in.Unit
			}
			label := "break-even " + xText + unit
			mx, my := px(x), py(y)
			// The label goes on the side of the mark with more room.
			anchor, tx := "start", mx+8
			if mx > padL+plotW/2 {
				anchor, tx = "end", mx-8
			}
			v.Marks = append(v.Marks, markView{X: coord(mx), Y: coord(my), TextX: coord(tx), TextY: coord(my - 10), Anchor: anchor, Label: label})
			summary = append(summary, fmt.Sprintf("%s and %s cost the same, %s, at %s%s.",
				o.Label, c.output(ch.Series[j]).Label, o.format(y), xText, unit))
		}
	}
	v.Summary = strings.Join(summary, " ")
}

// firstCrossing returns the samples lo < hi around the first place where
// series a and b swap order (equal samples in between are skipped, so
// curves that only touch, or start together, are not a crossing; an
// undefined sample breaks the search), or -1, -1.
func firstCrossing(a, b []float64) (lo, hi int) {
	last := -1
	for k := range a {
		d := a[k] - b[k]
		switch {
		case math.IsNaN(d):
			last = -1
		case d == 0:
		case last >= 0 && (d < 0) != (a[last]-b[last] < 0):
			return last, k
		default:
			last = k
		}
	}
	return -1, -1
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
