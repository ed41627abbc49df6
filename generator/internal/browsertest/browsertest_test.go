package browsertest

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestBrowserSeesCSPViolations checks the harness itself: a page is served
// with the site's CSP, runs its own script, and an inline script is blocked
// and reported as a console error.
func TestBrowserSeesCSPViolations(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><title>t</title><p id=p>before</p><script src="/app.js"></script><script>document.title="inline ran"</script>`))
	})
	mux.HandleFunc("/app.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write([]byte(`document.getElementById("p").textContent = "after";`))
	})
	url := Serve(t, mux)
	b := New(t)
	tab := b.NewTab()
	tab.AllowErrors()
	tab.Navigate(url + "/")
	tab.WaitFor(`document.getElementById("p").textContent === "after"`, 5*time.Second)
	if got := Eval[string](tab, `document.title`); got != "t" {
		t.Errorf("inline script ran under the CSP: title = %q", got)
	}
	deadline := time.Now().Add(3 * time.Second)
	for len(tab.Errors()) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if len(tab.Errors()) == 0 {
		t.Errorf("the CSP violation was not reported; messages: %q", tab.Messages())
	}
}

// TestAxeIsThePinnedVersion checks the vendored axe-core against its pin,
// so a changed file is noticed.
func TestAxeIsThePinnedVersion(t *testing.T) {
	sum := sha256.Sum256([]byte(axeSource))
	if got := base64.StdEncoding.EncodeToString(sum[:]); got != AxeSHA256 {
		t.Errorf("testdata/axe/axe.min.js has SHA-256 %s, want the pinned %s", got, AxeSHA256)
	}
	if !strings.HasPrefix(axeSource, "/*! axe v"+AxeVersion+"\n") {
		t.Errorf("testdata/axe/axe.min.js does not start with the banner of axe %s", AxeVersion)
	}
}

// TestAxeFindsAViolation checks the harness: axe runs in a page served
// under the site's CSP and reports an image without alt text.
func TestAxeFindsAViolation(t *testing.T) {
	url := Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html lang="en"><title>t</title><main><h1>t</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main>`))
	}))
	tab := New(t).NewTab()
	tab.Navigate(url + "/")
	var ids []string
	for _, v := range Axe(tab) {
		ids = append(ids, v.ID)
	}
	if !slices.Contains(ids, "image-alt") {
		t.Errorf("axe found %v, want image-alt among them", ids)
	}
}
