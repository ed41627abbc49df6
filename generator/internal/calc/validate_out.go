package calc

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

var formats = []string{FormatCurrency, FormatPercent, FormatNumber, FormatDuration, FormatFlag}

// outputs validates the outputs in order: each formula may use the inputs,
// the constants and the outputs above it.
func (s *source) outputs(c *Calculator, defs []outputDef, names map[string]string) {
	sc := &scope{types: map[string]Type{}, consts: map[string]float64{}, later: map[string]bool{}}
	for _, in := range c.Inputs {
		sc.types[in.Name] = TypeNumber
		if in.Kind == KindToggle {
			sc.types[in.Name] = TypeBool
		}
	}
	for _, k := range c.Constants {
		sc.types[k.Name] = TypeNumber
		sc.consts[k.Name] = k.Value
	}
	for _, d := range defs {
		sc.later[d.Name] = true
	}
	for i := range defs {
		d := &defs[i]
		delete(sc.later, d.Name)
		o := s.output(d, fmt.Sprintf("outputs[%d]", i), names, sc)
		if _, dup := sc.types[d.Name]; !dup && d.Name != "" {
			sc.types[d.Name] = o.Type
		}
		c.Outputs = append(c.Outputs, o)
		if keys := countKeys(c.Outputs); o.Key && keys == maxKeys+1 {
			s.errorf(s.keyPos(fmt.Sprintf("outputs[%d].key", i)), "output %q is the %dth key result: at most %d, so the summary stays compact on a phone", d.Name, keys, maxKeys)
		}
	}
}

// maxKeys is the most key results a calculator may mark.
const maxKeys = 4

func countKeys(outs []Output) int {
	n := 0
	for _, o := range outs {
		if o.Key {
			n++
		}
	}
	return n
}

func (s *source) output(d *outputDef, path string, names map[string]string, sc *scope) Output {
	s.checkName(d.Name, path, names)
	s.requireText(d.Label, path, "label", "<text shown next to the result>")
	o := Output{Name: d.Name, Label: d.Label, Formula: d.Formula, Format: d.Format, Unit: d.Unit,
		Note: d.Note, Hidden: d.Hidden, Key: d.Key, IfTrue: d.IfTrue, IfFalse: d.IfFalse}
	if d.Key && d.Hidden {
		s.errorf(s.keyPos(path+".key"), "output %q is hidden and cannot be a key result: remove key or hidden", d.Name)
	}
	o.expr, o.Type = s.formula(d, path, sc)
	s.outputFormat(d, &o, path)
	return o
}

// formula parses and checks an output's formula, reporting errors at
// their column in the file.
func (s *source) formula(d *outputDef, path string, sc *scope) (*Node, Type) {
	fp := path + ".formula"
	if d.Formula == "" {
		s.errorf(s.keyPos(fp), "output %q has no formula: add formula: <expression>", d.Name)
		return nil, typeUnknown
	}
	n, err := parseExpr(d.Formula)
	if err != nil {
		s.errorf(s.textPos(fp, d.Formula, err.Off), "%s", err.Msg)
		return nil, typeUnknown
	}
	sc.self = d.Name
	errs := check(n, sc)
	for _, e := range errs {
		s.errorf(s.textPos(fp, d.Formula, e.Off), "%s", e.Msg)
	}
	if len(errs) > 0 {
		return nil, typeUnknown
	}
	return n, n.Type
}

func (s *source) outputFormat(d *outputDef, o *Output, path string) {
	switch {
	case d.Format == "":
		s.errorf(s.keyPos(path+".format"), "output %q has no format: add format: currency, percent, number, duration or flag", d.Name)
		return
	case !slices.Contains(formats, d.Format):
		s.errorf(s.valuePos(path+".format"), "unknown format %q%s", d.Format, didYouMean(d.Format, formats, "use currency, percent, number, duration or flag"))
		return
	case o.Type == TypeBool && d.Format != FormatFlag:
		s.errorf(s.valuePos(path+".format"), "the formula is true/false, so the format must be flag")
	case o.Type == TypeNumber && d.Format == FormatFlag:
		s.errorf(s.valuePos(path+".format"), "format flag needs a true/false formula, e.g. a comparison such as x > limit")
	}
	if d.Format == FormatFlag {
		o.IfTrue, o.IfFalse = cmp.Or(o.IfTrue, "yes"), cmp.Or(o.IfFalse, "no")
	} else {
		for _, k := range []string{"if_true", "if_false"} {
			if p, ok := s.keys[path+"."+k]; ok {
				s.errorf(p, "%s applies to format flag only: remove it", k)
			}
		}
	}
	o.Decimals = defaultDecimals[d.Format]
	if d.Decimals != nil {
		o.Decimals = *d.Decimals
		if o.Decimals < 0 || o.Decimals > 6 || d.Format == FormatFlag {
			s.errorf(s.valuePos(path+".decimals"), "decimals must be 0 to 6 for a numeric format")
			o.Decimals = 0
		}
	}
	if d.Format == FormatDuration {
		s.durationUnit(d, o, path)
	}
}

