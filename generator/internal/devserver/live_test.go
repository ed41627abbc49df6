package devserver

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
)

// longPage is a page long enough to scroll, with a form, an open-able
// <details> and a button whose listener the page's script attaches.
func longPage(version string) string {
	var b strings.Builder
	b.WriteString(`<main><h1 id="top">Version ` + version + `</h1>`)
	for i := range 30 {
		fmt.Fprintf(&b, "<p>Filler paragraph %d above the form.</p>\n", i)
	}
	if version == "two" {
		b.WriteString(`<p id="fresh">A paragraph added in version two.</p>`)
	}
	defaultUsers := map[string]string{"one": "10", "two": "20"}[version]
	b.WriteString(`<form id="calc">
<label>Users <input id="users" name="users" value="` + defaultUsers + `"></label>
<label><input type="checkbox" id="agree" name="agree"> Agree</label>
<fieldset><legend>Size</legend>
<label><input type="radio" id="size-s" name="size" value="s" checked> Small</label>
<label><input type="radio" id="size-l" name="size" value="l"> Large</label>
</fieldset>
<output id="out" for="users">0</output>
</form>
<details id="more"><summary>More (` + version + `)</summary><p>Inside details.</p></details>
<button type="button" id="counter">Count</button>
`)
	for i := range 30 {
		fmt.Fprintf(&b, "<p>Filler paragraph %d below the form, %s.</p>\n", i, version)
	}
	b.WriteString("</main>")
	return doc("Long "+version, testHead, b.String())
}

func TestLive(t *testing.T) {
	b := browsertest.New(t)
	t.Run("morph keeps the reader's state", func(t *testing.T) { testMorphKeepsState(t, b) })
	t.Run("update of another page", func(t *testing.T) { testOtherPage(t, b) })
	t.Run("stylesheet swap", func(t *testing.T) { testCSSSwap(t, b) })
	t.Run("script change reloads", func(t *testing.T) { testJSReload(t, b) })
	t.Run("new page scripts reload", func(t *testing.T) { testScriptSetReload(t, b) })
	t.Run("problems", func(t *testing.T) { testProblems(t, b) })
	t.Run("server restart", func(t *testing.T) { testRestart(t, b) })
	t.Run("hidden tab", func(t *testing.T) { testHiddenTab(t, b) })
	t.Run("search index updates", func(t *testing.T) { testSearchUpdates(t, b) })
	t.Run("morph cases", func(t *testing.T) { testMorphCases(t, b) })
	t.Run("morph random documents", func(t *testing.T) { testMorphRandom(t, b) })
}

