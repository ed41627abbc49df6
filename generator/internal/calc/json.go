package calc

import (
	"encoding/json"
)

// The parsed definition embedded in the page for calc.js, as JSON in a
// <script type="application/json" class="calc-data"> element of the form.
// A formula is a compact tree (see Node.MarshalJSON).
type jsonDef struct {
	ID        string             `json:"id"`
	Inputs    []jsonInput        `json:"inputs"`
	Constants map[string]float64 `json:"constants"`
	Outputs   []jsonOutput       `json:"outputs"`
	Charts    []jsonChart        `json:"charts"`
}

type jsonInput struct {
	Name    string   `json:"name"`
	Label   string   `json:"label"`
	Kind    string   `json:"kind"`
	Unit    string   `json:"unit,omitempty"`
	Default float64  `json:"default"`
	Min     *float64 `json:"min,omitempty"`
	Max     *float64 `json:"max,omitempty"`
}

type jsonOutput struct {
	Name     string `json:"name"`
	Label    string `json:"label"`
	Format   string `json:"format"`
	Decimals int    `json:"decimals"`
	Unit     string `json:"unit,omitempty"`
	IfTrue   string `json:"if_true,omitempty"`
	IfFalse  string `json:"if_false,omitempty"`
	Hidden   bool   `json:"hidden,omitempty"`
	Expr     *Node  `json:"expr"`
}

type jsonChart struct {
	X      string   `json:"x"`
	From   float64  `json:"from"`
	To     float64  `json:"to"`
	Points int      `json:"points"`
	Series []string `json:"series"`
}

func (c *Calculator) jsonDef() jsonDef {
	d := jsonDef{ID: c.ID, Constants: map[string]float64{}, Inputs: []jsonInput{}, Outputs: []jsonOutput{}, Charts: []jsonChart{}}
	for _, in := range c.Inputs {
		d.Inputs = append(d.Inputs, jsonInput{in.Name, in.Label, in.Kind, in.Unit, in.Default, in.Min, in.Max})
	}
	for _, k := range c.Constants {
		d.Constants[k.Name] = k.Value
	}
	for _, o := range c.Outputs {
		d.Outputs = append(d.Outputs, jsonOutput{o.Name, o.Label, o.Format, o.Decimals, o.Unit, o.IfTrue, o.IfFalse, o.Hidden, o.expr})
	}
	for _, ch := range c.Charts {
		d.Charts = append(d.Charts, jsonChart{ch.X, ch.From, ch.To, ch.Points, ch.Series})
	}
	return d
}

// MarshalJSON writes a formula tree compactly: a number literal is a JSON
// number (encoding/json's shortest form, which JSON.parse reads back as
// the same double), true/false a JSON boolean, a reference a JSON string, and any
// operation an array of its operator and operands: ["+", a, b],
// ["neg", a], ["not", a], ["if", c, a, b], ["max", a, b, c]. Binary
// operators are + - * / ^ < <= > >= == != and or.
func (n *Node) MarshalJSON() ([]byte, error) {
	switch n.Kind {
	case nodeNum:
		return json.Marshal(n.Num)
	case nodeBool:
		return json.Marshal(n.Num != 0)
	case nodeRef:
		return json.Marshal(n.Name)
	}
	arr := make([]any, 0, len(n.Args)+1)
	arr = append(arr, n.Op)
	for _, a := range n.Args {
		arr = append(arr, a)
	}
	return json.Marshal(arr)
}
