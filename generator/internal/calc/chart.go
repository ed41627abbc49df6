package calc

import (
	"math"
	"strings"
)

// Chart geometry, in SVG user units; the SVG scales to its container.
const (
	chartW, chartH                   = 640, 300
	padL, padR, padT, padB           = 64, 16, 12, 44
	plotW, plotH                     = chartW - padL - padR, chartH - padT - padB
	bisectSteps                      = 50   // a break-even's x: shown as a number, so to full precision
	breakSteps                       = 16   // a step's x: drawn, so to 1/65,536 of a sample's width
	breakTolerance                   = 1e-9 // relative: below it a series counts as straight
	maxCrossings                     = 4    // break-even marks per pair of series
	xTickTarget, yTickTarget float64 = 6, 5
)

// chartView is everything needed to draw one chart. calc.js computes the
// same view with the same arithmetic when inputs change; the server draws
// it for the defaults so the chart shows without JavaScript.
type chartView struct {
	Index                 int
	Title, XLabel, YLabel string
	XTicks, YTicks        []tickView
	Series                []seriesView
	Marks                 []markView
	Summary               string
}

type tickView struct{ Pos, Label string }

type seriesView struct {
	N     int // 1-based, for the calc-series-N class
	Label string
	D     string // path data
}

type markView struct{ X, Y, TextX, TextY, Anchor, Label string }

// sample evaluates the chart's series at Points evenly spaced x values.
// Where a series is not a straight line between two neighbouring samples
// (a step, such as one more task, or a kink, such as a price tier), it adds
// the two x values either side of the break, found by bisection, so that a
// step is drawn as a vertical rise rather than a slope (one break per
// interval; finer steps need more points).
func (c *Calculator) sample(ch *Chart, env map[string]float64) (xs []float64, ys [][]float64) {
	ys = make([][]float64, len(ch.Series))
	add := func(x float64, vals []float64) {
		xs = append(xs, x)
		for s := range ch.Series {
			ys[s] = append(ys[s], vals[s])
		}
	}
	var px float64
	var pv []float64
	for i := 0; i < ch.Points; i++ {
		x := ch.From + (ch.To-ch.From)*float64(i)/float64(ch.Points-1)
		vals := c.at(ch, env, x)
		if i > 0 {
			if lo, vlo, hi, vhi, ok := c.findBreak(ch, env, px, pv, x, vals); ok {
				add(lo, vlo)
				add(hi, vhi)
			}
		}
		add(x, vals)
		px, pv = x, vals
	}
	return xs, ys
}

// straight reports whether every defined series is a straight line from
// (a, va) to (b, vb), judged at the midpoint; it returns the midpoint too.
func (c *Calculator) straight(ch *Chart, env map[string]float64, a float64, va []float64, b float64, vb []float64) (bool, float64, []float64) {
	m := (a + b) / 2
	vm := c.at(ch, env, m)
	for s := range vm {
		d := math.Abs(vm[s] - (va[s]+vb[s])/2)
		if d > breakTolerance*(math.Abs(va[s])+math.Abs(vb[s])) {
			return false, m, vm
		}
	}
	return true, m, vm
}

// findBreak narrows [a, b], over which some series is not straight, to the
// break: two x values close together with the series' values there. A
// kink found at a midpoint, both halves straight, is returned as one point
// twice.
func (c *Calculator) findBreak(ch *Chart, env map[string]float64, a float64, va []float64, b float64, vb []float64) (lo float64, vlo []float64, hi float64, vhi []float64, ok bool) {
	flat, m, vm := c.straight(ch, env, a, va, b, vb)
	if flat {
		return 0, nil, 0, nil, false
	}
	lo, vlo, hi, vhi = a, va, b, vb
	for n := 0; n < breakSteps; n++ {
		if left, _, _ := c.straight(ch, env, lo, vlo, m, vm); !left {
			hi, vhi = m, vm
		} else if right, _, _ := c.straight(ch, env, m, vm, hi, vhi); !right {
			lo, vlo = m, vm
		} else {
			return m, vm, m, vm, true
		}
		m = (lo + hi) / 2
		vm = c.at(ch, env, m)
	}
	return lo, vlo, hi, vhi, true
}

// at evaluates the series with the chart's input set to x.
func (c *Calculator) at(ch *Chart, env map[string]float64, x float64) []float64 {
	env[ch.X] = x
	for _, i := range ch.needed {
		env[c.Outputs[i].Name] = eval(c.Outputs[i].expr, env)
	}
	out := make([]float64, len(ch.Series))
	for s, name := range ch.Series {
		out[s] = env[name]
	}
	return out
}

