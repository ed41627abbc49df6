package devserver

import (
	"context"
	"errors"
	"fmt"

	"github.com/tradeoffs/tradeoffs/generator/internal/watch"
)

// The watch loop: the one goroutine that builds. It owns the watcher and
// turns what comes to it into rebuilds, one at a time: a batch of saves,
// the due search update (searchupdate.go), the due retry of a build that
// ran out of file descriptors (descriptors.go) and the end of the
// background highlighting (highlighting.go).

// watch starts the watcher, falling back to polling when the system's
// limit on watches is reached.
func (s *Server) watch() (*watch.Watcher, error) {
	opts := s.cfg.Watch
	opts.Poll = opts.Poll || s.cfg.Poll
	w, err := watch.New(s.cfg.Root, watch.SiteRoots(), opts)
	var limit *watch.LimitError
	if errors.As(err, &limit) {
		fmt.Fprintf(s.cfg.Err, "%v\nfalling back to polling for now\n", err)
		opts.Poll = true
		return watch.New(s.cfg.Root, watch.SiteRoots(), opts)
	}
	return w, err
}

// loop rebuilds on what w and the timers bring until ctx is done or the
// watcher stops.
func (s *Server) loop(ctx context.Context, w *watch.Watcher) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.highlighting.warmed:
			s.highlighted(ctx, w)
		case b, ok := <-w.Batches():
			if !ok {
				return
			}
			s.rebuild(ctx, describe(b), b.Changes)
		case <-s.search.due():
			s.updateSearch(ctx)
		case <-s.retryDue():
			s.retry.timer = nil
			s.rebuild(ctx, s.retry.what, nil)
		case err, ok := <-w.Errors():
			if ok {
				fmt.Fprintf(s.cfg.Err, "watching: %v\n", err)
			}
		}
	}
}

// describe names what changed, for the terminal.
func describe(b watch.Batch) string {
	switch n := len(b.Changes); n {
	case 0:
		return "nothing"
	case 1:
		return b.Changes[0].Path
	default:
		return fmt.Sprintf("%s and %d more", b.Changes[0].Path, n-1)
	}
}
