package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
	"github.com/tradeoffs/tradeoffs/generator/internal/devserver"
)

// jsQuote writes s as a JavaScript string literal.
func jsQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// pageTypes are one page of each kind the site has, as a reader meets it.
var pageTypes = []struct{ name, path, ready string }{
	{"home", "/", ".home-group"},
	{"case study", "/case-studies/prime-video-monitoring/", ".facts"},
	{"trade-off page", "/patterns/monolith-modular-microservices/", ".alternatives"},
	{"checklist", "/checklists/serverless-or-always-on/", "form.checklist"},
	{"calculator", "/calculators/serverless-vs-containers/", "form.calculator.calc-live"},
	{"search with results", "/search/?q=monolith", "#search-results .search-result"},
	{"tag", "/tags/serverless/", ".cards .card"},
	{"not found", "/no-such-page/", ".not-found"},
}

// readerSite serves the repository's site as the preview server does,
// with the published site's headers, and starts a browser.
func readerSite(t *testing.T) (string, *browsertest.Browser) {
	t.Helper()
	s := builtSite(t)
	if s.Diags.HasErrors() {
		t.Skip("the site does not build; TestRepositorySiteBuildsWithoutProblems reports why")
	}
	return browsertest.Serve(t, devserver.NewHandler(s.Files)), browsertest.New(t)
}

// open loads path in a new tab of width×height and waits for ready.
func open(t *testing.T, b *browsertest.Browser, url, path, ready string, w, h int64) *browsertest.Tab {
	t.Helper()
	tab := b.NewTab()
	if strings.HasPrefix(path, "/no-such-page") {
		tab.AllowErrors() // the browser logs the page's own 404 status
	}
	tab.Viewport(w, h)
	tab.Navigate(url + path)
	if ready != "" {
		tab.WaitFor(`!!document.querySelector(`+jsString(ready)+`)`, 10*time.Second)
	}
	return tab
}

// TestEveryPageTypeHasNoAxeViolations runs axe-core (vendored, see
// browsertest.Axe) on each kind of page, in the light and the dark scheme.
func TestEveryPageTypeHasNoAxeViolations(t *testing.T) {
	url, b := readerSite(t)
	for _, p := range pageTypes {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(p.name+"/"+scheme, func(t *testing.T) {
				tab := open(t, b, url, p.path, p.ready, 1280, 900)
				tab.ColorScheme(scheme)
				if vs := browsertest.Axe(tab); len(vs) > 0 {
					var lines []string
					for _, v := range vs {
						lines = append(lines, v.String())
					}
					t.Errorf("%d axe violation(s) on %s in the %s scheme:\n%s", len(vs), p.path, scheme, strings.Join(lines, "\n"))
				}
			})
		}
	}
}

// overflowing lists the elements whose box reaches past the viewport's
// sides, leaving out those inside a box that scrolls or clips sideways
// (a table's own scroll region).
const overflowing = `(() => {
	const w = document.documentElement.clientWidth, out = [];
	for (const el of document.querySelectorAll("body *")) {
		const r = el.getBoundingClientRect();
		if (r.width === 0 || (r.right <= w + 0.5 && r.left >= -0.5)) continue;
		let a = el.parentElement, inside = false;
		for (; a && a !== document.body; a = a.parentElement) {
			if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(a).overflowX)) { inside = true; break; }
		}
		if (!inside) out.push(el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") + " [" + Math.round(r.left) + ", " + Math.round(r.right) + "]");
	}
	return out.slice(0, 10);
})()`

// scrollers lists the boxes that scroll sideways but are not a region a
// keyboard can reach and a screen reader can name (a table's box is one);
// a box whose content is only links or controls is reached through them.
const scrollers = `[...document.querySelectorAll("body *")].filter(e => {
	const s = getComputedStyle(e).overflowX;
	if (!/(auto|scroll)/.test(s) || e.scrollWidth <= e.clientWidth + 1 || !e.checkVisibility()) return false;
	return !(e.tabIndex === 0 && e.getAttribute("role") === "region" && (e.hasAttribute("aria-label") || e.hasAttribute("aria-labelledby")));
}).map(e => e.tagName.toLowerCase() + "." + String(e.className).trim().split(/\s+/).join(".") + " (" + e.scrollWidth + " > " + e.clientWidth + ")")`

// TestPhoneNothingOverflowsSideways checks at 375 px that no element of
// any kind of page reaches past the screen's sides.
func TestPhoneNothingOverflowsSideways(t *testing.T) {
	url, b := readerSite(t)
	for _, p := range pageTypes {
		t.Run(p.name, func(t *testing.T) {
			tab := open(t, b, url, p.path, p.ready, 375, 740)
			if got := browsertest.Eval[[]string](tab, overflowing); len(got) > 0 {
				t.Errorf("on %s at 375 px, these reach past the screen:\n%s", p.path, strings.Join(got, "\n"))
			}
			if w := browsertest.Eval[int](tab, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); w > 0 {
				t.Errorf("%s scrolls sideways by %d px at 375 px", p.path, w)
			}
			if got := browsertest.Eval[[]string](tab, scrollers); len(got) > 0 {
				t.Errorf("on %s at 375 px, these scroll sideways without being a named, focusable region (a diagram must fit instead):\n%s", p.path, strings.Join(got, "\n"))
			}
		})
	}
}

