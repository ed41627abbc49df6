package checklist

import (
	"bytes"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
	"github.com/tradeoffs/tradeoffs/generator/internal/theme"
)

const browserPage = `Answer for the system you are planning.

## Usage

- [ ] Does the workload run near its peak for most of the day? {#peak yes: servers +2; no: serverless +1}

  Steady load pays the serverless premium on every request.

- [ ] Are there long idle periods? {serverless +2}
- [ ] Do you have a team to run servers? {#team servers +1}
- [ ] Is this only for our notes?
`

const (
	leadServers2 = "Recommendation: Long-running services on containers or VMs (2 points), ahead of Serverless functions and managed workflows (0 points)."
	tied2        = "Tied at 2 points: Serverless functions and managed workflows, Long-running services on containers or VMs. More answers may break the tie."
	leadServers3 = "Recommendation: Long-running services on containers or VMs (3 points), ahead of Serverless functions and managed workflows (2 points)."
	lead1Over2   = "Recommendation: Serverless functions and managed workflows (3 points), ahead of Long-running services on containers or VMs (1 point)."
	initial      = "Answer the questions to see a recommendation."
	idle         = `[data-question="are-there-long-idle-periods"] input`
	storageKey   = "checklist:arch"
)

// servePage serves browserPage at /checklists/arch/ (and, without its
// scripts, at /nojs/) with the theme's real checklist-score.js,
// checklist.js and checklist.css, under the site's Content Security Policy.
func servePage(t *testing.T) string { return serveChecklist(t, browserPage) }

