package devserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
	"github.com/tradeoffs/tradeoffs/generator/internal/site"
	"github.com/tradeoffs/tradeoffs/generator/internal/watch"
)

// previewSite is a small site with a long page holding a calculator (an
// input to type into), a list section and the site's own stylesheet.
var previewSite = map[string]string{
	"content/_index.md":       "---\ntitle: Home\n---\nWelcome.\n",
	"content/notes/_index.md": "---\ntitle: Notes\n---\nAll notes.\n",
	"content/notes/long.md": "---\ntitle: A long note\n---\n## Start\n\n" + strings.Repeat("Filler paragraph to make the page scroll.\n\n", 80) +
		"```calculator\nid: twice\ntitle: Twice\ninputs:\n  - name: x\n    label: A number\n    default: 1\noutputs:\n  - name: y\n    label: Twice\n    formula: x * 2\n    format: number\n```\n\n" +
		strings.Repeat("More filler after the calculator.\n\n", 40) + "ORIGINAL-TEXT\n",
	"content/notes/other.md": "---\ntitle: Another note\n---\nSee [the long note](/notes/long/).\n",
	"static/css/site.css":    "body { border-top: 1px solid rgb(1, 2, 3); }\n",
}

// preview is a running preview server on a site in a temporary folder.
type preview struct {
	t    *testing.T
	root string
	url  string
	mu   sync.Mutex
	done []int // ids of finished builds
	fail map[int]bool
	out  bytes.Buffer
}

