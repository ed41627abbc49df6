package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
)

// widths are the screens a page is checked at: a phone, a tablet held
// upright and a laptop.
var widths = []int64{375, 768, 1280}

// brokenWords lists the words in the page's table cells that are split
// over two lines (a word is what lies between spaces, hyphens, dashes and
// slashes, where a line may break).
const brokenWords = `(() => {
	const out = [];
	for (const cell of document.querySelectorAll("main td, main th")) {
		if (!cell.checkVisibility()) continue;
		const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
		for (let n; (n = walk.nextNode());) {
			const re = /[^\s\-\u2010-\u2015\/]{2,}/g;
			for (let m; (m = re.exec(n.data));) {
				const r = document.createRange();
				r.setStart(n, m.index);
				r.setEnd(n, m.index + m[0].length);
				const lines = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.bottom)));
				if (lines.size > 1) out.push(JSON.stringify(m[0]) + " in " + JSON.stringify(cell.textContent.trim().slice(0, 60)));
			}
		}
	}
	return out.slice(0, 10);
})()`

// TestNoWordBrokenInTables checks every table cell of the pages that have
// tables, at each width: a word is never split mid-letter (a table too
// wide scrolls in its own box, or becomes cards).
func TestNoWordBrokenInTables(t *testing.T) {
	url, b := readerSite(t)
	pages := []struct{ path, ready string }{
		{"/case-studies/prime-video-monitoring/", ".metrics"},
		{"/case-studies/", ".case-table"},
		{"/patterns/monolith-modular-microservices/", ".content table"},
		{"/calculators/serverless-vs-containers/", ".calc-prices"},
	}
	for _, w := range widths {
		for _, p := range pages {
			t.Run(fmt.Sprintf("%d px %s", w, p.path), func(t *testing.T) {
				tab := open(t, b, url, p.path, p.ready, w, 800)
				if got := browsertest.Eval[[]string](tab, brokenWords); len(got) > 0 {
					t.Errorf("words split over two lines in the tables of %s at %d px:\n%s", p.path, w, strings.Join(got, "\n"))
				}
			})
		}
	}
}

// TestNothingOverflowsSideways checks each kind of page at a tablet's and
// a laptop's width (TestPhoneNothingOverflowsSideways does the phone).
func TestNothingOverflowsSideways(t *testing.T) {
	url, b := readerSite(t)
	for _, w := range widths[1:] {
		for _, p := range pageTypes {
			t.Run(fmt.Sprintf("%d px %s", w, p.name), func(t *testing.T) {
				tab := open(t, b, url, p.path, p.ready, w, 800)
				if got := browsertest.Eval[[]string](tab, overflowing); len(got) > 0 {
					t.Errorf("on %s at %d px, these reach past the screen:\n%s", p.path, w, strings.Join(got, "\n"))
				}
				if got := browsertest.Eval[[]string](tab, scrollers); len(got) > 0 {
					t.Errorf("on %s at %d px, these scroll sideways without being a named, focusable region:\n%s", p.path, w, strings.Join(got, "\n"))
				}
			})
		}
	}
}

// TestDiagramsFitWithAFullSizeLink checks a case study's diagram at each
// width: the whole drawing is inside the column, scaled rather than cut,
// and a link beside it opens the drawing full size.
func TestDiagramsFitWithAFullSizeLink(t *testing.T) {
	url, b := readerSite(t)
	const path = "/case-studies/prime-video-monitoring/"
	for _, w := range widths {
		t.Run(fmt.Sprintf("%d px", w), func(t *testing.T) {
			tab := open(t, b, url, path, ".diagram img", w, 800)
			browsertest.Eval[bool](tab, `(document.querySelector(".diagram").scrollIntoView(), true)`)
			tab.WaitFor(`document.querySelector(".diagram img").complete && document.querySelector(".diagram img").naturalWidth > 0`, 10*time.Second)
			got := browsertest.Eval[[]float64](tab, `(() => {
				const img = document.querySelector(".diagram img"), r = img.getBoundingClientRect(), col = document.querySelector(".content").getBoundingClientRect();
				return [r.left, r.right, col.left, col.right, r.width / r.height, img.naturalWidth / img.naturalHeight, img.naturalWidth, innerWidth];
			})()`)
			if got[0] < got[2]-0.5 || got[1] > got[3]+0.5 || got[1] > got[7] {
				t.Errorf("the diagram spans %g–%g px, the column %g–%g px: it does not fit", got[0], got[1], got[2], got[3])
			}
			if d := got[4] - got[5]; d > 0.02 || d < -0.02 {
				t.Errorf("the diagram is shown at %.3f:1, drawn at %.3f:1: it is cut or stretched, not scaled", got[4], got[5])
			}
			href := browsertest.Eval[string](tab, `(() => { const a = document.querySelector(".diagram .diagram-open"); return a && a.checkVisibility() ? a.getAttribute("href") : ""; })()`)
			if href == "" {
				t.Fatal("no visible link to open the diagram full size")
			}
			full := b.NewTab()
			full.Viewport(w, 800)
			full.Navigate(url + href)
			full.WaitFor(`!!document.querySelector("img") && document.querySelector("img").complete`, 10*time.Second)
			if fw := browsertest.Eval[float64](full, `document.querySelector("img").getBoundingClientRect().width`); fw < got[6]-0.5 {
				t.Errorf("the full-size page shows the diagram %g px wide, drawn %g px wide", fw, got[6])
			}
		})
	}
}

// TestSearchPageLandmarks checks the search page's landmarks as a screen
// reader lists them: one search landmark, or several each with its own
// name.
func TestSearchPageLandmarks(t *testing.T) {
	url, b := readerSite(t)
	tab := open(t, b, url, "/search/?q=monolith", "#search-results .search-result", 1280, 900)
	tree, err := chromedp.Call(tab.Ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, n := range tree.Nodes {
		if n.Ignored || n.Role == nil || string(n.Role.Value) != `"search"` {
			continue
		}
		name := ""
		if n.Name != nil {
			name = strings.Trim(string(n.Name.Value), `"`)
		}
		names = append(names, name)
	}
	if len(names) == 0 {
		t.Fatal("the search page has no search landmark")
	}
	seen := map[string]bool{}
	for _, n := range names {
		if len(names) > 1 && (n == "" || seen[n]) {
			t.Errorf("the search page has %d search landmarks named %q: several need distinct names", len(names), names)
			break
		}
		seen[n] = true
	}
}

// TestCSPAllowsNoInlineScript checks that the policy the site is served
// with runs scripts from the site's own files only: the theme is applied
// before the first paint without an inline script, hash or nonce.
func TestCSPAllowsNoInlineScript(t *testing.T) {
	h := browsertest.Headers(t)
	csp := h.Get("Content-Security-Policy")
	for _, d := range strings.Split(csp, ";") {
		if f := strings.Fields(d); len(f) > 0 && f[0] == "script-src" {
			if strings.Join(f[1:], " ") != "'self'" {
				t.Errorf("script-src is %q, want 'self' alone", strings.Join(f[1:], " "))
			}
			return
		}
	}
	t.Errorf("no script-src in %q", csp)
}
