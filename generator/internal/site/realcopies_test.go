package site

import (
	"context"
	"fmt"
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

// TestMemoryLinearOnRealPages builds n, 2n and 4n copies of a page with a
// real page's links and checks that what each added page costs in
// allocated bytes does not grow with the site: the second doubling may
// cost at most 2.2 times the first (2 for a linear build). The fixed cost
// of a build (layouts, assets) cancels out of the differences.
func TestMemoryLinearOnRealPages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 700 pages")
	}
	const n = 100
	a := allocatedBuilding(t, realCopies(n))
	b := allocatedBuilding(t, realCopies(2*n))
	c := allocatedBuilding(t, realCopies(4*n))
	first, second := float64(b-a), float64(c-b)
	t.Logf("allocated: %d copies %.1f MB, %d copies %.1f MB, %d copies %.1f MB; the second doubling costs %.2f× the first",
		n, float64(a)/1e6, 2*n, float64(b)/1e6, 4*n, float64(c)/1e6, second/first)
	if second > 2.2*first {
		t.Errorf("memory grows faster than the pages: going from %d to %d copies allocates %.1f MB, %.2f× the %.1f MB from %d to %d (at most 2.2×)",
			2*n, 4*n, second/1e6, second/first, first/1e6, n, 2*n)
	}
}
