package figures

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

const goodFile = `figures:
  - id: sfn-month
    value: "$328,500"
    text: "Step Functions charges for a month of the example"
    ours: true
    how: "13.14 billion transitions at $0.000025 each"
    sources:
      - title: "AWS Step Functions pricing"
        url: "https://aws.amazon.com/step-functions/pricing/"
        publisher: "Amazon Web Services"
        note: "us-east-1"
  - id: cloud-2022
    value: "$3.2 million"
    text: "37signals' cloud spend in 2022"
    sources:
      - title: "We stand to save $7m <over> five years"
        url: "https://world.hey.com/dhh/x"
`

func TestParse(t *testing.T) {
	s, diags := Parse(File, []byte(goodFile))
	if len(diags) > 0 {
		t.Fatalf("a valid file has problems:\n%v", diags.Error())
	}
	if got := strings.Join(s.IDs(), ","); got != "sfn-month,cloud-2022" {
		t.Errorf("ids %q", got)
	}
	if f := s.Lookup("sfn-month"); f == nil || f.Value != "$328,500" || !f.Ours {
		t.Errorf("sfn-month = %+v", f)
	}
}

// TestParseErrors lists what the figures file refuses, each at the line
// and column of the problem.
func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"no value", "figures:\n  - id: a\n    text: T\n    ours: true\n    how: H\n",
			`content/_figures.yaml:2:5: figure "a" has no value: add 'value:' with the text pages show, e.g. "$328,500"`},
		{"bad id", "figures:\n  - id: Big Figure\n    value: V\n",
			`content/_figures.yaml:2:9: figure id "Big Figure" must be lower-case letters, digits and hyphens`},
		{"duplicate id", "figures:\n  - id: a\n    value: V\n    text: T\n    ours: true\n    how: H\n  - id: a\n    value: W\n",
			`content/_figures.yaml:7:9: figure id "a" is already used above: give this figure another id`},
		{"published without a source", "figures:\n  - id: a\n    value: V\n    text: T\n",
			`content/_figures.yaml:2:5: figure "a" has no source: a published figure needs 'sources:' with an https url; a figure the site worked out is 'ours: true' with 'how:'`},
		{"ours without how", "figures:\n  - id: a\n    value: V\n    text: T\n    ours: true\n",
			`content/_figures.yaml:2:5: figure "a" has no how: a figure that is ours says how it was worked out: add 'how:'`},
		{"http source", "figures:\n  - id: a\n    value: V\n    text: T\n    sources:\n      - title: S\n        url: http://example.com/\n",
			`content/_figures.yaml:7:14: figure "a": source url "http://example.com/" must start with https://`},
		{"unknown key", "figures:\n  - id: a\n    valeu: V\n",
			`content/_figures.yaml:3:5: unknown field "valeu"`},
	}
	for _, tt := range tests {
		_, diags := Parse(File, []byte(tt.src))
		if !hasDiag(diags, tt.want) {
			t.Errorf("%s: want\n  %s\ngot\n  %v", tt.name, tt.want, diags.Error())
		}
	}
}

func hasDiag(l diag.List, want string) bool {
	for _, d := range l {
		if d.Error() == want || strings.HasPrefix(d.Error(), want+":") {
			return true
		}
	}
	return false
}

func convert(t *testing.T, set *Set, src string) (string, []string, diag.List) {
	t.Helper()
	md := goldmark.New(goldmark.WithExtensions(extension.Footnote, extension.Table, Extension{Set: set}))
	pc := parser.NewContext()
	Enable(pc, Doc{File: "content/x.md", BodyLine: 5})
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b, parser.WithContext(pc)); err != nil {
		t.Fatal(err)
	}
	used, diags := Result(pc)
	return b.String(), used, diags
}

