package browsertest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/netlifyconf"
)

// RepoRoot returns the repository root (the folder holding go.mod), found by
// walking up from the test's working directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's working directory")
		}
		dir = parent
	}
}

// Headers returns the response headers that netlify.toml sets for every
// path ("/*"), so tests see the published site's Content Security Policy.
func Headers(t testing.TB) http.Header {
	t.Helper()
	c, err := netlifyconf.Load(RepoRoot(t))
	if err != nil {
		t.Fatalf("reading the site's headers: %v", err)
	}
	h := http.Header{}
	for k, v := range c.HeadersFor("/*") {
		h.Set(k, v)
	}
	if len(h) == 0 {
		t.Fatal(`netlify.toml has no headers for "/*"`)
	}
	return h
}

// Serve serves handler on a local port with the site's security headers and
// returns its base URL (no trailing slash). The server stops when the test ends.
func Serve(t testing.TB, handler http.Handler) string {
	t.Helper()
	headers := Headers(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range headers {
			w.Header()[k] = v
		}
		handler.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// ServeDir serves the files of dir (a built site) as Serve does.
func ServeDir(t testing.TB, dir string) string {
	t.Helper()
	return Serve(t, http.FileServer(http.Dir(dir)))
}
