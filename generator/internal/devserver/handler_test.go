package devserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
	"github.com/tradeoffs/tradeoffs/generator/internal/config"
	"github.com/tradeoffs/tradeoffs/generator/internal/output"
)

func testFiles() *output.Files {
	f := output.NewFiles()
	f.Add("index.html", []byte("<!doctype html><title>home</title>"), "")
	f.Add("notes/a/index.html", []byte("<!doctype html><title>a</title>"), "")
	f.Add("404.html", []byte("<!doctype html><title>not found</title>"), "")
	f.Add("css/main.1234abcd.css", []byte("body{}"), "")
	f.Add("js/site.1234abcd.js", []byte("1"), "")
	f.Add("atom.xml", []byte("<feed/>"), "")
	f.Add("logo.svg", []byte("<svg/>"), "")
	return f
}

func TestHandler(t *testing.T) {
	h := NewHandler(testFiles())
	tests := []struct {
		path, wantType, wantBody, wantLocation string
		wantStatus                             int
	}{
		{"/", "text/html; charset=utf-8", "home", "", 200},
		{"/notes/a/", "text/html; charset=utf-8", "<title>a</title>", "", 200},
		{"/notes/a", "", "", "/notes/a/", 301},
		{"/notes/a/index.html", "text/html; charset=utf-8", "<title>a</title>", "", 200},
		{"/css/main.1234abcd.css", "text/css; charset=utf-8", "body{}", "", 200},
		{"/js/site.1234abcd.js", "text/javascript; charset=utf-8", "1", "", 200},
		{"/atom.xml", "text/xml; charset=utf-8", "<feed/>", "", 200},
		{"/logo.svg", "image/svg+xml", "<svg/>", "", 200},
		{"/nope/", "text/html; charset=utf-8", "not found", "", 404},
		{"/../../etc/passwd", "text/html; charset=utf-8", "not found", "", 404},
		{"/notes/../../etc/passwd", "text/html; charset=utf-8", "not found", "", 404},
		{"/notes/%2e%2e/%2e%2e/etc/passwd", "text/html; charset=utf-8", "not found", "", 404},
		{"/notes/..%2f..%2fetc/passwd", "text/html; charset=utf-8", "not found", "", 404},
		{"/notes\\..\\..\\x", "text/html; charset=utf-8", "not found", "", 404},
		{"/%2e%2e/%2e%2e/etc/passwd", "text/html; charset=utf-8", "not found", "", 404},
		{"/.%2e/.%2e/etc/passwd", "text/html; charset=utf-8", "not found", "", 404},
		{"/%252e%252e/%252e%252e/etc/passwd", "text/html; charset=utf-8", "not found", "", 404},
		{"/..%5c..%5cetc/passwd", "text/html; charset=utf-8", "not found", "", 404},
		{"/notes/a/%00", "text/html; charset=utf-8", "not found", "", 404},
		{"//etc/passwd", "text/html; charset=utf-8", "not found", "", 404},
		{"/notes/a/..", "text/html; charset=utf-8", "not found", "", 404},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			req := httptest.NewRequest("GET", "http://localhost"+strings.ReplaceAll(tt.path, "\\", "%5C"), nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d", res.StatusCode, tt.wantStatus)
			}
			if tt.wantType != "" && res.Header.Get("Content-Type") != tt.wantType {
				t.Errorf("Content-Type %q, want %q", res.Header.Get("Content-Type"), tt.wantType)
			}
			if !strings.Contains(string(body), tt.wantBody) {
				t.Errorf("body %q lacks %q", body, tt.wantBody)
			}
			if loc := res.Header.Get("Location"); loc != tt.wantLocation {
				t.Errorf("Location %q, want %q", loc, tt.wantLocation)
			}
			if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control %q, want no-store (a preview must never be stale)", cc)
			}
			if res.Header.Get("Content-Security-Policy") == "" {
				t.Error("no Content-Security-Policy header")
			}
		})
	}
}

func TestHandlerRejectsWrites(t *testing.T) {
	rec := httptest.NewRecorder()
	NewHandler(testFiles()).ServeHTTP(rec, httptest.NewRequest("POST", "/", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST status %d, want 405", rec.Code)
	}
}

// TestHeadersMatchNetlify keeps the preview server's security headers equal
// to the published site's, so CSP problems show up in preview: with the
// images the site's own img_src allows.
func TestHeadersMatchNetlify(t *testing.T) {
	want := browsertest.Headers(t)
	cfg, diags := config.Load(os.DirFS(browsertest.RepoRoot(t)))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	h := NewHandler(testFiles())
	h.AllowImages(cfg.ImgSrc)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	sent := SecurityHeaders()
	for k := range sent {
		v := rec.Header().Get(k)
		if got := want.Get(k); got != v {
			t.Errorf("netlify.toml %s = %q, preview server sends %q", k, got, v)
		}
	}
	if len(want) != len(sent) {
		t.Errorf("netlify.toml sets %d headers for /*, the preview server %d", len(want), len(sent))
	}
}

// TestAllowImages checks that the preview server's policy follows the
// site's img_src: images from an origin it lists load in preview, as they
// would on the published site.
func TestAllowImages(t *testing.T) {
	h := NewHandler(testFiles())
	csp := func() string {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		return rec.Header().Get("Content-Security-Policy")
	}
	if !strings.Contains(csp(), "img-src 'self' data:;") {
		t.Errorf("default policy: %s", csp())
	}
	h.AllowImages([]string{"https://img.shields.io"})
	if !strings.Contains(csp(), "img-src 'self' data: https://img.shields.io;") {
		t.Errorf("with img_src: %s", csp())
	}
}

// A browser opened while the first build runs waits for it: its request is
// answered with the built page, not refused or answered with a 404; a
// search made before the first index is in waits for the index.
func TestRequestsWaitForTheFirstBuild(t *testing.T) {
	h := newPendingHandler()
	srv := httptest.NewServer(h)
	defer srv.Close()
	defer func() { h.ready(); h.searchReady() }() // let held requests go
	get := func(path string) <-chan string {
		c := make(chan string, 1)
		go func() {
			res, err := http.Get(srv.URL + path)
			if err != nil {
				c <- err.Error()
				return
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			c <- res.Status + " " + string(b)
		}()
		return c
	}
	page, index := get("/"), get("/search/entry.json")
	// Both requests are held: neither can have been answered.
	waitParked(t, "(*Handler).wait", 2)
	select {
	case got := <-page:
		t.Fatalf("answered before the first build: %s", got)
	case <-index:
		t.Fatal("the search index was answered before the first build")
	default:
	}
	files := testFiles()
	h.Swap(files)
	h.ready()
	if got := <-page; !strings.HasPrefix(got, "200") || !strings.Contains(got, "<title>home</title>") {
		t.Errorf("GET / after the first build = %q, want the home page", got)
	}
	// The site is in, so a request blocked in wait is blocked on the index.
	waitParked(t, "(*Handler).wait", 1)
	select {
	case got := <-index:
		t.Fatalf("the search index was answered before it was built: %s", got)
	default:
	}
	withIndex := files.Clone()
	withIndex.Put("search/entry.json", []byte(`{"v":1}`), "")
	h.Swap(withIndex)
	h.searchReady()
	if got := <-index; !strings.HasPrefix(got, "200") || !strings.Contains(got, `{"v":1}`) {
		t.Errorf("GET /search/entry.json after indexing = %q, want the index", got)
	}
}
