package e2e

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
)

// firstPaint records, in every page the tab loads, the page's background
// and code background at the first animation frame, which runs before the
// page is first painted: what a reader sees first.
const firstPaint = `requestAnimationFrame(() => {
	window.firstPaint = {
		bg: getComputedStyle(document.body).backgroundColor,
		theme: document.documentElement.getAttribute("data-theme") || "",
	};
});`

// TestThemeSwitchIsRememberedWithoutAFlash chooses each theme with the
// header's switch and checks the page, its code blocks and the next page
// loaded: the choice is kept in localStorage and applied before the first
// paint, whatever the system's setting.
func TestThemeSwitchIsRememberedWithoutAFlash(t *testing.T) {
	url, b := readerSite(t)
	tab := b.NewTab()
	if _, err := chromedp.Call(tab.Ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: firstPaint}); err != nil {
		t.Fatal(err)
	}
	tab.Viewport(1280, 900)
	tab.ColorScheme("light")
	tab.Navigate(url + "/about/")
	tab.WaitFor(visible("#theme-select")+` && !!document.querySelector(".highlight .chroma")`, 5*time.Second)
	const light, dark = "rgb(255, 255, 255)", "rgb(15, 17, 21)"
	colours := func() (bg, code string) {
		return browsertest.Eval[string](tab, `getComputedStyle(document.body).backgroundColor`),
			browsertest.Eval[string](tab, `getComputedStyle(document.querySelector(".highlight .chroma")).backgroundColor`)
	}
	lightBg, lightCode := colours()
	choose := func(v string) {
		tab.Do(chromedp.SetValue(chromedp.CSS("#theme-select"), v))
		browsertest.Eval[bool](tab, `document.querySelector("#theme-select").dispatchEvent(new Event("change", {bubbles: true}))`)
	}
	choose("dark")
	bg, code := colours()
	if lightBg != light || bg != dark || code == lightCode {
		t.Errorf("choosing dark on a light system: page %s → %s, code %s → %s; want %s → %s and the code's colours to change", lightBg, bg, lightCode, code, light, dark)
	}
	if got := browsertest.Eval[string](tab, `localStorage.getItem("tradeoffs-theme")`); got != "dark" {
		t.Errorf("localStorage holds %q, want dark", got)
	}
	tab.Navigate(url + "/case-studies/")
	tab.WaitFor(`!!window.firstPaint`, 5*time.Second)
	if got := browsertest.Eval[map[string]string](tab, `window.firstPaint`); got["bg"] != dark || got["theme"] != "dark" {
		t.Errorf("the next page is first painted with %v, want the dark theme already applied", got)
	}
	if got := browsertest.Eval[string](tab, `document.querySelector("#theme-select").value`); got != "dark" {
		t.Errorf("the switch shows %q on the next page, want dark", got)
	}
	// Light chosen on a dark system wins too; auto follows the system.
	tab.Navigate(url + "/about/")
	tab.ColorScheme("dark")
	choose("light")
	if bg, _ := colours(); bg != light {
		t.Errorf("light chosen on a dark system: background %s", bg)
	}
	choose("auto")
	if bg, _ := colours(); bg != dark {
		t.Errorf("auto on a dark system: background %s", bg)
	}
	if got := browsertest.Eval[bool](tab, `localStorage.getItem("tradeoffs-theme") === null`); !got {
		t.Error("auto leaves a choice in localStorage")
	}
	tab.ColorScheme("light")
}

// TestThemeScriptIsExternalAndFirst checks how the theme is applied:
// by a script file (the CSP forbids inline script), loaded without defer
// before the stylesheet, so it runs before the first paint.
func TestThemeScriptIsExternalAndFirst(t *testing.T) {
	s := builtSite(t)
	f, ok := s.Files.Get("index.html")
	if !ok {
		t.Fatal("no index.html")
	}
	head, _, _ := strings.Cut(string(f.Data), "</head>")
	i := strings.Index(head, `<script src="/js/theme.`)
	css := strings.Index(head, `<link rel="stylesheet"`)
	if i < 0 || css < 0 || i > css {
		t.Fatalf("the theme script is not in <head> before the stylesheet:\n%s", head)
	}
	tag, _, _ := strings.Cut(head[i:], ">")
	if strings.Contains(tag, "defer") || strings.Contains(tag, "async") {
		t.Errorf("the theme script is %s: it must block, to apply before the first paint", tag)
	}
	if strings.Count(head, "<script>") > 0 {
		t.Error("an inline script in <head>: the CSP blocks it")
	}
}

