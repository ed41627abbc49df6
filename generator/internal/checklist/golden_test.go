package checklist

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// newMarkdown is a converter set up as the site's: GFM, heading ids, and
// this package's extension.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, Extension{}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

func testOptions() []Option {
	return []Option{
		{ID: "serverless", Label: "Serverless functions and managed workflows", Pos: diag.Pos{File: "content/checklists/x.md", Line: 4, Col: 9}},
		{ID: "servers", Label: "Long-running services on containers or VMs", Pos: diag.Pos{File: "content/checklists/x.md", Line: 6, Col: 9}},
	}
}

// convert renders src with md; cfg nil means an ordinary page.
func convert(t testing.TB, md goldmark.Markdown, src string, cfg *Config) (string, *Checklist, diag.List) {
	t.Helper()
	pc := parser.NewContext()
	if cfg != nil {
		Enable(pc, *cfg)
	}
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf, parser.WithContext(pc)); err != nil {
		t.Fatalf("converting: %v", err)
	}
	model, diags := Result(pc)
	return buf.String(), model, diags
}

// TestGolden renders testdata/*.md: files named plain-* as ordinary pages,
// the others as checklists with two options.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	md := newMarkdown()
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var cfg *Config
			if !strings.HasPrefix(name, "plain-") {
				cfg = &Config{ID: name, Options: testOptions(), File: file}
			}
			got, _, diags := convert(t, md, string(src), cfg)
			if len(diags) != 0 {
				t.Errorf("unexpected diagnostics:\n%s", diags.Error())
			}
			golden := strings.TrimSuffix(file, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", file, golden, firstDiff(got, string(want)))
			}
		})
	}
}

// TestOrdinaryPagesUnchanged checks that the extension changes nothing in a
// page converted without Enable, even on a converter that has just
// converted a checklist.
func TestOrdinaryPagesUnchanged(t *testing.T) {
	src, err := os.ReadFile("testdata/plain-tasklist.md")
	if err != nil {
		t.Fatal(err)
	}
	plain := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	var want bytes.Buffer
	if err := plain.Convert(src, &want); err != nil {
		t.Fatal(err)
	}
	md := newMarkdown()
	convert(t, md, "- [ ] Q? {servers +1}\n", &Config{ID: "x", Options: testOptions()})
	got, model, diags := convert(t, md, string(src), nil)
	if got != want.String() {
		t.Errorf("ordinary page rendered differently with the extension:\n got %s\nwant %s", got, want.String())
	}
	if !strings.Contains(got, `<input disabled="" type="checkbox">`) || !strings.Contains(got, "{servers +1}") {
		t.Errorf("ordinary task list lost its GFM checkbox or its braces:\n%s", got)
	}
	if model != nil || diags != nil {
		t.Errorf("Result without Enable = %v, %v; want nil, nil", model, diags)
	}
}

// TestConcurrentConversions shares one converter between goroutines, as
// the site's workers share theirs, mixing checklists and ordinary pages:
// each output must equal the one converted alone (run with -race).
func TestConcurrentConversions(t *testing.T) {
	md := newMarkdown()
	docs := []struct {
		src string
		cfg *Config
	}{
		{"## A\n\n- [ ] One? {servers +1}\n- [ ] Two? {yes: serverless +1}\n", &Config{ID: "a", Options: testOptions()}},
		{"- [ ] One? {servers +1}\n", nil},
		{"- [ ] Three? {serverless +2 servers -1}\n", &Config{ID: "b", Options: testOptions()}},
	}
	want := make([]string, len(docs))
	for i, d := range docs {
		want[i], _, _ = convert(t, md, d.src, d.cfg)
	}
	var wg sync.WaitGroup
	for range 8 {
		for i, d := range docs {
			wg.Go(func() {
				if got, _, _ := convert(t, md, d.src, d.cfg); got != want[i] {
					t.Errorf("document %d converted concurrently differs:\n%s\nwant\n%s", i, got, want[i])
				}
			})
		}
	}
	wg.Wait()
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, gl, wl)
		}
	}
	return "(no line differs)"
}
