package e2e

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
	"github.com/tradeoffs/tradeoffs/generator/internal/devserver"
	"github.com/tradeoffs/tradeoffs/generator/internal/site"
	"github.com/tradeoffs/tradeoffs/generator/internal/theme"
)

// logSite is a decision log with a record of each status, a supersede
// chain and a record in Nygard's format without front matter.
var logSite = fstest.MapFS{
	"content/_index.md":           {Data: []byte("---\ntitle: Home\n---\nHome.\n")},
	"content/decisions/_index.md": {Data: []byte("---\ntitle: Decision records\n---\nOur decisions.\n")},
	"content/decisions/0001-use-rsync.md": {Data: []byte("# 1. Use rsync\n\nDate: 2016-02-12\n\n## Status\n\nSuperceded by [2. Use images](0002-use-images.md)\n\n" +
		"## Context\n\nServers by hand.\n\n## Decision\n\nrsync.\n\n## Consequences\n\nOne command.\n")},
	"content/decisions/0002-use-images.md":   {Data: []byte(madrRecord("Use images", "accepted", "supersedes: [0001-use-rsync.md]\n"))},
	"content/decisions/0003-cache-pages.md":  {Data: []byte(madrRecord("Cache pages", "proposed", ""))},
	"content/decisions/0004-use-ftp.md":      {Data: []byte(madrRecord("Use FTP", "rejected", ""))},
	"content/decisions/0005-nightly-jobs.md": {Data: []byte(madrRecord("Nightly jobs", "deprecated", ""))},
}

func madrRecord(title, status, extra string) string {
	return "---\ntitle: " + title + "\nstatus: " + status + "\ndate: 2024-01-01\n" + extra + "---\n\n## Context and Problem Statement\n\nWhy.\n\n" +
		"## Considered Options\n\n* A\n* B\n\n## Decision Outcome\n\nChosen option: \"A\".\n\n### Consequences\n\n* Good, because fast.\n"
}

// TestDecisionLogFiltersInBrowser opens the decision log and filters it by
// each status, with JavaScript and without: only the records of that status
// show, the caption says how many, and "All" shows every record again. A
// filtered log's address can be shared.
func TestDecisionLogFiltersInBrowser(t *testing.T) {
	s, err := site.Build(context.Background(), site.Options{FS: logSite})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Diags) > 0 {
		t.Fatalf("the log's site has problems:\n%s", s.Diags.Error())
	}
	url := browsertest.Serve(t, devserver.NewHandler(s.Files))
	b := browsertest.New(t)
	for _, script := range []bool{true, false} {
		name := "with JavaScript"
		if !script {
			name = "without JavaScript"
		}
		t.Run(name, func(t *testing.T) {
			tab := b.NewTab()
			if !script {
				if _, err := chromedp.Call(tab.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
					t.Fatal(err)
				}
			}
			tab.Navigate(url + "/decisions/")
			if n := visibleRows(tab); n != "superseded accepted proposed rejected deprecated" {
				t.Fatalf("the log shows %q, want every record", n)
			}
			for _, st := range []string{"proposed", "accepted", "rejected", "deprecated", "superseded"} {
				tab.Do(chromedp.Click(chromedp.CSS(`.decision-filters a[href="#status-` + st + `"]`)))
				tab.WaitPath("/decisions/#status-"+st, 5*time.Second)
				if n := visibleRows(tab); n != st {
					t.Errorf("filtered by %s, the log shows %q", st, n)
				}
				if c := visibleText(tab, ".decision-table caption"); c != "1 record "+st+", by number" {
					t.Errorf("filtered by %s, the caption reads %q", st, c)
				}
			}
			tab.Do(chromedp.Click(chromedp.CSS(`.decision-filters a.filter-all`)))
			tab.WaitPath("/decisions/#decision-log", 5*time.Second)
			if n := visibleRows(tab); n != "superseded accepted proposed rejected deprecated" {
				t.Errorf("after All, the log shows %q", n)
			}
			// A shared address opens the log filtered.
			tab.Navigate(url + "/decisions/?again#status-accepted")
			if n := visibleRows(tab); n != "accepted" {
				t.Errorf("opened at #status-accepted, the log shows %q", n)
			}
		})
	}
	t.Run("the chain and the record", func(t *testing.T) {
		tab := b.NewTab()
		tab.Navigate(url + "/decisions/")
		chain := browsertest.Eval[string](tab, `document.querySelector(".decision-chains").textContent.replace(/\s+/g, " ").trim()`)
		if !strings.Contains(chain, "0002 Use images Accepted 0001 Use rsync Superseded") {
			t.Errorf("the supersede chain reads %q", chain)
		}
		checkBasics(t, tab)
		tab.Navigate(url + "/decisions/0001-use-rsync/")
		status := browsertest.Eval[string](tab, `document.querySelector(".decision-status").textContent + " | " + document.querySelector(".decision-replaced").textContent`)
		if status != "Status: Superseded | Superseded by 0002 Use images Accepted." {
			t.Errorf("the superseded record's header reads %q", status)
		}
		checkBasics(t, tab)
		tab.Phone()
		for _, p := range []string{"/decisions/", "/decisions/0001-use-rsync/"} {
			tab.Navigate(url + p)
			if w := browsertest.Eval[int](tab, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
				t.Errorf("%s scrolls sideways by %dpx on a phone", p, w)
			}
		}
	})
}

