package markdown

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzConvert converts arbitrary markdown with every extension, widget
// lines and fenced widgets: it must not panic, every diagnostic must point
// inside the page, and with raw HTML off no script element may come out.
func FuzzConvert(f *testing.F) {
	for _, seed := range []string{
		"# T\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n- [ ] x\n- [x] y\n\n[^1]\n\n[^1]: n\n",
		"```go {hl_lines=[1,\"2-3\"] linenos=true}\nx\n```\n",
		"::widget[a]{b=1}\n\n```widget\nbody\n```\n",
		"<script>alert(1)</script>\n\n[x](javascript:alert(1)) <javascript:y>",
		"Term\n: def\n\n## H {#id .c onclick=x}\n",
		"::widget[\n::\n```\n",
		"> - [x] ~~s~~ www.example.com\n>\n> ```go {\n",
	} {
		f.Add([]byte(seed))
	}
	c := New(Options{Embedders: map[string]Embedder{"widget": fakeEmbedder{}}})
	f.Fuzz(func(t *testing.T, body []byte) {
		r := c.Convert(Input{File: "p.md", Body: body, BodyLine: 3, Resolver: fakeResolver{}})
		lines := bytes.Count(body, []byte("\n")) + 3
		for _, d := range r.Diags {
			if d.Pos.File != "p.md" || d.Pos.Line < 3 || d.Pos.Line > lines {
				t.Fatalf("diagnostic outside the body (lines 3-%d): %v", lines, d)
			}
		}
		if strings.Contains(strings.ToLower(string(r.HTML)), "<script") {
			t.Fatalf("a script element in the output:\n%s", r.HTML)
		}
	})
}
