package diagram

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"oss.terrastruct.com/d2/d2parser"
)

// FuzzVerify checks verify against a second, independent parser: whatever
// verify accepts, an HTML5 parser (the one a browser would use were the SVG
// ever put inline in a page) must find no element that runs or loads
// anything, no event handler and no reference out of the file.
func FuzzVerify(f *testing.F) {
	e, probs := New().Render([]byte(small))
	if len(probs) > 0 {
		f.Fatal(probs)
	}
	// The real SVG without its fonts: a seed of 20 kB would make every
	// interesting input slow to minimize.
	fontless := regexp.MustCompile(`url\("data:application/font-woff;base64,[^"]*"\)`)
	f.Add(fontless.ReplaceAll(e.SVG, []byte(`url("data:application/font-woff;base64,AA")`)))
	const head = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">`
	for _, body := range []string{
		`<script>alert(1)</script>`,
		`<text><![CDATA[</text><script>alert(1)</script>]]></text>`,
		`<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div></foreignObject>`,
		`<style><![CDATA[</style><img src=x onerror=alert(1)>]]></style>`,
		`<use xlink:href="#a"/><image href="data:image/png;base64,AA"/>`,
		`<!-- <script>alert(1)</script> --><g/>`,
	} {
		f.Add([]byte(head + body + `</svg>`))
	}
	f.Fuzz(func(t *testing.T, svg []byte) {
		if _, _, err := verify(svg); err != nil {
			return
		}
		doc, err := html.Parse(bytes.NewReader(svg))
		if err != nil {
			return
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			if bad := unsafeNode(n); bad != "" {
				t.Fatalf("verify accepted an SVG in which an HTML parser finds %s:\n%s", bad, svg)
			}
		}
	})
}

// unsafeNode describes what is unsafe about an element, or returns "".
func unsafeNode(n *html.Node) string {
	switch strings.ToLower(n.Data) {
	case "script", "iframe", "object", "embed", "a", "img", "link", "meta", "base", "form",
		"input", "button", "frame", "frameset", "animate", "set", "animatetransform", "animatemotion", "handler", "listener":
		return "<" + n.Data + ">"
	}
	for _, a := range n.Attr {
		key, val := strings.ToLower(a.Key), strings.ToLower(a.Val)
		switch {
		case strings.HasPrefix(key, "on"):
			return "the event handler " + a.Key
		case key == "href" && !strings.HasPrefix(val, "#") && !embeddedImage(val):
			return "the link " + a.Val
		case key == "src" || key == "srcset" || key == "action" || key == "formaction":
			return "the resource " + a.Key
		case strings.Contains(val, "javascript:"):
			return "a script URL in " + a.Key
		}
	}
	return ""
}

// FuzzRender feeds D2 sources to the whole renderer: no input may panic
// out of it (a panic in D2 must become a problem), no problem sends the
// author to a place in the layout engine's code, and every diagram it
// accepts passes the independent check of FuzzVerify. Each input runs
// dagre, so this fuzzes slowly; seed it with the shapes of real diagrams.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		small,
		bench,
		"a: |md **b** |\n",
		"a: \"</svg><script>\" {shape: circle}\n",
		"x: {near: top-center}\na -> b -> c\n",
		"s: {shape: sequence_diagram\n a -> b: hi\n}\n",
		"g: {grid-columns: 2\n a\n b\n}\n",
		"vars: {d2-config: {theme-id: 300}}\na\n",
		"container.first -> container.second\ncontainer -> container.second\n",
		"a: {b -> c}\na -> a\n",
		"\"${(function(){throw new Error('ran')})()}\" -> x\n",
	} {
		f.Add([]byte(s))
	}
	r := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		e, probs := r.Render(src)
		for _, p := range probs {
			if strings.Contains(p.Msg, "<eval>") {
				t.Fatalf("problem %q for %q names a place in the layout engine's code, not in the diagram", p.Msg, src)
			}
		}
		if e == nil {
			if len(probs) == 0 {
				t.Fatalf("no diagram and no problem for %q", src)
			}
			return
		}
		doc, err := html.Parse(bytes.NewReader(e.SVG))
		if err != nil {
			return
		}
		for n := range doc.Descendants() {
			if n.Type == html.ElementNode {
				if bad := unsafeNode(n); bad != "" {
					t.Fatalf("the diagram %q has %s", src, bad)
				}
			}
		}
	})
}

// FuzzCheck fuzzes the front of the renderer, which runs before any layout
// and so explores quickly: D2's parser and this package's checks. No input
// may panic, and every problem must point into the source, so that the
// position an author is sent to exists.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		small, bench,
		"...@evil\nx: @../../etc/passwd\n",
		"a.icon: https://example.com/x.svg\nb: {Link: x}\n(a -> b)[0].tooltip: hi\n",
		"é: {\n  shape: nonsense\n}\n\"ü\" -> ¿\n",
		"layers: { x: { b } }\n",
		"x: \"unterminated\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		ast, err := d2parser.Parse("", bytes.NewReader(src), nil)
		var probs []Problem
		if err != nil {
			probs = problemsOf(err, src)
		} else {
			probs = check(ast, src)
		}
		lines := bytes.Split(src, []byte("\n"))
		for _, p := range probs {
			if p.Msg == "" {
				t.Fatalf("a problem without a message for %q", src)
			}
			if p.Line < 1 || p.Line > len(lines) {
				t.Fatalf("problem %+v is on no line of the %d of %q", p, len(lines), src)
			}
			if p.Col < 1 || p.Col > utf8.RuneCount(lines[p.Line-1])+1 {
				t.Fatalf("problem %+v is past the end of line %q", p, lines[p.Line-1])
			}
		}
	})
}