// visible is a JavaScript test of whether the element sel is shown.
func visible(sel string) string {
	return `(() => { const e = document.querySelector(` + jsString(sel) + `); return !!e && e.checkVisibility() && e.getBoundingClientRect().height > 0; })()`
}

// TestPhoneMenuOpensAndCloses checks the header's menu at 375 px: a
// button that says whether the navigation is open, opened and closed by
// a tap and by Escape; and without JavaScript, the <details> it is built
// on does the same.
func TestPhoneMenuOpensAndCloses(t *testing.T) {
	url, b := readerSite(t)
	t.Run("with JavaScript", func(t *testing.T) {
		tab := open(t, b, url, "/", "button.menu-button", 375, 740)
		if h := browsertest.Eval[float64](tab, `document.querySelector(".site-header").getBoundingClientRect().height`); h > 64 {
			t.Errorf("the header is %g px tall on a phone, want one compact row (at most 64)", h)
		}
		if !browsertest.Eval[bool](tab, visible("form.search-form input[type=search]")) {
			t.Error("the search box is not in the phone's header")
		}
		button := `document.querySelector("button.menu-button")`
		if got := browsertest.Eval[string](tab, button+`.getAttribute("aria-controls")`); got != "site-menu-panel" {
			t.Errorf("the menu button controls %q, want site-menu-panel", got)
		}
		state := func() string { return browsertest.Eval[string](tab, button+`.getAttribute("aria-expanded")`) }
		if state() != "false" || browsertest.Eval[bool](tab, visible(".site-nav a")) {
			t.Fatalf("the menu starts open (aria-expanded=%s)", state())
		}
		tab.Do(chromedp.Click(chromedp.CSS("button.menu-button")))
		tab.WaitFor(visible(".site-nav a[href='/about/']"), 5*time.Second)
		if state() != "true" {
			t.Errorf("open menu: aria-expanded=%s", state())
		}
		tab.Do(chromedp.KeyEvent("\x1b")) // Escape
		tab.WaitFor(`!`+visible(".site-nav a"), 5*time.Second)
		if state() != "false" || browsertest.Eval[string](tab, `document.activeElement.className`) != "menu-button" {
			t.Errorf("after Escape: aria-expanded=%s, focus on %q; want closed, focus on the button", state(), browsertest.Eval[string](tab, `document.activeElement.className`))
		}
		tab.Do(chromedp.Click(chromedp.CSS("button.menu-button")))
		tab.WaitFor(visible(".site-nav a"), 5*time.Second)
		tab.Do(chromedp.Click(chromedp.CSS("button.menu-button")))
		tab.WaitFor(`!`+visible(".site-nav a"), 5*time.Second)
		if state() != "false" {
			t.Errorf("a second tap leaves aria-expanded=%s", state())
		}
	})
	t.Run("without JavaScript", func(t *testing.T) {
		tab := b.NewTab()
		tab.NoScript()
		tab.Viewport(375, 740)
		tab.Navigate(url + "/")
		if browsertest.Eval[bool](tab, visible(".site-nav a")) || !browsertest.Eval[bool](tab, visible("summary.menu-button")) {
			t.Fatal("without JavaScript the menu does not start closed behind its summary")
		}
		tab.Do(chromedp.Click(chromedp.CSS("summary.menu-button")))
		tab.WaitFor(visible(".site-nav a[href='/about/']"), 5*time.Second)
		tab.Do(chromedp.Click(chromedp.CSS("summary.menu-button")))
		tab.WaitFor(`!`+visible(".site-nav a"), 5*time.Second)
	})
	t.Run("wide screen", func(t *testing.T) {
		for _, js := range []bool{true, false} {
			tab := b.NewTab()
			if !js {
				tab.NoScript()
			}
			tab.Viewport(1280, 900)
			tab.Navigate(url + "/")
			if !browsertest.Eval[bool](tab, visible(".site-nav a[href='/about/']")) || browsertest.Eval[bool](tab, visible(".menu-button")) {
				t.Errorf("JavaScript %v: at 1280 px the navigation is not shown in the header without a menu button", js)
			}
		}
	})
}

