package devserver

import (
	"bytes"
	"cmp"
	"context"
	"strings"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/output"
	"github.com/tradeoffs/tradeoffs/generator/internal/site"
)

// searchQuiet is how long after a save its search update waits for the
// next save. Updating the index of a 10,000-page site takes 150-400 ms of
// CPU, while showing a save takes a few: a save that comes meanwhile would
// wait for it. So the update waits until saves pause; a save that comes
// first makes it moot (the next update covers both), and search answers
// from the index of the save before until then.
const searchQuiet = 300 * time.Millisecond

// searchUpdate owns the search update put off until saves pause: the build
// whose index is due, and the timer that makes it due. Only the watch loop
// uses it.
type searchUpdate struct {
	built *site.Site // nil when there is none to make
	timer *time.Timer
}

// put makes built's search update due after wait, in place of the one due.
func (u *searchUpdate) put(built *site.Site, wait time.Duration) {
	u.stop()
	u.built = built
	u.timer = time.NewTimer(wait)
}

// stop puts off the due search update, and returns its build.
func (u *searchUpdate) stop() *site.Site {
	if u.timer != nil {
		u.timer.Stop()
	}
	built := u.built
	u.built, u.timer = nil, nil
	return built
}

// due is the channel of the due search update, nil when there is none.
func (u *searchUpdate) due() <-chan time.Time {
	if u.timer == nil {
		return nil
	}
	return u.timer.C
}

// searchWait is how long a save's search update waits for the next save.
func (s *Server) searchWait() time.Duration {
	return cmp.Or(s.cfg.SearchQuiet, searchQuiet)
}

// updateSearch makes the search update that is due, then starts what
// waited for the first one.
func (s *Server) updateSearch(ctx context.Context) {
	built := s.search.stop()
	if built == nil {
		return
	}
	before := s.searchEntry()
	built.Search()
	s.handler.searchReady()
	if !bytes.Equal(before, s.searchEntry()) {
		s.hub.publish(Event{"update", Update{Build: s.hub.currentBuild(), Pages: []string{}, CSS: []string{}, Search: true}})
	}
	s.gc.soon()
	s.highlightLater(ctx, built)
}

// searchEntry returns the search index's entry file as served.
func (s *Server) searchEntry() []byte {
	if f, ok := s.handler.Files().Get(site.SearchEntry); ok {
		return f.Data
	}
	return nil
}

// keepSearch carries the previous build's search files into a build made
// without them, so search keeps answering until the new index is in.
func keepSearch(old, cur *output.Files) {
	if old == nil {
		return
	}
	for _, f := range old.All() {
		if strings.HasPrefix(f.Path, "search/") && !cur.Has(f.Path) {
			cur.Put(f.Path, f.Data, f.Source)
		}
	}
}