// TestPrevNextFollowTheSectionOrder checks the previous/next links of each
// case study against the order of the section's own list.
func TestPrevNextFollowTheSectionOrder(t *testing.T) {
	url, b := readerSite(t)
	tab := open(t, b, url, "/case-studies/", ".case-table", 1280, 900)
	order := browsertest.Eval[[]string](tab, `[...document.querySelectorAll(".case-table tbody th a")].map(a => new URL(a.href).pathname)`)
	if len(order) < 3 {
		t.Fatalf("%d case studies listed", len(order))
	}
	for i, p := range order {
		tab.Navigate(url + p)
		got := browsertest.Eval[[]string](tab, `["prev", "next"].map(r => { const a = document.querySelector('.pager a[rel="' + r + '"]'); return a ? new URL(a.href).pathname : ""; })`)
		want := []string{"", ""}
		if i > 0 {
			want[0] = order[i-1]
		}
		if i+1 < len(order) {
			want[1] = order[i+1]
		}
		if got[0] != want[0] || got[1] != want[1] {
			t.Errorf("%s: prev %q next %q, want %q and %q", p, got[0], got[1], want[0], want[1])
		}
	}
}

// TestFootnoteBacklinksAreVisibleAndNamed checks the links from the notes
// back to the text, in both schemes: underlined, 4.5:1 against the notes'
// background, each named after its reference.
func TestFootnoteBacklinksAreVisibleAndNamed(t *testing.T) {
	url, b := readerSite(t)
	tab := open(t, b, url, "/case-studies/prime-video-monitoring/", ".footnotes", 1280, 900)
	names := browsertest.Eval[[]string](tab, `[...document.querySelectorAll(".footnote-backref")].map(a => a.getAttribute("aria-label") + "|" + a.closest("li").id)`)
	if len(names) < 3 {
		t.Fatalf("%d back-links", len(names))
	}
	seen := map[string]string{}
	for _, n := range names {
		label, id, _ := strings.Cut(n, "|")
		if num, ok := strings.CutPrefix(id, "fn:"); ok && label != "Back to reference "+num {
			t.Errorf("the back-link of %s is named %q, want %q", id, label, "Back to reference "+num)
		}
		if other, dup := seen[label]; dup {
			t.Errorf("the back-links of %s and %s are both named %q", other, id, label)
		}
		seen[label] = id
	}
	for _, scheme := range []string{"light", "dark"} {
		tab.ColorScheme(scheme)
		got := browsertest.Eval[[]string](tab, `(() => {
			const a = document.querySelector(".footnote-backref");
			let e = a, bg = "rgba(0, 0, 0, 0)";
			while (e && /rgba\(0, 0, 0, 0\)|transparent/.test(bg)) { bg = getComputedStyle(e).backgroundColor; e = e.parentElement; }
			return [getComputedStyle(a).textDecorationLine, getComputedStyle(a).color, bg];
		})()`)
		if !strings.Contains(got[0], "underline") {
			t.Errorf("%s: the back-link is not underlined (%s)", scheme, got[0])
		}
		if r := contrast(got[1], got[2]); r < 4.5 {
			t.Errorf("%s: the back-link's contrast is %.2f:1 (%s on %s), want at least 4.5:1", scheme, r, got[1], got[2])
		}
	}
	tab.ColorScheme("light")
}

// contrast is the WCAG contrast ratio of two "rgb(r, g, b)" colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(c string) float64 {
	c = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(c, "rgba("), "rgb("), ")")
	parts := strings.Split(c, ",")
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
		v /= 255
		if v <= 0.04045 {
			v /= 12.92
		} else {
			v = math.Pow((v+0.055)/1.055, 2.4)
		}
		l += w * v
	}
	return l
}