func (s *source) durationUnit(d *outputDef, o *Output, path string) {
	if o.Unit == "" {
		s.errorf(s.keyPos(path+".unit"), "a duration needs the unit of its value: add unit: ms, s, min, h, days, months or years")
		return
	}
	var units []string
	for _, u := range durationUnits {
		units = append(units, u.name)
	}
	if !slices.Contains(units, o.Unit) {
		s.errorf(s.valuePos(path+".unit"), "unknown duration unit %q%s", o.Unit, didYouMean(o.Unit, units, "use ms, s, min, h, days, months or years"))
	}
}

func (s *source) chart(c *Calculator, d *chartDef, path string) Chart {
	ch := Chart{Title: d.Title, X: d.X, Points: d.Points, Series: d.Series, XLabel: d.XLabel, YLabel: d.YLabel}
	s.requireText(d.Title, path, "title", "<caption of the chart>")
	if ch.Points == 0 {
		ch.Points = 41
	}
	if ch.Points < 2 || ch.Points > MaxPoints {
		s.errorf(s.valuePos(path+".points"), "points must be 2 to %d, got %d", MaxPoints, ch.Points)
	}
	in := s.chartX(c, d, path)
	s.chartRange(d, &ch, in, path)
	s.chartSeries(c, &ch, path)
	if in != nil && ch.XLabel == "" {
		ch.XLabel = in.Label
		if in.Unit != "" {
			ch.XLabel += " (" + in.Unit + ")"
		}
	}
	if o := c.output(firstOr(ch.Series)); o != nil && ch.YLabel == "" {
		ch.YLabel = o.Unit
	}
	return ch
}

func firstOr(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func (s *source) chartX(c *Calculator, d *chartDef, path string) *Input {
	if d.X == "" {
		s.errorf(s.keyPos(path+".x"), "missing x: add x: <name of the number input along the horizontal axis>")
		return nil
	}
	in := c.input(d.X)
	if in == nil || in.Kind != KindNumber {
		var nums []string
		for _, i := range c.Inputs {
			if i.Kind == KindNumber {
				nums = append(nums, i.Name)
			}
		}
		s.errorf(s.valuePos(path+".x"), "x must name a number input, got %q%s", d.X, didYouMean(d.X, nums, "the number inputs are "+strings.Join(nums, ", ")))
		return nil
	}
	return in
}

func (s *source) chartRange(d *chartDef, ch *Chart, in *Input, path string) {
	if d.From == nil || d.To == nil {
		s.errorf(s.keyPos(path), "a chart needs from: and to:, the range of x")
		return
	}
	ch.From, ch.To = *d.From, *d.To
	if ch.From >= ch.To {
		s.errorf(s.valuePos(path+".to"), "to (%s) must be greater than from (%s)", plainNumber(ch.To), plainNumber(ch.From))
		return
	}
	if in == nil {
		return
	}
	for _, e := range []struct {
		key string
		v   float64
	}{{"from", ch.From}, {"to", ch.To}} {
		if msg := in.check(e.v); msg != "" {
			s.errorf(s.valuePos(path+"."+e.key), "%s %s is outside the range of input %q: it %s", e.key, plainNumber(e.v), in.Name, msg)
		}
	}
}

func (s *source) chartSeries(c *Calculator, ch *Chart, path string) {
	if len(ch.Series) == 0 || len(ch.Series) > MaxSeries {
		s.errorf(s.keyPos(path+".series"), "a chart needs 1 to %d series (output names), got %d", MaxSeries, len(ch.Series))
		return
	}
	format := ""
	for i, name := range ch.Series {
		pos := s.valuePos(fmt.Sprintf("%s.series[%d]", path, i))
		o := c.output(name)
		switch {
		case o == nil:
			var names []string
			for _, o := range c.Outputs {
				names = append(names, o.Name)
			}
			s.errorf(pos, "series %q is not an output%s", name, didYouMean(name, names, "name an output of this calculator"))
		case o.Hidden || o.Format == FormatFlag:
			s.errorf(pos, "series %q must be a shown, numeric output", name)
		case slices.Index(ch.Series, name) < i:
			s.errorf(pos, "series %q is listed twice", name)
		case format != "" && o.Format != format:
			s.errorf(pos, "series %q has format %s but the chart's first series has %s: plot outputs of one format", name, o.Format, format)
		default:
			format = o.Format
		}
	}
}
