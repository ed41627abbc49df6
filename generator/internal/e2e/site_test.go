package e2e

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
	"github.com/tradeoffs/tradeoffs/generator/internal/devserver"
	"github.com/tradeoffs/tradeoffs/generator/internal/site"
)

// repoSite builds the repository's site once for all tests of the package.
var repoSite = sync.OnceValues(func() (*site.Site, error) {
	root, err := findRoot()
	if err != nil {
		return nil, err
	}
	return site.Build(context.Background(), site.Options{FS: os.DirFS(root)})
})

func findRoot() (string, error) {
	dir, err := os.Getwd()
	for err == nil {
		if _, statErr := os.Stat(filepath.Join(dir, "go.mod")); statErr == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
	return "", err
}

func builtSite(t *testing.T) *site.Site {
	t.Helper()
	s, err := repoSite()
	if err != nil {
		t.Fatalf("building the repository's site: %v", err)
	}
	return s
}

// TestRepositorySiteBuildsWithoutProblems is the check a pull request must
// pass: the site in this repository builds with no error and no warning.
func TestRepositorySiteBuildsWithoutProblems(t *testing.T) {
	s := builtSite(t)
	if len(s.Diags) > 0 {
		t.Fatalf("the site has %d problems:\n%s", len(s.Diags), s.Diags.Error())
	}
	if s.Stats.Pages < 20 {
		t.Errorf("only %d pages built", s.Stats.Pages)
	}
}

// page is what a browser test expects of one page.
type page struct {
	path   string
	h1     string // text the <h1> contains
	marker string // a selector that must be on the page
}

var keyPages = []page{
	{"/", "Tradeoffs", ".home-group .card"},
	{"/case-studies/prime-video-monitoring/", "Prime Video", ".facts .metrics"},
	{"/checklists/serverless-or-always-on/", "always-on", "form.checklist"},
	{"/checklists/should-we-split-this-service/", "split", ".checklist-tag"},
	{"/tags/serverless/", "serverless", ".cards .card"},
	{"/no-such-page/", "Page not found", ".not-found"},
}

func TestKeyPagesInBrowser(t *testing.T) {
	s := builtSite(t)
	if s.Diags.HasErrors() {
		t.Skip("the site does not build; TestRepositorySiteBuildsWithoutProblems reports why")
	}
	url := browsertest.Serve(t, devserver.NewHandler(s.Files))
	b := browsertest.New(t)
	for _, p := range keyPages {
		t.Run(strings.Trim(p.path, "/"), func(t *testing.T) {
			tab := b.NewTab()
			if p.h1 == "Page not found" {
				tab.AllowErrors() // the browser logs the 404 status of the page itself
			}
			tab.Navigate(url + p.path)
			h1 := browsertest.Eval[string](tab, `document.querySelector("h1") ? document.querySelector("h1").textContent : ""`)
			if !strings.Contains(strings.ToLower(h1), strings.ToLower(p.h1)) {
				t.Errorf("h1 = %q, want it to contain %q", h1, p.h1)
			}
			if !browsertest.Eval[bool](tab, `!!document.querySelector(`+jsString(p.marker)+`)`) {
				t.Errorf("no %s on the page", p.marker)
			}
			checkBasics(t, tab)
			tab.Phone()
			tab.Navigate(url + p.path)
			if w := browsertest.Eval[int](tab, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
				t.Errorf("the page scrolls sideways by %dpx on a phone", w)
			}
		})
	}
}

// checkBasics checks what every page must do: one h1, a working skip link,
// a search form, a stylesheet that applied, and a dark scheme.
func checkBasics(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	if n := browsertest.Eval[int](tab, `document.querySelectorAll("h1").length`); n != 1 {
		t.Errorf("%d h1 elements, want 1", n)
	}
	if !browsertest.Eval[bool](tab, `!!document.querySelector('form[role=search] input[type=search]')`) {
		t.Error("no search box")
	}
	tab.Do(chromedp.KeyEvent("\t"))
	if got := browsertest.Eval[string](tab, `document.activeElement.className`); got != "skip-link" {
		t.Errorf("first Tab focuses %q, want the skip link", got)
	}
	if got := browsertest.Eval[string](tab, `getComputedStyle(document.querySelector(".skip-link")).top`); got == "-48px" {
		t.Error("the focused skip link stays off screen")
	}
	light := browsertest.Eval[string](tab, `getComputedStyle(document.body).backgroundColor`)
	tab.ColorScheme("dark")
	dark := browsertest.Eval[string](tab, `getComputedStyle(document.body).backgroundColor`)
	tab.ColorScheme("light")
	if light != "rgb(255, 255, 255)" || dark == light {
		t.Errorf("background light %q, dark %q: the colour schemes do not apply", light, dark)
	}
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func TestNotFoundStatus(t *testing.T) {
	s := builtSite(t)
	if s.Diags.HasErrors() {
		t.Skip("the site does not build")
	}
	url := browsertest.Serve(t, devserver.NewHandler(s.Files))
	client := &http.Client{Timeout: 5 * time.Second}
	res, err := client.Get(url + "/no-such-page/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("status %d, want 404", res.StatusCode)
	}
}
