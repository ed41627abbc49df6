package search

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
)

// shownResult is a result as the reader sees it: its link and its
// sub-results' links, headings and excerpts.
type shownResult struct {
	Href string     `json:"href"`
	Subs []shownSub `json:"subs"`
}

type shownSub struct {
	Href    string `json:"href"`
	Heading string `json:"heading"`
	Excerpt string `json:"excerpt"`
	Marked  int    `json:"marked"` // highlighted words in heading and excerpt
}

// anchorsExist checks in the tab that each sub-result's link leads to an
// element of its page with that id.
func anchorsExist(t *testing.T, tab *browsertest.Tab, rs []shownResult) {
	t.Helper()
	for _, r := range rs {
		for _, s := range r.Subs {
			path, anchor, ok := strings.Cut(s.Href, "#")
			if !ok || anchor == "" || !strings.HasPrefix(path, r.Href) {
				t.Errorf("sub-result %q links to %s, not to a heading of %s", s.Heading, s.Href, r.Href)
				continue
			}
			found := browsertest.Eval[bool](tab, `fetch(`+jsString(path)+`).then(r => r.text()).then(h =>
				new DOMParser().parseFromString(h, "text/html").getElementById(decodeURIComponent(`+jsString(anchor)+`)) !== null)`)
			if !found {
				t.Errorf("sub-result %q links to %s, which has no element with that id", s.Heading, s.Href)
			}
		}
	}
}

// TestBrowserSubResults: the search box lists, under each page, the
// headings where the words are, each an option linking to its anchor with
// its own excerpt; the keyboard reaches them.
func TestBrowserSubResults(t *testing.T) {
	b, url, _ := browserSite(t)
	tab := openTab(t, b, url+"/")
	tab.Do(chromedp.Click(chromedp.CSS("#site-search")), chromedp.SendKeys(chromedp.CSS("#site-search"), "orchestration"))
	tab.WaitFor(`document.querySelector("[role=listbox]") && document.querySelector("[role=listbox]").getAttribute("data-query") === "orchestration"`, 5*time.Second)
	shown := browsertest.Eval[[]shownResult](tab, `(() => { const out = [];
		for (const o of document.querySelectorAll("[role=option]")) {
			const a = o.querySelector("a");
			if (o.dataset.kind === "page") { out.push({href: a.getAttribute("href"), subs: []}); continue; }
			const h = o.querySelector(".search-sub-heading"), x = o.querySelector(".search-result-snippet");
			out[out.length-1].subs.push({href: a.getAttribute("href"), heading: h.textContent, excerpt: x ? x.textContent : "",
				marked: o.querySelectorAll("mark").length});
		}
		return out; })()`)
	if len(shown) != 2 || shown[0].Href != "/patterns/saga/" || shown[1].Href != "/case-studies/prime-video/" {
		t.Fatalf("results %+v, want the saga, then Prime Video", shown)
	}
	want := map[string]shownSub{
		"/patterns/saga/":            {Href: "/patterns/saga/#orchestration", Heading: "Orchestration", Excerpt: "An orchestrator tells"},
		"/case-studies/prime-video/": {Href: "/case-studies/prime-video/#the-bottleneck", Heading: "The bottleneck", Excerpt: "Step Functions orchestration"},
	}
	for _, r := range shown {
		w := want[r.Href]
		if len(r.Subs) == 0 || r.Subs[0].Href != w.Href || r.Subs[0].Heading != w.Heading || !strings.HasPrefix(r.Subs[0].Excerpt, w.Excerpt) || r.Subs[0].Marked == 0 {
			t.Errorf("%s: sub-results %+v, want first %s %q with an excerpt from %q, the word marked", r.Href, r.Subs, w.Href, w.Heading, w.Excerpt)
		}
	}
	anchorsExist(t, tab, shown)
	name := browsertest.Eval[string](tab, `document.querySelector("[role=option][data-kind=sub]").textContent`)
	if !strings.HasPrefix(name, "Saga") {
		t.Errorf("a sub-result option reads %q: it should name its page for screen readers", name)
	}
	// Down to the saga, then to its sub-result, and Enter opens the section.
	tab.Do(chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
	tab.WaitPath("/patterns/saga/", 10*time.Second)
	if got := browsertest.Eval[string](tab, `location.hash`); got != "#orchestration" {
		t.Errorf("Enter on the sub-result opened %q, want #orchestration", got)
	}
}

// TestBrowserResultsPageSubResults: on the results page each result lists
// at most three sub-results under its own link, with excerpts where the
// index holds them; a page no word's top list holds still lists the
// headings where its words weigh most, and its summary.
func TestBrowserResultsPageSubResults(t *testing.T) {
	// TopK 1: only the best page of each word has excerpts stored.
	b, url, _ := browserSiteWith(t, Options{TopK: 1})
	tab := openTab(t, b, url+"/search/?q=cost")
	tab.WaitFor(`document.querySelectorAll("#search-results .search-result").length > 2`, 5*time.Second)
	shown := browsertest.Eval[[]shownResult](tab, `[...document.querySelectorAll("#search-results .search-result")].map(li => ({
		href: li.querySelector(":scope > a").getAttribute("href"),
		subs: [...li.querySelectorAll(".search-sub")].map(s => ({href: s.querySelector("a").getAttribute("href"),
			heading: s.querySelector(".search-sub-heading").textContent,
			excerpt: (s.querySelector(".search-result-snippet") || {textContent: ""}).textContent,
			marked: s.querySelectorAll("mark").length}))}))`)
	withExcerpt, headingOnly := 0, 0
	for _, r := range shown {
		if len(r.Subs) > 3 {
			t.Errorf("%s shows %d sub-results, want at most 3", r.Href, len(r.Subs))
		}
		for _, s := range r.Subs {
			if s.Excerpt != "" {
				withExcerpt++
				if s.Marked == 0 {
					t.Errorf("%s: the excerpt %q marks no word", s.Href, s.Excerpt)
				}
			} else {
				headingOnly++
			}
		}
	}
	if withExcerpt == 0 || headingOnly == 0 {
		t.Errorf("%d sub-results with excerpts, %d without, want both kinds: %+v", withExcerpt, headingOnly, shown)
	}
	anchorsExist(t, tab, shown)
	if n := browsertest.Eval[int](tab, `[...document.querySelectorAll("#search-results .search-result")].filter(li =>
		!li.querySelector(":scope > a .search-result-snippet") && !li.querySelector(".search-sub .search-result-snippet")).length`); n != 0 {
		t.Errorf("%d results show no text at all", n)
	}
}