func testMorphKeepsState(t *testing.T, b *browsertest.Browser) {
	site := newFakeSite()
	site.set("/long/", longPage("one"), 1)
	tab := liveTest(t, b, site, "/long/")

	// The reader checks, chooses, opens and types, then scrolls.
	tab.Do(
		chromedp.Click(chromedp.CSS("#agree")),
		chromedp.Click(chromedp.CSS("#size-l")),
		chromedp.Click(chromedp.CSS("#more summary")),
		chromedp.SendKeys(chromedp.CSS("#users"), "5"),
	)
	browsertest.Eval[bool](tab, `(() => {
		window.__marker = 42;
		const users = document.getElementById("users");
		users.__identity = "users";
		document.getElementById("fresh") === null || (() => { throw new Error("fresh exists") })();
		users.setSelectionRange(1, 1);
		window.scrollTo(0, 1100);
		return true;
	})()`)
	scrollBefore := browsertest.Eval[float64](tab, `window.scrollY`)
	typed := browsertest.Eval[string](tab, `document.getElementById("users").value`)
	if !strings.Contains(typed, "5") || !strings.Contains(typed, "10") {
		t.Fatalf("typing into the field gave %q", typed)
	}
	if scrollBefore < 500 {
		t.Fatalf("the page did not scroll (scrollY %v): too short for the test", scrollBefore)
	}

	site.set("/long/", longPage("two"), 2)
	site.push(t, "update", update(2, "/long/"))
	tab.WaitFor(`window.__updated === 1`, 10*time.Second)

	checks := []struct{ what, expr string }{
		{"the new heading shows", `document.getElementById("top").textContent === "Version two"`},
		{"the new paragraph shows", `document.getElementById("fresh") !== null`},
		{"the title changed", `document.title === "Long two"`},
		{"the build meta changed", `document.querySelector('meta[name="tradeoffs-build"]').content === "2"`},
		{"no reload", `window.__marker === 42`},
		{"scroll position kept", fmt.Sprintf(`window.scrollY === %v`, scrollBefore)},
		{"typed value kept", fmt.Sprintf(`document.getElementById("users").value === %q`, typed)},
		{"default value of the input updated", `document.getElementById("users").defaultValue === "20"`},
		{"the input is the same element", `document.getElementById("users").__identity === "users"`},
		{"focus kept", `document.activeElement && document.activeElement.id === "users"`},
		{"caret kept", `document.getElementById("users").selectionStart === 1`},
		{"checkbox kept", `document.getElementById("agree").checked`},
		{"radio kept", `document.getElementById("size-l").checked && !document.getElementById("size-s").checked`},
		{"details kept open", `document.getElementById("more").open`},
		{"details text updated", `document.querySelector("#more summary").textContent === "More (two)"`},
	}
	for _, c := range checks {
		if !browsertest.Eval[bool](tab, c.expr) {
			t.Errorf("%s: %s is false", c.what, c.expr)
		}
	}
	tab.Do(chromedp.Click(chromedp.CSS("#counter")))
	if got := browsertest.Eval[int](tab, `window.__clicks`); got != 1 {
		t.Errorf("the listener the page attached no longer runs after the morph: %d clicks counted, want 1", got)
	}
}

func testOtherPage(t *testing.T, b *browsertest.Browser) {
	site := newFakeSite()
	site.set("/a/", doc("A", testHead, `<main><p id="p">Page A</p></main>`), 1)
	site.set("/b/", doc("B", testHead, `<main><p>Page B</p></main>`), 1)
	tab := liveTest(t, b, site, "/a/")
	browsertest.Eval[bool](tab, `(() => {
		window.__marker = 42;
		window.__mutations = 0;
		new MutationObserver(r => { window.__mutations += r.length; })
			.observe(document.querySelector("main"), { subtree: true, childList: true, attributes: true, characterData: true });
		return true;
	})()`)
	hits := site.hitCount("/a/")

	site.set("/b/", doc("B", testHead, `<main><p>Page B, changed</p></main>`), 2)
	site.set("/a/", doc("A", testHead, `<main><p id="p">Page A changed behind the tab's back</p></main>`), 2)
	site.push(t, "update", update(2, "/b/"))
	// Events are handled in order: once the problems panel shows, the update
	// before it has been handled.
	site.push(t, "problems", map[string]any{"build": 2, "failed": false, "problems": []map[string]any{
		{"file": "content/b.md", "line": 1, "col": 1, "severity": "warning", "message": "a warning"}}})
	tab.WaitFor(ui(".tl-panel")+`?.hidden === false`, 10*time.Second)

	if got := site.hitCount("/a/"); got != hits {
		t.Errorf("the tab fetched its page again (%d times) after an update of another page", got-hits)
	}
	if !browsertest.Eval[bool](tab, `window.__marker === 42 && window.__mutations === 0 && window.__updated === 0`) {
		t.Errorf("the tab changed after an update of another page: marker %v, %v mutations, %v updates",
			browsertest.Eval[any](tab, `window.__marker`), browsertest.Eval[int](tab, `window.__mutations`), browsertest.Eval[int](tab, `window.__updated`))
	}
	if got := browsertest.Eval[string](tab, `document.getElementById("p").textContent`); got != "Page A" {
		t.Errorf("text %q, want the page untouched", got)
	}
}