// chartAt computes chart idx for the inputs in env (which it modifies).
func (c *Calculator) chartAt(idx int, env map[string]float64) chartView {
	ch := &c.Charts[idx]
	xs, ys := c.sample(ch, env)
	lo, hi := yRange(ys)
	step := niceStep(hi-lo, yTickTarget)
	y0, y1 := math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	first := c.output(ch.Series[0])
	v := chartView{Index: idx, Title: ch.Title, XLabel: ch.XLabel, YLabel: ch.YLabel}
	px := func(x float64) float64 { return padL + (x-ch.From)/(ch.To-ch.From)*plotW }
	py := func(y float64) float64 { return padT + plotH - (y-y0)/(y1-y0)*plotH }
	xstep := niceStep(ch.To-ch.From, xTickTarget)
	for k := 0; ; k++ {
		x := math.Ceil(ch.From/xstep)*xstep + float64(k)*xstep
		if x > ch.To+xstep*1e-9 {
			break
		}
		v.XTicks = append(v.XTicks, tickView{coord(px(x)), compact(x, xstep, FormatNumber)})
	}
	for k := 0; y0+float64(k)*step <= y1+step*1e-9; k++ {
		y := y0 + float64(k)*step
		v.YTicks = append(v.YTicks, tickView{coord(py(y)), compact(y, step, first.Format)})
	}
	for s, name := range ch.Series {
		v.Series = append(v.Series, seriesView{N: s + 1, Label: c.output(name).Label, D: pathData(xs, ys[s], px, py)})
	}
	c.breakEvens(ch, env, xs, ys, &v, px, py)
	return v
}

// yRange is the span of the defined values, always including 0 so cost
// curves start from the axis; a flat line gets a span of 1.
func yRange(ys [][]float64) (lo, hi float64) {
	for _, s := range ys {
		for _, y := range s {
			if !math.IsNaN(y) {
				lo, hi = min(lo, y), max(hi, y)
			}
		}
	}
	if hi == lo {
		hi = lo + 1
	}
	return lo, hi
}

// niceStep returns a step of 1, 2 or 5 times a power of ten giving about
// target ticks over span. The power of ten is found by repeated
// multiplication, not log10, so JavaScript finds the same one.
func niceStep(span, target float64) float64 {
	raw := span / target
	mag := 1.0
	for mag*10 <= raw {
		mag *= 10
	}
	for mag > raw {
		mag /= 10
	}
	r := raw / mag
	switch {
	case r <= 1:
		return mag
	case r <= 2:
		return 2 * mag
	case r <= 5:
		return 5 * mag
	}
	return 10 * mag
}

// pathData draws a polyline through the defined points; an undefined
// value breaks the line.
func pathData(xs, ys []float64, px, py func(float64) float64) string {
	var b strings.Builder
	pen := false
	for i, x := range xs {
		if math.IsNaN(ys[i]) {
			pen = false
			continue
		}
		cmd := "L"
		if !pen {
			cmd = "M"
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(cmd + coord(px(x)) + "," + coord(py(ys[i])))
		pen = true
	}
	return b.String()
}

func coord(v float64) string {
	s, _ := formatFixed(v, 1)
	return s
}

// compact writes an axis label: k, M and B suffixes, with as many decimals
// as the tick step needs.
func compact(v, step float64, format string) string {
	if format == FormatPercent {
		v, step = v*100, step*100
	}
	scale, suffix := 1.0, ""
	if v == 0 {
		step = 1
	}
	for _, u := range []struct {
		s float64
		x string
	}{{1e9, "B"}, {1e6, "M"}, {1e3, "k"}} {
		if math.Abs(v) >= u.s {
			scale, suffix = u.s, u.x
			break
		}
	}
	d := 0
	for d < 6 && step/scale*pow10[d] < 1-1e-9 {
		d++
	}
	s, _ := formatFixed(v/scale, d)
	switch format {
	case FormatCurrency:
		if strings.HasPrefix(s, "-") {
			return "-$" + s[1:] + suffix
		}
		return "$" + s + suffix
	case FormatPercent:
		return s + suffix + "%"
	}
	return s + suffix
}

// sigDecimals returns the decimals that show x with about three
// significant digits (0 to 6).
func sigDecimals(x float64) int {
	a := math.Abs(x)
	d := 2
	for mag := 1.0; d > 0 && a >= mag*10; mag *= 10 {
		d--
	}
	for mag := 1.0; d < 6 && a > 0 && a < mag; mag /= 10 {
		d++
	}
	return d
}
