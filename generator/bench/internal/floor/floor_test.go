package floor

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

const page = "---\ntitle: \"A\"\n---\n\n## Retry budget\n\nText[^1] | a |\n\n```go\nfunc main() {}\n```\n\n[^1]: A note.\n"

func TestConverterRendersWhatTheFloorPromises(t *testing.T) {
	hl := &codeRenderer{formatter: chromahtml.New(chromahtml.WithClasses(true)), style: styles.Fallback}
	var out bytes.Buffer
	if err := newConverter(hl).Convert(StripFrontMatter([]byte(page)), &out); err != nil {
		t.Fatal(err)
	}
	html := out.String()
	for _, want := range []string{
		`<h2 id="retry-budget">`,  // automatic heading IDs
		`class="chroma"`,          // chroma with CSS classes
		`<span class="kd">func</`, // a Go keyword, lexed
		`class="footnotes"`,       // footnotes extension
	} {
		if !strings.Contains(html, want) {
			t.Errorf("output lacks %s:\n%s", want, html)
		}
	}
	if strings.Contains(html, "title:") || strings.Contains(html, "style=") {
		t.Errorf("front matter left in, or inline styles:\n%s", html)
	}
	if hl.blocks != 1 {
		t.Errorf("counted %d code blocks, want 1", hl.blocks)
	}
}

func TestRenderCountsEveryPage(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "notes"), 0o755)
	os.WriteFile(filepath.Join(dir, "notes", "a.md"), []byte(page), 0o644)
	os.WriteFile(filepath.Join(dir, "notes", "b.md"), []byte("plain"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes", "c.yaml"), []byte("x: 1"), 0o644)
	res, err := Render(dir, 2)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 2 || res.Blocks != 1 || res.Bytes == 0 {
		t.Errorf("Render = %+v, want 2 pages and 1 block", res)
	}
}

func TestRenderOfAnEmptyFolderSaysToGenerateTheCorpus(t *testing.T) {
	_, err := Render(t.TempDir(), 2)
	if err == nil || !strings.Contains(err.Error(), "generate the corpus") {
		t.Fatalf("err = %v", err)
	}
}
