package markdown

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/*.txt from the current output")

// Case files hold numbered cases, goldmark style:
//
//	=== 1: tables
//	markdown...
//	--- html
//	expected HTML...
//	--- diagnostics
//	expected diagnostics, one per line (optional section)
//
// Run one case with -run 'TestCases/features.txt/1:'. Regenerate the
// expected output with -update after checking the change is intended.
type testCase struct {
	name, input, html, diags string
}

func readCases(t *testing.T, path string) []testCase {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []testCase
	for _, chunk := range strings.Split(string(b), "\n=== ")[1:] {
		name, rest, _ := strings.Cut(chunk, "\n")
		input, out, _ := strings.Cut(rest, "--- html\n")
		html, diags, _ := strings.Cut(out, "--- diagnostics\n")
		cases = append(cases, testCase{name: name, input: input, html: strings.TrimSuffix(html, "\n"), diags: strings.TrimSpace(diags)})
	}
	return cases
}

func writeCases(t *testing.T, path string, cases []testCase) {
	t.Helper()
	var b strings.Builder
	b.WriteString("Markdown conversion cases: input, then the HTML (and diagnostics) expected.\n")
	for _, c := range cases {
		fmt.Fprintf(&b, "\n=== %s\n%s--- html\n%s\n", c.name, c.input, c.html)
		if c.diags != "" {
			fmt.Fprintf(&b, "--- diagnostics\n%s\n", c.diags)
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fakeResolver rewrites .md links the way the site does, for a page at
// content/notes/page.md.
type fakeResolver struct{}

func (fakeResolver) Rewrite(source, dest string) string {
	p, frag, _ := strings.Cut(dest, "#")
	if frag != "" {
		frag = "#" + frag
	}
	if strings.HasSuffix(p, ".md") {
		return "/notes/" + strings.TrimSuffix(filepath.Base(p), ".md") + "/" + frag
	}
	return dest
}

type fakeEmbedder struct{}

func (fakeEmbedder) Embed(e Embed) ([]byte, diag.List) {
	return []byte(fmt.Sprintf(`<div class="widget" data-kind="%s" data-arg="%s" data-line="%d" data-body-lines="%d"></div>`,
		e.Kind, escape(e.Arg), e.Pos.Line, strings.Count(string(e.Body), "\n"))), nil
}

func TestCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no case files in testdata/")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			cases := readCases(t, file)
			c := New(Options{Embedders: map[string]Embedder{"widget": fakeEmbedder{}}})
			for i := range cases {
				tc := &cases[i]
				t.Run(tc.name, func(t *testing.T) {
					r := c.Convert(Input{File: "content/notes/page.md", Body: []byte(tc.input), BodyLine: 1, Resolver: fakeResolver{}})
					html := strings.TrimSuffix(string(r.HTML), "\n")
					diags := strings.TrimSpace(r.Diags.Error())
					if *update {
						tc.html, tc.diags = html, diags
						return
					}
					if html != tc.html {
						t.Errorf("HTML differs\n--- got\n%s\n--- want\n%s", html, tc.html)
					}
					if diags != tc.diags {
						t.Errorf("diagnostics differ\n--- got\n%s\n--- want\n%s", diags, tc.diags)
					}
				})
			}
			if *update {
				writeCases(t, file, cases)
			}
		})
	}
}
