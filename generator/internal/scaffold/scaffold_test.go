package scaffold

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/site"
)

var now = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// TestNewPagesBuildOnceFilled writes a page of each kind, checks it names
// every field, that the build reports the empty required fields (so the
// author is told what to fill), and that filling them makes it build.
func TestNewPagesBuildOnceFilled(t *testing.T) {
	for _, k := range Kinds() {
		t.Run(k.Name, func(t *testing.T) {
			root := t.TempDir()
			os.MkdirAll(filepath.Join(root, "content"), 0o755)
			os.WriteFile(filepath.Join(root, "content/_index.md"), []byte("---\ntitle: Home\n---\n"), 0o644)
			path, err := Write(root, k.Name, "Segment: goodbye microservices", now)
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(root, "content", k.Section, "segment-goodbye-microservices.md"); path != want {
				t.Errorf("path %s, want %s", path, want)
			}
			src, _ := os.ReadFile(path)
			if !strings.Contains(string(src), `title: "Segment: goodbye microservices"`) || !strings.Contains(string(src), "date: 2026-11-25") {
				t.Errorf("title or date not filled in:\n%s", src)
			}
			s, err := site.Build(context.Background(), site.Options{FS: os.DirFS(root)})
			if err != nil {
				t.Fatal(err)
			}
			if k.Name != "checklist" && !s.Diags.HasErrors() {
				t.Errorf("an unfilled %s builds without errors; the empty required fields should be reported", k.Name)
			}
			filled := fill(string(src))
			os.WriteFile(path, []byte(filled), 0o644)
			s, _ = site.Build(context.Background(), site.Options{FS: os.DirFS(root)})
			if s.Diags.HasErrors() {
				t.Errorf("the filled-in page does not build:\n%s\n---\n%s", s.Diags.Error(), filled)
			}
		})
	}
}

// fill puts plausible values in the empty fields of a new page.
func fill(src string) string {
	r := strings.NewReplacer(
		`summary: ""`, `summary: "A summary."`,
		`company: ""`, `company: "Segment"`,
		`from: ""`, `from: "140 services"`,
		`to: ""`, `to: "one service"`,
		`outcome: ""`, `outcome: "fewer pages at night"`,
		`    label: ""`, `    label: "Shared-library improvements"`,
		`    title: ""`, `    title: "Goodbye Microservices"`,
		`    url: ""`, `    url: "https://segment.com/blog/goodbye-microservices/"`,
		`    id: ""`, `    id: option-a`,
		`alternatives: []`, `alternatives: [A, B]`,
		`    before: ""`, `    before: "32"`,
	)
	out := r.Replace(src)
	if strings.Contains(out, "options:") {
		out = strings.Replace(out, "---\n\n<!--", "---\n\n<!--", 1)
		out = strings.Replace(out, `    label: "Shared-library improvements"`, `    label: "Option A"`, 1)
		out = strings.Replace(out, "## First group", "- [ ] Another? {option-a +1}\n\n## First group", 0)
		out = strings.ReplaceAll(out, "option-b +1", "option-a +1")
	}
	return out
}

func TestWriteRefusesToOverwrite(t *testing.T) {
	root := t.TempDir()
	if _, err := Write(root, "pattern", "Sync vs async", now); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(root, "pattern", "Sync vs. Async", now); !errors.Is(err, ErrExists) {
		t.Errorf("second write: err = %v, want ErrExists", err)
	}
	os.MkdirAll(filepath.Join(root, "content/case-studies/bundled"), 0o755)
	os.WriteFile(filepath.Join(root, "content/case-studies/bundled/index.md"), []byte("x"), 0o644)
	if _, err := Write(root, "case-study", "Bundled", now); !errors.Is(err, ErrExists) {
		t.Errorf("write over a bundle: err = %v, want ErrExists", err)
	}
}

func TestWriteRejectsBadInput(t *testing.T) {
	root := t.TempDir()
	if _, err := Write(root, "essay", "X", now); err == nil || !strings.Contains(err.Error(), "case-study, checklist, pattern") {
		t.Errorf("unknown kind: %v", err)
	}
	if _, err := Write(root, "pattern", "!!!", now); err == nil {
		t.Error("a title with no letters was accepted")
	}
}
