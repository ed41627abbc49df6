package e2e

import (
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
	"github.com/tradeoffs/tradeoffs/generator/internal/devserver"
)

// heldScripts serves a site but holds back the search scripts until
// release is called: the page is painted as the reader first sees it,
// before the scripts fill the results, as on a slow connection.
type heldScripts struct {
	next     http.Handler
	released chan struct{}
	once     sync.Once
}

func (h *heldScripts) release() { h.once.Do(func() { close(h.released) }) }

func (h *heldScripts) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/js/search") {
		select {
		case <-h.released:
		case <-r.Context().Done():
			return
		}
	}
	h.next.ServeHTTP(w, r)
}

// cumulativeShift is the page's layout shift score so far (the sum of the
// shifts no input caused), read two frames after the call, so that the
// last change is laid out and recorded.
const cumulativeShift = `new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
	const po = new PerformanceObserver(() => {});
	po.observe({type: "layout-shift", buffered: true});
	const shifts = po.takeRecords().filter(e => !e.hadRecentInput);
	po.disconnect();
	done(shifts.reduce((s, e) => s + e.value, 0));
})))`

// TestSearchPageLayoutIsStable: the results page keeps its layout while
// the search scripts fill it (Lighthouse's cumulative layout shift at most
// 0.02), with and without a query, on a desktop and a phone screen. The
// scripts are held until the page has been painted.
func TestSearchPageLayoutIsStable(t *testing.T) {
	s := builtSite(t)
	if s.Diags.HasErrors() {
		t.Skip("the site does not build")
	}
	b := browsertest.New(t)
	// One server for every case (an earlier case's tab stays open), each
	// case with its scripts held anew.
	var current atomic.Pointer[heldScripts]
	url := browsertest.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { current.Load().ServeHTTP(w, r) }))
	files := devserver.NewHandler(s.Files)
	for _, c := range []struct {
		name, path, done string
		phone            bool
	}{
		{"no query", "/search/", `document.querySelector("#search-results .search-status")`, false},
		{"a query", "/search/?q=monolith", `document.querySelectorAll("#search-results .search-result").length > 0`, false},
		{"a query and filters", "/search/?q=monolith&to=Monolith&year=2016-2023", `document.querySelectorAll("#search-results .search-result").length > 0`, false},
		{"a query on a phone", "/search/?q=monolith", `document.querySelectorAll("#search-results .search-result").length > 0`, true},
		{"no query on a phone", "/search/", `document.querySelector("#search-results .search-status")`, true},
		{"few results on a phone", "/search/?q=istiod", `document.querySelectorAll("#search-results .search-result").length > 0`, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			held := &heldScripts{next: files, released: make(chan struct{})}
			current.Store(held)
			tab := b.NewTab()
			if c.phone {
				tab.Phone()
			}
			var painted atomic.Bool
			if err := chromedp.Listen(tab.Ctx, func(ev any) {
				if e, ok := ev.(*cdppage.EventLifecycleEvent); ok && e.Name == "firstContentfulPaint" {
					painted.Store(true)
					held.release()
				}
			}); err != nil {
				t.Fatal(err)
			}
			tab.Navigate(url + c.path)
			tab.WaitFor(c.done, 10*time.Second)
			if !painted.Load() {
				t.Fatal("the page was not painted before its scripts ran")
			}
			if cls := browsertest.Eval[float64](tab, cumulativeShift); cls > 0.02 {
				t.Errorf("%s: cumulative layout shift %.3f, want at most 0.02", c.path, cls)
			} else {
				t.Logf("%s: cumulative layout shift %.4f", c.path, cls)
			}
		})
	}
}
