package devserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
	"github.com/tradeoffs/tradeoffs/generator/internal/site"
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
		for i := range 500 {
			if code, _ := p.get(fmt.Sprintf("/burst/page-%03d/", i)); code != 200 {
				t.Fatalf("page %d of the burst: status %d after its build", i, code)
			}
		}
		// One save after the burst's build. The watcher keeps order: had
		// the burst made a second rebuild, it would come before this
		// save's, and the save's page would not be build n+2's.
		p.write("content/burst/after.md", "---\ntitle: After the burst\n---\nAFTER-BURST\n")
		p.waitBuilds(n + 2)
		code, body := p.get("/burst/after/")
		if code != 200 || servedBuild(body) != n+2 {
			t.Errorf("the save after the burst is not build %d (status %d, served as build %d): the burst of 500 writes made more than one rebuild. Server output:\n%s", n+2, code, servedBuild(body), p.output())
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
		n := p.builds()
		p.write("content/notes/searched.md", "---\ntitle: Searched\n---\nFound by search.\n")
		p.waitBuilds(n + 1)
		want := indexedPages(t, p.root)
		// Saved before the search update is due, and broken: the site
		// served is the one before it, and its index must come.
		p.write("content/notes/broken.md", "---\ntitle: [\n---\n")
		p.waitBuilds(n + 2)
		// Nothing tells the tabs that search is updated: ask until it is,
		// pausing between questions (the pause only paces them).
		deadline := time.Now().Add(10 * time.Second)
		for docs() != want {
			if time.Now().After(deadline) {
				t.Fatalf("the search index holds %d pages, want %d, as a clean build of the site before the broken save", docs(), want)
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
		if code, body := p.get(ClientDOMPath); code != http.StatusOK || !strings.Contains(body, "export function el(") {
			t.Errorf("serve does not serve the module the live client imports: status %d", code)
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

// indexedPages is the number of pages a clean build of the site in root
// puts in its search index.
func indexedPages(t *testing.T, root string) int {
	t.Helper()
	s, err := site.Build(context.Background(), site.Options{FS: os.DirFS(root), LinkWarnings: true, Dev: true})
	if err != nil || s.Diags.HasErrors() {
		t.Fatalf("a clean build of the site: %v %v", err, s.Diags)
	}
	f, ok := s.Files.Get("search/entry.json")
	var entry struct{ Docs int }
	if !ok || json.Unmarshal(f.Data, &entry) != nil {
		t.Fatal("a clean build of the site has no search entry")
	}
	return entry.Docs
}

// TestPreviewFollowsImgSrc checks that the preview's Content-Security-
// Policy lets pages show images from the origins img_src lists, and
// follows an edit of it, so that preview shows what the published site
// (whose netlify.toml says the same) shows.
func TestPreviewFollowsImgSrc(t *testing.T) {
	site := map[string]string{
		"content/_site.yaml": "title: T\nimg_src: [https://img.shields.io]\n",
		"content/_index.md":  "# Home\n\n![build](https://img.shields.io/b.svg)\n",
	}
	p := startPreview(t, site)
	p.waitBuilds(1)
	csp := func() string {
		res, err := http.Get(p.url + "/")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.Header.Get("Content-Security-Policy")
	}
	if got := csp(); !strings.Contains(got, "img-src 'self' data: https://img.shields.io;") {
		t.Errorf("with img_src: %s", got)
	}
	p.write("content/_site.yaml", "title: T\n")
	p.waitBuilds(2)
	if got := csp(); !strings.Contains(got, "img-src 'self' data:;") {
		t.Errorf("after img_src was removed: %s", got)
	}
}
