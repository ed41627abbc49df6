package e2e

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// redirect is one [[redirects]] table of netlify.toml.
type redirect struct {
	from, to, status string
	line             int
}

// netlifyRedirects reads the [[redirects]] tables of netlify.toml: their
// simple `key = "value"` lines.
func netlifyRedirects(t *testing.T) []redirect {
	t.Helper()
	root, err := findRoot()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(root, "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []redirect
	in := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "[[redirects]]":
			out = append(out, redirect{line: n})
			in = true
		case strings.HasPrefix(line, "["):
			in = false
		case in && strings.Contains(line, "="):
			k, v, _ := strings.Cut(line, "=")
			v = strings.Trim(strings.TrimSpace(v), `"`)
			switch r := &out[len(out)-1]; strings.TrimSpace(k) {
			case "from":
				r.from = v
			case "to":
				r.to = v
			case "status":
				r.status = v
			}
		}
	}
	return out
}

// TestRedirectsLeadToPages checks the permanent redirects of pages that
// moved: each leads to a page the site publishes, and no page is still
// published at its old address (Netlify would serve that page instead).
func TestRedirectsLeadToPages(t *testing.T) {
	s := builtSite(t)
	redirects := netlifyRedirects(t)
	for _, r := range redirects {
		if r.status != "301" || !strings.HasPrefix(r.from, "/") || !strings.HasSuffix(r.to, "/") {
			t.Errorf("netlify.toml:%d: a moved page needs from = \"/old/\", to = \"/new/\" and status = 301; got %+v", r.line, r)
			continue
		}
		if !s.Files.Has(strings.TrimPrefix(r.to, "/") + "index.html") {
			t.Errorf("netlify.toml:%d: %s redirects to %s, which the site does not publish", r.line, r.from, r.to)
		}
		if s.Files.Has(strings.TrimPrefix(r.from, "/") + "index.html") {
			t.Errorf("netlify.toml:%d: a page is still published at %s, so the redirect to %s would never apply", r.line, r.from, r.to)
		}
	}
	// The checklist split in two keeps its old address.
	for _, old := range []string{"/checklists/architecture-evaluation/"} {
		found := false
		for _, r := range redirects {
			found = found || r.from == old
		}
		if !found {
			t.Errorf("%s has no redirect in netlify.toml: links to it would break", old)
		}
	}
}