func testCSSSwap(t *testing.T, b *browsertest.Browser) {
	site := newFakeSite()
	site.slowCSS = 200 * time.Millisecond
	site.set("/a/", doc("A", testHead, `<main><p>Styled</p></main>`), 1)
	tab := liveTest(t, b, site, "/a/")
	if got := browsertest.Eval[string](tab, `getComputedStyle(document.body).color`); got != "rgb(1, 2, 3)" {
		t.Fatalf("color before the swap %q, want the old stylesheet's", got)
	}
	browsertest.Eval[bool](tab, `(() => {
		window.__marker = 42;
		window.__unstyled = false;
		const styled = () => [...document.querySelectorAll('link[rel="stylesheet"]')].some(l => l.sheet);
		new MutationObserver(() => { if (!styled()) window.__unstyled = true; })
			.observe(document.head, { childList: true, subtree: true, attributes: true });
		return true;
	})()`)

	site.push(t, "update", map[string]any{"build": 2, "pages": []string{}, "all": false, "css": []string{newCSS}, "js": false})
	tab.WaitFor(`getComputedStyle(document.body).color === "rgb(4, 5, 6)"`, 10*time.Second)
	tab.WaitFor(`document.querySelectorAll('link[rel="stylesheet"]').length === 1`, 10*time.Second)

	if got := browsertest.Eval[string](tab, `document.querySelector('link[rel="stylesheet"]').getAttribute("href")`); got != newCSS {
		t.Errorf("stylesheet %q, want %q", got, newCSS)
	}
	if !browsertest.Eval[bool](tab, `window.__marker === 42`) {
		t.Error("the page reloaded for a stylesheet change")
	}
	if browsertest.Eval[bool](tab, `window.__unstyled`) {
		t.Error("the old stylesheet went before the new one had loaded: the page flashed unstyled")
	}
}

func testJSReload(t *testing.T, b *browsertest.Browser) {
	site := newFakeSite()
	site.set("/long/", longPage("one"), 1)
	tab := liveTest(t, b, site, "/long/")
	browsertest.Eval[bool](tab, `(() => { window.__marker = 42; window.scrollTo(0, 1500); return true; })()`)
	scroll := browsertest.Eval[float64](tab, `window.scrollY`)
	hits := site.hitCount("/long/")

	site.push(t, "update", map[string]any{"build": 2, "pages": []string{}, "all": false, "css": []string{}, "js": true})
	site.waitFor(t, "the page loaded again", func() bool { return site.hits["/long/"] > hits })
	pollEval(t, tab, `document.readyState === "complete" && window.__marker === undefined`)
	pollEval(t, tab, fmt.Sprintf(`window.scrollY === %v`, scroll))
	if n := browsertest.Eval[int](tab, `sessionStorage.length`); n != 0 {
		t.Errorf("%d entries left in sessionStorage after restoring the scroll position", n)
	}
}

func testScriptSetReload(t *testing.T, b *browsertest.Browser) {
	site := newFakeSite()
	site.set("/a/", doc("A", testHead, `<main><p>One</p></main>`), 1)
	tab := liveTest(t, b, site, "/a/")
	browsertest.Eval[bool](tab, `(() => { window.__marker = 42; return true; })()`)

	head := strings.Replace(testHead, "/test.js", "/test.js?v=2", 1)
	site.set("/a/", doc("A", head, `<main><p>Two</p></main>`), 2)
	site.push(t, "update", update(2, "/a/"))
	pollEval(t, tab, `document.readyState === "complete" && window.__marker === undefined && document.querySelector("main p").textContent === "Two"`)
}

// problems returns the data of a problems event.
func problems(build int64, failed bool, ps ...map[string]any) map[string]any {
	if ps == nil {
		ps = []map[string]any{}
	}
	return map[string]any{"build": build, "failed": failed, "problems": ps}
}

const shadow = `document.getElementById("tradeoffs-live")?.shadowRoot`

// ui is a JavaScript expression for the client's element sel in its shadow
// root (undefined while there is none).
func ui(sel string) string {
	return shadow + `?.querySelector("` + sel + `")`
}

