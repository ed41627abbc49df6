package site

import (
	"context"
	"strings"
	"testing"
	"time"
)

// A broken link's "did you mean" names a published page, never the very
// page the link misses; and a build that reuses the last one's link checks
// suggests what a build from scratch does. Here a broken layout publishes
// no page at all, and a page is then deleted: the published pages stay the
// same (none), the pages the site knows do not.
func TestLinkSuggestionsArePublishedPages(t *testing.T) {
	files := map[string]string{
		"layouts/page.html":     "{{define \"main\"}}{{.Title}\n{{end}}",
		"content/notes/n1.md":   "---\ntitle: One\n---\nOne.\n",
		"content/notes/x.md":    "---\ntitle: X\n---\nSee [one](/notes/n1/) and [that](/notes/n2/).\n",
		"content/notes/more.md": "---\ntitle: More\n---\nMore.\n",
	}
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	b := NewBuilder()
	first, err := b.Build(context.Background(), Options{FS: siteFS(files), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if msg := first.Diags.Error(); strings.Contains(msg, "/notes/n1/; did you mean /notes/n1/") {
		t.Errorf("a broken link suggests the page it links to, which is not published:\n%s", msg)
	}
	files["content/notes/n1.md"] = "" // deleted
	again, err := b.Build(context.Background(), Options{FS: siteFS(files), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if msg := compareSites(again, buildSite(t, siteFS(files))); msg != "" {
		t.Errorf("after deleting a page, the build that reused the last one's differs from a build from scratch: %s", msg)
	}
}