// TestRender checks what a reader sees: the value with its mark, and one
// note per figure at the end of the page, after the footnotes.
func TestRender(t *testing.T) {
	set, _ := Parse(File, []byte(goodFile))
	html, used, diags := convert(t, set, "It costs :figure[sfn-month] a month.[^a]\n\n| x |\n|---|\n| :figure[cloud-2022] |\n\nAgain :figure[sfn-month].\n\n[^a]: A note.\n")
	if len(diags) > 0 {
		t.Fatal(diags.Error())
	}
	if strings.Join(used, ",") != "sfn-month,cloud-2022" {
		t.Errorf("used %q", used)
	}
	for _, want := range []string{
		`It costs <span class="figure figure-ours">$328,500<sup class="figure-mark"><a href="#fig:sfn-month" id="figref:sfn-month" class="figure-ref" role="doc-noteref" title="Our calculation, not a published figure">ours</a></sup></span> a month.`,
		`<td><span class="figure">$3.2 million<sup class="figure-mark"><a href="#fig:cloud-2022" id="figref:cloud-2022" class="figure-ref" role="doc-noteref" title="Published figure: see the note below">source</a></sup></span></td>`,
		`id="figref:sfn-month:2"`,
		`<li id="fig:sfn-month"><p><strong>$328,500</strong>: Step Functions charges for a month of the example. <em>Our calculation, not a published figure:</em> 13.14 billion transitions at $0.000025 each. Based on <a href="https://aws.amazon.com/step-functions/pricing/">AWS Step Functions pricing</a>, Amazon Web Services (us-east-1).`,
		`<li id="fig:cloud-2022"><p><strong>$3.2 million</strong>: 37signals&#39; cloud spend in 2022. Source: <a href="https://world.hey.com/dhh/x">We stand to save $7m &lt;over&gt; five years</a>.`,
		// Each way back is named for its figure, so a list of links tells them apart.
		`<a href="#figref:sfn-month" class="footnote-backref" role="doc-backlink" aria-label="Back to figure 1 in the text">↩</a>`,
		`<a href="#figref:cloud-2022" class="footnote-backref" role="doc-backlink" aria-label="Back to figure 2 in the text">↩</a>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML lacks\n  %s\nin\n%s", want, html)
		}
	}
	if fn, notes := strings.Index(html, `class="footnotes"`), strings.Index(html, `class="figure-notes"`); fn < 0 || notes < fn {
		t.Errorf("the figure notes do not follow the footnotes:\n%s", html)
	}
}

// TestUnknownFigure reports an unknown id at its place in the page file,
// with the nearest id.
func TestUnknownFigure(t *testing.T) {
	set, _ := Parse(File, []byte(goodFile))
	html, used, diags := convert(t, set, "Text.\n\nIt costs :figure[sfn-mnth].\n")
	want := `content/x.md:7:10: no figure "sfn-mnth" in content/_figures.yaml: did you mean "sfn-month"?`
	if len(diags) != 1 || diags[0].Error() != want {
		t.Errorf("diagnostics\n  %v\nwant\n  %s", diags.Error(), want)
	}
	if strings.Join(used, ",") != "sfn-mnth" || !strings.Contains(html, ":figure[sfn-mnth]") || strings.Contains(html, "figure-notes") {
		t.Errorf("an unknown figure renders as written, without a note:\n%s", html)
	}
	_, _, diags = convert(t, set, ":figure[] and :figure[Not An Id]\n")
	if len(diags) != 2 || !strings.Contains(diags[0].Msg, ":figure needs the id of a figure in content/_figures.yaml") {
		t.Errorf("malformed ids: %v", diags.Error())
	}
}

// TestNotAFigure leaves alone what only looks like one.
func TestNotAFigure(t *testing.T) {
	set, _ := Parse(File, []byte(goodFile))
	html, used, diags := convert(t, set, "Time: 10:30. A `:figure[sfn-month]` in code; :figure sfn-month.\n")
	if len(used) != 0 || len(diags) != 0 || strings.Contains(html, "figure-mark") {
		t.Errorf("used %v, diags %v, HTML:\n%s", used, diags, html)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(goodFile))
	f.Add([]byte("figures:\n  - id: a\n"))
	f.Add([]byte("figures: [1, {id: x}]"))
	f.Fuzz(func(t *testing.T, src []byte) {
		s, _ := Parse(File, src)
		for _, id := range s.IDs() {
			if s.Lookup(id) == nil {
				t.Fatalf("id %q listed but not found", id)
			}
		}
	})
}

func FuzzConvert(f *testing.F) {
	set, _ := Parse(File, []byte(goodFile))
	f.Add(":figure[sfn-month] and :figure[cloud-2022]")
	f.Add(":figure[")
	f.Add("a :figure[x]\n\n[^1]: :figure[sfn-month]\n")
	f.Fuzz(func(t *testing.T, src string) {
		html, _, _ := convert(t, set, src)
		if strings.Contains(html, "<script") {
			t.Fatalf("script in output:\n%s", html)
		}
	})
}
