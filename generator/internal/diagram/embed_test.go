package diagram

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
)

// files is an Output that records what was written.
type files struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (f *files) Put(path string, data []byte, _ string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.m == nil {
		f.m = map[string][]byte{}
	}
	f.m[path] = data
}

// fence is a d2 block as package markdown hands it over: the fence on line
// 10 of content/case.md, the source from line 11.
func fence(src string, attrs ...markdown.Attr) markdown.Embed {
	return markdown.Embed{
		Kind: "d2", Attrs: attrs, Body: []byte(src), Source: "content/case.md",
		Pos: diag.Pos{File: "content/case.md", Line: 10, Col: 1}, BodyLine: 11,
	}
}

// shapes returns a diagram of n unconnected shapes.
func shapes(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "s%d\n", i)
	}
	return b.String()
}

func alt(v string) markdown.Attr { return markdown.Attr{Key: "alt", Value: v} }

func messages(l diag.List) []string {
	var out []string
	for _, d := range l {
		out = append(out, d.Error())
	}
	return out
}

func TestEmbedErrors(t *testing.T) {
	tests := []struct {
		name string
		em   markdown.Embed
		want []string
	}{
		{"missing alt", fence("a -> b\n"),
			[]string{`content/case.md:10:1: the diagram has no alt text: add {alt="..."} after d2, saying what the diagram shows for readers who cannot see it`}},
		{"blank alt", fence("a -> b\n", alt("  ")),
			[]string{`content/case.md:10:1: the diagram has no alt text: add {alt="..."} after d2, saying what the diagram shows for readers who cannot see it`}},
		{"unknown option", fence("a -> b\n", alt("A to B"), markdown.Attr{Key: "title", Value: "x"}),
			[]string{`content/case.md:10:1: warning: unknown d2 block option "title": the options are alt and caption`}},
		{"list alt", fence("a -> b\n", markdown.Attr{Key: "alt", List: true, Items: []string{"x"}}),
			[]string{`content/case.md:10:1: d2 block option alt must be a quoted text, not a list`,
				`content/case.md:10:1: the diagram has no alt text: add {alt="..."} after d2, saying what the diagram shows for readers who cannot see it`}},
		{"syntax error on the third line", fence("a -> b\nc: {\n  d -> \n}\n", alt("x")),
			[]string{`content/case.md:13:3: connection missing destination`}},
		{"column counts runes", fence("é: {\n  shape: nonsense\n}\n\"ü\" -> ¿\n", alt("x")),
			[]string{`content/case.md:12:10: unknown shape "nonsense"`}},
		{"unterminated string", fence("x: \"unterminated\n", alt("x")),
			[]string{`content/case.md:11:4: double quoted strings must be terminated with "`}},
		{"empty", fence("\n  \n", alt("x")),
			[]string{`content/case.md:10:1: the d2 block is empty: write a diagram in it, or remove it`}},
		{"directive", markdown.Embed{Kind: "d2", Arg: "x", Pos: diag.Pos{File: "content/case.md", Line: 4, Col: 1}},
			[]string{"content/case.md:4:1: ::d2 is not a widget: write a diagram as a fenced block, ```d2 {alt=\"...\"}"}},
		{"imports", fence("...@evil\nx: @../../etc/passwd\n", alt("x")),
			[]string{`content/case.md:11:1: diagrams cannot import files: write the whole diagram in the block`,
				`content/case.md:12:4: diagrams cannot import files: write the whole diagram in the block`}},
		{"icon", fence("a.icon: https://example.com/x.svg\n", alt("x")),
			[]string{`content/case.md:11:3: icons are not allowed in diagrams (an icon is an image on another host, which the build does not fetch): describe the thing in the label instead`}},
		{"image shape with icon", fence("a: {shape: image; icon: \"https://example.com/x.png\"}\n", alt("x")),
			[]string{`content/case.md:11:19: icons are not allowed in diagrams (an icon is an image on another host, which the build does not fetch): describe the thing in the label instead`}},
		{"link in any case", fence("b: {Link: \"javascript:alert(1)\"}\n", alt("x")),
			[]string{`content/case.md:11:5: links are not allowed in diagrams (a diagram is shown as a picture, where links cannot be followed): link from the text around the diagram instead`}},
		{"tooltip on an edge", fence("a -> b\n(a -> b)[0].tooltip: hi\n", alt("x")),
			[]string{`content/case.md:12:13: tooltips are not allowed in diagrams (a diagram is shown as a picture, which shows no tooltips): put the text in a label or the caption instead`}},
		{"layers", fence("a\nlayers: { x: { b } }\n", alt("x")),
			[]string{`content/case.md:12:1: layers are not allowed in diagrams (only one board is shown): write a separate d2 block for each board`}},
		{"other layout engine", fence("vars: { d2-config: { layout-engine: elk } }\na -> b\n", alt("x")),
			[]string{`content/case.md:10:1: layout engine "elk" is not available: remove layout-engine from the diagram's d2-config (diagrams are laid out with dagre)`}},
		{"script in a markdown label", fence("a: |md <script>alert(2)</script> |\n", alt("x")),
			[]string{`content/case.md:10:1: the diagram's SVG has a <script> element, which diagrams may not contain: remove raw HTML from markdown labels`}},
		{"img onerror in a markdown label", fence("a: |md <img src=\"x\" onerror=\"alert(3)\"/> |\n", alt("x")),
			[]string{`content/case.md:10:1: the diagram's SVG has a <img> element, which diagrams may not contain: remove raw HTML from markdown labels`}},
		{"event handler on allowed markup", fence("a: |md <b onmouseover=\"alert(5)\">x</b> |\n", alt("x")),
			[]string{`content/case.md:10:1: the diagram's SVG has a event handler attribute onmouseover="alert(5)" on <b>, which diagrams may not contain: remove raw HTML from markdown labels`}},
		{"javascript link in a markdown label", fence("a: |md [x](javascript:alert(4)) |\n", alt("x")),
			[]string{`content/case.md:10:1: the diagram has a link (a markdown label's [text](url)?): links are not allowed in diagrams, which are shown as pictures; link from the text around the diagram instead`}},
		{"too many shapes", fence(shapes(61), alt("x")),
			[]string{`content/case.md:10:1: the diagram has 61 shapes, more than 60: split it into smaller diagrams (a larger one is unreadable on a page and slow to lay out)`}},
		{"too many connections", fence(strings.Repeat("a -> b\n", 81), alt("x")),
			[]string{`content/case.md:10:1: the diagram has 81 connections, more than 80: split it into smaller diagrams (a larger one is unreadable on a page and slow to lay out)`}},
		{"too large", fence(strings.Repeat("a -> b\n", 5000), alt("x")),
			[]string{`content/case.md:10:1: the diagram is too large (34 KiB, at most 32 KiB): split it into smaller diagrams`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := &files{}
			_, diags := New().Embedder(out).Embed(tt.em)
			got := messages(diags)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n got %q\nwant %q", got, tt.want)
			}
			// A diagram without alt text is still drawn, so the preview
			// shows it while the author writes the text; one that fails
			// to render writes nothing.
			noAlt := strings.Contains(strings.Join(got, "\n"), "no alt text")
			if diags.HasErrors() && !noAlt && len(out.m) > 0 {
				t.Errorf("a failed diagram wrote %d files", len(out.m))
			}
		})
	}
}

