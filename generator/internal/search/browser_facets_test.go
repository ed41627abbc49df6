package search

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
)

// facetState is what the results page shows: its results, and per filter
// group the values offered with their counts and the one chosen.
type facetState struct {
	URL     string                    `json:"url"`
	Results []string                  `json:"results"`
	Groups  map[string]map[string]int `json:"groups"`
	Chosen  map[string]string         `json:"chosen"`
}

const readFacets = `(() => {
	const st = {url: location.search, results: [], groups: {}, chosen: {}};
	st.results = [...document.querySelectorAll("#search-results .search-result > a")].map(a => a.pathname);
	for (const g of document.querySelectorAll("#search-results .search-filter-group")) {
		const name = g.getAttribute("aria-label"), vals = {};
		for (const b of g.querySelectorAll(".search-chip")) {
			vals[b.dataset.value] = +b.querySelector(".search-chip-count").textContent;
			if (b.getAttribute("aria-pressed") === "true") st.chosen[name] = b.dataset.value;
		}
		const sels = g.querySelectorAll("select");
		if (sels.length) {
			for (const o of sels[0].options) if (o.value) vals[o.value] = +(/\((\d+)\)/.exec(o.textContent) || [0, -1])[1];
			st.chosen[name] = [...sels].map(s => s.value).join("-");
		}
		st.groups[name] = vals;
	}
	return st; })()`

func facetsNow(tab *browsertest.Tab) facetState {
	st := browsertest.Eval[facetState](tab, readFacets)
	slices.Sort(st.Results)
	return st
}

// TestBrowserFacets: the results page offers company, year (a range) and
// the architecture before and after beside section and tag, each value
// with the number of results choosing it gives; filters combine, and the
// URL holds them, so a shared address shows the same results.
func TestBrowserFacets(t *testing.T) {
	b, url, _ := browserSite(t)
	tab := openTab(t, b, url+"/search/?q=monolith")
	tab.WaitFor(`document.querySelector("#search-results [aria-label='Filter by company']")`, 5*time.Second)
	st := facetsNow(tab)
	want := map[string]map[string]int{
		"Filter by company":           {"Prime Video (Amazon)": 1, "Segment": 1, "Shopify": 1},
		"Filter by year":              {"2018": 1, "2019": 1, "2023": 1},
		"Filter by from architecture": {"Serverless": 1, "Microservices": 1, "Monolith": 1},
		"Filter by to architecture":   {"Monolith": 2, "Modular monolith": 1},
	}
	for g, w := range want {
		if !maps.Equal(st.Groups[g], w) {
			t.Errorf("%s offers %v, want %v", g, st.Groups[g], w)
		}
	}

	// Monolith as the architecture after: two case studies.
	tab.Do(chromedp.Click(chromedp.CSS(`#search-results [aria-label="Filter by to architecture"] .search-chip[data-value="Monolith"]`)))
	tab.WaitFor(`new URLSearchParams(location.search).get("to") === "Monolith"`, 5*time.Second)
	tab.WaitFor(`document.querySelectorAll("#search-results .search-result").length === 2`, 5*time.Second)
	st = facetsNow(tab)
	if !slices.Equal(st.Results, []string{"/case-studies/prime-video/", "/case-studies/segment/"}) {
		t.Errorf("to Monolith: results %v", st.Results)
	}
	if g := st.Groups["Filter by year"]; !maps.Equal(g, map[string]int{"2018": 1, "2023": 1}) {
		t.Errorf("to Monolith: years offered %v, want those of the two results", g)
	}
	if g := st.Groups["Filter by to architecture"]; !maps.Equal(g, map[string]int{"Monolith": 2, "Modular monolith": 1}) {
		t.Errorf("to Monolith: the group itself offers %v, want its counts without its own filter", g)
	}

	// And a year range: 2018 to 2020 leaves Segment.
	tab.Do(chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("search-range-year-from");
		s.value = "2018"; s.dispatchEvent(new Event("change")); })()`))
	tab.WaitFor(`new URLSearchParams(location.search).get("year") === "2018-"`, 5*time.Second)
	// The list offers the years of the results; the URL may name any.
	tab.Do(chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("search-range-year-to");
		s.value = "2018"; s.dispatchEvent(new Event("change")); })()`))
	tab.WaitFor(`new URLSearchParams(location.search).get("year") === "2018"`, 5*time.Second)
	tab.Navigate(url + "/search/?q=monolith&to=Monolith&year=2018-2020")
	tab.WaitFor(`new URLSearchParams(location.search).get("year") === "2018-2020"`, 5*time.Second)
	tab.WaitFor(`document.querySelectorAll("#search-results .search-result").length === 1`, 5*time.Second)
	combined := facetsNow(tab)
	if !slices.Equal(combined.Results, []string{"/case-studies/segment/"}) {
		t.Errorf("to Monolith, 2018-2020: results %v, want Segment", combined.Results)
	}

	// The address alone gives the same page.
	other := openTab(t, b, url+"/search/"+combined.URL)
	other.WaitFor(`document.querySelectorAll("#search-results .search-result").length === 1`, 5*time.Second)
	again := facetsNow(other)
	if !slices.Equal(again.Results, combined.Results) || !maps.Equal(again.Chosen, combined.Chosen) {
		t.Errorf("opened from its URL %s: %+v, want %+v", combined.URL, again, combined)
	}
	if again.Chosen["Filter by year"] != "2018-2020" || again.Chosen["Filter by to architecture"] != "Monolith" {
		t.Errorf("opened from its URL, the filters show %v", again.Chosen)
	}
}

// TestBrowserFacetsWithoutWords: a filter with no words lists every page
// that passes it.
func TestBrowserFacetsWithoutWords(t *testing.T) {
	b, url, _ := browserSite(t)
	tab := openTab(t, b, url+"/search/?company=Shopify")
	tab.WaitFor(`document.querySelectorAll("#search-results .search-result").length > 0`, 5*time.Second)
	st := facetsNow(tab)
	if !slices.Equal(st.Results, []string{"/case-studies/shopify/"}) || st.Chosen["Filter by company"] != "Shopify" {
		t.Errorf("?company=Shopify shows %+v", st)
	}
	tab.Do(chromedp.Click(chromedp.CSS(`#search-results [aria-label="Filter by company"] .search-chip[data-value="Shopify"]`)))
	tab.WaitFor(`location.search === ""`, 5*time.Second)
	if n := browsertest.Eval[int](tab, `document.querySelectorAll("#search-results .search-result").length`); n != 0 {
		t.Errorf("with no words and no filter, %d results", n)
	}
}
