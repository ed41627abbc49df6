package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/output"
)

// realCopies is a site of n copies of a page shaped like a real case study
// (as ../shared/bench/realcopies.sh makes them): footnotes, links to
// glossary terms by anchor and to other pages, the same tags on every
// copy. Every copy links to the glossary, so the glossary's "pages that
// link here" grows with the site: a site-wide page the size of the site.
func realCopies(n int) fstest.MapFS {
	terms := []string{"serverless", "microservice", "orchestration", "monolith", "idempotency",
		"break-even", "savings-plan", "vertical-scaling", "horizontal-scaling", "state-transition"}
	var gloss strings.Builder
	gloss.WriteString("---\ntitle: Glossary\ndate: 2026-11-25\n---\n\nTerms.\n\n")
	for _, t := range terms {
		fmt.Fprintf(&gloss, "## %s {#%s}\n\nWhat %s means, in two sentences. See [the pattern](/notes/p/).\n\n", t, t, t)
	}
	fsys := fstest.MapFS{
		"content/_index.md":      {Data: []byte("---\ntitle: Home\n---\nHome.\n")},
		"content/glossary.md":    {Data: []byte(gloss.String())},
		"content/notes/p.md":     {Data: []byte("---\ntitle: A pattern\ndate: 2026-11-25\n---\n\n## When\n\nText.\n")},
		"content/notes/q.md":     {Data: []byte("---\ntitle: Another pattern\ndate: 2026-11-25\n---\n\n## When\n\nText.\n")},
		"content/bulk/_index.md": {Data: []byte("---\ntitle: Bulk\n---\n")},
	}
	var body strings.Builder
	for h := 0; h < 8; h++ {
		fmt.Fprintf(&body, "## Part %d\n\n", h)
		for i, t := range terms {
			if i%4 == h%4 {
				fmt.Fprintf(&body, "The [%s](/glossary/#%s) side of it cost more than planned.[^s%d-%d] ", t, t, h, i)
			}
		}
		fmt.Fprintf(&body, "See [the pattern](/notes/p/), [the other](/notes/q/#when) and [part 0](#part-0).\n\n")
	}
	for h := 0; h < 8; h++ {
		for i := range terms {
			if i%4 == h%4 {
				fmt.Fprintf(&body, "[^s%d-%d]: Source %d, section %d.\n", h, i, i, h)
			}
		}
	}
	for i := 1; i <= n; i++ {
		page := fmt.Sprintf("---\ntitle: \"Copy %d\"\nsummary: \"A case study, copied.\"\ndate: 2026-11-25\ntags: [serverless, monolith, cost]\n---\n\n%s", i, body.String())
		fsys[fmt.Sprintf("content/bulk/c%d.md", i)] = &fstest.MapFile{Data: []byte(page)}
	}
	return fsys
}

// allocatedBuilding returns the bytes a cold build of fsys allocates, its
// pages written to disk as the build command writes them.
func allocatedBuilding(t *testing.T, fsys fstest.MapFS) uint64 {
	t.Helper()
	opts := Options{FS: fsys, Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Output: output.OnDisk(t.TempDir())}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	s, err := Build(context.Background(), opts)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if s.Diags.HasErrors() {
		t.Fatalf("the copies do not build:\n%s", s.Diags.Error())
	}
	return after.TotalAlloc - before.TotalAlloc
}

// allocatedRebuilding builds fsys with a cache folder, as the build
// command does, changes three copies and returns the bytes the next build
// allocates: a deploy's build, into a fresh output folder, reusing the
// conversions of the pages that did not change from the store.
func allocatedRebuilding(t *testing.T, fsys fstest.MapFS) uint64 {
	t.Helper()
	root := t.TempDir()
	put := writer(t, root)
	for name, f := range fsys {
		put(name, string(f.Data))
	}
	cache := filepath.Join(root, ".cache")
	build := func() *Site {
		staged, err := output.Stage(filepath.Join(t.TempDir(), "public"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { staged.Discard() })
		s, err := Build(context.Background(), Options{FS: os.DirFS(root), Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Output: staged, CacheDir: cache})
		if err != nil {
			t.Fatal(err)
		}
		if s.Diags.HasErrors() {
			t.Fatalf("the copies do not build:\n%s", s.Diags.Error())
		}
		return s
	}
	published := func(s *Site) {
		if err := s.Publish(); err != nil {
			t.Fatal(err)
		}
	}
	published(build())
	for i := 1; i <= 3; i++ {
		name := fmt.Sprintf("content/bulk/c%d.md", i)
		put(name, string(fsys[name].Data)+"\nOne more line.\n")
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	s := build()
	runtime.ReadMemStats(&after)
	if s.Stats.Reused == 0 {
		t.Fatal("the rebuild reused no conversion: it did not read the store")
	}
	published(s)
	return after.TotalAlloc - before.TotalAlloc
}

// TestMemoryLinearOnRealPages builds 200 and 400 copies of a page with a
// real page's links and checks that twice the pages allocate at most 2.2
// times as much (a build whose cost per page does not grow with the site
// allocates less than twice: it has a fixed part).
func TestMemoryLinearOnRealPages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 600 pages")
	}
	linearIn(t, "a build", func(n int) uint64 { return allocatedBuilding(t, realCopies(n)) })
}

// TestRebuildMemoryLinearOnRealPages is the same for a deploy's build with
// three copies changed: it reads the store of conversions and checks every
// page's links again, and must not cost more per page on a larger site.
func TestRebuildMemoryLinearOnRealPages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 600 pages twice")
	}
	linearIn(t, "a rebuild", func(n int) uint64 { return allocatedRebuilding(t, realCopies(n)) })
}

// TestBrokenLinksLinearOnRealPages: with the glossary gone, each of the
// copies has twenty broken links to it, and each broken link's message looks
// for the nearest URL among all the site's: that search must not be made
// again for every link to the same missing page.
func TestBrokenLinksLinearOnRealPages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 600 pages")
	}
	linearIn(t, "a build with every copy's glossary links broken", func(n int) uint64 {
		fsys := realCopies(n)
		delete(fsys, "content/glossary.md")
		opts := Options{FS: fsys, Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Output: output.OnDisk(t.TempDir())}
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		s, err := Build(context.Background(), opts)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		want := n * strings.Count(string(fsys["content/bulk/c1.md"].Data), "](/glossary/")
		if errs, _ := s.Diags.Count(); errs != want {
			t.Fatalf("%d errors, want the %d broken links to the glossary", errs, want)
		}
		return after.TotalAlloc - before.TotalAlloc
	})
}

// linearIn checks that allocated(400) is at most 2.2 times allocated(200).
func linearIn(t *testing.T, what string, allocated func(copies int) uint64) {
	const n = 200
	a, b := float64(allocated(n)), float64(allocated(2*n))
	t.Logf("%s: %.1f MB allocated at %d copies, %.1f MB at %d: %.2f×", what, a/1e6, n, b/1e6, 2*n, b/a)
	if b > 2.2*a {
		t.Errorf("memory grows faster than the pages (%s): %d copies allocate %.1f MB, %.2f× the %.1f MB of %d copies (at most 2.2×)",
			what, 2*n, b/1e6, b/a, a/1e6, n)
	}
}