func testProblems(t *testing.T, b *browsertest.Browser) {
	site := newFakeSite()
	site.set("/a/", doc("A", testHead, `<main><p id="p">One</p></main>`), 1)
	tab := liveTest(t, b, site, "/a/")
	browsertest.Eval[bool](tab, `(() => { window.__marker = 42; return true; })()`)

	site.push(t, "problems", problems(2, true,
		map[string]any{"file": "content/x.md", "line": 3, "col": 7, "severity": "error", "message": "unknown front matter field \"titel\": did you mean \"title\"?"},
		map[string]any{"file": "layouts/page.html", "line": 0, "col": 0, "severity": "error", "message": "template: no such template"}))
	tab.WaitFor(ui("dialog")+`?.open && `+ui(".tl-root")+`?.hidden === false`, 10*time.Second)
	text := browsertest.Eval[string](tab, ui("dialog")+`.textContent`)
	for _, want := range []string{"Build failed", "content/x.md:3:7", `unknown front matter field "titel"`, "layouts/page.html", "template: no such template"} {
		if !strings.Contains(text, want) {
			t.Errorf("the overlay says %q, without %q", text, want)
		}
	}
	if role := browsertest.Eval[string](tab, ui("dialog")+`.getAttribute("role")`); role != "alertdialog" {
		t.Errorf("overlay role %q, want alertdialog", role)
	}
	if !browsertest.Eval[bool](tab, shadow+`.activeElement && `+shadow+`.activeElement.textContent === "Dismiss"`) {
		t.Error("the overlay did not move focus to its Dismiss button")
	}
	for _, scheme := range []string{"light", "dark"} {
		tab.ColorScheme(scheme)
		for _, sel := range []string{"dialog", ".tl-where", ".tl-message", ".tl-severity"} {
			if ratio := contrast(t, tab, sel); ratio < 4.5 {
				t.Errorf("%s mode: %s text has contrast %.2f against the overlay, want at least 4.5", scheme, sel, ratio)
			}
		}
	}
	tab.ColorScheme("light")

	// A good build closes the overlay; its warning shows in the panel.
	site.push(t, "problems", problems(3, false,
		map[string]any{"file": "content/y.md", "line": 9, "col": 2, "severity": "warning", "message": "broken link to /nope/"}))
	tab.WaitFor(ui("dialog")+`?.open === false`, 10*time.Second)
	tab.WaitFor(ui(".tl-panel")+`?.hidden === false`, 10*time.Second)
	if !browsertest.Eval[bool](tab, `(() => { const r = `+ui(".tl-panel")+`.getBoundingClientRect(); return r.width > 100 && r.height > 20 && r.right <= innerWidth && r.bottom <= innerHeight; })()`) {
		t.Errorf("the problems panel is not on screen: %v", browsertest.Eval[any](tab, ui(".tl-panel")+`.getBoundingClientRect().toJSON()`))
	}
	if got := browsertest.Eval[string](tab, ui(".tl-summary")+`.textContent`); got != "1 problem" {
		t.Errorf("panel summary %q, want %q", got, "1 problem")
	}
	tab.Do(chromedp.Click(chromedp.JSPath(ui(".tl-summary"))))
	text = browsertest.Eval[string](tab, ui(".tl-panel")+`.innerText`)
	for _, want := range []string{"content/y.md:9:2", "broken link to /nope/", "warning"} {
		if !strings.Contains(strings.ToLower(text), strings.ToLower(want)) {
			t.Errorf("the opened panel says %q, without %q", text, want)
		}
	}

	// The panel stays through a morph of the page.
	site.set("/a/", doc("A", testHead, `<main><p id="p">Two</p></main>`), 3)
	site.push(t, "update", update(3, "/a/"))
	tab.WaitFor(`window.__updated === 1`, 10*time.Second)
	if !browsertest.Eval[bool](tab, ui(".tl-panel")+`?.hidden === false && window.__marker === 42`) {
		t.Error("the problems panel went away when the page was morphed")
	}

	tab.Do(chromedp.Click(chromedp.JSPath(ui(".tl-dismiss"))))
	tab.WaitFor(ui(".tl-panel")+`?.hidden`, 10*time.Second)

	// Esc dismisses the overlay; the failure stays visible in the panel.
	site.push(t, "problems", problems(4, true,
		map[string]any{"file": "content/z.md", "line": 1, "col": 1, "severity": "error", "message": "unclosed front matter"}))
	tab.WaitFor(ui("dialog")+`?.open`, 10*time.Second)
	tab.Do(chromedp.KeyEvent(kb.Escape))
	tab.WaitFor(ui("dialog")+`?.open === false`, 10*time.Second)
	tab.WaitFor(ui(".tl-panel")+`?.hidden === false`, 10*time.Second)
	if got := browsertest.Eval[string](tab, ui(".tl-summary")+`.textContent`); got != "Build failed: 1 problem" {
		t.Errorf("after dismissing the overlay the panel says %q, want %q", got, "Build failed: 1 problem")
	}
	// The same failure again (another file saved) does not bring it back.
	// The update after it is a barrier: once the page is morphed, the
	// problems before have been handled.
	site.push(t, "problems", problems(5, true,
		map[string]any{"file": "content/z.md", "line": 1, "col": 1, "severity": "error", "message": "unclosed front matter"}))
	site.push(t, "update", update(5, "/a/"))
	tab.WaitFor(`window.__updated === 2`, 10*time.Second)
	if browsertest.Eval[bool](tab, ui("dialog")+`?.open`) {
		t.Error("a dismissed overlay came back for the same failure")
	}
	site.push(t, "problems", problems(5, false))
	tab.WaitFor(ui(".tl-panel")+`?.hidden && `+ui("dialog")+`?.open === false`, 10*time.Second)
	if !browsertest.Eval[bool](tab, `window.__marker === 42`) {
		t.Error("the page reloaded while showing problems")
	}

	// On a phone the overlay fits the screen.
	tab.Phone()
	site.push(t, "problems", problems(6, true,
		map[string]any{"file": "content/a-very-long-folder-name/another-long-name/file.md", "line": 120, "col": 33, "severity": "error",
			"message": strings.Repeat("a long message without spaces ", 3) + strings.Repeat("x", 200)}))
	tab.WaitFor(ui("dialog")+`?.open`, 10*time.Second)
	if !browsertest.Eval[bool](tab, `(() => { const r = `+ui("dialog")+`.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth && r.width > 200; })()`) {
		t.Errorf("the overlay does not fit a phone screen: %v", browsertest.Eval[any](tab, ui("dialog")+`.getBoundingClientRect().toJSON()`))
	}
}

