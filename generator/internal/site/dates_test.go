package site

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"
)

// TestDatesFromGit: in a git clone, a page's last commit is its
// article:modified_time and its structured data's and feed entry's
// dateModified; a page without a date in its front matter is dated by
// its first commit. (Outside git, the front matter's dates are used:
// TestSharingMetadata.)
func TestDatesFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root := t.TempDir()
	write := writer(t, root)
	git := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t",
			"GIT_COMMITTER_EMAIL=t@example.org", "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("", "init", "-q")
	write("content/_site.yaml", "title: Site\nbase_url: https://kb.example.org/\n")
	write("content/_index.md", "---\ntitle: Home\n---\nHi.\n")
	write("content/notes/undated.md", "---\ntitle: Undated\n---\nFirst version.\n")
	git("2024-01-02T03:04:05Z", "add", ".")
	git("2024-01-02T03:04:05Z", "commit", "-q", "-m", "first")
	write("content/notes/undated.md", "---\ntitle: Undated\n---\nSecond version.\n")
	git("2025-06-07T08:09:10Z", "commit", "-q", "-am", "second")
	s, err := Build(context.Background(), Options{FS: os.DirFS(root), Root: root, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil || s.Diags.HasErrors() {
		t.Fatalf("build: %v %v", err, s.Diags)
	}
	f, _ := s.Files.Get("notes/undated/index.html")
	h := readHead(t, f.Data)
	if got := [2]string{h.get("article:published_time"), h.get("article:modified_time")}; got != [2]string{"2024-01-02T03:04:05Z", "2025-06-07T08:09:10Z"} {
		t.Errorf("article times %q, want the first and last commits", got)
	}
	checkStructured(t, h, []string{"Article", "BreadcrumbList"})
	feed := readFeed(t, s)
	if len(feed.Entries) != 1 || feed.Entries[0].Published != "2024-01-02T03:04:05Z" || feed.Entries[0].Updated != "2025-06-07T08:09:10Z" {
		t.Errorf("the feed's entries: %+v", feed.Entries)
	}
}
