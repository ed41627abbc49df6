package scaffold

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/site"
)

// TestNewDecisionsAreNumbered writes decision records as adr-tools
// numbers them: after the highest number in the section, subfolders
// included, four digits.
func TestNewDecisionsAreNumbered(t *testing.T) {
	root := t.TempDir()
	write := func(title string) string {
		t.Helper()
		path, err := Write(root, "decision", title, now)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(filepath.Join(root, "content", "decisions"), path)
		return filepath.ToSlash(rel)
	}
	if got := write("Use PostgreSQL"); got != "0001-use-postgresql.md" {
		t.Errorf("first record: %s", got)
	}
	if got := write("Use Go for the generator"); got != "0002-use-go-for-the-generator.md" {
		t.Errorf("second record: %s", got)
	}
	os.MkdirAll(filepath.Join(root, "content/decisions/2019"), 0o755)
	os.WriteFile(filepath.Join(root, "content/decisions/2019/0041-old.md"), []byte("# Old\n"), 0o644)
	os.WriteFile(filepath.Join(root, "content/decisions/notes.md"), []byte("x"), 0o644)
	if got := write("Use PostgreSQL"); got != "0042-use-postgresql.md" {
		t.Errorf("after 0041 in a subfolder: %s", got)
	}
}

// TestNewDecisionIsMADR checks what a new record holds: MADR's sections,
// a proposed status, no MADR-4 alias of deciders, and once filled in, a
// record the log lists as proposed.
func TestNewDecisionIsMADR(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	os.WriteFile(filepath.Join(root, "content/_index.md"), []byte("---\ntitle: Home\n---\n"), 0o644)
	path, err := Write(root, "decision", "Build the search index at build time", now)
	if err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(path)
	for _, want := range []string{"status: proposed\n", "deciders: []\n", "supersedes: []\n", "superseded-by: \"\"\n", "evidence: []\n",
		"## Context and Problem Statement\n", "## Considered Options\n", "## Decision Outcome\n", "### Consequences\n"} {
		if !strings.Contains(string(src), want) {
			t.Errorf("the new record lacks %q:\n%s", want, src)
		}
	}
	if strings.Contains(string(src), "decision-makers:") {
		t.Errorf("the new record has both deciders and decision-makers:\n%s", src)
	}
	os.WriteFile(path, []byte(fill(string(src))), 0o644)
	s, err := site.Build(context.Background(), site.Options{FS: os.DirFS(root)})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Diags) > 0 {
		t.Fatalf("the filled-in record has problems:\n%s", s.Diags.Error())
	}
	f, ok := s.Files.Get("decisions/index.html")
	if !ok || !strings.Contains(string(f.Data), `<tr data-status="proposed">`) || !strings.Contains(string(f.Data), ">0001</td>") {
		t.Errorf("the log does not list the new record as proposed, numbered 0001")
	}
}
