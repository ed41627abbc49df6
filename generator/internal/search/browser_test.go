package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
)

// queryResult is what window.tradeoffsSearch.query resolves to.
type queryResult struct {
	Total   int     `json:"total"`
	Partial bool    `json:"partial"`
	ScoreMs float64 `json:"scoreMs"`
	RankMs  float64 `json:"rankMs"`
	Results []struct {
		URL     string `json:"url"`
		Href    string `json:"href"`
		Title   string `json:"title"`
		Section string `json:"section"`
		Snippet string `json:"snippet"`
		Subs    []struct {
			Href    string `json:"href"`
			Heading string `json:"heading"`
			Snippet string `json:"snippet"`
		} `json:"subs"`
	} `json:"results"`
	Sections map[string]int            `json:"sections"`
	Tags     map[string]int            `json:"tags"`
	Facets   map[string]map[string]int `json:"facets"`
}

func (r queryResult) urls() []string {
	var out []string
	for _, x := range r.Results {
		out = append(out, x.URL)
	}
	return out
}

// browserSite builds the index of the test corpus, serves the site and
// opens the home page in a fresh tab.
func browserSite(t *testing.T) (*browsertest.Browser, string, Files) {
	t.Helper()
	return browserSiteWith(t, Options{Facets: testFacets})
}

