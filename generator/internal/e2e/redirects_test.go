package e2e

import (
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/netlifyconf"
)

// netlifyConfig reads the repository's netlify.toml.
func netlifyConfig(t *testing.T) *netlifyconf.Config {
	t.Helper()
	root, err := findRoot()
	if err != nil {
		t.Fatal(err)
	}
	c, err := netlifyconf.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestRedirectsLeadToPages checks the permanent redirects of pages that
// moved: each leads to a page the site publishes, and no page is still
// published at its old address (Netlify would serve that page instead).
func TestRedirectsLeadToPages(t *testing.T) {
	s := builtSite(t)
	redirects := netlifyConfig(t).Redirects
	for _, r := range redirects {
		if r.Status != 301 || !strings.HasPrefix(r.From, "/") || !strings.HasSuffix(r.To, "/") {
			t.Errorf("netlify.toml: a moved page needs from = \"/old/\", to = \"/new/\" and status = 301; got %+v", r)
			continue
		}
		if !s.Files.Has(strings.TrimPrefix(r.To, "/") + "index.html") {
			t.Errorf("netlify.toml: %s redirects to %s, which the site does not publish", r.From, r.To)
		}
		if s.Files.Has(strings.TrimPrefix(r.From, "/") + "index.html") {
			t.Errorf("netlify.toml: a page is still published at %s, so the redirect to %s would never apply", r.From, r.To)
		}
	}
	// The checklist split in two keeps its old address.
	for _, old := range []string{"/checklists/architecture-evaluation/"} {
		found := false
		for _, r := range redirects {
			found = found || r.From == old
		}
		if !found {
			t.Errorf("%s has no redirect in netlify.toml: links to it would break", old)
		}
	}
}
