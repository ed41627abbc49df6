package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFilesOnDiskWriteAsAdded(t *testing.T) {
	dir := t.TempDir()
	fs := OnDisk(dir)
	if err := fs.Add("a/b/index.html", []byte("<p>hi</p>"), "content/a/b.md"); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "a/b/index.html")); err != nil || string(b) != "<p>hi</p>" {
		t.Fatalf("file on disk: %q, %v", b, err)
	}
	if err := fs.Add("a/b/index.html", []byte("x"), "content/a/b/index.md"); err == nil || !strings.Contains(err.Error(), "content/a/b.md and content/a/b/index.md") {
		t.Errorf("a second file at the same path: %v", err)
	}
	if f, ok := fs.Get("a/b/index.html"); !ok || string(f.Data) != "<p>hi</p>" || f.Size != 9 {
		t.Errorf("Get reads the file back: %+v", f)
	}
	fs.Delete("a/b/index.html")
	if _, err := os.Stat(filepath.Join(dir, "a/b/index.html")); !os.IsNotExist(err) {
		t.Error("Delete left the file on disk")
	}
	if err := fs.Add("../escape.html", []byte("x"), ""); err == nil {
		t.Error("a path leaving the folder was written")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "escape.html")); err == nil {
		t.Error("a file was written outside the folder")
	}
}

