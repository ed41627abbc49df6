package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCachedBuildEqualsColdBuild builds a site, changes one page, and
// checks that a build reading the first build's cache is byte-for-byte the
// build of the same files without a cache.
func TestCachedBuildEqualsColdBuild(t *testing.T) {
	root := t.TempDir()
	cache := filepath.Join(root, ".cache")
	write := writer(t, root)
	write("content/_index.md", "---\ntitle: Home\n---\nHi.\n")
	for i, lang := range []string{"go", "yaml", "python", "bash", "json"} {
		write("content/notes/n"+lang+".md", "---\ntitle: Note "+lang+"\n---\n## Code\n\n```"+lang+" {linenos=true}\nx = "+strings.Repeat("1", i+1)+"\n```\n\n```d2 {alt=\"A to B\"}\na -> b\n```\n")
	}
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	first, err := Build(context.Background(), Options{FS: os.DirFS(root), CacheDir: cache, Now: now})
	if err != nil || first.Diags.HasErrors() || first.CacheErr != nil {
		t.Fatalf("first build: %v %v %v", err, first.Diags, first.CacheErr)
	}
	if _, err := os.Stat(filepath.Join(cache, "build-cache.gob")); err != nil {
		t.Fatalf("no cache written: %v", err)
	}
	write("content/notes/ngo.md", "---\ntitle: Note go\n---\nChanged.\n\n```go\nfunc main() {}\n```\n")
	warm, err := Build(context.Background(), Options{FS: os.DirFS(root), CacheDir: cache, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	cold, err := Build(context.Background(), Options{FS: os.DirFS(root), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if msg := compareSites(warm, cold); msg != "" {
		t.Fatalf("the build with a cache differs from one without: %s", msg)
	}
}
