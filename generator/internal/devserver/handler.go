// Package devserver owns the preview server: serving a built site from
// memory over HTTP the way a static host would (index.html for folder URLs,
// the site's 404 page with status 404, correct content types), with no
// caching so a rebuilt page is never shown stale; rebuilding on every save
// (server.go, whose Server names the file of each of its jobs: listener,
// watch loop, search update, background highlighting, garbage collector);
// and telling open tabs what changed over Server-Sent Events (events.go),
// where the live client (live.js, client.go) morphs the page in place,
// swaps the stylesheet or shows the build's problems.
//
// It serves nothing but the built site, and only to the host names it was
// started with (hosts.go: another site could point a name of its own at
// the machine); it keeps its connections within timeouts and a cap
// (conns.go), and a rebuild that could not open the site's files for lack
// of file descriptors is tried again rather than shown (descriptors.go).
package devserver

import (
	"bytes"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/csp"
	"github.com/tradeoffs/tradeoffs/generator/internal/output"
)

// SecurityHeaders returns the headers sent with every response, the same
// as the published site's (netlify.toml; a test keeps the two equal), so a
// page that breaks the Content Security Policy breaks in preview too. The
// handler sends, in place of csp.Policy, the policy of the site's img_src
// (see Handler.AllowImages).
func SecurityHeaders() map[string]string {
	return map[string]string{
		"Content-Security-Policy": csp.Policy,
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
	}
}

// Handler serves the current site from memory. Swap replaces the site
// atomically: a request sees the old site or the new one, never a mix.
type Handler struct {
	mu    sync.RWMutex
	files *output.Files
	// policy is the Content-Security-Policy of the site served (with
	// its img_src); "" for csp.Policy.
	policy string
	// live, when set, injects the live-reload client into HTML pages and
	// answers its requests (serve only; never part of a built site).
	live *hub
	// built and indexed, when set, are closed once the first site and its
	// first search index are in: the server listens from the start, and a
	// request that arrives during the first build waits for it instead of
	// being refused or answered with a 404.
	built, indexed chan struct{}
	// writeTimeout is the server's (see conns.go): a request that waited
	// for the first build gets all of it once the build is in.
	writeTimeout time.Duration
}

// NewHandler serves files.
func NewHandler(files *output.Files) *Handler {
	return &Handler{files: files}
}

// newPendingHandler serves nothing until ready and searchReady are called:
// requests wait (or give up with the client).
func newPendingHandler() *Handler {
	return &Handler{files: output.NewFiles(), built: make(chan struct{}), indexed: make(chan struct{})}
}

// ready lets waiting requests through to the site swapped in.
func (h *Handler) ready() { closeOnce(h.built) }

// searchReady lets waiting requests for the search index through.
func (h *Handler) searchReady() { closeOnce(h.indexed) }

func closeOnce(c chan struct{}) {
	if c == nil {
		return
	}
	select {
	case <-c:
	default:
		close(c)
	}
}

// wait blocks until c is closed or the request is abandoned. A request
// let through gets the whole write timeout for its response: it may have
// waited for a long first build.
func (h *Handler) wait(w http.ResponseWriter, r *http.Request, c chan struct{}) bool {
	if c == nil {
		return true
	}
	select {
	case <-c:
		extendWrite(w, h.writeTimeout)
		return true
	case <-r.Context().Done():
		return false
	}
}

// Swap serves files from now on.
func (h *Handler) Swap(files *output.Files) {
	h.mu.Lock()
	h.files = files
	h.mu.Unlock()
}

// AllowImages sends, from now on, a Content-Security-Policy that lets
// pages show images from the origins imgSrc (the site's img_src).
func (h *Handler) AllowImages(imgSrc []string) {
	h.mu.Lock()
	h.policy = csp.For(imgSrc)
	h.mu.Unlock()
}

// securityHeaders returns the headers for the site served.
func (h *Handler) securityHeaders() map[string]string {
	headers := SecurityHeaders()
	h.mu.RLock()
	defer h.mu.RUnlock()
	if h.policy != "" {
		headers["Content-Security-Policy"] = h.policy
	}
	return headers
}

// Files returns the site being served.
func (h *Handler) Files() *output.Files {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.files
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for k, v := range h.securityHeaders() {
		w.Header().Set(k, v)
	}
	w.Header().Set("Cache-Control", "no-store")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if h.live != nil && strings.HasPrefix(r.URL.Path, "/_tradeoffs/") {
		h.serveLive(w, r)
		return
	}
	if !h.wait(w, r, h.built) {
		return
	}
	if strings.HasPrefix(r.URL.Path, "/search/") && !h.wait(w, r, h.indexed) {
		return
	}
	files := h.Files()
	name, redirect, ok := Resolve(files, r.URL.Path)
	switch {
	case redirect != "":
		target := redirect
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	case ok:
		f, _ := files.Get(name)
		serve(w, r, name, h.page(name, f.Data), http.StatusOK)
	default:
		if f, ok := files.Get("404.html"); ok {
			serve(w, r, "404.html", h.page("404.html", f.Data), http.StatusNotFound)
			return
		}
		http.NotFound(w, r)
	}
}

// page adds the live-reload client to HTML in live mode.
func (h *Handler) page(name string, data []byte) []byte {
	if h.live == nil || path.Ext(name) != ".html" {
		return data
	}
	return InjectClient(data, int64(h.live.currentBuild()))
}

func (h *Handler) serveLive(w http.ResponseWriter, r *http.Request) {
	js, dom, css := Client()
	switch r.URL.Path {
	case ClientEventsPath:
		h.live.ServeHTTP(w, r)
	case ClientScriptPath:
		serve(w, r, "live.js", js, http.StatusOK)
	case ClientDOMPath:
		serve(w, r, "dom.js", dom, http.StatusOK)
	case ClientStylePath:
		serve(w, r, "live.css", css, http.StatusOK)
	default:
		http.NotFound(w, r)
	}
}

func serve(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	if status == http.StatusOK {
		// ServeContent handles Range and HEAD; modtime is unknown (zero).
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
		return
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// Resolve maps a URL path to the file that serves it, as static hosts do:
// "/x/" → "x/index.html"; "/x" → redirect to "/x/" when that folder has an
// index. Paths that try to leave the site ("..", encoded or not, NUL bytes,
// backslashes) find nothing.
func Resolve(files *output.Files, urlPath string) (name, redirect string, ok bool) {
	if strings.ContainsAny(urlPath, "\x00\\") || !strings.HasPrefix(urlPath, "/") {
		return "", "", false
	}
	for _, seg := range strings.Split(urlPath, "/") {
		if seg == ".." || seg == "." {
			return "", "", false
		}
	}
	clean := path.Clean(urlPath)
	rel := strings.TrimPrefix(clean, "/")
	if strings.HasSuffix(urlPath, "/") {
		name = path.Join(rel, "index.html")
		if rel == "" {
			name = "index.html"
		}
		_, ok = files.Get(name)
		return name, "", ok
	}
	if _, ok := files.Get(rel); ok {
		return rel, "", true
	}
	if _, ok := files.Get(path.Join(rel, "index.html")); ok {
		return "", clean + "/", false
	}
	return "", "", false
}
