package feeds

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

var page = Readable{Base: "https://example.org/notes/a/", Drop: []string{"anchor"}, Link: []string{"data-calculator"}}

// TestReadable: a page's HTML in a feed has absolute links and sources,
// keeps its text (a checklist's questions and guidance, without the
// controls that do nothing there), and links to what needs the page's
// scripts instead of showing it.
func TestReadable(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"links and sources",
			`<p><a href="/patterns/x/">x</a> <a href="#fn:1">1</a> <a href="b/">b</a> <a href="https://other.example/">o</a> <a href="mailto:a@example.org">m</a></p><img src="d.png" srcset="d.png 1x, /d2.png 2x" alt="D">`,
			`<p><a href="https://example.org/patterns/x/">x</a> <a href="https://example.org/notes/a/#fn:1">1</a> <a href="https://example.org/notes/a/b/">b</a> <a href="https://other.example/">o</a> <a href="mailto:a@example.org">m</a></p><img src="https://example.org/notes/a/d.png" srcset="https://example.org/notes/a/d.png 1x, https://example.org/d2.png 2x" alt="D">`},
		{"text kept byte for byte", `<p class="x">Caf&eacute; &amp; “quotes” <em>é</em></p>`, `<p class="x">Caf&eacute; &amp; “quotes” <em>é</em></p>`},
		{"heading permalink", `<div class="heading h2"><h2 id="why">Why</h2><a class="anchor" href="#why"><span aria-hidden="true">#</span><span class="sr-only">Section titled “Why”</span></a></div>`,
			`<div class="heading h2"><h2 id="why">Why</h2></div>`},
		{"checklist", `<form class="checklist" id="c"><p class="status" hidden><progress max="2" value="0"></progress> 0 of 2</p><fieldset><legend>Is it big?</legend><label><input type="radio" name="q" value="yes"> Yes</label></fieldset><script type="application/json">{"a":"</p>"}</script><output class="sum"></output></form>`,
			`<fieldset><legend>Is it big?</legend><label> Yes</label></fieldset><output class="sum"></output>`},
		{"calculator", `<p>Before.</p><form class="calculator" id="calc-x" data-calculator="x"><h2 class="calc-title">The <em>cost</em> of x</h2><div><form></form><p>Inputs</p></div><h3>Other</h3></form><p>After.</p>`,
			`<p>Before.</p><p>Interactive on the page: <a href="https://example.org/notes/a/#calc-x">The cost of x</a></p><p>After.</p>`},
		{"decoration and comments", `<p>a<!-- note --><span aria-hidden="true">→</span><svg aria-hidden="true"><path d="M0"/></svg>b</p>`, `<p>ab</p>`},
		{"raw text", `<style>p{}</style><template><p>t</p></template><p>kept</p>`, `<p>kept</p>`},
	} {
		if got := page.HTML(tc.in); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

// FuzzReadable: whatever a page holds, what a feed gets has no script or
// control, and every link in it is absolute.
func FuzzReadable(f *testing.F) {
	for _, s := range []string{`<p><a href="/x">x</a></p>`, `<form data-calculator="x"><h2>T</h2><script>x</script></form>`,
		`<div hidden><div>a</div></div><p>b</p>`, `<a href="javascript:alert(1)">j</a>`, `<svg><a href="#x"/></svg>`, `<p>unclosed <div><form><input>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := page.HTML(in)
		z := html.NewTokenizer(strings.NewReader(out))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			switch tok.Data {
			case "script", "style", "input", "button", "select", "textarea", "form", "template":
				t.Fatalf("a <%s> in the feed's HTML of %q: %q", tok.Data, in, out)
			}
			for _, a := range tok.Attr {
				if (a.Key == "href" || a.Key == "src") && a.Namespace == "" && !isAbsolute(a.Val) {
					t.Fatalf("a relative %s=%q in the feed's HTML of %q: %q", a.Key, a.Val, in, out)
				}
			}
		}
	})
}

// isAbsolute reports a URL with a scheme, or one that does not parse
// (left as it is).
func isAbsolute(v string) bool {
	u, err := url.Parse(strings.TrimSpace(v))
	return err != nil || u.IsAbs()
}