// browserSiteWith is browserSite with the index made with opts.
func browserSiteWith(t *testing.T, opts Options) (*browsertest.Browser, string, Files) {
	t.Helper()
	docs := testCorpus(t)
	files, err := Build(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	url := browsertest.Serve(t, siteHandler(siteFS(t, docs, files)))
	return browsertest.New(t), url, files
}

func openTab(t *testing.T, b *browsertest.Browser, url string) *browsertest.Tab {
	t.Helper()
	tab := b.NewTab()
	tab.Navigate(url)
	tab.WaitFor(`window.tradeoffsSearch !== undefined && window.tradeoffsSearch.query !== undefined`, 5*time.Second)
	return tab
}

// TestBrowserQueries checks what the client finds for the kinds of query
// readers type: plain words, prefixes, other forms of a word, typos and
// quoted phrases.
func TestBrowserQueries(t *testing.T) {
	b, url, files := browserSite(t)
	tab := openTab(t, b, url+"/")
	cases := []struct {
		q       string
		first   string   // expected first result ("" to skip)
		has     []string // must be among the results
		hasNot  []string // must not be among the results
		partial bool
	}{
		{q: "circuit breaker", first: "/patterns/circuit-breaker/"},
		{q: "orch", has: []string{"/patterns/saga/", "/case-studies/prime-video/"}},
		{q: "scaling", has: []string{"/case-studies/prime-video/"}}, // the page says "scaled"
		{q: "orchestraton", has: []string{"/patterns/saga/"}},       // a typo
		{q: "latnecy", has: []string{"/checklists/serverless-readiness/"}},
		{q: `"request price"`, first: "/calculators/lambda-cost/", hasNot: []string{"/checklists/serverless-readiness/"}},
		{q: "request price", has: []string{"/calculators/lambda-cost/", "/checklists/serverless-readiness/"}},
		{q: "cafe", first: "/about/"},
		{q: "CAFÉ", first: "/about/"},
		{q: "segment monorepo", first: "/case-studies/segment/"},
		{q: "the", has: []string{"/case-studies/prime-video/"}}, // stop words alone still answer
		{q: "packwerk zzzzzz", first: "/case-studies/shopify/", partial: true},
	}
	for _, c := range cases {
		r := browsertest.Eval[queryResult](tab, jsQuery(files.Entry, c.q, ""))
		t.Logf("query %q: %d results, scored in %.1f ms, ranked in %.1f ms", c.q, r.Total, r.ScoreMs, r.RankMs)
		got := r.urls()
		if c.first != "" && (len(got) == 0 || got[0] != c.first) {
			t.Errorf("query %q: first result %v, want %s", c.q, got, c.first)
		}
		for _, u := range c.has {
			if !contains(got, u) {
				t.Errorf("query %q: results %v lack %s", c.q, got, u)
			}
		}
		for _, u := range c.hasNot {
			if contains(got, u) {
				t.Errorf("query %q: results %v include %s", c.q, got, u)
			}
		}
		if r.Partial != c.partial {
			t.Errorf("query %q: partial = %v, want %v", c.q, r.Partial, c.partial)
		}
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// TestBrowserDropdown types into the header box and uses the keyboard.
func TestBrowserDropdown(t *testing.T) {
	b, url, _ := browserSite(t)
	tab := openTab(t, b, url+"/")
	if n := browsertest.Eval[int](tab, `performance.getEntriesByType("resource").filter(e => e.name.includes("/search/")).length`); n != 0 {
		t.Errorf("the page fetched %d index files before any search", n)
	}
	tab.Do(chromedp.KeyEvent("/"))
	tab.WaitFor(`document.activeElement && document.activeElement.id === "site-search"`, 5*time.Second)
	tab.Do(chromedp.SendKeys(chromedp.CSS("#site-search"), "breaker"))
	tab.WaitFor(`document.querySelectorAll("[role=listbox] [role=option]").length > 0`, 5*time.Second)
	first := browsertest.Eval[string](tab, `document.querySelector("[role=option] a").getAttribute("href")`)
	if !strings.HasPrefix(first, "/patterns/circuit-breaker/") {
		t.Errorf("first option links to %q, want the circuit breaker page", first)
	}
	if got := browsertest.Eval[string](tab, `document.getElementById("site-search").getAttribute("aria-expanded")`); got != "true" {
		t.Errorf("aria-expanded = %q while results show", got)
	}
	if n := browsertest.Eval[int](tab, `document.querySelectorAll("[role=option] mark").length`); n == 0 {
		t.Error("no matched word is highlighted")
	}
	tab.Do(chromedp.KeyEvent("\u001b")) // Escape closes
	if got := browsertest.Eval[string](tab, `document.getElementById("site-search").getAttribute("aria-expanded")`); got != "false" {
		t.Errorf("aria-expanded = %q after Escape", got)
	}
	tab.Do(chromedp.KeyEvent("\u001b")) // a second Escape clears
	if got := browsertest.Eval[string](tab, `document.getElementById("site-search").value`); got != "" {
		t.Errorf("the box holds %q after a second Escape", got)
	}
	tab.Do(chromedp.SendKeys(chromedp.CSS("#site-search"), "saga"))
	tab.WaitFor(`document.querySelector("[role=listbox]").getAttribute("data-query") === "saga"`, 5*time.Second)
	want := browsertest.Eval[string](tab, `document.querySelector("[role=option] a").href`)
	tab.Do(chromedp.KeyEvent(kb.ArrowDown))
	if got := browsertest.Eval[string](tab, `document.getElementById("site-search").getAttribute("aria-activedescendant") || ""`); got == "" {
		t.Error("ArrowDown set no aria-activedescendant")
	}
	tab.Do(chromedp.KeyEvent(kb.Enter))
	if got := waitNavigation(t, tab, want); got != want {
		t.Errorf("Enter opened %s, want %s", got, want)
	}
}

// waitNavigation waits until the tab's location is want, through the
// navigation that destroys the page's JavaScript context, and returns the
// last location seen.
func waitNavigation(t *testing.T, tab *browsertest.Tab, want string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	got := ""
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(tab.Ctx, 2*time.Second)
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
		cancel()
		if err == nil {
			got = href
			if got == want {
				return got
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return got
}

// TestBrowserSectionFilter narrows dropdown results with a section chip.
func TestBrowserSectionFilter(t *testing.T) {
	b, url, _ := browserSite(t)
	tab := openTab(t, b, url+"/")
	tab.Do(chromedp.Click(chromedp.CSS("#site-search")), chromedp.SendKeys(chromedp.CSS("#site-search"), "monolith"))
	tab.WaitFor(`document.querySelectorAll("[role=option]").length > 1`, 5*time.Second)
	chip := `[...document.querySelectorAll(".search-chip")].find(b => b.textContent.startsWith("Patterns"))`
	if got := browsertest.Eval[string](tab, chip+`.textContent`); got != "Patterns 1" {
		t.Errorf("Patterns chip reads %q, want the count of matching patterns", got)
	}
	tab.Do(chromedp.Click(chromedp.CSS(`.search-chip[data-value="patterns"]`)))
	tab.WaitFor(chip+`.getAttribute("aria-pressed") === "true"`, 5*time.Second)
	hrefs := browsertest.Eval[[]string](tab, `[...document.querySelectorAll("[role=option] a")].map(a => a.getAttribute("href"))`)
	if len(hrefs) != 1 || !strings.HasPrefix(hrefs[0], "/patterns/strangler-fig/") {
		t.Errorf("with the Patterns filter the options are %v, want only the strangler fig", hrefs)
	}
	if got := browsertest.Eval[string](tab, `document.activeElement.id`); got != "site-search" {
		t.Errorf("focus moved to %q after picking a filter", got)
	}
}

// TestBrowserResultsPage restores a query and filters from the URL and
// keeps the URL in step with the box.
func TestBrowserResultsPage(t *testing.T) {
	b, url, _ := browserSite(t)
	tab := openTab(t, b, url+"/search/?q=cost&section=calculators")
	tab.WaitFor(`document.querySelectorAll("#search-results .search-result").length > 0`, 5*time.Second)
	if got := browsertest.Eval[string](tab, `document.getElementById("site-search").value`); got != "cost" {
		t.Errorf("the box holds %q, want the query from the URL", got)
	}
	hrefs := browsertest.Eval[[]string](tab, `[...document.querySelectorAll("#search-results .search-result > a")].map(a => a.pathname)`)
	slices.Sort(hrefs)
	if want := []string{"/calculators/cluster-size/", "/calculators/lambda-cost/"}; !slices.Equal(hrefs, want) {
		t.Errorf("results %v, want %v", hrefs, want)
	}
	if n := browsertest.Eval[int](tab, `document.querySelectorAll("#search-results .search-chip").length`); n < 4 {
		t.Errorf("%d filter chips, want section and tag filters", n)
	}
	if browsertest.Eval[bool](tab, `document.getElementById("search-results").textContent.includes("needs JavaScript")`) {
		t.Error("the no-JavaScript text is still shown")
	}
	// A tag filter, then a new query: the URL follows.
	tab.Do(chromedp.Click(chromedp.CSS(`#search-results [aria-label="Filter by tag"] .search-chip`)))
	tab.WaitFor(`new URLSearchParams(location.search).get("tag") !== null`, 5*time.Second)
	tab.Do(chromedp.SendKeys(chromedp.CSS("#site-search"), " calculator"))
	tab.WaitFor(`new URLSearchParams(location.search).get("q") === "cost calculator"`, 5*time.Second)
	if got := browsertest.Eval[string](tab, `new URLSearchParams(location.search).get("section")`); got != "calculators" {
		t.Errorf("section in the URL is %q after typing", got)
	}
}

// TestBrowserShortcuts: "/" focuses the search box unless the reader is
// typing elsewhere; Ctrl-K focuses it from anywhere.
func TestBrowserShortcuts(t *testing.T) {
	b, url, _ := browserSite(t)
	tab := openTab(t, b, url+"/")
	tab.Do(chromedp.Click(chromedp.CSS("#other-input")), chromedp.KeyEvent("/"))
	if got := browsertest.Eval[string](tab, `document.activeElement.id + " " + document.getElementById("other-input").value`); got != "other-input /" {
		t.Errorf("after typing / in another input: %q, want the slash typed there", got)
	}
	tab.Do(chromedp.KeyEvent("k", chromedp.KeyModifiers(kb.ModifierCtrl)))
	tab.WaitFor(`document.activeElement.id === "site-search"`, 5*time.Second)
	if got := browsertest.Eval[string](tab, `document.getElementById("site-search").value`); got != "" {
		t.Errorf("Ctrl-K typed %q into the box", got)
	}
}

// TestBrowserResultsPaging shows results twenty at a time.
func TestBrowserResultsPaging(t *testing.T) {
	docs := syntheticDocs(60, 2)
	files, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	url := browsertest.Serve(t, siteHandler(siteFS(t, docs, files)))
	tab := openTab(t, browsertest.New(t), url+"/search/?q=latency")
	tab.WaitFor(`document.querySelectorAll("#search-results .search-result").length === 20`, 5*time.Second)
	total := browsertest.Eval[int](tab, `parseInt(document.querySelector("#search-results .search-status").textContent)`)
	if total <= 20 {
		t.Fatalf("%d results for a word on most pages", total)
	}
	tab.Do(chromedp.Click(chromedp.CSS(".search-more")))
	tab.WaitFor(fmt.Sprintf(`document.querySelectorAll("#search-results .search-result").length === %d`, min(total, 40)), 5*time.Second)
	urls := browsertest.Eval[[]string](tab, `[...document.querySelectorAll("#search-results .search-result > a")].map(a => a.pathname)`)
	seen := map[string]bool{}
	for _, u := range urls {
		if seen[u] {
			t.Errorf("%s shown twice", u)
		}
		seen[u] = true
	}
}

// TestCompletionNeverOutranksTheWord: the last word typed is also matched as
// a prefix ("cloud" finds "CloudFront"), but a completion, however rare,
// counts for no more than the word itself: the page about the cloud comes
// before the page that names CloudFront eleven times.
func TestCompletionNeverOutranksTheWord(t *testing.T) {
	filler := strings.Repeat("Other words fill the page so that its length is like a real one. ", 30)
	docs := []Doc{
		{URL: "/case-studies/exit/", Title: "Leaving the cloud", Section: "case-studies", SectionTitle: "Case studies",
			Blocks: []Block{{Text: "The team moved its apps out of the cloud to owned servers. " + filler + "The cloud bill fell; the cloud contracts ran out."}}},
		{URL: "/patterns/cdn/", Title: "Caching at the edge", Section: "patterns", SectionTitle: "Trade-offs",
			Blocks: []Block{{Text: strings.Repeat("CloudFront caches pages at the edge. ", 11) + "A cloud provider runs it. " + filler}}},
	}
	for i := range 20 { // enough pages for "cloud" to be common and "cloudfront" rare
		docs = append(docs, Doc{URL: fmt.Sprintf("/notes/n%d/", i), Title: fmt.Sprintf("Note %d", i),
			Blocks: []Block{{Text: "Running in the cloud costs money. " + filler}}})
	}
	files, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	url := browsertest.Serve(t, siteHandler(siteFS(t, docs, files)))
	tab := openTab(t, browsertest.New(t), url+"/")
	for _, q := range []string{"cloud", "leaving the cloud"} {
		r := browsertest.Eval[queryResult](tab, jsQuery(files.Entry, q, ""))
		if got := r.urls(); len(got) == 0 || got[0] != "/case-studies/exit/" {
			t.Errorf("query %q: results %v, want /case-studies/exit/ first", q, got)
		}
	}
}
