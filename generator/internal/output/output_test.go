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
