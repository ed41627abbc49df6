package e2e

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/tools/txtar"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
	"github.com/tradeoffs/tradeoffs/generator/internal/devserver"
	"github.com/tradeoffs/tradeoffs/generator/internal/site"
)

// TestGitHubFolderInBrowser builds the GitHub folder of the site package's
// github-folder.txtar (with a real image, and without its remote badge:
// this machine reaches no other host) and opens it in Chromium under the
// published site's headers: every image of its pages loads, from markdown
// and from raw HTML, and a link written for GitHub (Design_Notes.md#Open-
// Questions) opens the page scrolled to that heading.
func TestGitHubFolderInBrowser(t *testing.T) {
	root, err := findRoot()
	if err != nil {
		t.Fatal(err)
	}
	ar, err := txtar.ParseFile(filepath.Join(root, "generator/internal/site/testdata/sites/github-folder.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	readme := string(fsys["content/docs/README.md"].Data)
	readme = strings.Replace(readme, "![build](https://img.shields.io/badge/build-passing-green.svg)", "", 1)
	// Enough text below the heading that the page can scroll to it.
	readme += strings.Repeat("\nFiller paragraph.\n", 80)
	fsys["content/docs/README.md"].Data = []byte(readme)
	notes := string(fsys["content/docs/Design_Notes.md"].Data)
	fsys["content/docs/Design_Notes.md"].Data = []byte(strings.Replace(notes, "## Open Questions", strings.Repeat("Filler paragraph.\n\n", 80)+"## Open Questions", 1))
	fsys["content/docs/images/Overview Diagram.png"].Data = pngImage(t)

	s, err := site.Build(context.Background(), site.Options{FS: fsys})
	if err != nil {
		t.Fatal(err)
	}
	if s.Diags.HasErrors() {
		t.Fatalf("errors:\n%s", s.Diags.Error())
	}
	url := browsertest.Serve(t, devserver.NewHandler(s.Files))
	b := browsertest.New(t)
	tab := b.NewTab()
	for _, p := range []string{"/docs/", "/docs/design-notes/"} {
		tab.Navigate(url + p)
		tab.WaitFor(`[...document.images].every(i => i.complete)`, 10*time.Second)
		if bad := browsertest.Eval[[]string](tab, `[...document.images].filter(i => !i.naturalWidth).map(i => i.getAttribute("src"))`); len(bad) > 0 {
			t.Errorf("%s: images that did not load: %v", p, bad)
		}
		if n := browsertest.Eval[int](tab, `document.images.length`); n == 0 {
			t.Errorf("%s: no images", p)
		}
	}

	tab.Navigate(url + "/docs/")
	if y := browsertest.Eval[float64](tab, `window.scrollY`); y != 0 {
		t.Fatalf("the page starts scrolled to %v", y)
	}
	tab.Do(chromedp.Click(chromedp.CSS(`.content a[href="/docs/design-notes/#open-questions"]`)))
	tab.WaitPath("/docs/design-notes/", 10*time.Second)
	// The heading may not be parsed yet when the address has changed.
	tab.WaitFor(`location.hash === "#open-questions" && ((h) => h !== null && Math.abs(h.getBoundingClientRect().top) < window.innerHeight / 2)(document.getElementById("open-questions")) && window.scrollY > 0`, 10*time.Second)
}

// pngImage is a small PNG a browser decodes.
func pngImage(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range 8 {
		img.Set(i, i, color.RGBA{200, 0, 0, 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
