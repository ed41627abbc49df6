package output

import (
	"context"
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

// TestRebuildKeepsTheSameFiles publishes a rebuild over the last output,
// in place (few files changed) and by swapping in a new folder (many did):
// either way the output must hold exactly the new files, the unchanged ones
// must be the last build's files (not written again), and nothing may be
// left beside the output.
func TestRebuildKeepsTheSameFiles(t *testing.T) {
	for _, tc := range []struct {
		name     string
		limit    int
		conflict bool // a file of the last build where a folder goes
		inPlace  bool
	}{
		{"in place", inPlaceLimit, false, true},
		{"swapped: many changes", 0, false, false},
		{"swapped: a file where a folder goes", inPlaceLimit, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func(l int) { inPlaceLimit = l }(inPlaceLimit)
			inPlaceLimit = tc.limit
			rebuild(t, tc.conflict, tc.inPlace)
		})
	}
}

func rebuild(t *testing.T, conflict, inPlace bool) {
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
	if conflict {
		write("file-then-folder", "a file")
	}
	if err := os.Symlink(filepath.Join(prev, "target.html"), filepath.Join(prev, "link.html")); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("0123456789", 20000) // more than one read
	write("big.html", big)
	dirBefore, _ := os.Lstat(prev)
	before := map[string]os.FileInfo{}
	for _, p := range []string{"same/index.html", "big.html"} {
		before[p], _ = os.Lstat(filepath.Join(prev, p))
	}

	tmp, err := Stage(prev)
	if err != nil {
		t.Fatal(err)
	}
	fs := OnDisk(tmp)
	fs.Reuse(prev)
	files := map[string]string{
		"same/index.html":   "<p>unchanged</p>",
		"edited/index.html": "<p>after!</p>",
		"longer/index.html": "<p>same start and more",
		"link.html":         "<p>linked</p>",
		"big.html":          big,
		"new/index.html":    "<p>new</p>",
		"target.html":       "<p>linked</p>",
	}
	if conflict {
		files["file-then-folder/index.html"] = "<p>now a folder</p>"
	}
	for p, data := range files {
		if err := fs.Add(p, []byte(data), ""); err != nil {
			t.Fatal(err)
		}
	}
	if f, _ := fs.Get("same/index.html"); string(f.Data) != "<p>unchanged</p>" {
		t.Errorf("Get of a file the same as the last build's: %q", f.Data)
	}
	if err := fs.Err(); err != nil {
		t.Fatal(err)
	}
	if err := Commit(fs, prev); err != nil {
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
			t.Errorf("%s was written again instead of kept", p)
		}
	}
	if _, err := os.Stat(filepath.Join(prev, "gone")); !os.IsNotExist(err) {
		t.Error("the folder of a page no longer made is still there")
	}
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
	if dirAfter, _ := os.Lstat(prev); os.SameFile(dirBefore, dirAfter) != inPlace {
		t.Errorf("updated in place: %v, want %v", !inPlace, inPlace)
	}
}

// TestInterruptedUpdateIsCompleted stops an update in place after its
// journal and some of its renames, as a killed build would, and checks
// that the next build's Stage completes it before anything else.
func TestInterruptedUpdateIsCompleted(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	for p, data := range map[string]string{"a/index.html": "old a", "b/index.html": "old b", "gone/index.html": "gone"} {
		os.MkdirAll(filepath.Join(out, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(out, p), []byte(data), 0o644)
	}
	tmp, err := Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range map[string]string{"a/index.html": "new a", "b/index.html": "new b"} {
		os.MkdirAll(filepath.Join(tmp, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(tmp, p), []byte(data), 0o644)
	}
	os.WriteFile(filepath.Join(tmp, journalName), []byte("D gone/index.html\nW a/index.html\nW b/index.html\nend\n"), 0o644)
	// The build was killed after the first rename.
	if err := os.Rename(filepath.Join(tmp, "a/index.html"), filepath.Join(out, "a/index.html")); err != nil {
		t.Fatal(err)
	}
	next, err := Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	defer Abort(next)
	for p, want := range map[string]string{"a/index.html": "new a", "b/index.html": "new b"} {
		if b, _ := os.ReadFile(filepath.Join(out, p)); string(b) != want {
			t.Errorf("%s = %q, want %q", p, b, want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "gone")); !os.IsNotExist(err) {
		t.Error("the removal in the journal was not carried out")
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Error("the interrupted build's folder is still there")
	}

	// A journal cut short was never begun: the output stays as it is.
	cut, _ := Stage(out)
	os.WriteFile(filepath.Join(cut, "x.html"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(cut, journalName), []byte("W x.html\n"), 0o644)
	if _, err := Stage(out); err == nil {
		t.Error("a journal cut short was applied or ignored silently")
	}
	os.Remove(filepath.Join(cut, journalName))
	if _, err := Stage(out); err != nil {
		t.Errorf("a folder without a journal is not simply removed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "x.html")); !os.IsNotExist(err) {
		t.Error("a file of an unfinished build reached the output")
	}
}
