package e2e

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
)

// The knowledge base's own standards beyond the house rules that `check`
// enforces on every page (sections, cited figures, https sources, links
// between case studies and trade-off pages: see package houserules, and
// TestRepositorySiteBuildsWithoutProblems): minimum counts, case-study
// metrics, and the stricter cross-links this repository keeps.

func repoContent(t *testing.T) *content.Site {
	t.Helper()
	root, err := findRoot()
	if err != nil {
		t.Fatal(err)
	}
	site, err := loadContent(root)
	if err != nil {
		t.Fatalf("loading content/: %v", err)
	}
	return site
}

func bySection(site *content.Site, section string) []*content.Page {
	var out []*content.Page
	for _, p := range site.Pages {
		if p.Section == section && p.Kind == content.KindPage {
			out = append(out, p)
		}
	}
	return out
}

func TestMinimumCounts(t *testing.T) {
	site := repoContent(t)
	for section, min := range map[string]int{"case-studies": 10, "patterns": 6, "checklists": 2, "calculators": 4} {
		if n := len(bySection(site, section)); n < min {
			t.Errorf("%s: %d pages, want at least %d", section, n, min)
		}
	}
	for _, url := range []string{"/", "/about/", "/glossary/"} {
		if !slices.ContainsFunc(site.Pages, func(p *content.Page) bool { return p.URL == url }) {
			t.Errorf("no page at %s", url)
		}
	}
}

var linkRE = regexp.MustCompile(`\]\((/[a-z0-9/#_-]+)\)`)

func TestCaseStudiesAreComplete(t *testing.T) {
	for _, p := range bySection(repoContent(t), "case-studies") {
		cs := p.Meta.(*content.CaseStudy)
		if len(cs.Metrics) == 0 {
			t.Errorf("%s: no outcome metrics", p.Source)
		}
		if len(cs.Architecture) != 2 {
			t.Errorf("%s: no 'architecture: [before, after]': search filters case studies by it", p.Source)
		}
		for _, m := range cs.Metrics {
			if m.Before == "" || m.After == "" {
				t.Errorf("%s: metric %q lacks a before or an after value", p.Source, m.Label)
			}
		}
	}
}

func linksOf(p *content.Page) []string {
	var out []string
	for _, m := range linkRE.FindAllStringSubmatch(string(p.Body), -1) {
		u, _, _ := strings.Cut(m[1], "#")
		out = append(out, u)
	}
	return out
}

func TestCrossLinks(t *testing.T) {
	site := repoContent(t)
	for _, p := range bySection(site, "case-studies") {
		var patterns, tools int
		seen := map[string]bool{}
		for _, u := range linksOf(p) {
			if seen[u] {
				continue
			}
			seen[u] = true
			switch {
			case strings.HasPrefix(u, "/patterns/") && u != "/patterns/":
				patterns++
			case strings.HasPrefix(u, "/checklists/") && u != "/checklists/", strings.HasPrefix(u, "/calculators/") && u != "/calculators/":
				tools++
			}
		}
		if patterns < 2 || tools < 1 {
			t.Errorf("%s links to %d trade-off pages and %d checklists or calculators; want at least 2 and 1", p.Source, patterns, tools)
		}
	}
	// Each trade-off page names case studies on each side of it.
	for _, p := range bySection(site, "patterns") {
		n := 0
		for _, u := range linksOf(p) {
			if strings.HasPrefix(u, "/case-studies/") && u != "/case-studies/" {
				n++
			}
		}
		if n < 2 {
			t.Errorf("%s links to %d case studies; want the case studies on each side (2 or more)", p.Source, n)
		}
	}
}

// TestCaseStudiesLinkedFromTradeOffPages checks, in the built site, that
// every trade-off page a case study links to shows a link back to it (in
// its text or in its generated "Pages that link here" block).
func TestCaseStudiesLinkedFromTradeOffPages(t *testing.T) {
	s := builtSite(t)
	if s.Diags.HasErrors() {
		t.Skip("the site does not build")
	}
	for _, p := range bySection(repoContent(t), "case-studies") {
		for _, u := range linksOf(p) {
			if !strings.HasPrefix(u, "/patterns/") || u == "/patterns/" {
				continue
			}
			f, ok := s.Files.Get(strings.TrimPrefix(u, "/") + "index.html")
			if !ok {
				continue // a broken link: the build reports it
			}
			if !strings.Contains(string(f.Data), `href="`+p.URL+`"`) {
				t.Errorf("%s links to %s, which does not link back", p.Source, u)
			}
		}
	}
}
