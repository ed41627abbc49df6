package devserver

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/highlight"
	"github.com/tradeoffs/tradeoffs/generator/internal/site"
	"github.com/tradeoffs/tradeoffs/generator/internal/watch"
)

// largeSite is the number of pages from which serve first shows code
// unhighlighted: highlighting (chroma's lexing) is most of a cold build,
// and a large site should be on screen in seconds.
const largeSite = 1500

// savesQuiet is how long after a save background work stays off the
// machine. An editor saving every few seconds gets both cores for each
// save's rebuild; the highlighting catches up in the pauses.
const savesQuiet = 2 * time.Second

// highlightRetry is how long after a cancelled highlighting build it is
// tried again (saves usually come in bursts a few seconds apart).
const highlightRetry = 3 * time.Second

// highlighting owns the background highlighting of a large site, a small
// state machine: the first build shows code plain (plain is true); once
// the first search index is in, the code is highlighted in the background,
// a few blocks at a time while saves pause (warm); then warmed is closed
// and the loop builds every page again with it (highlightAll), unless a
// save comes first: then that build is given up, the save is built, and
// the full build is tried again after highlightRetry.
type highlighting struct {
	// plain is true while code blocks are shown unhighlighted.
	plain bool
	// warmed is closed when the code is highlighted and the build that
	// shows it is due; nil when none is coming.
	warmed chan struct{}
	// building is held while a build runs; background highlighting waits
	// for it between blocks.
	building sync.Mutex
	// lastSave is when the last save's build started (UnixNano):
	// background highlighting waits until saves pause (see savesPaused).
	lastSave atomic.Int64
}

// saved notes that a save's build starts at t.
func (h *highlighting) saved(t time.Time) { h.lastSave.Store(t.UnixNano()) }

// untilSavesPaused is how long until saves count as paused.
func (h *highlighting) untilSavesPaused() time.Duration {
	return time.Until(time.Unix(0, h.lastSave.Load()).Add(savesQuiet))
}

// savesPaused returns once no save has been built for savesQuiet, or ctx
// is done.
func (h *highlighting) savesPaused(ctx context.Context) {
	for {
		wait := h.untilSavesPaused()
		if wait <= 0 {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// again makes the build with highlighted code due after wait.
func (h *highlighting) again(wait time.Duration) {
	again := make(chan struct{})
	h.warmed = again
	time.AfterFunc(wait, func() { close(again) })
}

// startPlain reports whether the first build shows code plain: a large
// site with no highlighted code in the cache (with it, the first build is
// quick anyway).
func (s *Server) startPlain() bool {
	return countPages(s.cfg.Root) >= cmp.Or(s.cfg.PlainFrom, largeSite) && s.builder.Highlighter().Len() == 0
}

// countPages counts the markdown files under root's content folder.
func countPages(root string) int {
	n := 0
	filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && content.IsPage(d.Name()) {
			n++
		}
		return nil
	})
	return n
}

// highlightLater starts highlighting a plain build's code in the
// background, once, when there is code to highlight.
func (s *Server) highlightLater(ctx context.Context, built *site.Site) {
	if s.highlighting.plain && s.highlighting.warmed == nil && len(built.Unhighlighted) > 0 {
		s.warm(ctx, built.Unhighlighted)
	}
}

// warm highlights the code of a plain build in the background and then
// signals the loop to build again with highlighting.
func (s *Server) warm(ctx context.Context, blocks []highlight.Block) {
	h := &s.highlighting
	done := make(chan struct{})
	h.warmed = done
	fmt.Fprintf(s.cfg.Out, "highlighting %d code %s in the background\n", len(blocks), plural(len(blocks), "block", "blocks"))
	hl := s.builder.Highlighter() // shared by the builders that follow
	go func() {
		// A few blocks at a time, stepping aside while saves are being
		// made: each save should have the machine to itself.
		const chunk = 8
		for i := 0; i < len(blocks) && ctx.Err() == nil; i += chunk {
			h.savesPaused(ctx)
			h.building.Lock()
			h.building.Unlock()
			hl.Warm(ctx, blocks[i:min(i+chunk, len(blocks))])
		}
		close(done)
	}()
}

// highlighted is the loop's turn once warmed is closed: the build with
// highlighted code, now if saves have paused, or once they have.
func (s *Server) highlighted(ctx context.Context, w *watch.Watcher) {
	s.highlighting.warmed = nil
	if wait := s.highlighting.untilSavesPaused(); wait > 0 {
		// Rendering every page again would slow the next save.
		s.highlighting.again(wait)
		return
	}
	s.highlightAll(ctx, w)
}

// highlightAll builds the site again with its code highlighted, once the
// background highlighting of a plain first build is done. Every page is
// converted and rendered again: seconds on a large site, which a save must
// not wait for. So a save made meanwhile cancels it; the save is built
// first (code still plain), and highlighting is tried again once saves
// pause.
func (s *Server) highlightAll(ctx context.Context, w *watch.Watcher) {
	hctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var edit *watch.Batch
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		select {
		case b, ok := <-w.Batches():
			if ok {
				edit = &b
			}
			cancel()
		case <-stop:
		}
	})
	fmt.Fprintf(s.cfg.Out, "code highlighted: rendering the pages again with it\n")
	restore := s.gc.background()
	s.highlighting.plain = false
	done := s.rebuild(hctx, "code highlighting", nil)
	restore()
	close(stop)
	wg.Wait()
	if !done && ctx.Err() == nil {
		fmt.Fprintf(s.cfg.Out, "code highlighting: put off by a save; trying again in %v\n", highlightRetry)
		s.highlighting.plain = true
		s.highlighting.again(highlightRetry)
	}
	if edit != nil {
		s.rebuild(ctx, describe(*edit), edit.Changes)
	}
}
