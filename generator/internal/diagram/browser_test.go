package diagram_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
	"github.com/tradeoffs/tradeoffs/generator/internal/output"
	"github.com/tradeoffs/tradeoffs/generator/internal/site"
)

const page = "---\ntitle: Diagram\n---\n\nA web app and its database.\n\n" +
	"```d2 {alt=\"The web app sends SQL queries to the database.\" caption=\"One app, one database\"}\n" +
	"direction: right\nweb: Web app\ndb: Database {shape: cylinder}\nweb -> db: SQL\n```\n"

// TestDiagramInBrowser builds a site with a diagram, serves it with the
// site's real Content Security Policy, and checks in Chromium, in the
// light and the dark scheme, that the picture loads with its size, that
// D2's style inside it applies (its background is the theme's, not the
// black of unstyled SVG), and that nothing breaks the policy.
func TestDiagramInBrowser(t *testing.T) {
	built, err := site.Build(context.Background(), site.Options{FS: fstest.MapFS{
		"content/demo.md": {Data: []byte(page)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if built.Diags.HasErrors() {
		t.Fatalf("build: %v", built.Diags)
	}
	url := browsertest.Serve(t, serveFiles(built.Files))
	b := browsertest.New(t)
	for _, scheme := range []struct {
		name string
		bg   [3]uint8 // the diagram's background: D2's N7 of each theme
	}{{"light", [3]uint8{0xff, 0xff, 0xff}}, {"dark", [3]uint8{0x1e, 0x1e, 0x2e}}} {
		t.Run(scheme.name, func(t *testing.T) {
			tab := b.NewTab()
			tab.Do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme.name}},
				})
				return err
			}))
			tab.Navigate(url + "/demo/")
			tab.WaitFor(`(() => { const i = document.querySelector("figure.diagram img"); return i && i.complete && i.naturalWidth > 0 })()`, 10*time.Second)
			size := browsertest.Eval[[]float64](tab, `(() => { const r = document.querySelector("figure.diagram img").getBoundingClientRect(); return [r.left, r.top, r.width, r.height] })()`)
			if size[2] < 100 || size[3] < 30 {
				t.Fatalf("the diagram is %gx%g px on the page", size[2], size[3])
			}
			if got := browsertest.Eval[string](tab, `document.querySelector("figure.diagram img").alt`); got != "The web app sends SQL queries to the database." {
				t.Errorf("alt = %q", got)
			}
			if got := browsertest.Eval[string](tab, `document.querySelector("figure.diagram figcaption").firstChild.textContent`); got != "One app, one database " {
				t.Errorf("caption = %q", got)
			}
			// Sample the picture just inside its top-left corner (past
			// the border): D2's background rectangle is there.
			got := pixel(t, tab, size[0]+4, size[1]+4)
			if !near(got, scheme.bg) {
				t.Errorf("the diagram's background is %v, want %v: D2's style did not apply in the %s scheme", got, scheme.bg, scheme.name)
			}
			// The link opens the picture full size, D2's style applied
			// there too (a page under the site's policy, not the bare SVG).
			href := browsertest.Eval[string](tab, `new URL(document.querySelector("a.diagram-open").href).pathname`)
			tab.Do(chromedp.Click(chromedp.CSS("a.diagram-open")))
			tab.WaitPath(href, 10*time.Second)
			tab.WaitFor(`(() => { const i = document.querySelector("main img"); return i && i.complete && i.naturalWidth > 0 })()`, 10*time.Second)
			full := browsertest.Eval[[]float64](tab, `(() => { const r = document.querySelector("main img").getBoundingClientRect(); return [r.left, r.top, r.width, r.height] })()`)
			if full[2] != 376 || full[3] != 152 {
				t.Errorf("the full-size page shows the diagram at %gx%g px, want its own 376x152", full[2], full[3])
			}
			if got := pixel(t, tab, full[0]+4, full[1]+4); !near(got, scheme.bg) {
				t.Errorf("full size, the diagram's background is %v, want %v: D2's style did not apply", got, scheme.bg)
			}
		})
	}
}

// serveFiles serves a built site from memory: /x/ is x/index.html.
func serveFiles(files *output.Files) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		f, ok := files.Get(p)
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch path.Ext(p) {
		case ".svg":
			w.Header().Set("Content-Type", "image/svg+xml")
		case ".css":
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
		case ".js":
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		case ".html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		w.Write(f.Data)
	})
}

// pixel returns the colour the page shows at (x, y) CSS pixels.
func pixel(t *testing.T, tab *browsertest.Tab, x, y float64) [3]uint8 {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, 20*time.Second)
	defer cancel()
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	dpr := browsertest.Eval[float64](tab, `window.devicePixelRatio`)
	c := image.Point{int(x * dpr), int(y * dpr)}
	r, g, b, _ := img.At(c.X, c.Y).RGBA()
	return [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}
}

func near(a, b [3]uint8) bool {
	for i := range a {
		if d := int(a[i]) - int(b[i]); d < -6 || d > 6 {
			return false
		}
	}
	return true
}
