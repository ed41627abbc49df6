package site

import (
	"context"
	"os"
	"testing"
	"testing/fstest"
	"time"
)

// TestQuickPathTakesOnlyOwnChanges saves one page in different ways after
// a build: the quick path must take the saves that change only that page's
// own output, decline the others, and in every case give what a full build
// gives.
func TestQuickPathTakesOnlyOwnChanges(t *testing.T) {
	const note = "---\ntitle: Note\ntags: [a]\n---\nFirst paragraph, the summary.\n\n## Part\n\nSee [other](other.md).\n"
	cases := []struct {
		name  string
		saved string
		quick bool
	}{
		{"a paragraph added at the end", note + "\nMore text.\n", true},
		{"code added", note + "\n```go\nx := 1\n```\n", true},
		{"the same bytes again", note, true},
		{"the title changed", "---\ntitle: Renamed\ntags: [a]\n---\nFirst paragraph, the summary.\n\n## Part\n\nSee [other](other.md).\n", false},
		{"the summary changed", "---\ntitle: Note\ntags: [a]\n---\nAnother first paragraph.\n\n## Part\n\nSee [other](other.md).\n", false},
		{"a link added", note + "\nAnd [home](/).\n", false},
		{"a heading renamed (other pages may link to it)", "---\ntitle: Note\ntags: [a]\n---\nFirst paragraph, the summary.\n\n## Renamed\n\nSee [other](other.md).\n", false},
		{"a broken link", note + "\nSee [nothing](missing.md).\n", false},
		{"bad front matter", "---\ntitle: [\n---\nText.\n", false},
		{"a calculator embedded", note + "\n::calculator[double]\n", false},
	}
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/_site.yaml":              {Data: []byte("title: Site\n")},
				"content/_index.md":               {Data: []byte("---\ntitle: Home\n---\nWelcome.\n")},
				"content/notes/note.md":           {Data: []byte(note)},
				"content/notes/other.md":          {Data: []byte("---\ntitle: Other\ntags: [a]\n---\nBack to [the part](note.md#part).\n")},
				"content/calculators/double.yaml": {Data: []byte("title: Double\ninputs:\n  - name: x\n    label: X\n    default: 2\noutputs:\n  - name: y\n    label: Y\n    formula: x * 2\n    format: number\n")},
			}
			b := NewBuilder()
			first, err := b.Build(context.Background(), Options{FS: fsys, Now: now, DeferSearch: true})
			if err != nil || first.Diags.HasErrors() {
				t.Fatalf("first build: %v %v", err, first.Diags)
			}
			first.Search()
			fsys["content/notes/note.md"] = &fstest.MapFile{Data: []byte(c.saved)}
			inc, err := b.Build(context.Background(), Options{FS: fsys, Now: now, DeferSearch: true, Changed: []string{"content/notes/note.md"}})
			if err != nil {
				t.Fatal(err)
			}
			inc.Search()
			took := len(inc.Stats.Steps) == 1 && inc.Stats.Steps[0].Name == "quick"
			if took != c.quick {
				t.Errorf("quick path taken: %v, want %v", took, c.quick)
			}
			full, err := NewBuilder().Build(context.Background(), Options{FS: fsys, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if msg := compareSites(inc, full); msg != "" {
				t.Fatalf("differs from a full build: %s", msg)
			}
			// The save after it is built incrementally (another page), and
			// must know the first one's file changed.
			fsys["content/notes/other.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Other, renamed\ntags: [a]\n---\nBack to [the part](note.md#part).\n")}
			next, err := b.Build(context.Background(), Options{FS: fsys, Now: now, DeferSearch: true, Changed: []string{"content/notes/other.md"}})
			if err != nil {
				t.Fatal(err)
			}
			next.Search()
			full, err = NewBuilder().Build(context.Background(), Options{FS: fsys, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if msg := compareSites(next, full); msg != "" {
				t.Fatalf("the next save differs from a full build: %s", msg)
			}
		})
	}
}

// A site on disk outside any git repository (or in a linked work tree,
// where there is no reflog to go by) takes the quick path too.
func TestQuickPathWithoutReflog(t *testing.T) {
	root := t.TempDir()
	write := writer(t, root)
	write("content/_site.yaml", "title: Site\n")
	write("content/notes/note.md", "---\ntitle: Note\n---\nFirst paragraph.\n")
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	opts := Options{FS: os.DirFS(root), Root: root, Now: now, DeferSearch: true}
	b := NewBuilder()
	first, err := b.Build(context.Background(), opts)
	if err != nil || first.Diags.HasErrors() {
		t.Fatalf("first build: %v %v", err, first.Diags)
	}
	first.Search()
	write("content/notes/note.md", "---\ntitle: Note\n---\nFirst paragraph.\n\nSecond one.\n")
	opts.Changed = []string{"content/notes/note.md"}
	inc, err := b.Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	inc.Search()
	if len(inc.Stats.Steps) != 1 || inc.Stats.Steps[0].Name != "quick" {
		t.Errorf("the save outside a repository was not built by the quick path: %v", inc.Stats.Steps)
	}
	full, err := Build(context.Background(), Options{FS: os.DirFS(root), Root: root, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if msg := compareSites(inc, full); msg != "" {
		t.Fatalf("differs from a full build: %s", msg)
	}
}