// visibleRows lists the statuses of the log's rows that show.
func visibleRows(tab *browsertest.Tab) string {
	return browsertest.Eval[string](tab, `Array.from(document.querySelectorAll(".decision-table tbody tr")).filter(r => r.getClientRects().length > 0).map(r => r.dataset.status).join(" ")`)
}

func visibleText(tab *browsertest.Tab, sel string) string {
	return browsertest.Eval[string](tab, `Array.from(document.querySelector(`+jsString(sel)+`).children).filter(e => e.getClientRects().length > 0).map(e => e.textContent).join(" ")`)
}

// TestChecklistExportsDecisionRecordInBrowser answers a hard blocker of a
// real checklist, exports the result to the clipboard and as a download,
// and checks the draft: one markdown record in MADR's format with the
// question, the answer that decided it, the options and the
// recommendation, and the links to the cases behind the answer. The draft
// then builds as a decision record of a site of its own.
func TestChecklistExportsDecisionRecordInBrowser(t *testing.T) {
	s := builtSite(t)
	if s.Diags.HasErrors() {
		t.Skip("the site does not build; TestRepositorySiteBuildsWithoutProblems reports why")
	}
	const page = "/checklists/should-we-split-this-service/"
	url := browsertest.Serve(t, devserver.NewHandler(s.Files))
	tab := browsertest.New(t).NewTab()
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(tab.Ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted, Origin: url,
		}); err != nil {
			t.Fatal(err)
		}
	}
	downloads := t.TempDir()
	// Downloads are the browser's events, not the tab's; the wait ends
	// with the test's context if the download never completes.
	dctx, dcancel := context.WithTimeout(tab.Ctx, 20*time.Second)
	defer dcancel()
	progress := chromedp.BrowserEvents(dctx, browser.DownloadProgress)
	if _, err := chromedp.CallBrowser(tab.Ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: new(true),
	}); err != nil {
		t.Fatal(err)
	}

	tab.Navigate(url + page)
	if browsertest.Eval[bool](tab, `!!document.querySelector(".checklist-export-copy") && document.querySelector(".checklist-export-copy").getClientRects().length > 0`) {
		t.Error("the export buttons show before any answer")
	}
	var m checklistModel
	if err := json.Unmarshal([]byte(browsertest.Eval[string](tab, `document.querySelector("script.checklist-model").textContent`)), &m); err != nil {
		t.Fatal(err)
	}
	qid := ""
	for _, q := range m.Questions {
		if q.Rule == "blocker" && len(q.Blocks["yes"]) > 0 {
			qid = q.ID
			break
		}
	}
	if qid == "" {
		t.Fatal("the checklist has no hard blocker")
	}
	tab.Navigate(url + page + "?export#answers=" + qid + ":yes")
	tab.WaitFor(`!document.querySelector(".checklist-decided").hidden && document.querySelector(".checklist-export-copy").getClientRects().length > 0`, 5*time.Second)
	// What the result shows: the deciding answer and its cases.
	decider := browsertest.Eval[string](tab, `document.querySelector(".checklist-decided .checklist-reason-question").textContent`)
	cases := browsertest.Eval[[]string](tab, `Array.from(document.querySelectorAll(".checklist-decided .checklist-decider-cases a")).map(a => a.href)`)
	title := browsertest.Eval[string](tab, `document.querySelector("h1").textContent.trim()`)
	if len(cases) == 0 {
		t.Fatal("the deciding answer lists no cases")
	}

	tab.Do(chromedp.Click(chromedp.CSS(".checklist-export-copy")))
	tab.WaitFor(`document.querySelector(".checklist-export-status").textContent.startsWith("Decision record copied")`, 5*time.Second)
	copied := browsertest.Eval[string](tab, `navigator.clipboard.readText()`)

	tab.Do(chromedp.Click(chromedp.CSS(".checklist-export-download")))
	var saved []byte
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("waiting for the download: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			saved, err = os.ReadFile(filepath.Join(downloads, ev.GUID))
			if err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	status := browsertest.Eval[string](tab, `document.querySelector(".checklist-export-status").textContent`)
	if want := "Decision record saved as NNNN-should-we-split-this-service.md"; !strings.HasPrefix(status, want) {
		t.Errorf("after the download the status reads %q, want %q", status, want)
	}
	if string(saved) != copied {
		t.Errorf("the downloaded draft differs from the copied one:\n%s\n---\n%s", saved, copied)
	}

	plain := strings.ReplaceAll(copied, `\`, "") // the draft escapes markdown punctuation
	wants := []string{
		"status: proposed\n",
		"# " + strings.TrimRight(title, "?") + ": ",
		"## Context and Problem Statement\n",
		"[" + title + "](" + url + page + ")",
		"[these answers](" + url + page + "#answers=" + qid + ":yes)",
		"## Decision Drivers\n\nThe answers that decided it:\n\n* " + decider + " Answer: yes; rules out ",
		"## Considered Options\n",
		", ruled out)",
		"## Decision Outcome\n\nChosen option: \"",
		"### Consequences\n",
		"## More Information\n",
	}
	for _, c := range cases {
		wants = append(wants, "]("+c+")")
	}
	for _, w := range wants {
		if !strings.Contains(plain, w) {
			t.Errorf("the draft lacks %q:\n%s", w, copied)
		}
	}

	// The draft is a decision record this site's build accepts as it is.
	draft := fstest.MapFS{
		"content/_index.md":                          {Data: []byte("---\ntitle: Home\n---\n")},
		"content/decisions/0001-from-a-checklist.md": {Data: []byte(copied)},
	}
	ds, err := site.Build(context.Background(), site.Options{FS: draft})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Diags.HasErrors() {
		t.Fatalf("the draft does not build as a decision record:\n%s\n---\n%s", ds.Diags.Error(), copied)
	}
	f, _ := ds.Files.Get("decisions/index.html")
	if !strings.Contains(string(f.Data), `<tr data-status="proposed">`) {
		t.Error("the log does not list the draft as proposed")
	}
}

// TestDecisionDraftMarkdown calls the draft's writer in the browser with
// results the e2e checklist above does not reach: a recommendation won on
// points, no recommendation yet, and questions and options whose text is
// markdown or HTML, which must stay text in the record. Each draft must
// build as a decision record without a link or tag the text did not mean.
func TestDecisionDraftMarkdown(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("/js/", http.FileServerFS(mustSub(t, theme.FS, "static")))
	mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	// The module under test, exposed to the test's expressions.
	mux.HandleFunc("/expose.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, `import * as draft from "/js/checklist-draft.js"; window.checklistDraft = draft;`)
	})
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<!doctype html><title>t</title><script type="module" src="/expose.js"></script>`)
	})
	url := browsertest.Serve(t, mux)
	tab := browsertest.New(t).NewTab()
	tab.Navigate(url + "/")
	tab.WaitFor(`!!window.checklistDraft`, 5*time.Second)
	const evil = "Do we <b>trust</b> [this](javascript:alert(1)) *input*?"
	base := map[string]any{
		"title": "Should we cache?", "url": "https://example.org/checklists/cache/", "share": "https://example.org/checklists/cache/#answers=a:yes",
		"date": "2026-12-07", "answered": 2, "total": 5, "summary": "Recommendation: Cache (+3).", "pending": "",
	}
	tests := []struct {
		name     string
		options  []map[string]any
		deciders []map[string]any
		wants    []string
		absent   []string
	}{
		{
			name: "won on points",
			options: []map[string]any{
				{"label": "Cache", "points": "+3 points", "chosen": true, "ruledOut": false},
				{"label": "No cache", "points": "+1 point", "chosen": false, "ruledOut": false},
				{"label": "CDN only", "points": "0 points", "chosen": false, "ruledOut": true},
			},
			deciders: []map[string]any{{"question": "Is it read-heavy?", "answer": "Answer: yes", "weight": "+2", "rulesOut": nil,
				"cases": []map[string]string{{"text": "A case", "url": "https://example.org/case-studies/a/"}}}},
			wants: []string{
				"# Should we cache: Cache\n",
				"* Is it read-heavy? Answer: yes; +2 for Cache. Evidence: [A case](https://example.org/case-studies/a/).\n",
				"* CDN only (0 points, ruled out)\n",
				`Chosen option: "Cache", because it scores highest (+3 points), ahead of No cache (+1 point), and the answers above rule out CDN only.`,
				"* [A case](https://example.org/case-studies/a/)\n",
			},
		},
		{
			name: "no recommendation yet",
			options: []map[string]any{
				{"label": "Cache", "points": "0 points", "chosen": false, "ruledOut": true},
			},
			wants:  []string{"# Should we cache: undecided\n", "No option is chosen yet: Recommendation: Cache (+3).\n"},
			absent: []string{"## Decision Drivers"},
		},
		{
			name: "markdown and HTML in the text stay text",
			options: []map[string]any{
				{"label": "<script>x</script> [Cache](javascript:alert(1))", "points": "+1 point", "chosen": true, "ruledOut": false},
			},
			deciders: []map[string]any{{"question": evil, "answer": "Answer: yes", "weight": "+1", "rulesOut": nil, "cases": []map[string]string{}}},
			wants:    []string{`Do we \<b\>trust\</b\> \[this\](javascript:alert(1)) \*input\*?`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := map[string]any{}
			for k, v := range base {
				in[k] = v
			}
			in["options"], in["deciders"] = tt.options, tt.deciders
			if tt.deciders == nil {
				in["deciders"] = []any{}
			}
			js, err := json.Marshal(in)
			if err != nil {
				t.Fatal(err)
			}
			md := browsertest.Eval[string](tab, "window.checklistDraft.markdown("+string(js)+")")
			for _, w := range tt.wants {
				if !strings.Contains(md, w) {
					t.Errorf("the draft lacks %q:\n%s", w, md)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(md, a) {
					t.Errorf("the draft has %q:\n%s", a, md)
				}
			}
			s, err := site.Build(context.Background(), site.Options{FS: fstest.MapFS{
				"content/_index.md":                 {Data: []byte("---\ntitle: Home\n---\n")},
				"content/decisions/0001-a-draft.md": {Data: []byte(md)},
			}})
			if err != nil {
				t.Fatal(err)
			}
			if s.Diags.HasErrors() {
				t.Fatalf("the draft does not build:\n%s\n---\n%s", s.Diags.Error(), md)
			}
			f, ok := s.Files.Get("decisions/0001-a-draft/index.html")
			if !ok {
				t.Fatal("the draft has no page")
			}
			for _, bad := range []string{`href="javascript:`, "<script>x", "<b>trust"} {
				if strings.Contains(string(f.Data), bad) {
					t.Errorf("the draft's page contains %q", bad)
				}
			}
		})
	}
	if got := browsertest.Eval[string](tab, `window.checklistDraft.fileName("Should we go multi-région?")`); got != "NNNN-should-we-go-multi-region.md" {
		t.Errorf("the download's name is %q", got)
	}
}

func mustSub(t *testing.T, fsys fs.FS, dir string) fs.FS {
	t.Helper()
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	return sub
}