// contrast returns the contrast ratio between the text colour of the
// element sel in our shadow root and the overlay's background.
func contrast(t *testing.T, tab *browsertest.Tab, sel string) float64 {
	t.Helper()
	return browsertest.Eval[float64](tab, `(() => {
		const root = `+shadow+`;
		const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number);
		const lum = c => {
			const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
			return 0.2126 * r + 0.7152 * g + 0.0722 * b;
		};
		const fg = lum(getComputedStyle(root.querySelector(`+"`"+sel+"`"+`)).color);
		const bg = lum(getComputedStyle(root.querySelector("dialog")).backgroundColor);
		return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
	})()`)
}

func testRestart(t *testing.T, b *browsertest.Browser) {
	site := newFakeSite()
	site.set("/a/", doc("A", testHead, `<main><p id="p">Before the restart</p></main>`), 7)
	tab := liveTest(t, b, site, "/a/")
	// The browser itself logs the refused reconnections; only those may show.
	tab.AllowErrors()
	browsertest.Eval[bool](tab, `(() => { window.__marker = 42; return true; })()`)

	site.setRefuse(true)
	site.drop()
	site.waitFor(t, "two refused reconnections", func() bool { return site.refused >= 2 })
	tab.WaitFor(ui(".tl-status")+`?.classList.contains("tl-visible")`, 10*time.Second)
	if got := browsertest.Eval[string](tab, ui(".tl-status")+`.textContent`); !strings.Contains(got, "unreachable") {
		t.Errorf("status while the server is gone: %q", got)
	}
	site.set("/a/", doc("A", testHead, `<main><p id="p">After the restart</p></main>`), 8)
	site.setRefuse(false)
	tab.WaitFor(`document.getElementById("p").textContent === "After the restart"`, 15*time.Second)
	tab.WaitFor(ui(".tl-status")+`?.classList.contains("tl-visible") === false`, 10*time.Second)
	if !browsertest.Eval[bool](tab, `window.__marker === 42 && window.__updated === 1`) {
		t.Error("the page reloaded instead of morphing after the server came back")
	}

	// A restarted server may count builds from the same number again: the
	// tab catches up all the same.
	site.set("/a/", doc("A", testHead, `<main><p id="p">Same build id, new text</p></main>`), 8)
	site.drop()
	tab.WaitFor(`document.getElementById("p").textContent === "Same build id, new text"`, 15*time.Second)

	for _, e := range tab.Errors() {
		if !strings.Contains(e, "503") && !strings.Contains(e, "EventSource") {
			t.Errorf("console error besides the refused connections: %s", e)
		}
	}
}

