package countserve

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCountsCompressedTextAndRawBinary(t *testing.T) {
	dir := t.TempDir()
	js := strings.Repeat("function search() { return 1; }\n", 200)
	os.MkdirAll(filepath.Join(dir, "search"), 0o755)
	os.WriteFile(filepath.Join(dir, "search.js"), []byte(js), 0o644)
	os.WriteFile(filepath.Join(dir, "search", "t.bin"), make([]byte, 3000), 0o644)
	h := &Handler{Root: dir, Gzip: true}
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, p := range []string{"/search.js", "/search/t.bin", "/missing.js"} {
		req, _ := http.NewRequest("GET", srv.URL+p, nil)
		req.Header.Set("Accept-Encoding", "gzip") // as a browser does; the client then leaves the body compressed
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := res.Body
		if res.Header.Get("Content-Encoding") == "gzip" {
			body, _ = gzip.NewReader(res.Body)
		}
		got, _ := io.ReadAll(body)
		res.Body.Close()
		if p == "/search.js" && string(got) != js {
			t.Errorf("%s: body changed by compression", p)
		}
	}
	all := h.Responses(func(string) bool { return true })
	if len(all) != 3 {
		t.Fatalf("recorded %d responses, want 3: %+v", len(all), all)
	}
	if r := all[0]; r.Raw != len(js) || r.Wire >= r.Raw/5 || r.Wire == 0 {
		t.Errorf("js: %+v, want %d raw bytes sent compressed", r, len(js))
	}
	if r := all[1]; r.Raw != 3000 || r.Wire != 3000 {
		t.Errorf("binary index file: %+v, want 3000 bytes sent as they are", r)
	}
	if r := all[2]; r.Status != http.StatusNotFound {
		t.Errorf("missing file: %+v, want a 404", r)
	}
	if got := h.Responses(func(p string) bool { return strings.HasPrefix(p, "/search/") }); len(got) != 1 {
		t.Errorf("filter kept %+v", got)
	}
	h.Reset()
	if got := h.Responses(func(string) bool { return true }); len(got) != 0 {
		t.Errorf("after Reset: %+v", got)
	}
}
