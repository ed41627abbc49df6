package devserver

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// stalledTab is a tab's response that takes the first write, then stalls
// every later one until released, as a tab that stopped reading does.
type stalledTab struct {
	header  http.Header
	first   chan struct{} // closed at the first write
	release chan struct{}
	once    sync.Once
	mu      sync.Mutex
	body    strings.Builder
}

func (w *stalledTab) Header() http.Header { return w.header }
func (w *stalledTab) WriteHeader(int)     {}
func (w *stalledTab) Flush()              {}

func (w *stalledTab) Write(b []byte) (int, error) {
	w.once.Do(func() { close(w.first) })
	<-w.release
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.body.Write(b)
}

// A tab that cannot take the events as fast as builds come is dropped, not
// left behind: its stream ends, so the live client reconnects and catches
// up from hello instead of showing a page some builds old.
func TestHubDropsATabThatFallsBehind(t *testing.T) {
	h := newHub()
	defer h.close()
	w := &stalledTab{header: http.Header{}, first: make(chan struct{}), release: make(chan struct{})}
	ended := make(chan struct{})
	go func() {
		h.ServeHTTP(w, httptest.NewRequest("GET", ClientEventsPath, nil))
		close(ended)
	}()
	<-w.first // subscribed, and stalled writing hello
	for b := 1; b <= 40; b++ {
		h.publish(Event{"update", Update{Build: b, Pages: []string{}, CSS: []string{}}})
	}
	close(w.release)
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatal("the stream of a tab that fell 40 builds behind is still open: the tab never learns it missed updates")
	}
}