// TestPhoneCaseStudyStartsOnTheFirstScreen checks a long case study at
// 375 px: its text starts on the first screen, the contents list starts
// closed and stays reachable at the top while reading, and a jump from it
// lands the heading below the sticky bars.
func TestPhoneCaseStudyStartsOnTheFirstScreen(t *testing.T) {
	url, b := readerSite(t)
	tab := open(t, b, url, "/case-studies/prime-video-monitoring/", ".facts", 375, 740)
	top := browsertest.Eval[float64](tab, `document.querySelector(".page-body .content > *").getBoundingClientRect().top + scrollY`)
	if top > 700 {
		t.Errorf("the text starts %g px down on a 740 px screen, want it on the first screen (at most 700)", top)
	}
	if browsertest.Eval[bool](tab, `document.querySelector(".toc details").open || document.querySelector(".facts-more").open`) {
		t.Error("the contents list or the facts' details start open on a phone")
	}
	browsertest.Eval[bool](tab, `(window.scrollTo(0, document.body.scrollHeight * 0.6), true)`)
	tab.WaitFor(`Math.abs(document.querySelector(".toc").getBoundingClientRect().top - document.querySelector(".site-header").getBoundingClientRect().bottom) < 2`, 5*time.Second)
	tab.WaitFor(`document.querySelector(".toc-current").textContent !== ""`, 5*time.Second) // it names the section being read
	tab.Do(chromedp.Click(chromedp.CSS(".toc-summary")))
	tab.WaitFor(visible(".toc-details a"), 5*time.Second)
	id := browsertest.Eval[string](tab, `document.querySelectorAll(".toc-details a")[2].getAttribute("href").slice(1)`)
	tab.Do(chromedp.Click(chromedp.CSS(`.toc-details a[href="#` + id + `"]`)))
	tab.WaitFor(`!document.querySelector(".toc details").open`, 5*time.Second)
	tab.WaitFor(`(() => { const r = document.getElementById(`+jsString(id)+`).getBoundingClientRect(); return r.top >= document.querySelector(".toc").getBoundingClientRect().bottom - 1 && r.top < innerHeight / 2; })()`, 5*time.Second)
}

// TestContentsFollowTheReading checks that the contents list highlights
// the section on screen as the reader scrolls.
func TestContentsFollowTheReading(t *testing.T) {
	url, b := readerSite(t)
	tab := open(t, b, url, "/case-studies/prime-video-monitoring/", ".toc", 1280, 900)
	ids := browsertest.Eval[[]string](tab, `[...document.querySelectorAll(".toc-details a")].map(a => a.getAttribute("href").slice(1))`)
	if len(ids) < 4 {
		t.Fatalf("only %d entries in the contents", len(ids))
	}
	for _, id := range []string{ids[3], ids[1], ids[len(ids)-2]} {
		browsertest.Eval[bool](tab, `(document.getElementById(`+jsString(id)+`).scrollIntoView(), true)`)
		tab.WaitFor(`document.querySelector('.toc-details a[aria-current="true"]') && document.querySelector('.toc-details a[aria-current="true"]').getAttribute("href") === "#`+id+`"`, 5*time.Second)
		if n := browsertest.Eval[int](tab, `document.querySelectorAll('.toc a[aria-current]').length`); n != 1 {
			t.Errorf("%d entries highlighted, want 1", n)
		}
	}
}

