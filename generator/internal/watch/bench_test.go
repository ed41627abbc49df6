package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// makeSite writes n pages spread over folders of 50 under content/.
func makeSite(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	for i := range n {
		p := filepath.Join(dir, "content", fmt.Sprintf("s%03d", i/50), fmt.Sprintf("page-%04d.md", i))
		writeFile(b, p, "---\ntitle: page\n---\nbody\n")
	}
	return dir
}

// BenchmarkPollScan measures one scan of the polling watcher over 10,000
// files: its cost per PollInterval.
func BenchmarkPollScan(b *testing.B) {
	dir := makeSite(b, 10_000)
	rs, _ := newRootSet(SiteRoots())
	tr := newTree(dir, rs)
	b.ResetTimer()
	for b.Loop() {
		files, _, _ := tr.scanAll(nil)
		if len(files) != 10_000 {
			b.Fatalf("scanned %d files", len(files))
		}
	}
}

// BenchmarkNew measures starting to watch a site of 10,000 pages: the watches
// on 200 folders and the first scan.
func BenchmarkNew(b *testing.B) {
	dir := makeSite(b, 10_000)
	for b.Loop() {
		w, err := New(dir, SiteRoots(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		_ = w.Close()
	}
}

// BenchmarkSaveToBatch measures an editor's atomic save in a site of 1,000
// pages until its batch is received, with the default options: the
// watcher's share of the dev server's save-to-browser time, mostly the quiet
// period.
func BenchmarkSaveToBatch(b *testing.B) {
	for _, impl := range []implementation{{"notify", Options{}}, {"poll", Options{Poll: true}}} {
		b.Run(impl.name, func(b *testing.B) {
			dir := makeSite(b, 1_000)
			w, err := New(dir, SiteRoots(), impl.opts)
			if err != nil {
				b.Fatal(err)
			}
			defer w.Close()
			page := filepath.Join(dir, "content", "s007", "page-0350.md")
			i := 0
			for b.Loop() {
				i++
				writeFile(b, page+".tmp", fmt.Sprintf("---\ntitle: page\n---\nversion %d\n", i))
				if err := os.Rename(page+".tmp", page); err != nil {
					b.Fatal(err)
				}
				select {
				case <-w.Batches():
				case err := <-w.Errors():
					b.Fatal(err)
				}
			}
		})
	}
}
