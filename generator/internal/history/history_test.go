package history

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	out := "\x002024-05-02T10:00:00+02:00\n\ncontent/a.md\ncontent/b.md\n\x002023-01-01T00:00:00Z\n\ncontent/a.md\ncontent/c.md\n"
	d := parse([]byte(out))
	want := map[string][2]string{
		"content/a.md": {"2023-01-01T00:00:00Z", "2024-05-02T10:00:00+02:00"},
		"content/b.md": {"2024-05-02T10:00:00+02:00", "2024-05-02T10:00:00+02:00"},
		"content/c.md": {"2023-01-01T00:00:00Z", "2023-01-01T00:00:00Z"},
	}
	if len(d) != len(want) {
		t.Fatalf("got %d paths, want %d: %v", len(d), len(want), d)
	}
	for p, w := range want {
		if got := [2]string{d[p].First.Format(time.RFC3339), d[p].Last.Format(time.RFC3339)}; got != w {
			t.Errorf("%s: first and last %s, want %s", p, got, w)
		}
	}
}

func run(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// TestLoad commits two files at two dates in a real repository and reads
// the dates back, relative to a site folder inside the repository.
func TestLoad(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	site := filepath.Join(repo, "site")
	os.MkdirAll(filepath.Join(site, "content"), 0o755)
	id := []string{"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org"}
	run(t, repo, nil, "init", "-q")
	os.WriteFile(filepath.Join(site, "content/a.md"), []byte("a"), 0o644)
	os.WriteFile(filepath.Join(site, "content/b.md"), []byte("b"), 0o644)
	run(t, repo, nil, "add", ".")
	run(t, repo, append(id, "GIT_COMMITTER_DATE=2023-01-01T00:00:00Z", "GIT_AUTHOR_DATE=2023-01-01T00:00:00Z"), "commit", "-q", "-m", "one")
	os.WriteFile(filepath.Join(site, "content/b.md"), []byte("b2"), 0o644)
	run(t, repo, nil, "add", ".")
	run(t, repo, append(id, "GIT_COMMITTER_DATE=2024-06-01T12:00:00Z", "GIT_AUTHOR_DATE=2024-06-01T12:00:00Z"), "commit", "-q", "-m", "two")

	stamp, ok := Stamp(site)
	if !ok {
		t.Fatal("Stamp found no reflog in a repository with two commits")
	}
	d, err := Load(context.Background(), site, "content")
	if err != nil {
		t.Fatal(err)
	}
	day := func(t time.Time) string { return t.UTC().Format("2006-01-02") }
	if got := day(d["content/a.md"].Last); got != "2023-01-01" {
		t.Errorf("a.md last changed: %s", got)
	}
	if got, first := day(d["content/b.md"].Last), day(d["content/b.md"].First); got != "2024-06-01" || first != "2023-01-01" {
		t.Errorf("b.md first and last changed: %s, %s; want 2023-01-01, 2024-06-01", first, got)
	}
	if again, _ := Stamp(site); again != stamp {
		t.Errorf("the stamp changed with no commit: %q, then %q", stamp, again)
	}
	os.WriteFile(filepath.Join(site, "content/a.md"), []byte("a2"), 0o644)
	run(t, repo, nil, "add", ".")
	run(t, repo, append(id, "GIT_COMMITTER_DATE=2025-03-01T00:00:00Z", "GIT_AUTHOR_DATE=2025-03-01T00:00:00Z"), "commit", "-q", "-m", "three")
	if again, _ := Stamp(site); again == stamp {
		t.Errorf("the stamp did not change with a commit: %q", again)
	}
	if d, _ := Load(context.Background(), t.TempDir(), "content"); d != nil {
		t.Errorf("a folder outside git gave dates: %v", d)
	}
}