// setVisibility makes the page believe it is hidden or shown, as when the
// reader switches tabs.
func setVisibility(tab *browsertest.Tab, state string) {
	browsertest.Eval[bool](tab, `(() => {
		Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "`+state+`" });
		document.dispatchEvent(new Event("visibilitychange"));
		return true;
	})()`)
}

func testHiddenTab(t *testing.T, b *browsertest.Browser) {
	site := newFakeSite()
	site.set("/a/", doc("A", testHead, `<main><p id="p">Seen</p></main>`), 1)
	tab := liveTest(t, b, site, "/a/")
	browsertest.Eval[bool](tab, `(() => { window.__marker = 42; return true; })()`)

	setVisibility(tab, "hidden")
	site.waitFor(t, "the hidden tab close its stream", func() bool { return site.active == 0 })
	site.set("/a/", doc("A", testHead, `<main><p id="p">Changed while hidden</p></main>`), 2)

	setVisibility(tab, "visible")
	site.waitConns(t, 2)
	tab.WaitFor(`document.getElementById("p").textContent === "Changed while hidden"`, 10*time.Second)
	if !browsertest.Eval[bool](tab, `window.__marker === 42`) {
		t.Error("the page reloaded instead of morphing when shown again")
	}
	if browsertest.Eval[bool](tab, ui(".tl-status")+`?.classList.contains("tl-visible") === true`) {
		t.Error("a hidden tab said the server was unreachable")
	}
}

// testSearchUpdates: an update that says the search index changed is
// passed on to the page as "tradeoffs:search-updated", without a reload;
// a tab that was hidden meanwhile learns it from hello, once.
func testSearchUpdates(t *testing.T, b *browsertest.Browser) {
	site := newFakeSite()
	site.set("/a/", doc("A", testHead, `<main><p id="p">Seen</p></main>`), 1)
	tab := liveTest(t, b, site, "/a/")
	browsertest.Eval[bool](tab, `(() => { window.__marker = 42; return true; })()`)
	search := map[string]any{"build": 1, "pages": []string{}, "css": []string{}, "js": false, "all": false, "search": true}
	site.setSearch(1)
	site.push(t, "update", search)
	tab.WaitFor(`window.__searched === 1`, 10*time.Second)

	setVisibility(tab, "hidden")
	site.waitFor(t, "the hidden tab close its stream", func() bool { return site.active == 0 })
	site.setSearch(2) // an update the tab did not hear
	setVisibility(tab, "visible")
	site.waitConns(t, 2)
	tab.WaitFor(`window.__searched === 2`, 10*time.Second)

	// Shown again with nothing missed: hello says nothing new, and the
	// next update is the only one.
	setVisibility(tab, "hidden")
	site.waitFor(t, "the hidden tab close its stream", func() bool { return site.active == 0 })
	setVisibility(tab, "visible")
	site.waitConns(t, 3)
	site.setSearch(3)
	site.push(t, "update", search)
	tab.WaitFor(`window.__searched >= 3`, 10*time.Second)
	if got := browsertest.Eval[int](tab, `window.__searched`); got != 3 {
		t.Errorf("%d search updates passed on, want 3", got)
	}
	if !browsertest.Eval[bool](tab, `window.__marker === 42`) {
		t.Error("a search update reloaded the page")
	}
}
