package calc

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"
)

//go:embed calc.html
var widgetTemplate string

// tmpl is parsed once; templates are safe for concurrent execution.
var tmpl = template.Must(template.New("calc.html").Parse(widgetTemplate))

// widgetView is what calc.html sees.
type widgetView struct {
	ID, Title, Description string
	Inputs                 []inputView
	Outputs                []outputView
	Summary                []outputView // the key results
	Charts                 []chartView
	Constants              []constView
	OutputFor              string // ids of every input, for <output for>
	Level                  int    // heading level of the title
	Data                   jsonDef
}

type inputView struct {
	Input
	HTMLID, Value, MinAttr, MaxAttr, StepAttr string
	Checked                                   bool
	Options                                   []optionView
}

type optionView struct {
	Label, Value string
	Selected     bool
}

type outputView struct {
	Output
	HTMLID, Text string
	Raw          string // the number for tools (data-value); empty when undefined
}

type constView struct {
	Constant
	Value string
	Host  []string // the source's host and path, cut after each "/": a line may break there, never inside a word
}

// Render returns the calculator's HTML: a form whose fields hold the
// defaults, whose <output> elements hold the results computed here (so the
// page is right without JavaScript), with server-drawn charts, the price
// table, and the parsed definition for calc.js. See doc.go for the
// contract.
func (c *Calculator) Render() (template.HTML, error) { return c.RenderLevel(3) }

// RenderLevel is Render with the widget's title at heading level (2 to 6),
// so it fits the outline of the page around it.
func (c *Calculator) RenderLevel(level int) (template.HTML, error) {
	var b bytes.Buffer
	v := c.view()
	v.Level = min(max(level, 2), 6)
	if err := tmpl.Execute(&b, v); err != nil {
		return "", fmt.Errorf("rendering calculator %s: %w", c.ID, err)
	}
	return template.HTML(b.String()), nil
}

func (c *Calculator) view() widgetView {
	v := widgetView{ID: c.ID, Title: c.Title, Description: c.Description, Data: c.jsonDef()}
	var ids []string
	for _, in := range c.Inputs {
		iv := inputView{Input: in, HTMLID: c.htmlID(in.Name), Value: rawNumber(in.Default), Checked: in.Default == 1}
		iv.MinAttr, iv.MaxAttr, iv.StepAttr = optNumber(in.Min), optNumber(in.Max), optNumber(in.Step)
		for _, ch := range in.Choices {
			iv.Options = append(iv.Options, optionView{ch.Label, rawNumber(ch.Value), ch.Value == in.Default})
		}
		v.Inputs = append(v.Inputs, iv)
		ids = append(ids, iv.HTMLID)
	}
	v.OutputFor = strings.Join(ids, " ")
	env, _ := c.env(nil)
	c.run(env)
	shown := map[string]outputView{}
	for _, o := range c.Outputs {
		if !o.Hidden {
			ov := outputView{Output: o, HTMLID: c.htmlID("out-" + o.Name), Text: o.format(env[o.Name])}
			if x := env[o.Name]; !math.IsNaN(x) {
				ov.Raw = strconv.FormatFloat(x, 'g', -1, 64)
			}
			v.Outputs = append(v.Outputs, ov)
			shown[o.Name] = ov
		}
	}
	for _, o := range c.KeyOutputs() {
		v.Summary = append(v.Summary, shown[o.Name])
	}
	for i := range c.Charts {
		env, _ := c.env(nil)
		v.Charts = append(v.Charts, c.chartAt(i, env))
	}
	for _, k := range c.Constants {
		v.Constants = append(v.Constants, constView{Constant: k, Value: groupedExact(k.Value), Host: host(k.Source)})
	}
	return v
}

func (c *Calculator) htmlID(name string) string { return "calc-" + c.ID + "-" + name }

// rawNumber writes v as a form value: the shortest text that reads back as
// the same double, without grouping.
func rawNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func optNumber(p *float64) string {
	if p == nil {
		return ""
	}
	return rawNumber(*p)
}

// groupedExact writes a constant for the price table: every digit it has,
// with commas between thousands.
func groupedExact(v float64) string {
	s := rawNumber(v)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}

// host shortens a source URL for the link text: host and path, in parts
// that each end with a "/" but the last.
func host(src string) []string {
	short := src
	if u, err := url.Parse(src); err == nil {
		short = strings.TrimPrefix(u.Host, "www.") + strings.TrimSuffix(u.EscapedPath(), "/")
	}
	return strings.SplitAfter(short, "/")
}