// serveChecklist serves the checklist src as servePage does.
func serveChecklist(t *testing.T, src string) string {
	body, _, diags := convert(t, newMarkdown(), src, &Config{ID: "arch", Options: testOptions(), File: "arch.md"})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	page := template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Checklist</title><link rel="stylesheet" href="/static/css/checklist.css">
{{if .Script}}<script type="module" src="/static/js/checklist.js"></script>{{end}}
</head><body><main>{{.Body}}</main></body></html>`))
	render := func(script bool) []byte {
		var b bytes.Buffer
		// The body comes from the markdown renderer, which escapes it.
		if err := page.Execute(&b, struct {
			Script bool
			Body   template.HTML
		}{script, template.HTML(body)}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	withJS, withoutJS := render(true), render(false)
	mux := http.NewServeMux()
	mux.Handle("/static/", http.FileServerFS(theme.FS))
	mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	for path, html := range map[string][]byte{"/checklists/arch/": withJS, "/nojs/": withoutJS} {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(html)
		})
	}
	for _, script := range []string{"static/js/checklist-score.js", "static/js/checklist.js"} {
		if _, err := fs.Stat(theme.FS, script); err != nil {
			t.Fatal(err)
		}
	}
	return browsertest.Serve(t, mux)
}

func textOf(tab *browsertest.Tab, sel string) string {
	return browsertest.Eval[string](tab, `document.querySelector(`+jsString(sel)+`).textContent`)
}

func jsString(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

func waitText(tab *browsertest.Tab, sel, want string) {
	tab.WaitFor(`document.querySelector(`+jsString(sel)+`).textContent === `+jsString(want), 5*time.Second)
}

// answers is what the inputs show: question name → checked value.
func answers(tab *browsertest.Tab) string {
	return browsertest.Eval[string](tab, `Array.from(document.querySelectorAll('form.checklist input:checked')).map(i => i.name + '=' + i.value).join(' ')`)
}

func TestBrowserChecklist(t *testing.T) {
	base := servePage(t)
	url := base + "/checklists/arch/"
	b := browsertest.New(t)
	tab := b.NewTab()
	tab.Navigate(url)
	waitText(tab, ".checklist-progress", "0 of 4 answered")
	if got := textOf(tab, ".checklist-summary"); got != initial {
		t.Errorf("summary before answering = %q, want %q", got, initial)
	}
	if !browsertest.Eval[bool](tab, `document.querySelector('.checklist-paper').hidden && !document.querySelector('.checklist-status').hidden`) {
		t.Error("with the script, the paper instructions should hide and the progress show")
	}

	t.Run("answers change the recommendation and list the reasons", func(t *testing.T) {
		tab.Do(chromedp.Click(chromedp.CSS(`[data-question="peak"] input[value="yes"]`)))
		waitText(tab, ".checklist-summary", leadServers2)
		waitText(tab, ".checklist-progress", "1 of 4 answered")
		tab.Do(chromedp.Click(chromedp.CSS(idle)))
		waitText(tab, ".checklist-summary", tied2)
		// The keyboard works too: space ticks a focused checkbox.
		tab.Do(chromedp.Focus(chromedp.CSS(`[data-question="team"] input`)), chromedp.KeyEvent(" "))
		waitText(tab, ".checklist-summary", leadServers3)
		waitText(tab, ".checklist-progress", "3 of 4 answered")
		if v := browsertest.Eval[float64](tab, `document.querySelector('.checklist-progress-bar').value`); v != 3 {
			t.Errorf("progress bar value = %v, want 3", v)
		}
		reasons := browsertest.Eval[string](tab, `Array.from(document.querySelectorAll('.checklist-score[data-option="servers"] .checklist-reason')).map(li => li.textContent).join(' | ')`)
		want := "+2 Does the workload run near its peak for most of the day? (yes) | +1 Do you have a team to run servers? (checked)"
		if reasons != want {
			t.Errorf("reasons for servers:\n got %q\nwant %q", reasons, want)
		}
		if top := browsertest.Eval[string](tab, `document.querySelector('.checklist-score.is-top').dataset.option`); top != "servers" {
			t.Errorf("top option = %q, want servers", top)
		}
	})

	t.Run("arrow keys move between yes, no and not sure", func(t *testing.T) {
		tab.Do(chromedp.Focus(chromedp.CSS(`[data-question="peak"] input[value="yes"]`)), chromedp.KeyEvent(kb.ArrowRight))
		waitText(tab, ".checklist-summary", lead1Over2)
		tab.Do(chromedp.KeyEvent(kb.ArrowLeft))
		waitText(tab, ".checklist-summary", leadServers3)
	})

	t.Run("answers survive a reload", func(t *testing.T) {
		tab.Navigate(url)
		waitText(tab, ".checklist-progress", "3 of 4 answered")
		if got, want := answers(tab), "q-peak=yes q-are-there-long-idle-periods=yes q-team=yes"; got != want {
			t.Errorf("after reload the inputs show %q, want %q", got, want)
		}
		waitText(tab, ".checklist-summary", leadServers3)
	})

	t.Run("a shared link restores its answers over saved ones", func(t *testing.T) {
		tab.Do(chromedp.Click(chromedp.CSS(".checklist-copy")))
		tab.WaitFor(`!document.querySelector('.checklist-share').hidden && document.querySelector('.checklist-copy-status').textContent !== ''`, 5*time.Second)
		shared := browsertest.Eval[string](tab, `document.querySelector('.checklist-share-link').href`)
		if want := url + "#answers=peak:yes,are-there-long-idle-periods:yes,team:yes"; shared != want {
			t.Fatalf("shared link = %q, want %q", shared, want)
		}
		// Change the saved answers, then open the link in another tab.
		tab.Do(chromedp.Click(chromedp.CSS(`[data-question="peak"] input[value="no"]`)), chromedp.Click(chromedp.CSS(idle)))
		waitText(tab, ".checklist-progress", "2 of 4 answered")
		other := b.NewTab()
		other.Navigate(shared)
		waitText(other, ".checklist-progress", "3 of 4 answered")
		if got, want := answers(other), "q-peak=yes q-are-there-long-idle-periods=yes q-team=yes"; got != want {
			t.Errorf("the shared link restored %q, want %q", got, want)
		}
		if h := browsertest.Eval[string](other, `location.hash`); h != "" {
			t.Errorf("the answers stayed in the address (%q): a reload would undo later changes", h)
		}
		saved := browsertest.Eval[string](other, `localStorage.getItem('`+storageKey+`')`)
		if !strings.Contains(saved, `"peak":"yes"`) || !strings.Contains(saved, `"are-there-long-idle-periods":"yes"`) {
			t.Errorf("the shared answers were not saved: %s", saved)
		}
	})

	t.Run("reset clears the answers and their storage", func(t *testing.T) {
		tab.Navigate(url)
		waitText(tab, ".checklist-progress", "3 of 4 answered")
		tab.Do(chromedp.Click(chromedp.CSS(".checklist-reset")))
		waitText(tab, ".checklist-progress", "0 of 4 answered")
		waitText(tab, ".checklist-summary", initial)
		if got := answers(tab); got != "" {
			t.Errorf("after reset the inputs show %q", got)
		}
		if browsertest.Eval[bool](tab, `localStorage.getItem('`+storageKey+`') !== null`) {
			t.Error("reset left the answers in localStorage")
		}
		tab.Navigate(url)
		waitText(tab, ".checklist-progress", "0 of 4 answered")
	})
}

// TestBrowserWithoutScript checks the paper checklist: without the script
// the inputs work, the instructions to add up by hand show, and nothing
// that needs the script is visible.
func TestBrowserWithoutScript(t *testing.T) {
	base := servePage(t)
	tab := browsertest.New(t).NewTab()
	tab.Navigate(base + "/nojs/")
	visible := func(sel string) bool {
		return browsertest.Eval[bool](tab, `(e => !!e && e.getClientRects().length > 0)(document.querySelector(`+jsString(sel)+`))`)
	}
	for sel, want := range map[string]bool{
		".checklist-paper": true, ".checklist-legend": true, ".checklist-hint": true, ".checklist-guidance": true, ".checklist-reset": true,
		".checklist-status": false, ".checklist-live": false, ".checklist-copy": false,
	} {
		if got := visible(sel); got != want {
			t.Errorf("without the script, %s visible = %v, want %v", sel, got, want)
		}
	}
	tab.Do(chromedp.Click(chromedp.CSS(`[data-question="team"] input`)))
	if got := answers(tab); got != "q-team=yes" {
		t.Errorf("a click without the script checked %q, want q-team=yes", got)
	}
}

// TestBrowserPhoneWidth checks that the checklist fits a phone's width.
func TestBrowserPhoneWidth(t *testing.T) {
	base := servePage(t)
	tab := browsertest.New(t).NewTab()
	tab.Do(chromedp.EmulateViewport(360, 740))
	tab.Navigate(base + "/checklists/arch/")
	tab.Do(chromedp.Click(chromedp.CSS(`[data-question="peak"] input[value="yes"]`)), chromedp.Click(chromedp.CSS(".checklist-copy")))
	waitText(tab, ".checklist-summary", leadServers2)
	tab.WaitFor(`!document.querySelector('.checklist-share').hidden`, 5*time.Second)
	if w := browsertest.Eval[float64](tab, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
		t.Errorf("the page scrolls sideways by %vpx at 360px wide", w)
	}
}
