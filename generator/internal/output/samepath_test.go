package output

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestSameFilePutConcurrently: pages converted on several cores put the
// same file (a diagram two pages draw alike is one file, named by its
// content) at the same time. Every Put must succeed and the file hold its
// bytes, as when they come one after the other.
func TestSameFilePutConcurrently(t *testing.T) {
	dir := t.TempDir()
	fs := OnDisk(dir)
	data := []byte("<svg>the same diagram</svg>")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				fs.Put("diagrams/abc.svg", data, "content/notes/a.md")
			}
		})
	}
	wg.Wait()
	if err := fs.Err(); err != nil {
		t.Fatalf("putting one file from several goroutines: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "diagrams/abc.svg")); err != nil || string(b) != string(data) {
		t.Errorf("the file holds %q, %v", b, err)
	}
}
