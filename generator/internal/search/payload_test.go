package search

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
	"github.com/tradeoffs/tradeoffs/generator/internal/countserve"
)

// TestPayload measures what a first search downloads on the synthetic
// benchmark corpus, with an empty cache, in headless Chromium:
//
//	SEARCH_PAYLOAD=10000 go test -run TestPayload -v ./generator/internal/search/
//
// The server compresses text (JS, JSON) with gzip as static hosts do; the
// index's .bin files are already gzipped and are sent as they are. Bytes
// are counted on the wire by the Go handler. The script counts in the
// total; the HTML page does not (every page costs it, search or not).
func TestPayload(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("SEARCH_PAYLOAD"))
	if n <= 0 {
		t.Skip("set SEARCH_PAYLOAD=10000 (pages) to measure the bytes of a first search")
	}
	docs := syntheticDocs(n, 1)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	peak, stop := sampleHeap()
	t0, c0 := time.Now(), cpuTime()
	files, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	took, cpu := time.Since(t0), cpuTime()-c0
	stop()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	t.Logf("%d pages: build %v wall, %v CPU, %.0f MiB allocated, heap peak %.0f MiB above the pages' own, %d files, %d bytes",
		n, took.Round(time.Millisecond), cpu.Round(time.Millisecond), float64(after.TotalAlloc-before.TotalAlloc)/(1<<20),
		float64(*peak-before.HeapInuse)/(1<<20), len(files.Data), files.Size())
	terms, _ := decodeAll(t, files)
	cw := &countserve.Handler{Files: siteHandler(siteFS(t, docs, files)), Gzip: true}
	url := browsertest.Serve(t, cw)
	cases := []struct {
		word  string
		human bool // typed a key every 150 ms, so each prefix is searched on the way
	}{{"latency", false}, {"zenith", false}, {"latency budget", false}, {"latency", true}}
	for _, c := range cases {
		word := c.word
		b := browsertest.New(t) // a new profile: empty cache
		tab := b.NewTab()
		tab.Navigate(url + "/")
		tab.WaitFor(`window.tradeoffsSearch !== undefined && window.tradeoffsSearch.query !== undefined`, 10*time.Second)
		scripts := cw.Responses(func(p string) bool { return strings.HasPrefix(p, "/js/search") })
		cw.Reset()
		tab.Do(chromedp.Click(chromedp.CSS("#site-search")))
		if c.human {
			for _, k := range word {
				tab.Do(chromedp.SendKeys(chromedp.CSS("#site-search"), string(k)), chromedp.Sleep(150*time.Millisecond))
			}
		} else {
			tab.Do(chromedp.SendKeys(chromedp.CSS("#site-search"), word))
		}
		tab.WaitFor(fmt.Sprintf(`document.querySelector("[role=listbox]") && document.querySelector("[role=listbox]").getAttribute("data-query") === %s`, jsString(word)), 30*time.Second)
		shown := browsertest.Eval[int](tab, `document.querySelectorAll("[role=option]").length`)
		reqs := cw.Responses(func(p string) bool { return strings.HasPrefix(p, "/search/") && p != "/search/" })
		// Once its files are loaded, time the query a few times (the first
		// runs cold code) and keep the fastest, with its score/rank split.
		ms := browsertest.Eval[[]float64](tab, fmt.Sprintf(`(async () => { let best = [1e9, 0, 0]; for (let i = 0; i < 5; i++) {
			const t = performance.now(); const r = await %s; const d = performance.now() - t;
			if (d < best[0]) best = [d, r.scoreMs, r.rankMs]; } return best; })()`, jsQuery(files.Entry, word, "")))
		total := 0
		var lines []string
		for _, r := range append(scripts, reqs...) {
			total += r.Wire
			lines = append(lines, fmt.Sprintf("  %-40s %8d wire %8d raw", r.Path, r.Wire, r.Raw))
		}
		how := "typed at once"
		if c.human {
			how = "typed a key every 150 ms"
		}
		t.Logf("first search %q, %s (%d pages hold its first word, %d results shown): %d requests, %d bytes on the wire; query once loaded: %.1f ms (score %.1f ms, rank %.1f ms)\n%s",
			word, how, terms[stem(strings.Fields(word)[0])].DF, shown, len(reqs)+len(scripts), total, ms[0], ms[1], ms[2], strings.Join(lines, "\n"))
	}
}

// sampleHeap records the largest HeapInuse seen every few milliseconds
// until stop is called.
func sampleHeap() (*uint64, func()) {
	peak := new(uint64)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			*peak = max(*peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return peak, func() { close(done); <-finished }
}
