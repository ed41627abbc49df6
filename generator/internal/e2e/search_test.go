package e2e

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/devserver"
)

// queryResult is what the search client's query API returns per result.
type queryResult struct {
	URL  string `json:"url"`
	Href string `json:"href"`
}

// TestSearchFindsTheKnowledgeBase runs queries against the real site's index
// in the browser, with the client's own query API: each case study is found
// by its company's name, and typical reader queries find the right page
// first, through prefixes, stemming, typos and phrases.
func TestSearchFindsTheKnowledgeBase(t *testing.T) {
	s := builtSite(t)
	if s.Diags.HasErrors() {
		t.Skip("the site does not build")
	}
	url := browsertest.Serve(t, devserver.NewHandler(s.Files))
	tab := browsertest.New(t).NewTab()
	tab.Navigate(url + "/")
	tab.WaitFor(`window.tradeoffsSearch && window.tradeoffsSearch.query`, 10*time.Second)
	query := func(q string) []queryResult {
		t.Helper()
		raw := browsertest.Eval[string](tab, `tradeoffsSearch.query("/search/entry.json", `+jsString(q)+`, {}, 5).then(r => JSON.stringify(r.results))`)
		var res []queryResult
		if err := json.Unmarshal([]byte(raw), &res); err != nil {
			t.Fatalf("query %q: %v (%s)", q, err, raw)
		}
		return res
	}
	found := func(q, wantURL string, within int) {
		t.Helper()
		res := query(q)
		for i, r := range res {
			if i < within && r.URL == wantURL {
				return
			}
		}
		var got []string
		for _, r := range res {
			got = append(got, r.URL)
		}
		t.Errorf("search %q: %s not in the first %d results: %v", q, wantURL, within, got)
	}

	root, _ := findRoot()
	for _, p := range caseStudies(t, root) {
		found(p.company, p.url, 3)
	}
	for _, c := range []struct{ q, url string }{
		{"prime video", "/case-studies/prime-video-monitoring/"},
		{"step functions", "/case-studies/prime-video-monitoring/"},
		{"orch", "/patterns/orchestration-vs-choreography/"},         // prefix while typing
		{"istiod", "/case-studies/istio-istiod/"},                    // a product name
		{"leaving the cloud", "/case-studies/37signals-cloud-exit/"}, // stemming: leaving → leave
		{"choreograpy", "/patterns/orchestration-vs-choreography/"},  // a typo
		{`"modular monolith"`, "/case-studies/shopify-modular-monolith/"},
		{"break-even", "/calculators/serverless-vs-containers/"},
	} {
		found(c.q, c.url, 3)
	}

	t.Run("typing in the box shows results and Enter opens the first", func(t *testing.T) {
		tab.Do(chromedp.Click(chromedp.CSS(`#search-input`)), chromedp.SendKeys(chromedp.CSS(`#search-input`), "istiod"))
		tab.WaitFor(`document.querySelector('[role=option]')`, 10*time.Second)
		tab.Do(chromedp.KeyEvent(kb.ArrowDown))
		tab.WaitFor(`document.querySelector("#search-input").getAttribute("aria-activedescendant")`, 5*time.Second)
		tab.Do(chromedp.KeyEvent(kb.Enter))
		tab.WaitPath("/case-studies/istio-istiod/", 10*time.Second)
	})
}

type caseStudy struct{ company, url string }

// caseStudies lists the repository's case studies with their company names
// (the first words, before any parenthesis: "Prime Video (Amazon)" → "Prime Video").
func caseStudies(t *testing.T, root string) []caseStudy {
	s := builtSite(t)
	_ = s
	var out []caseStudy
	site, _ := loadContent(root)
	for _, p := range site.Pages {
		cs, ok := p.Meta.(*content.CaseStudy)
		if !ok {
			continue
		}
		name, _, _ := strings.Cut(cs.Company, "(")
		out = append(out, caseStudy{strings.TrimSpace(name), p.URL})
	}
	if len(out) < 10 {
		t.Fatalf("only %d case studies", len(out))
	}
	return out
}

func loadContent(root string) (*content.Site, error) {
	s, diags := content.Load(context.Background(), os.DirFS(root), content.Options{})
	return s, diags.Err()
}
