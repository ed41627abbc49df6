package devserver

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
)

// TestPreviewSearchSeesSavedWords: a tab open before a page is saved finds
// the page's words once the search index has them, without a reload: the
// live client hears that the index changed, the search client reads it
// again, and the results on screen follow.
func TestPreviewSearchSeesSavedWords(t *testing.T) {
	browsertest.Require(t)
	p := startPreview(t, previewSite)
	b := browsertest.New(t)
	for _, c := range []struct {
		name, word, open, page, results string
	}{
		// The new page links to the one open, whose list of pages linking
		// to it changes: the page is updated in place, list open.
		{"search box", "quokka", "/notes/other/", "/notes/quokka/", `[role=option] a`},
		// In a new section: the results page itself changes (it lists the
		// sections for readers without JavaScript) and is updated in place.
		{"results page", "wombat", "/search/?q=wombat", "/marsupials/wombat/", `#search-results .search-result > a`},
	} {
		t.Run(c.name, func(t *testing.T) {
			tab := b.NewTab()
			tab.Navigate(p.url + c.open)
			tab.WaitFor(`window.tradeoffsSearch && window.tradeoffsSearch.query`, 10*time.Second)
			tab.Do(chromedp.Evaluate[chromedp.Void](`window.__searchUpdates = 0;
				document.addEventListener("tradeoffs:search-updated", () => window.__searchUpdates++)`))
			const box = "#search-input"
			if c.name == "search box" {
				tab.Do(chromedp.Click(chromedp.CSS(box)), chromedp.SendKeys(chromedp.CSS(box), c.word))
			}
			tab.WaitFor(`[...document.querySelectorAll(".search-status")].some(s => s.textContent.startsWith("No results"))`, 10*time.Second)

			p.write("content"+c.page[:len(c.page)-1]+".md", "---\ntitle: Marsupials\n---\nA "+c.word+" lives here. See [the other note](/notes/other/).\n")
			tab.WaitFor(`window.__searchUpdates > 0`, 20*time.Second)
			found := `[...document.querySelectorAll(` + quote(c.results) + `)].some(a => a.pathname === ` + quote(c.page) + `)`
			tab.WaitFor(found, 10*time.Second)
			if c.name == "search box" {
				// Searching again, anew, finds it too.
				tab.Do(chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape), chromedp.SendKeys(chromedp.CSS(box), c.word))
				tab.WaitFor(found, 10*time.Second)
			}
		})
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestHelloCountsSearchUpdates: a tab that connects (or reconnects after
// being hidden) learns how many times the search index changed, so it can
// tell whether it missed one.
func TestHelloCountsSearchUpdates(t *testing.T) {
	h := newHub()
	h.publish(Event{"update", Update{Build: 3, Search: false}})
	h.publish(Event{"update", Update{Build: 3, Search: true}})
	h.publish(Event{"update", Update{Build: 4}})
	h.publish(Event{"update", Update{Build: 4, Search: true}})
	_, first := h.subscribe()
	hello, _ := json.Marshal(first[0].Data)
	if first[0].Name != "hello" || string(hello) != `{"build":4,"search":2}` {
		t.Errorf("hello: %s %s, want build 4 and 2 search updates", first[0].Name, hello)
	}
}