func TestEmbedHTML(t *testing.T) {
	out := &files{}
	html, diags := New().Embedder(out).Embed(fence("a -> b\n",
		alt(`A "calls" <B> & more`), markdown.Attr{Key: "caption", Value: "Before: <i>two</i> services"}))
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if len(out.m) != 2 {
		t.Fatalf("wrote %d files, want 2 (the SVG and its full-size page)", len(out.m))
	}
	var path string
	for p := range out.m {
		if strings.HasSuffix(p, ".svg") {
			path = p
		}
	}
	full := string(out.m[strings.TrimSuffix(path, ".svg")+".html"])
	for _, want := range []string{`<img src="/` + path + `"`, `alt="A &#34;calls&#34; &lt;B&gt; &amp; more"`, `<title>Before: &lt;i&gt;two&lt;/i&gt; services</title>`} {
		if !strings.Contains(full, want) {
			t.Errorf("the full-size page lacks %s:\n%s", want, full)
		}
	}
	if !strings.HasPrefix(path, "diagrams/") || !strings.HasSuffix(path, ".svg") || len(path) != len("diagrams/0123456789abcdef.svg") {
		t.Errorf("file path %q, want diagrams/<16 hex>.svg", path)
	}
	s := string(html)
	for _, want := range []string{
		`<figure class="diagram"><img src="/` + path + `"`,
		`alt="A &#34;calls&#34; &lt;B&gt; &amp; more"`,
		`<figcaption>Before: &lt;i&gt;two&lt;/i&gt; services <a class="diagram-open" href="/` + strings.TrimSuffix(path, ".svg") + `.html">Open full size</a></figcaption></figure>`,
		`loading="lazy"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("HTML lacks %s:\n%s", want, s)
		}
	}
}

// TestHostileLabelsAreText checks that what looks like markup in labels
// is drawn as text: the diagram renders, and the SVG has no such element.
func TestHostileLabelsAreText(t *testing.T) {
	src := `a: "</svg><script>alert(1)</script>"
b: "<img src=x onerror=alert(1)>"
a -> b: "\" onload=\"alert(1)"
c: "javascript:alert(1)"
c.class: z
classes: { z: { style.fill: red } }
`
	e, probs := New().Render([]byte(src))
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	svg := string(e.SVG)
	for _, bad := range []string{"<script", "<img", `" onload="`, "</svg><script"} {
		if strings.Contains(svg, bad) {
			t.Errorf("the SVG contains %q", bad)
		}
	}
	for _, want := range []string{"&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "&#34; onload=&#34;alert(1)"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the SVG does not show the label %q as text", want)
		}
	}
}

// TestFeatures checks that what D2 draws for its ordinary features passes
// verify: shapes, styles, patterns, tables, classes, sequence diagrams,
// grids, code, LaTeX, markdown, near.
func TestFeatures(t *testing.T) {
	srcs := map[string]string{
		"styles":   "a: {style.shadow: true; style.3d: true}\nb: {style.multiple: true; style.fill-pattern: dots}\nc: {style.fill-pattern: paper}\nd: {style.fill-pattern: grain; style.double-border: true}\ne: {style.fill-pattern: lines}\na -> b: {style.animated: true}\nf: {style.fill: \"linear-gradient(#f69d3c, #3f87a6)\"}\n",
		"tables":   "t: {shape: sql_table\n id: int {constraint: primary_key}\n name: text}\nk: {shape: class\n +f(): int\n -x: string}\n",
		"sequence": "s: {shape: sequence_diagram\n a -> b: hi\n b -> a: ok}\n",
		"grid":     "g: {grid-rows: 2\n a\n b\n c\n d}\n",
		"code":     "c: |go\nfunc main() { fmt.Println(\"<hi>\") }\n|\n",
		"latex":    "l: |latex \\frac{1}{2} |\n",
		"markdown": "a: ||md\n# Head\n- **one**\n- `two`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n||\n",
		"near":     "x: Title {near: top-center}\na -> b\nb.label.near: outside-top-left\n",
		"shapes":   "a: {shape: cylinder}\nb: {shape: person}\nc: {shape: cloud}\nd: {shape: hexagon}\ne: {shape: queue}\nf: {shape: package}\ng: {shape: document}\nh: {shape: diamond}\ni: {shape: oval}\nj: {shape: text}\n",
		"config":   "vars: {d2-config: {sketch: true; theme-id: 300; pad: 0}}\na -> b\n",
		"legend":   "vars: {d2-legend: {a: Service {shape: rectangle}}}\na -> b\n",
	}
	r := New()
	for name, src := range srcs {
		t.Run(name, func(t *testing.T) {
			if _, probs := r.Render([]byte(src)); len(probs) > 0 {
				t.Errorf("problems: %v", probs)
			}
		})
	}
}
