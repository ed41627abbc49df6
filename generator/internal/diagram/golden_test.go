package diagram

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// convert runs a page body through package markdown with the d2 embedder,
// as the site does; the body starts on line 5 of content/case.md.
func convert(t *testing.T, body string) (*markdown.Result, *files) {
	t.Helper()
	out := &files{}
	conv := markdown.New(markdown.Options{Embedders: map[string]markdown.Embedder{"d2": New().Embedder(out)}})
	return conv.Convert(markdown.Input{File: "content/case.md", Body: []byte(body), BodyLine: 5}), out
}

// TestGolden renders testdata/small.md's d2 block through package markdown
// and compares the page HTML and the SVG file with the golden files (go
// test -update rewrites them). The SVG golden also catches a D2 upgrade or
// an option change that alters the pictures.
func TestGolden(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "small.md"))
	if err != nil {
		t.Fatal(err)
	}
	res, out := convert(t, string(body))
	if len(res.Diags) > 0 {
		t.Fatalf("diagnostics: %v", res.Diags)
	}
	if len(out.m) != 2 {
		t.Fatalf("wrote %d files, want 2 (the SVG and its full-size page)", len(out.m))
	}
	var svg, full []byte
	for name, data := range out.m {
		if strings.HasSuffix(name, ".svg") {
			svg = data
		} else {
			full = data
		}
	}
	golden(t, "small.html", res.HTML)
	golden(t, "small.svg", svg)
	golden(t, "small-full.html", full)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (run go test -update if the change is intended)\n got: %.300s\nwant: %.300s", name, path, got, want)
	}
}

// TestPositionsThroughMarkdown checks positions as an author sees them:
// the page's front matter takes lines 1-4, the fence is on line 7, and a
// D2 error on the third line of the diagram is on line 10.
func TestPositionsThroughMarkdown(t *testing.T) {
	tests := []struct{ body, want string }{
		{"Intro.\n\n```d2 {alt=\"A calls B\"}\na -> b\nc: {\n  d ->\n}\n```\n",
			"content/case.md:10:3: connection missing destination"},
		{"Intro.\n\n```d2\na -> b\n```\n",
			`content/case.md:7:1: the diagram has no alt text: add {alt="..."} after d2, saying what the diagram shows for readers who cannot see it`},
		{"Intro.\n\n```d2 {alt=\"x\"}\na -> b\nb.link: https://example.com\n```\n",
			"content/case.md:9:3: links are not allowed in diagrams (a diagram is shown as a picture, where links cannot be followed): link from the text around the diagram instead"},
	}
	for _, tt := range tests {
		res, _ := convert(t, tt.body)
		var got []string
		for _, d := range res.Diags {
			got = append(got, d.Error())
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("body %q:\n got %q\nwant %q", tt.body, got, tt.want)
		}
	}
}
