package calc

import (
	"fmt"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// Calculator is a checked calculator definition, ready to evaluate and
// render. Build one with ParseFile or ParseBlock; the fields are read-only.
type Calculator struct {
	ID          string
	Title       string
	Description string
	Inputs      []Input
	Constants   []Constant
	Outputs     []Output
	Charts      []Chart
	Pos         diag.Pos // where the definition starts
}

// Input kinds.
const (
	KindNumber = "number"
	KindChoice = "choice"
	KindToggle = "toggle"
)

// Input is a value the reader sets.
type Input struct {
	Name, Label, Kind, Unit, Help string
	Default                       float64
	Min, Max, Step                *float64 // number inputs; nil when not set
	Choices                       []Choice // choice inputs
}

// Choice is one option of a choice input.
type Choice struct {
	Label string
	Value float64
}

// Constant is a named number with its provenance, listed in the price table.
type Constant struct {
	Name, Label string
	Value       float64
	Unit, Kind  string // Kind: price, quota or convention
	Source      string // the vendor's page, https; empty for a convention
	AsOf        string // YYYY-MM-DD checked against Source; may be empty
	ThirdParty  string // https URL of the third-party table the number came from
	ThirdName   string // that table's name
	Note        string // provenance note shown in the price table
}

// Output is a computed result.
type Output struct {
	Name, Label, Formula string
	Format               string // currency, percent, number, duration, flag
	Unit                 string
	Decimals             int
	Note                 string
	Hidden               bool
	Key                  bool   // shown in the summary (see KeyOutputs)
	IfTrue, IfFalse      string // flag texts
	Type                 Type
	expr                 *Node
}

// Chart plots Series (output names) against the input X from From to To.
type Chart struct {
	Title          string
	X              string
	From, To       float64
	Points         int
	Series         []string
	XLabel, YLabel string
	// needed lists, in order, the outputs the series depend on: sampling
	// the chart evaluates only those (see neededOutputs).
	needed []int
}

// ParseFile parses content/calculators/<id>.yaml; the id is the file name.
// Diagnostics are positioned in file; the calculator is nil when any of them
// is an error.
func ParseFile(file string, src []byte) (*Calculator, diag.List) {
	id := strings.TrimSuffix(path.Base(file), path.Ext(file))
	return parse(newSource(file, src, 1), id)
}

// ParseBlock parses the body of a ```calculator block in a page. file is
// the page and firstLine the page line of the body's first line, so
// diagnostics point into the page. The body must set id.
func ParseBlock(file string, src []byte, firstLine int) (*Calculator, diag.List) {
	return parse(newSource(file, src, firstLine), "")
}

func parse(s *source, fileID string) (*Calculator, diag.List) {
	def := s.decode()
	if def == nil {
		s.diags.Sort()
		return nil, s.diags
	}
	c := s.compile(def, fileID)
	s.diags.Sort()
	if s.diags.HasErrors() {
		return nil, s.diags
	}
	for i := range c.Charts {
		c.Charts[i].needed = c.neededOutputs(c.Charts[i].Series)
	}
	return c, s.diags
}

// neededOutputs returns the indexes, in evaluation order, of the outputs
// that names depend on, themselves included. A chart samples its series
// hundreds of times per change; the other outputs need not be computed for
// that (calc.js does the same).
func (c *Calculator) neededOutputs(names []string) []int {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var idx []int
	for i := len(c.Outputs) - 1; i >= 0; i-- {
		o := &c.Outputs[i]
		if !want[o.Name] {
			continue
		}
		idx = append(idx, i)
		refs(o.expr, want)
	}
	slices.Reverse(idx)
	return idx
}

// refs adds the names n refers to to set.
func refs(n *Node, set map[string]bool) {
	if n == nil {
		return
	}
	if n.Kind == nodeRef {
		set[n.Name] = true
	}
	for _, a := range n.Args {
		refs(a, set)
	}
}

// Value is one evaluated output.
type Value struct {
	Type Type
	Num  float64 // true/false values are 1/0; NaN when undefined (x/0, ...)
	Text string  // as the page shows it; "—" when undefined
}

// Defined reports whether the value is a number (not the undefined state).
func (v Value) Defined() bool { return !math.IsNaN(v.Num) }

// Eval computes every output (hidden ones included) for the given input
// values; inputs left out take their defaults. It rejects unknown inputs
// and values the page would reject: out of range, not a choice, a toggle
// other than 0 or 1, NaN or infinite.
func (c *Calculator) Eval(inputs map[string]float64) (map[string]Value, error) {
	env, err := c.env(inputs)
	if err != nil {
		return nil, err
	}
	c.run(env)
	out := make(map[string]Value, len(c.Outputs))
	for i := range c.Outputs {
		o := &c.Outputs[i]
		out[o.Name] = Value{Type: o.Type, Num: env[o.Name], Text: o.format(env[o.Name])}
	}
	return out, nil
}

// Defaults returns the default value of every input.
func (c *Calculator) Defaults() map[string]float64 {
	m := make(map[string]float64, len(c.Inputs))
	for _, in := range c.Inputs {
		m[in.Name] = in.Default
	}
	return m
}

func (c *Calculator) env(inputs map[string]float64) (map[string]float64, error) {
	env := c.Defaults()
	for name, v := range inputs {
		in := c.input(name)
		if in == nil {
			return nil, fmt.Errorf("calculator %s has no input %q", c.ID, name)
		}
		if msg := in.check(v); msg != "" {
			return nil, fmt.Errorf("calculator %s: input %s: %s", c.ID, name, msg)
		}
		env[name] = v
	}
	for _, k := range c.Constants {
		env[k.Name] = k.Value
	}
	return env, nil
}

// run evaluates the outputs in order into env.
func (c *Calculator) run(env map[string]float64) {
	for i := range c.Outputs {
		env[c.Outputs[i].Name] = eval(c.Outputs[i].expr, env)
	}
}

func (c *Calculator) input(name string) *Input {
	for i := range c.Inputs {
		if c.Inputs[i].Name == name {
			return &c.Inputs[i]
		}
	}
	return nil
}

func (c *Calculator) output(name string) *Output {
	for i := range c.Outputs {
		if c.Outputs[i].Name == name {
			return &c.Outputs[i]
		}
	}
	return nil
}

// check returns why v is not an acceptable value of the input, or "". The
// messages are the ones calc.js shows under a field.
func (in *Input) check(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "enter a number"
	case in.Kind == KindToggle:
		if v != 0 && v != 1 {
			return "must be 0 or 1"
		}
	case in.Kind == KindChoice:
		for _, ch := range in.Choices {
			if ch.Value == v {
				return ""
			}
		}
		return "choose one of the options"
	case in.Min != nil && v < *in.Min:
		return "must be at least " + plainNumber(*in.Min)
	case in.Max != nil && v > *in.Max:
		return "must be at most " + plainNumber(*in.Max)
	}
	return ""
}

// KeyOutputs returns the key results, shown in the calculator's summary:
// the outputs marked key, else the first chart's series, else the first
// three shown outputs.
func (c *Calculator) KeyOutputs() []*Output {
	var out []*Output
	for i := range c.Outputs {
		if c.Outputs[i].Key {
			out = append(out, &c.Outputs[i])
		}
	}
	if len(out) > 0 {
		return out
	}
	if len(c.Charts) > 0 {
		for _, name := range c.Charts[0].Series {
			if o := c.output(name); o != nil && len(out) < maxKeys {
				out = append(out, o)
			}
		}
		return out
	}
	for i := range c.Outputs {
		if !c.Outputs[i].Hidden && len(out) < 3 {
			out = append(out, &c.Outputs[i])
		}
	}
	return out
}
