// Package countserve serves a built site from disk like a static host and
// counts the bytes of every response as they go on the wire, so a browser
// benchmark or test can say what a page fetched.
//
// With Gzip set, text types (HTML, CSS, JS, JSON, SVG, XML) are compressed
// on the fly as Netlify does; everything else, such as already-compressed
// index files, is sent as it is on disk.
//
// It imports the standard library only.
package countserve

import (
	"compress/gzip"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
)

// Response is one response as counted.
type Response struct {
	Path   string
	Status int
	Wire   int // bytes of the body as sent (compressed if it was)
	Raw    int // bytes of the body before compression
}

// Handler serves Root, or Files when set, and records responses.
type Handler struct {
	Root  string
	Files http.Handler // serves the site instead of Root (an in-memory site)
	Gzip  bool

	mu  sync.Mutex
	log []Response
}

// Reset forgets the responses recorded so far.
func (h *Handler) Reset() {
	h.mu.Lock()
	h.log = nil
	h.mu.Unlock()
}

// Responses returns the responses since the last Reset whose path keep
// accepts, in the order they were served.
func (h *Handler) Responses(keep func(path string) bool) []Response {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.DeleteFunc(slices.Clone(h.log), func(r Response) bool { return !keep(r.Path) })
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	rec.body = countWriter{w: w, n: &rec.wire}
	if h.Gzip && compressible(r.URL.Path) && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		gz, _ := gzip.NewWriterLevel(countWriter{w: w, n: &rec.wire}, gzip.DefaultCompression)
		rec.body, rec.gzip = gz, true
	}
	files := h.Files
	if files == nil {
		files = http.FileServer(http.Dir(h.Root))
	}
	files.ServeHTTP(rec, r)
	if gz, ok := rec.body.(*gzip.Writer); ok {
		gz.Close()
	}
	h.mu.Lock()
	h.log = append(h.log, Response{Path: r.URL.Path, Status: rec.status, Wire: rec.wire, Raw: rec.raw})
	h.mu.Unlock()
}

// compressible reports whether a static host would gzip this path.
func compressible(p string) bool {
	if strings.HasSuffix(p, "/") {
		return true
	}
	switch path.Ext(p) {
	case ".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt":
		return true
	}
	return false
}

type recorder struct {
	http.ResponseWriter
	body   interface{ Write([]byte) (int, error) }
	gzip   bool
	status int
	wire   int
	raw    int
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	if r.gzip {
		r.Header().Del("Content-Length") // the length on disk is not the length sent
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	r.raw += len(p)
	return r.body.Write(p)
}

type countWriter struct {
	w interface{ Write([]byte) (int, error) }
	n *int
}

func (c countWriter) Write(p []byte) (int, error) {
	*c.n += len(p)
	return c.w.Write(p)
}