func TestPublishSwapsAtomically(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	first := NewFiles()
	first.Add("index.html", []byte("one"), "")
	first.Add("old.html", []byte("old"), "")
	if err := Publish(context.Background(), out, first); err != nil {
		t.Fatal(err)
	}
	second := NewFiles()
	second.Add("index.html", []byte("two"), "")
	if err := Publish(context.Background(), out, second); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "two" {
		t.Errorf("index.html = %q", b)
	}
	if _, err := os.Stat(filepath.Join(out, "old.html")); !os.IsNotExist(err) {
		t.Error("a file of the previous site survived the swap")
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
	bad := NewFiles()
	bad.Add("../../x", []byte("x"), "")
	if err := Publish(context.Background(), out, bad); err == nil {
		t.Error("publishing a path outside the folder succeeded")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "two" {
		t.Error("a failed publish changed the output")
	}
}

// TestRebuildKeepsTheSameFiles publishes a rebuild over the last output:
// the output must hold exactly the new files, the unchanged ones must be
// the last build's files (linked, not written again), and nothing may be
// left beside the output.
func TestRebuildKeepsTheSameFiles(t *testing.T) {
	for _, tc := range []struct {
		name     string
		conflict bool // a file of the last build where a folder goes
		exchange bool
	}{
		{"exchanged", false, true},
		{"exchanged: a file where a folder goes", true, true},
		{"two renames", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !tc.exchange {
				defer func(f func(a, b string) error) { exchange = f }(exchange)
				exchange = func(a, b string) error { return errors.ErrUnsupported }
			}
			rebuild(t, tc.conflict)
		})
	}
}

func rebuild(t *testing.T, conflict bool) {
	root := t.TempDir()
	prev := filepath.Join(root, "public")
	write := func(p, data string) {
		full := filepath.Join(prev, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("same/index.html", "<p>unchanged</p>")
	write("edited/index.html", "<p>before</p>")
	write("longer/index.html", "<p>same start")
	write("target.html", "<p>linked</p>")
	write("gone/index.html", "<p>deleted page</p>")
	write("kept.html", "<p>kept unread</p>")
	write("replaced.html", "<p>first made the same</p>")
	if conflict {
		write("file-then-folder", "a file")
	}
	if err := os.Symlink(filepath.Join(prev, "target.html"), filepath.Join(prev, "link.html")); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("0123456789", 20000) // more than one read
	write("big.html", big)
	before := map[string]os.FileInfo{}
	for _, p := range []string{"same/index.html", "big.html", "kept.html"} {
		before[p], _ = os.Lstat(filepath.Join(prev, p))
	}

	fs, err := Stage(prev)
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Discard()
	files := map[string]string{
		"same/index.html":   "<p>unchanged</p>",
		"edited/index.html": "<p>after!</p>",
		"longer/index.html": "<p>same start and more",
		"link.html":         "<p>linked</p>",
		"big.html":          big,
		"new/index.html":    "<p>new</p>",
		"target.html":       "<p>linked</p>",
		"replaced.html":     "<p>first made the same</p>",
		"kept.html":         "<p>kept unread</p>",
	}
	if conflict {
		files["file-then-folder/index.html"] = "<p>now a folder</p>"
	}
	for p, data := range files {
		if err := fs.Add(p, []byte(data), ""); err != nil {
			t.Fatal(err)
		}
	}
	// A file first made the same as the last build's, then replaced: the
	// last build's file must not be written through the link.
	fs.Put("replaced.html", []byte("<p>then changed</p>"), "")
	files["replaced.html"] = "<p>then changed</p>"
	if b, _ := os.ReadFile(filepath.Join(prev, "replaced.html")); string(b) != "<p>first made the same</p>" {
		t.Errorf("replacing a file changed the published site's: %q", b)
	}
	if f, _ := fs.Get("same/index.html"); string(f.Data) != "<p>unchanged</p>" {
		t.Errorf("Get of a file the same as the last build's: %q", f.Data)
	}
	if err := fs.Publish(); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	filepath.WalkDir(prev, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(prev, p)
			got[filepath.ToSlash(rel)] = string(b)
			if fi, _ := os.Lstat(p); !fi.Mode().IsRegular() {
				t.Errorf("%s is not a regular file", rel)
			}
		}
		return nil
	})
	if len(got) != len(files) {
		t.Errorf("the output holds %d files, want %d: %v", len(got), len(files), got)
	}
	for p, data := range files {
		if got[p] != data {
			t.Errorf("%s holds %.40q; want %.40q", p, got[p], data)
		}
	}
	for p, old := range before {
		now, err := os.Lstat(filepath.Join(prev, p))
		if err != nil || !os.SameFile(old, now) {
			t.Errorf("%s was written again instead of linked", p)
		}
	}
	if _, err := os.Stat(filepath.Join(prev, "gone")); !os.IsNotExist(err) {
		t.Error("the folder of a page no longer made is still there")
	}
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}

// TestStagedFilesAreDiscarded: a build that fails or is cancelled leaves
// the output as it was and nothing beside it, and files are published once.
func TestStagedFilesAreDiscarded(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	if err := Publish(context.Background(), out, filesOf("index.html", "one")); err != nil {
		t.Fatal(err)
	}
	fs, err := Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	fs.Add("index.html", []byte("two"), "")
	fs.Discard()
	if err := fs.Publish(); err == nil {
		t.Error("discarded files were published")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Publish(ctx, out, filesOf("index.html", "three")); err == nil {
		t.Error("a cancelled publish succeeded")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "one" {
		t.Errorf("index.html = %q after a discarded and a cancelled publish", b)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}

// TestOneBuildPublishesAtATime: while a build is staged, another build
// into the same folder and serve's clean-up leave its folder alone.
func TestOneBuildPublishesAtATime(t *testing.T) {
	if l, _ := lockDir(t.TempDir()); l == nil {
		t.Skip("no folder locks on this system")
	} else {
		l.Close()
	}
	out := filepath.Join(t.TempDir(), "public")
	first, err := Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Discard()
	if _, err := Stage(out); !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "wait for that build to end") {
		t.Errorf("a second build into the same folder: %v", err)
	}
	if err := Recover(out); !errors.Is(err, ErrBusy) {
		t.Errorf("serve's clean-up while a build runs: %v", err)
	}
	first.Add("index.html", []byte("one"), "")
	if err := first.Publish(); err != nil {
		t.Fatalf("the first build, after the others tried: %v", err)
	}
	second, err := Stage(out)
	if err != nil {
		t.Fatalf("a build after the first one ended: %v", err)
	}
	second.Discard()
}

func filesOf(pathData ...string) *Files {
	fs := NewFiles()
	for i := 0; i+1 < len(pathData); i += 2 {
		fs.Add(pathData[i], []byte(pathData[i+1]), "")
	}
	return fs
}
