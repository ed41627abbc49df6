package devserver

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
)

// fakeSite stands in for the preview server in the client's browser tests:
// pages the test rewrites, two versions of a fingerprinted stylesheet, a
// page script, the embedded client, and an events stream the test pushes
// events into. Pages get the client injected by InjectClient, as the real
// server does.
type fakeSite struct {
	mu      sync.Mutex
	pages   map[string]string // URL path → whole HTML document
	build   int64
	search  int  // the search index's changes, as hello tells them
	refuse  bool // answer the events stream with 503, as while restarting
	stream  *stream
	conns   int // streams opened
	active  int // streams open now
	refused int
	hits    map[string]int
	slowCSS time.Duration
	base    string // URL of the server, once served
	// changes wakes waitFor whenever a request comes or a stream opens
	// or closes.
	changes changes
}

type stream struct {
	events chan string
	done   chan struct{}
}

const (
	oldCSS = "/css/main.aaaaaaaa.css"
	newCSS = "/css/main.bbbbbbbb.css"
	// testHead links what every test page links: the stylesheet and the
	// page's own script.
	testHead = `<link rel="icon" href="data:,"><link rel="stylesheet" href="` + oldCSS + `"><script src="/test.js" defer></script>`
)

var testFilesCSS = map[string]string{
	oldCSS: "body { color: rgb(1, 2, 3); }",
	newCSS: "body { color: rgb(4, 5, 6); }",
}

// testJS is the page's own script: it counts tradeoffs:updated events and
// attaches a listener the morph must keep.
const testJS = `(function () {
  "use strict";
  window.__updated = 0;
  window.__searched = 0;
  window.__clicks = 0;
  history.scrollRestoration = "manual";
  document.addEventListener("tradeoffs:updated", function () { window.__updated++; });
  document.addEventListener("tradeoffs:search-updated", function () { window.__searched++; });
  var b = document.getElementById("counter");
  if (b) b.addEventListener("click", function () { window.__clicks++; });
})();
`

func doc(title, head, body string) string {
	return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
		"</title>" + head + "</head>\n<body>" + body + "</body></html>"
}

func newFakeSite() *fakeSite {
	s := &fakeSite{pages: map[string]string{}, hits: map[string]int{}, build: 1}
	s.changes.mu = &s.mu
	return s
}

func (s *fakeSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.changes.changed()
	page, isPage := s.pages[r.URL.Path]
	build, slow := s.build, s.slowCSS
	s.mu.Unlock()
	w.Header().Set("Cache-Control", "no-store")
	js, dom, css := Client()
	switch {
	case r.URL.Path == ClientEventsPath:
		s.serveEvents(w, r)
	case r.URL.Path == ClientScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(js)
	case r.URL.Path == ClientDOMPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(dom)
	case r.URL.Path == ClientStylePath:
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Write(css)
	case r.URL.Path == "/test.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, testJS)
	case testFilesCSS[r.URL.Path] != "":
		if r.URL.Path == newCSS {
			time.Sleep(slow) // lets a test see the old sheet stay until the new one loaded
		}
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		io.WriteString(w, testFilesCSS[r.URL.Path])
	case isPage:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(InjectClient([]byte(page), build))
	default:
		http.NotFound(w, r)
	}
}

func (s *fakeSite) serveEvents(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.refuse {
		s.refused++
		s.changes.changed()
		s.mu.Unlock()
		http.Error(w, "restarting", http.StatusServiceUnavailable)
		return
	}
	st := &stream{events: make(chan string, 64), done: make(chan struct{})}
	s.stream = st
	s.conns++
	s.active++
	s.changes.changed()
	build, search := s.build, s.search
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.active--
		s.changes.changed()
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	flusher := w.(http.Flusher)
	fmt.Fprintf(w, "event: hello\ndata: {\"build\": %d, \"search\": %d}\n\n", build, search)
	flusher.Flush()
	for {
		select {
		case ev := <-st.events:
			io.WriteString(w, ev)
			flusher.Flush()
		case <-st.done:
			return
		case <-r.Context().Done():
			return
		}
	}
}

// set replaces a page and makes build the current build.
func (s *fakeSite) set(path, html string, build int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = html
	s.build = build
}

func (s *fakeSite) setSearch(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.search = n
}

func (s *fakeSite) setBuild(build int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.build = build
}

func (s *fakeSite) hitCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// push sends an event to the tab connected last.
func (s *fakeSite) push(t *testing.T, name string, data any) {
	t.Helper()
	b, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	st := s.stream
	s.mu.Unlock()
	if st == nil {
		t.Fatal("push: no tab is connected to the events stream")
	}
	st.events <- fmt.Sprintf("event: %s\ndata: %s\n\n", name, b)
}

// drop ends the current events stream, as a server that stops does.
func (s *fakeSite) drop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stream != nil {
		close(s.stream.done)
		s.stream = nil
	}
}

func (s *fakeSite) setRefuse(refuse bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse = refuse
}

// waitFor waits until cond, called with s.mu held, holds: it is checked
// again whenever a request comes or a stream opens or closes.
func (s *fakeSite) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	if !s.changes.wait(10*time.Second, cond) {
		t.Fatalf("the fake server never saw %s", what)
	}
}

// waitConns waits until the events stream has been opened n times.
func (s *fakeSite) waitConns(t *testing.T, n int) {
	t.Helper()
	s.waitFor(t, fmt.Sprintf("%d connections to the events stream", n), func() bool { return s.conns >= n })
}

// liveTest serves a fake site to a new tab of b and opens path in it once
// the client is connected. At the end it leaves the page first, so the
// server does not wait for a stream that stays open.
func liveTest(t *testing.T, b *browsertest.Browser, site *fakeSite, path string) *browsertest.Tab {
	t.Helper()
	site.base = browsertest.Serve(t, site)
	tab := b.NewTab()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(tab.Ctx, 5*time.Second)
		defer cancel()
		chromedp.Do(ctx, chromedp.Navigate("about:blank"))
		site.drop()
		// The client reports its own failures as warnings: none may occur.
		for _, m := range tab.Messages() {
			if strings.Contains(m, "tradeoffs live preview") {
				t.Errorf("the client failed: %s", m)
			}
		}
	})
	site.mu.Lock()
	n := site.conns
	site.mu.Unlock()
	tab.Navigate(site.base + path)
	site.waitConns(t, n+1)
	return tab
}

// navigate opens path in tab and waits for the client to connect.
func navigate(t *testing.T, tab *browsertest.Tab, site *fakeSite, path string) {
	t.Helper()
	site.mu.Lock()
	n := site.conns
	site.mu.Unlock()
	tab.Navigate(site.base + path)
	site.waitConns(t, n+1)
}

// pollEval evaluates expr until it is true, tolerating the errors of a page
// that is being reloaded (browsertest.WaitFor fails on those). The page
// tells nothing when expr becomes true: the pause between evaluations only
// paces them, expr decides.
func pollEval(t *testing.T, tab *browsertest.Tab, expr string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(tab.Ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("waiting for %s\nconsole:\n%s", expr, strings.Join(tab.Messages(), "\n"))
}

func update(build int64, pages ...string) map[string]any {
	if pages == nil {
		pages = []string{}
	}
	return map[string]any{"build": build, "pages": pages, "all": false, "css": []string{}, "js": false}
}