// TestPhoneCalculatorSummaryStaysInView changes an input far down a
// calculator at 375 px: the summary of key results stays on screen and
// shows the new result, the change is announced once, through one live
// region, and the chart's text is readable.
func TestPhoneCalculatorSummaryStaysInView(t *testing.T) {
	url, b := readerSite(t)
	tab := open(t, b, url, "/calculators/serverless-vs-containers/", "form.calculator.calc-live", 375, 740)
	// Record every change to a live region: role=status, aria-live (not
	// off), and <output>, which is a status region unless told otherwise.
	browsertest.Eval[bool](tab, `(() => {
		window.liveChanges = [];
		const live = n => { const e = n.nodeType === 1 ? n : n.parentElement; return e && e.closest('[role=status], [role=alert], [aria-live]:not([aria-live=off]), output:not([aria-live=off])'); };
		new MutationObserver(ms => { for (const m of ms) { const r = live(m.target); if (r) window.liveChanges.push((r.className || r.tagName) + ": " + r.textContent.trim()); } })
			.observe(document.body, {subtree: true, childList: true, characterData: true});
		return true;
	})()`)
	field := "#calc-serverless-vs-containers-task_gb"
	browsertest.Eval[bool](tab, `(document.querySelector(`+jsString(field)+`).scrollIntoView({block: "center"}), true)`)
	before := browsertest.Eval[string](tab, `document.querySelector(".calc-summary").textContent`)
	browsertest.Eval[bool](tab, `(() => { const f = document.querySelector(`+jsString(field)+`); f.focus(); f.select(); return true; })()`)
	tab.Do(chromedp.SendKeys(chromedp.CSS(field), "8"))
	tab.WaitFor(`document.querySelector(".calc-summary").textContent !== `+jsQuote(before), 5*time.Second)
	box := browsertest.Eval[[]float64](tab, `(() => { const r = document.querySelector(".calc-summary").getBoundingClientRect(), f = document.querySelector(`+jsString(field)+`).getBoundingClientRect(); return [r.top, r.bottom, f.top, f.bottom, document.querySelector(".site-header").getBoundingClientRect().bottom, innerHeight]; })()`)
	if box[0] < box[4]-1 || box[1] > box[5] || box[0] > box[5]/2 {
		t.Errorf("after the change the summary is at %g–%g px, below the header's %g px? want it in view at the top of a %g px screen", box[0], box[1], box[4], box[5])
	}
	if box[2] < box[1] || box[3] > box[5] {
		t.Errorf("the summary covers the field being changed (field %g–%g px, summary ends at %g px)", box[2], box[3], box[1])
	}
	tab.WaitFor(`document.querySelector(".calc-announce").textContent !== ""`, 5*time.Second)
	if got := browsertest.Eval[[]string](tab, `window.liveChanges`); len(got) != 1 || !strings.HasPrefix(got[0], "calc-announce: ") || !strings.Contains(got[0], "Fargate total: ") {
		t.Errorf("one change made %d live-region updates, want one announcing the key results:\n%s", len(got), strings.Join(got, "\n"))
	}
	if got := browsertest.Eval[string](tab, `(() => { const r = document.querySelector(".calc-announce"); return r.getAttribute("aria-live") || {status: "polite", alert: "assertive"}[r.getAttribute("role")] || "off"; })()`); got != "polite" {
		t.Errorf("the summary is announced %s, want polite", got)
	}
	checkChart(t, tab)
}

// checkChart checks the first chart on the page: its tick labels are at
// least 12 px on screen, and no axis title overlaps a tick label.
func checkChart(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	browsertest.Eval[bool](tab, `(document.querySelector(".calc-chart").scrollIntoView(), true)`)
	got := browsertest.Eval[[]string](tab, `(() => {
		const svg = document.querySelector(".calc-chart-svg"), vb = svg.viewBox.baseVal, scale = svg.getBoundingClientRect().width / vb.width, out = [];
		const ticks = [...svg.querySelectorAll(".calc-tick")].filter(e => e.checkVisibility());
		for (const tk of ticks) {
			const px = parseFloat(getComputedStyle(tk).fontSize) * scale;
			if (px < 12) out.push("tick " + tk.textContent + " is " + px.toFixed(1) + " px");
		}
		for (const label of svg.querySelectorAll(".calc-axis-label")) {
			const a = label.getBoundingClientRect();
			for (const tk of ticks) {
				const b = tk.getBoundingClientRect();
				if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push("axis title " + label.textContent + " overlaps tick " + tk.textContent);
			}
		}
		return ticks.length === 0 ? ["no ticks"] : out;
	})()`)
	if len(got) > 0 {
		t.Errorf("the chart at %d px:\n%s", browsertest.Eval[int](tab, `innerWidth`), strings.Join(got, "\n"))
	}
}

// TestChartReadableOnWiderScreens checks the chart's text at a tablet's
// and a laptop's width too.
func TestChartReadableOnWiderScreens(t *testing.T) {
	url, b := readerSite(t)
	for _, w := range widths[1:] {
		checkChart(t, open(t, b, url, "/calculators/serverless-vs-containers/", "form.calculator.calc-live", w, 900))
	}
}

// TestPhonePriceTableIsCards checks that the price table is one card per
// price at 375 px, each card inside the screen.
func TestPhonePriceTableIsCards(t *testing.T) {
	url, b := readerSite(t)
	tab := open(t, b, url, "/calculators/serverless-vs-containers/", "form.calculator.calc-live", 375, 740)
	got := browsertest.Eval[[]string](tab, `[...document.querySelectorAll(".calc-prices tbody tr")].map(tr => getComputedStyle(tr).display + " " + Math.round(tr.getBoundingClientRect().right))`)
	if len(got) < 5 {
		t.Fatalf("%d price rows", len(got))
	}
	for _, g := range got {
		var display string
		var right int
		fmt.Sscanf(g, "%s %d", &display, &right)
		if display != "block" || right > 375 {
			t.Errorf("a price row is %s, its right edge at %d px: want a card inside the 375 px screen", display, right)
		}
	}
	// The cards are still a table's rows to a screen reader.
	tree, err := chromedp.Call(tab.Ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, n := range tree.Nodes {
		if !n.Ignored && n.Role != nil && string(n.Role.Value) == `"row"` {
			rows++
		}
	}
	if rows < len(got) {
		t.Errorf("the accessibility tree has %d rows for %d price cards: the table's semantics are lost", rows, len(got))
	}
}
