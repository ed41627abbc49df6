package browsertest

import (
	"net/http"
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
