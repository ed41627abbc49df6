package devserver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/output"
	"github.com/tradeoffs/tradeoffs/generator/internal/site"
)

// Event is one Server-Sent Event for the open tabs.
type Event struct {
	Name string // "hello", "update", "problems"
	Data any    // encoded as JSON
}

// Update tells tabs what a rebuild changed. A search index made after the
// build (see Server.updateSearch) is an Update of the same build with only
// Search set.
type Update struct {
	Build  int      `json:"build"`
	Pages  []string `json:"pages"`
	All    bool     `json:"all"`
	CSS    []string `json:"css"`
	JS     bool     `json:"js"`
	Search bool     `json:"search"`
}

// Problem is one diagnostic as the browser shows it.
type Problem struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// Problems reports the diagnostics of the last build; Failed means it did
// not publish and the previous site is still served.
type Problems struct {
	Build    int       `json:"build"`
	Failed   bool      `json:"failed"`
	Problems []Problem `json:"problems"`
}

// hub fans events out to every connected tab. A new tab first gets the
// current build id, how many times the search index changed, and the last
// build's problems.
type hub struct {
	done     chan struct{} // closed on shutdown: every stream ends
	once     sync.Once
	mu       sync.Mutex
	clients  map[chan Event]bool
	build    int
	search   int
	problems Problems
}

func newHub() *hub { return &hub{clients: map[chan Event]bool{}, done: make(chan struct{})} }

// close ends every stream, so the server can shut down at once.
func (h *hub) close() { h.once.Do(func() { close(h.done) }) }

// publish sends ev to every tab. A tab too slow to take it (its stream has
// a full buffer of events not yet written) would miss it and show a page
// some builds old: its stream is ended instead, once the events it holds
// are written, so the live client reconnects and catches up from hello.
func (h *hub) publish(ev Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch d := ev.Data.(type) {
	case Update:
		h.build = d.Build
		if d.Search {
			h.search++
		}
	case Problems:
		h.problems = d
	}
	for c := range h.clients {
		select {
		case c <- ev:
		default:
			delete(h.clients, c)
			close(c)
		}
	}
}

func (h *hub) subscribe() (chan Event, []Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := make(chan Event, 16)
	h.clients[c] = true
	return c, []Event{{"hello", map[string]int{"build": h.build, "search": h.search}}, {"problems", h.problems}}
}

func (h *hub) unsubscribe(c chan Event) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

// currentBuild returns the id of the build being served.
func (h *hub) currentBuild() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.build
}

// ServeHTTP streams events to one tab until it goes away, stops reading,
// or the server shuts down. The stream has no overall deadline (it lives
// as long as the tab), but each event must be written within
// eventWriteTimeout.
func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	c, first := h.subscribe()
	defer h.unsubscribe(c)
	// send writes and flushes, and reports whether the tab took it.
	send := func(write func()) bool {
		rc.SetWriteDeadline(time.Now().Add(eventWriteTimeout))
		write()
		return rc.Flush() == nil
	}
	if !send(func() {
		for _, ev := range first {
			writeEvent(w, ev)
		}
	}) {
		return
	}
	keepalive := time.NewTicker(15 * time.Second)
	defer keepalive.Stop()
	for {
		var ok bool
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case ev, open := <-c:
			if !open {
				return // dropped for falling behind (see publish)
			}
			ok = send(func() { writeEvent(w, ev) })
		case <-keepalive.C:
			ok = send(func() { fmt.Fprint(w, ": keepalive\n\n") })
		}
		if !ok {
			return
		}
	}
}

func writeEvent(w http.ResponseWriter, ev Event) {
	data, _ := json.Marshal(ev.Data)
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.Name, data)
}

// diff lists what changed between two builds for the tabs.
func diff(old, cur *output.Files) Update {
	up := Update{Pages: []string{}, CSS: []string{}}
	if old == nil {
		up.All = true
		return up
	}
	for _, f := range cur.All() {
		p := f.Path
		o, ok := old.Get(p)
		if ok && bytes.Equal(o.Data, f.Data) {
			continue
		}
		switch {
		case strings.HasSuffix(p, ".html"):
			up.Pages = append(up.Pages, pageURL(p))
		case strings.HasPrefix(p, "css/"):
			up.CSS = append(up.CSS, "/"+p)
		case strings.HasPrefix(p, "js/"):
			up.JS = true
		case p == site.SearchEntry:
			up.Search = true
		}
	}
	for _, f := range old.All() {
		if !cur.Has(f.Path) && strings.HasSuffix(f.Path, ".html") {
			up.Pages = append(up.Pages, pageURL(f.Path))
		}
	}
	slices.Sort(up.Pages)
	slices.Sort(up.CSS)
	return up
}

// pageURL turns "x/index.html" into "/x/".
func pageURL(p string) string {
	if p == "index.html" {
		return "/"
	}
	if strings.HasSuffix(p, "/index.html") {
		return "/" + strings.TrimSuffix(p, "index.html")
	}
	return "/" + p
}

func problemsOf(build int, failed bool, l diag.List) Problems {
	p := Problems{Build: build, Failed: failed, Problems: []Problem{}}
	for _, d := range l {
		p.Problems = append(p.Problems, Problem{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(), Message: d.Msg})
	}
	return p
}
