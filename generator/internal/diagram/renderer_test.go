package diagram

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

const small = "direction: right\nweb: Web app\ndb: Database {shape: cylinder}\nweb -> db: SQL\n"

// TestDeterministic renders the same source with separate renderers (no
// shared cache, fresh text measurers) and in parallel: the SVG must be
// byte-identical, or every build would publish new file names.
func TestDeterministic(t *testing.T) {
	src := []byte("a: Control plane {\n  x -> y: gRPC\n  z\n}\nb: Data plane {\n  e1\n  e2\n}\na.x -> b: config\na.z -> b.e2\n")
	first, probs := New().Render(src)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	var wg sync.WaitGroup
	results := make([][]byte, 4)
	r := New()
	for i := range results {
		wg.Go(func() {
			rr := r
			if i%2 == 0 {
				rr = New()
			}
			e, _ := rr.Render(src)
			if e != nil {
				results[i] = e.SVG
			}
		})
	}
	wg.Wait()
	for i, svg := range results {
		if !bytes.Equal(svg, first.SVG) {
			t.Errorf("render %d differs from the first (%d vs %d bytes)", i, len(svg), len(first.SVG))
		}
	}
}

func TestCache(t *testing.T) {
	r := New()
	a, _ := r.Render([]byte(small))
	b, _ := r.Render([]byte(small))
	if a == nil || a != b {
		t.Fatalf("the second render of the same source was not served from the cache")
	}
	if r.Len() != 1 {
		t.Errorf("Len = %d, want 1", r.Len())
	}
	if _, probs := r.Render([]byte("a -> \n")); len(probs) == 0 || r.Len() != 1 {
		t.Errorf("a failed render was cached (Len %d) or did not fail", r.Len())
	}
	if r.KeyOf([]byte(small)) == r.KeyOf([]byte(small+" ")) {
		t.Errorf("different sources have the same key")
	}

	// A new renderer given the exported cache renders nothing again.
	r2 := New()
	r2.Import(r.Export())
	c, _ := r2.Render([]byte(small))
	if c == nil || !bytes.Equal(c.SVG, a.SVG) || c.Width != a.Width || c.Height != a.Height {
		t.Fatalf("the imported entry was not used: %+v", c)
	}
}

func TestImportChecksEntries(t *testing.T) {
	r := New()
	k := r.KeyOf([]byte(small))
	evil := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>`)
	r.Import(map[Key]*Entry{k: {SVG: evil, Width: 10, Height: 10}})
	if r.Len() != 0 {
		t.Fatalf("a cache entry with a script was imported")
	}
	e, _ := r.Render([]byte(small))
	if e == nil || bytes.Contains(e.SVG, []byte("<script")) {
		t.Fatalf("the tampered entry was served")
	}
}

func TestVerify(t *testing.T) {
	const head = `<?xml version="1.0" encoding="utf-8"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 120.4 80">`
	ok := []string{
		``,
		`<style><![CDATA[.a{fill:url(#p)} @font-face{src:url("data:application/font-woff;base64,AAAA")}]]></style>`,
		`<text>url(https://x) javascript:alert(1) &lt;script&gt;</text>`,
		`<path d="M0 0" marker-end="url(#mk)" mask="url(#m)"/>`,
		`<use href="#g" xlink:href="#g"/>`,
		`<image href="data:image/png;base64,AAAA"/>`,
		`<foreignObject><div xmlns="http://www.w3.org/1999/xhtml" class="md"><p><strong>x</strong></p></div></foreignObject>`,
	}
	for _, body := range ok {
		w, h, err := verify([]byte(head + body + `</svg>`))
		if err != nil || w != 120 || h != 80 {
			t.Errorf("verify(%s) = %d, %d, %v; want 120, 80, nil", body, w, h, err)
		}
	}
	bad := map[string]string{
		`<script>alert(1)</script>`:                                                                     "<script>",
		`<g onload="alert(1)"/>`:                                                                        "event handler",
		`<g ONCLICK="alert(1)"/>`:                                                                       "event handler",
		`<a href="javascript:alert(1)"><g/></a>`:                                                        "link",
		`<use href="https://evil.example/x.svg#a"/>`:                                                    "link",
		`<use xlink:href="javascript:alert(1)"/>`:                                                       "link",
		`<image href="https://evil.example/x.png"/>`:                                                    "link",
		`<image href="data:image/svg+xml;base64,AAAA"/>`:                                                "link",
		`<set attributeName="href" to="javascript:alert(1)"/>`:                                          "<set>",
		`<animate attributeName="href" values="javascript:alert(1)"/>`:                                  "<animate>",
		`<rect fill="url(https://evil.example/p)"/>`:                                                    "reference",
		`<rect style="fill:url('//evil.example/p')"/>`:                                                  "reference",
		`<style>@import "https://evil.example/x.css";</style>`:                                          "@import",
		`<style>.a{background:url(https://evil.example/x)}</style>`:                                     "url(https://evil.example/x)",
		`<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="x"/></foreignObject>`:         "<iframe>",
		`<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x"/></div></foreignObject>`: "<img>",
		`<foreignObject><style xmlns="http://www.w3.org/1999/xhtml">*{}</style></foreignObject>`:        "<style>",
		`<math xmlns="http://www.w3.org/1998/Math/MathML"/>`:                                            "<math>",
		`<g xml:base="https://evil.example/"/>`:                                                         "base",
		`<g xmlns:x="http://evil.example/ns"/>`:                                                         "namespace",
		`<g>&nbsp;</g>`:                                                                                 "not well-formed",
		`<g>`:                                                                                           "not well-formed",
		`<?php echo 1 ?>`:                                                                               "<?php?>",
	}
	for body, want := range bad {
		_, _, err := verify([]byte(head + body + `</svg>`))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("verify(%s) = %v, want an error about %s", body, err, want)
		}
	}
	if _, _, err := verify([]byte(`<!DOCTYPE svg [<!ENTITY x "y">]>` + head + `</svg>`)); err == nil {
		t.Errorf("a DOCTYPE with entities was accepted")
	}
	if _, _, err := verify([]byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`)); err == nil {
		t.Errorf("an SVG without viewBox was accepted")
	}
}