func startPreview(t *testing.T, files map[string]string, options ...func(*Config)) *preview {
	t.Helper()
	p := &preview{t: t, root: t.TempDir(), fail: map[int]bool{}}
	for name, data := range files {
		p.write(name, data)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	stopped := make(chan error, 1)
	go func() {
		cfg := Config{
			Root: p.root, Site: site.Options{LinkWarnings: true, Dev: true}, Bind: "127.0.0.1", Port: 0,
			// A loaded test machine (go test runs packages side by side,
			// browsers included) can pause the goroutine writing a burst
			// for longer than the default quiet period (20 ms) or cap: a
			// burst would then be two. Coalescing is what these tests
			// test, not the defaults' values (as in package watch).
			Watch: watch.Options{Quiet: 200 * time.Millisecond, MaxDelay: 10 * time.Second},
			Out:   lockedWriter{&p.mu, &p.out}, Err: lockedWriter{&p.mu, &p.out},
			Ready: func(url string) { ready <- url },
			Built: func(id int, failed bool) {
				p.mu.Lock()
				p.done = append(p.done, id)
				p.fail[id] = failed
				p.mu.Unlock()
			},
		}
		for _, o := range options {
			o(&cfg)
		}
		stopped <- Run(ctx, cfg)
	}()
	select {
	case p.url = <-ready:
	case err := <-stopped:
		t.Fatalf("the preview server did not start: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("the preview server did not start in 20 s")
	}
	p.url = strings.TrimSuffix(p.url, "/")
	t.Cleanup(func() {
		cancel()
		select {
		case <-stopped:
		case <-time.After(3 * time.Second):
			t.Error("the preview server did not stop within 3 s of cancellation")
		}
	})
	return p
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

func (p *preview) write(name, data string) {
	p.t.Helper()
	path := filepath.Join(p.root, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func (p *preview) builds() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.done)
}

// waitBuilds waits until n builds have finished.
func (p *preview) waitBuilds(n int) {
	p.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for p.builds() < n {
		if time.Now().After(deadline) {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.t.Fatalf("waited for build %d; %d finished. Server output:\n%s", n, len(p.done), p.out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (p *preview) get(path string) (int, string) {
	p.t.Helper()
	res, err := http.Get(p.url + path)
	if err != nil {
		p.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestLivePreviewInBrowser(t *testing.T) {
	browsertest.Require(t)
	p := startPreview(t, previewSite)
	b := browsertest.New(t)
	tab := b.NewTab()
	tab.Navigate(p.url + "/notes/long/")
	tab.WaitFor(`document.querySelector("form.calculator.calc-live")`, 10*time.Second)
	tab.Do(chromedp.Evaluate[chromedp.Void](`window.__marker = 42; document.querySelector("form.calculator input[name=x]").scrollIntoView({block: "center"})`))
	tab.Do(chromedp.Evaluate[chromedp.Void](`document.querySelector("form.calculator input[name=x]").select()`))
	tab.Do(chromedp.KeyEvent("17"))
	tab.WaitFor(`document.querySelector("output[name=y]").textContent === "34"`, 5*time.Second)
	scroll := browsertest.Eval[float64](tab, `window.scrollY`)

	t.Run("content change morphs in place", func(t *testing.T) {
		n := p.builds()
		src := previewSite["content/notes/long.md"]
		p.write("content/notes/long.md", strings.Replace(src, "ORIGINAL-TEXT", "EDITED-TEXT", 1))
		p.waitBuilds(n + 1)
		tab.WaitFor(`document.body.textContent.includes("EDITED-TEXT")`, 10*time.Second)
		if browsertest.Eval[int](tab, `window.__marker || 0`) != 42 {
			t.Error("the page reloaded (the window marker is gone)")
		}
		if got := browsertest.Eval[string](tab, `document.querySelector("form.calculator input[name=x]").value`); got != "17" {
			t.Errorf("typed value = %q after the update, want 17", got)
		}
		if got := browsertest.Eval[float64](tab, `window.scrollY`); got < scroll-2 || got > scroll+2 {
			t.Errorf("scroll position %v after the update, was %v", got, scroll)
		}
		if got := browsertest.Eval[string](tab, `document.querySelector("output[name=y]").textContent`); got != "34" {
			t.Errorf("the calculator shows %q after the update, want 34 (recomputed from the kept value)", got)
		}
	})

	t.Run("stylesheet change swaps the stylesheet", func(t *testing.T) {
		n := p.builds()
		p.write("static/css/site.css", "body { border-top: 1px solid rgb(4, 5, 6); }\n")
		p.waitBuilds(n + 1)
		tab.WaitFor(`getComputedStyle(document.body).borderTopColor === "rgb(4, 5, 6)"`, 10*time.Second)
		if browsertest.Eval[int](tab, `window.__marker || 0`) != 42 {
			t.Error("the page reloaded for a stylesheet change")
		}
	})

	t.Run("broken front matter shows an overlay, fixing it clears it", func(t *testing.T) {
		n := p.builds()
		p.write("content/notes/other.md", "---\ntitle: [broken\n---\n")
		p.waitBuilds(n + 1)
		tab.WaitFor(`(function(){var h=document.querySelector("tradeoffs-live"); return h && h.shadowRoot && h.shadowRoot.textContent.includes("content/notes/other.md")})()`, 10*time.Second)
		if code, body := p.get("/notes/long/"); code != 200 || !strings.Contains(body, "EDITED-TEXT") {
			t.Errorf("the last good site is not served during a failed build (status %d)", code)
		}
		p.write("content/notes/other.md", previewSite["content/notes/other.md"])
		p.waitBuilds(n + 2)
		tab.WaitFor(`(function(){var h=document.querySelector("tradeoffs-live"); return !h || !h.shadowRoot || !h.shadowRoot.textContent.includes("content/notes/other.md")})()`, 10*time.Second)
		if browsertest.Eval[int](tab, `window.__marker || 0`) != 42 {
			t.Error("the page reloaded")
		}
	})
}

func TestPreviewFollowsFileChanges(t *testing.T) {
	// Search updates wait well past the quiet period, so that a save can
	// come before one is due (see the search subtest).
	p := startPreview(t, previewSite, func(c *Config) { c.SearchQuiet = time.Second })
	p.waitBuilds(1)

	t.Run("atomic save by rename", func(t *testing.T) {
		n := p.builds()
		tmp := filepath.Join(p.root, "content/notes/.other.md.tmp")
		os.WriteFile(tmp, []byte("---\ntitle: Another note\n---\nSAVED-BY-RENAME\n"), 0o644)
		os.Rename(tmp, filepath.Join(p.root, "content/notes/other.md"))
		p.waitBuilds(n + 1)
		if _, body := p.get("/notes/other/"); !strings.Contains(body, "SAVED-BY-RENAME") {
			t.Error("the renamed-over file's content is not served")
		}
	})

	t.Run("new folder with a new page", func(t *testing.T) {
		n := p.builds()
		p.write("content/guides/first.md", "---\ntitle: First guide\n---\nNEW-GUIDE\n")
		p.waitBuilds(n + 1)
		if code, body := p.get("/guides/first/"); code != 200 || !strings.Contains(body, "NEW-GUIDE") {
			t.Errorf("new page in a new folder: status %d", code)
		}
		if _, body := p.get("/guides/"); !strings.Contains(body, "First guide") {
			t.Error("the new section does not list the new page")
		}
	})

	t.Run("deleted page", func(t *testing.T) {
		n := p.builds()
		os.Remove(filepath.Join(p.root, "content/guides/first.md"))
		p.waitBuilds(n + 1)
		if code, _ := p.get("/guides/first/"); code != http.StatusNotFound {
			t.Errorf("deleted page: status %d, want 404", code)
		}
		if _, body := p.get("/tags/"); strings.Contains(body, "First guide") {
			t.Error("the deleted page is still listed")
		}
	})

	t.Run("a burst of 500 writes is one rebuild", func(t *testing.T) {
		n := p.builds()
		for i := range 500 {
			p.write(fmt.Sprintf("content/burst/page-%03d.md", i), fmt.Sprintf("---\ntitle: Burst %d\n---\nText %d.\n", i, i))
		}
		p.waitBuilds(n + 1)
		time.Sleep(500 * time.Millisecond) // would a second rebuild follow?
		if got := p.builds() - n; got != 1 {
			t.Errorf("%d rebuilds for one burst of 500 writes, want 1", got)
		}
		if code, _ := p.get("/burst/page-499/"); code != 200 {
			t.Errorf("the last page of the burst: status %d", code)
		}
	})

	t.Run("search catches up once saves pause, also after a failed save", func(t *testing.T) {
		docs := func() int {
			_, body := p.get("/search/entry.json")
			var entry struct{ Docs int }
			if err := json.Unmarshal([]byte(body), &entry); err != nil {
				t.Fatalf("the search entry: %v", err)
			}
			return entry.Docs
		}
		time.Sleep(1500 * time.Millisecond) // the last subtest's update
		before := docs()
		n := p.builds()
		p.write("content/notes/searched.md", "---\ntitle: Searched\n---\nFound by search.\n")
		p.waitBuilds(n + 1)
		// Saved before the search update is due, and broken: the site
		// served is the one before it, and its index must come.
		p.write("content/notes/broken.md", "---\ntitle: [\n---\n")
		p.waitBuilds(n + 2)
		deadline := time.Now().Add(10 * time.Second)
		for docs() != before+1 {
			if time.Now().After(deadline) {
				t.Fatalf("the search index holds %d pages, want %d", docs(), before+1)
			}
			time.Sleep(50 * time.Millisecond)
		}
		os.Remove(filepath.Join(p.root, "content/notes/broken.md"))
		p.waitBuilds(n + 3)
	})

	t.Run("paths outside the site are refused", func(t *testing.T) {
		for _, path := range []string{"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/notes/..%2f..%2f..%2fetc/passwd"} {
			code, body := p.get(path)
			if code != http.StatusNotFound || strings.Contains(body, "root:") {
				t.Errorf("%s: status %d", path, code)
			}
		}
	})

	t.Run("the live client is injected by serve only", func(t *testing.T) {
		if _, body := p.get("/notes/long/"); !strings.Contains(body, ClientScriptPath) {
			t.Error("serve does not inject the live client")
		}
		s, err := site.Build(context.Background(), site.Options{FS: os.DirFS(p.root)})
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range s.Files.Paths() {
			f, _ := s.Files.Get(path)
			if bytes.Contains(f.Data, []byte("_tradeoffs")) {
				t.Errorf("a built file, %s, mentions the live client", path)
			}
		}
	})
}

// A large site is first served with its code plain, so it is on screen
// sooner; the code is highlighted in the background and the pages are
// built again with it.
func TestLargeSiteHighlightsCodeInTheBackground(t *testing.T) {
	files := map[string]string{
		"content/_index.md":     "---\ntitle: Home\n---\nWelcome.\n",
		"content/notes/code.md": "---\ntitle: Code\n---\n```go\nfunc main() {}\n```\n",
	}
	p := startPreview(t, files, func(c *Config) { c.PlainFrom = 1 })
	p.waitBuilds(2)
	p.mu.Lock()
	out := p.out.String()
	p.mu.Unlock()
	if !strings.Contains(out, "highlighting 1 code block in the background") {
		t.Errorf("the first build did not leave the code to the background; server output:\n%s", out)
	}
	if _, body := p.get("/notes/code/"); !strings.Contains(body, `class="kd"`) {
		t.Error("after the background highlighting, the page's code is still plain")
	}
}
