package markdown

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
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
		"<details><summary>x</summary>\n\n<img src=\"a.png\" onerror=\"x\">\n</details>\n\n<a href=\"java\tscript:x\">y</a>",
		"<picture><source srcset=\"javascript:x 1x, a.png 2x\"><img src=x></picture></div></main><b>",
		"text <style>p{}</style> <svg onload=x> <a name=\"n\" id=\"i\">",
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
		if msg := unsafeHTML(r.HTML); msg != "" {
			t.Fatalf("%s in the output:\n%s", msg, r.HTML)
		}
	})
}

// unsafeHTML names what in b could run script or restyle the page: an
// element that runs or embeds, an event handler, a style attribute, or a
// URL with a scheme other than the web's and mail's. "" if none. (Task
// lists' disabled checkboxes are the converter's own.)
func unsafeHTML(b []byte) string {
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "style", "iframe", "object", "embed", "form", "base", "meta", "link", "svg", "math":
				return "a " + tok.Data + " element"
			}
			for _, a := range tok.Attr {
				switch {
				case strings.HasPrefix(a.Key, "on"):
					return "an event handler " + a.Key
				case a.Key == "style":
					return "a style attribute"
				case a.Key == "href" || a.Key == "src" || a.Key == "srcset":
					for _, u := range strings.Split(a.Val, ",") {
						if s := scheme(strings.TrimSpace(u)); s != "" && !safeSchemes[s] {
							return "a " + s + ": URL"
						}
					}
				}
			}
		}
	}
}
