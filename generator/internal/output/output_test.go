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

func TestReuseLinksTheSameFilesOnly(t *testing.T) {
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
	if err := os.Symlink(filepath.Join(prev, "target.html"), filepath.Join(prev, "link.html")); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("0123456789", 20000) // more than one read
	write("big.html", big)

	tmp := filepath.Join(root, "next")
	if err := os.Mkdir(tmp, 0o755); err != nil {
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
	}
	for p, data := range files {
		if err := fs.Add(p, []byte(data), ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := fs.Err(); err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		full := filepath.Join(tmp, p)
		b, err := os.ReadFile(full)
		if err != nil || string(b) != data {
			t.Errorf("%s holds %.40q, %v; want %.40q", p, b, err, data)
		}
		info, err := os.Lstat(full)
		if err != nil || !info.Mode().IsRegular() {
			t.Errorf("%s is not a regular file: %v", p, err)
			continue
		}
		old, err := os.Lstat(filepath.Join(prev, p))
		linked := err == nil && os.SameFile(info, old)
		if want := p == "same/index.html" || p == "big.html"; linked != want {
			t.Errorf("%s linked from the last build: %v, want %v", p, linked, want)
		}
	}
	// The last build's folder can go: the new one keeps its files.
	if err := os.RemoveAll(prev); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(tmp, "same/index.html")); err != nil || string(b) != "<p>unchanged</p>" {
		t.Errorf("after the last build's folder was removed: %q, %v", b, err)
	}
}
