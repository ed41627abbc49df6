package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDeployFromFreshCloneConvertsOnlyTheChangedPage builds a site with a
// cache folder, then builds it as a deploy does: the site copied to a new
// folder (a fresh clone: every file has a new modification time) with the
// cache folder restored, one page edited, a new output folder. The deploy
// must publish byte for byte what a --no-cache build of the same files
// publishes, and convert the edited page alone.
func TestDeployFromFreshCloneConvertsOnlyTheChangedPage(t *testing.T) {
	files := map[string]string{}
	for k, v := range cachedSite {
		files[k] = v
	}
	for i := range 12 {
		files[fmt.Sprintf("content/notes/n%02d.md", i)] = fmt.Sprintf("---\ntitle: Note %d\ntags: [queues]\n---\n## Part\n\nNote %d links [a](a.md#part).\n\n```go\nx := %d\n```\n", i, i, i)
	}
	first := writeSite(t, files)
	if code, _, errs := run(t, "build", "--root", first, "--quiet"); code != 0 {
		t.Fatalf("first build exited %d: %s", code, errs)
	}

	clone := filepath.Join(t.TempDir(), "clone")
	when := time.Now().Add(time.Hour)
	err := filepath.WalkDir(first, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(first, p)
		if err != nil || d.IsDir() || strings.HasPrefix(rel, "public") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(clone, rel), b)
		return os.Chtimes(filepath.Join(clone, rel), when, when)
	})
	if err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(clone, "content/notes/n03.md")
	writeFile(t, edited, []byte(strings.Replace(files["content/notes/n03.md"], "Note 3 links", "Note 3, edited, links", 1)))

	out := filepath.Join(t.TempDir(), "site")
	code, stdout, errs := run(t, "build", "--root", clone, "--out", out, "--verbose")
	if code != 0 {
		t.Fatalf("the deploy exited %d: %s", code, errs)
	}
	noCache := filepath.Join(t.TempDir(), "site")
	if code, _, errs := run(t, "build", "--root", clone, "--out", noCache, "--no-cache", "--quiet"); code != 0 {
		t.Fatalf("the --no-cache build exited %d: %s", code, errs)
	}
	if msg := diffFiles(readFiles(t, out), readFiles(t, noCache)); msg != "" {
		t.Errorf("the deploy differs from a --no-cache build: %s", msg)
	}
	pages := len(files) - 1 // all but _site.yaml
	if want := fmt.Sprintf("1 page converted, %d taken from the cache folder", pages-1); !strings.Contains(stdout, want) {
		t.Errorf("the deploy did not say %q:\n%s", want, stdout)
	}
}
