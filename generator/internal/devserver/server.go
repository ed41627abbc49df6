package devserver

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/highlight"
	"github.com/tradeoffs/tradeoffs/generator/internal/output"
	"github.com/tradeoffs/tradeoffs/generator/internal/rootfs"
	"github.com/tradeoffs/tradeoffs/generator/internal/site"
	"github.com/tradeoffs/tradeoffs/generator/internal/watch"
)

// Config is what the preview server needs.
type Config struct {
	// Root is the site folder; Site is the build's options (FS is set from
	// Root).
	Root string
	Site site.Options
	// Bind and Port are where to listen.
	Bind string
	Port int
	// AllowHosts are host names the server answers to besides those it
	// is bound to (see hosts.go); a name starting with a dot allows its
	// subdomains too.
	AllowHosts []string
	// IdleTimeout is how long an idle keep-alive connection stays open,
	// WriteTimeout how long a response may take to write (see conns.go);
	// 0 means idleTimeout and writeTimeout.
	IdleTimeout, WriteTimeout time.Duration
	// MaxConns caps the connections open at once; 0 means a cap taken
	// from the process's limit on open files (see maxConnsFor).
	MaxConns int
	// Poll watches by scanning instead of system notifications.
	Poll bool
	// Watch tunes the watcher (zero values are its defaults); Poll wins
	// over Watch.Poll.
	Watch watch.Options
	// Out gets the URL and one line per rebuild; Err the problems.
	Out, Err io.Writer
	// PlainFrom is the number of pages from which the first build leaves
	// code plain and highlights it in the background; 0 means largeSite.
	PlainFrom int
	// SearchQuiet is how long a save's search update waits for the next
	// save; 0 means searchQuiet.
	SearchQuiet time.Duration
	// Ready, if set, is called with the base URL once the server listens.
	Ready func(url string)
	// Built, if set, is called after every build with its id and whether it
	// failed (for tests and tools).
	Built func(id int, failed bool)
}

// Server is a running preview: the builder with its caches, the site being
// served, and the tabs listening for changes.
type Server struct {
	cfg     Config
	builder *site.Builder
	// fresh is true while builder has not finished a build (see putOff).
	fresh bool
	// fs is the site's folder as the builds read it (see descFS).
	fs      *descFS
	retry   retry
	handler *Handler
	hub     *hub
	current *output.Files // the last good build
	build   int
	// plain is true while code blocks are shown unhighlighted: the first
	// build of a large site, until its code is highlighted in the
	// background and a full build takes over (see warm).
	plain  bool
	warmed chan struct{}
	// reported are the problems already printed, so each rebuild prints
	// only what is new.
	reported map[string]bool
	// url is the address to print once the first build is served.
	url string
	// building is held while a build runs; background highlighting waits
	// for it between blocks.
	building sync.Mutex
	// lastSave is when the last save's build started (UnixNano):
	// background highlighting waits until saves pause (see savesPaused).
	lastSave atomic.Int64
	// collecting is set while an idle-time collection runs (see collectSoon).
	collecting atomic.Bool
	// indexing is the last good build, whose search update waits for
	// searchTimer (see deferSearch); nil when there is none to make.
	indexing    *site.Site
	searchTimer *time.Timer
}

// searchQuiet is how long after a save its search update waits for the
// next save. Updating the index of a 10,000-page site takes 150-400 ms of
// CPU, while showing a save takes a few: a save that comes meanwhile would
// wait for it. So the update waits until saves pause; a save that comes
// first makes it moot (the next update covers both), and search answers
// from the index of the save before until then.
const searchQuiet = 300 * time.Millisecond

// deferSearch makes built's search update due after wait, unless a build
// comes first.
func (s *Server) deferSearch(built *site.Site, wait time.Duration) {
	s.stopSearch()
	s.indexing = built
	s.searchTimer = time.NewTimer(wait)
}

// stopSearch puts off the due search update, and returns its build.
func (s *Server) stopSearch() *site.Site {
	if s.searchTimer != nil {
		s.searchTimer.Stop()
	}
	built := s.indexing
	s.indexing, s.searchTimer = nil, nil
	return built
}

// searchDue is the channel of the due search update, nil when there is none.
func (s *Server) searchDue() <-chan time.Time {
	if s.searchTimer == nil {
		return nil
	}
	return s.searchTimer.C
}

// updateSearch makes the search update that is due, then starts what
// waited for the first one.
func (s *Server) updateSearch(ctx context.Context) {
	built := s.stopSearch()
	if built == nil {
		return
	}
	built.Search()
	s.handler.searchReady()
	s.collectSoon()
	if s.plain && s.warmed == nil && len(built.Unhighlighted) > 0 {
		s.warm(ctx, built.Unhighlighted)
	}
}

// savesQuiet is how long after a save background work stays off the
// machine. An editor saving every few seconds gets both cores for each
// save's rebuild; the highlighting catches up in the pauses.
const savesQuiet = 2 * time.Second

// untilSavesPaused is how long until saves count as paused.
func (s *Server) untilSavesPaused() time.Duration {
	return time.Until(time.Unix(0, s.lastSave.Load()).Add(savesQuiet))
}

// savesPaused returns once no save has been built for savesQuiet, or ctx
// is done.
func (s *Server) savesPaused(ctx context.Context) {
	for {
		wait := s.untilSavesPaused()
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

// largeSite is the number of pages from which serve first shows code
// unhighlighted: highlighting (chroma's lexing) is most of a cold build,
// and a large site should be on screen in seconds.
const largeSite = 1500

// Run builds the site, serves it and rebuilds it on every change until ctx
// is cancelled. It returns an error only when it cannot start.
func Run(ctx context.Context, cfg Config) error {
	if cfg.Site.FS == nil {
		root, err := rootfs.Open(cfg.Root)
		if err != nil {
			return fmt.Errorf("cannot open the site root: %w", err)
		}
		defer root.Close()
		cfg.Site.FS = root
	}
	files := &descFS{fsys: cfg.Site.FS}
	cfg.Site.FS = files
	cfg.Site.Root = cfg.Root
	names, err := newHosts(cfg.Bind, cfg.AllowHosts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(cfg.Bind, strconv.Itoa(cfg.Port)))
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (another server may be running there: use --port to choose another port)", net.JoinHostPort(cfg.Bind, strconv.Itoa(cfg.Port)), err)
	}
	url := "http://" + net.JoinHostPort(displayHost(cfg.Bind), strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)) + "/"
	cfg.Site.BaseURL = url
	s := &Server{cfg: cfg, builder: site.NewBuilder(), hub: newHub(), fs: files}
	s.handler = newPendingHandler()
	s.handler.writeTimeout = cmp.Or(cfg.WriteTimeout, writeTimeout)
	s.handler.live = s.hub
	w, err := s.watch()
	if err != nil {
		ln.Close()
		return err
	}
	defer w.Close()
	s.builder.LoadCache(cfg.Site.CacheDir)
	// With highlighted code in the cache, the first build is quick anyway.
	s.plain = countPages(cfg.Root) >= cmp.Or(cfg.PlainFrom, largeSite) && s.builder.Highlighter().Len() == 0
	// Listen from the start: a browser opened now waits for the first
	// build (the handler holds its request) instead of being refused.
	srv, ln := newHTTPServer(cfg, ln, names.guard(s.handler, cfg.Err))
	go srv.Serve(ln)
	s.url = url
	s.rebuild(ctx, "start", nil)
	s.updateSearch(ctx) // the first index: nothing to wait for
	// From now on the server holds a site and the caches of a long session,
	// and each rebuild allocates a little more garbage: collect it sooner
	// than the default (heap twice the live data), so a large site's server
	// stays within half the memory Hugo's needs. The first build ran with
	// the default, which is faster. Edits allocate little, so their speed
	// does not suffer.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(50))
	}
	if cfg.Ready != nil {
		cfg.Ready(url)
	}
	s.loop(ctx, w)
	s.hub.close()
	if err := s.builder.SaveCache(); err != nil {
		fmt.Fprintf(cfg.Err, "cannot save the build cache: %v\n", err)
	}
	sctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	srv.Shutdown(sctx)
	return nil
}

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

func (s *Server) loop(ctx context.Context, w *watch.Watcher) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.warmed:
			s.warmed = nil
			if wait := s.untilSavesPaused(); wait > 0 {
				// Rendering every page again would slow the next save.
				again := make(chan struct{})
				s.warmed = again
				time.AfterFunc(wait, func() { close(again) })
				continue
			}
			s.highlightAll(ctx, w)
		case b, ok := <-w.Batches():
			if !ok {
				return
			}
			s.rebuild(ctx, describe(b), b.Changes)
		case <-s.searchDue():
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
	// The old site is served while the new one is made: the one time the
	// server would need twice its memory. It is background work, so it
	// spends more time collecting garbage instead.
	fmt.Fprintf(s.cfg.Out, "code highlighted: rendering the pages again with it\n")
	gc := debug.SetGCPercent(20)
	s.plain = false
	done := s.rebuild(hctx, "code highlighting", nil)
	debug.SetGCPercent(gc)
	close(stop)
	wg.Wait()
	if !done && ctx.Err() == nil {
		fmt.Fprintf(s.cfg.Out, "code highlighting: put off by a save; trying again in %v\n", highlightRetry)
		s.plain = true
		again := make(chan struct{})
		s.warmed = again
		time.AfterFunc(highlightRetry, func() { close(again) })
	}
	if edit != nil {
		s.rebuild(ctx, describe(*edit), edit.Changes)
	}
}

// highlightRetry is how long after a cancelled highlighting build it is
// tried again (saves usually come in bursts a few seconds apart).
const highlightRetry = 3 * time.Second

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

// rebuild builds the site again, serves it if it built, and tells the tabs
// what changed, or what is wrong.
func (s *Server) rebuild(ctx context.Context, what string, changes []watch.Change) (done bool) {
	start := time.Now()
	opts := s.cfg.Site
	opts.DeferSearch = true
	opts.PlainCode = s.plain
	if changes != nil {
		s.lastSave.Store(start.UnixNano())
		if !s.fresh { // a fresh Builder reads everything
			opts.Changed = make([]string, len(changes))
			for i, c := range changes {
				opts.Changed[i] = c.Path
			}
		}
	}
	// A search update put off for this build is made by this build's,
	// unless it fails: then the one put off is still the served site's.
	indexing := s.stopSearch()
	built, err, starved := s.buildWatched(ctx, opts)
	if err != nil || starved != nil || built.Diags.HasErrors() {
		if indexing != nil {
			s.deferSearch(indexing, cmp.Or(s.cfg.SearchQuiet, searchQuiet))
		}
	}
	if starved != nil {
		s.putOff(what, starved)
		return ctx.Err() == nil
	}
	if err != nil {
		return false // cancelled: the server is stopping, or a save came
	}
	s.fresh = false
	s.retried()
	s.build++
	failed := built.Diags.HasErrors()
	s.report(built.Diags)
	if s.cfg.Built != nil {
		defer s.cfg.Built(s.build, failed)
	}
	if failed {
		errs, _ := built.Diags.Count()
		fmt.Fprintf(s.cfg.Out, "%s: the build failed with %d %s; still serving the last good site\n", what, errs, plural(errs, "error", "errors"))
		if s.current == nil {
			s.handler.Swap(errorSite(built.Diags))
			s.open()
			s.handler.searchReady()
		}
		s.hub.publish(Event{"problems", problemsOf(s.build, true, built.Diags)})
		return true
	}
	up := diff(s.current, built.Files)
	up.Build = s.build
	keepSearch(s.current, built.Files)
	s.current = built.Files
	s.handler.Swap(built.Files)
	s.open()
	s.hub.publish(Event{"update", up})
	s.hub.publish(Event{"problems", problemsOf(s.build, false, built.Diags)})
	if up.All {
		fmt.Fprintf(s.cfg.Out, "%s: built %d pages in %d ms\n", what, built.Stats.Pages, time.Since(start).Milliseconds())
	} else {
		fmt.Fprintf(s.cfg.Out, "%s: %d %s updated in %d ms\n", what, len(up.Pages), plural(len(up.Pages), "page", "pages"), time.Since(start).Milliseconds())
	}
	// The page is on screen; search catches up once saves pause.
	wait := cmp.Or(s.cfg.SearchQuiet, searchQuiet)
	if changes == nil {
		wait = 0 // a first or full build: no save to make way for
	}
	s.deferSearch(built, wait)
	return true
}

// open lets the requests held during the first build through, and prints
// the URL once.
func (s *Server) open() {
	if s.url == "" {
		return
	}
	s.handler.ready()
	fmt.Fprintf(s.cfg.Out, "serving at %s (Ctrl-C to stop)\n", s.url)
	s.url = ""
}

// warm highlights the code of a plain build in the background and then
// signals the loop to build again with highlighting.
func (s *Server) warm(ctx context.Context, blocks []highlight.Block) {
	done := make(chan struct{})
	s.warmed = done
	fmt.Fprintf(s.cfg.Out, "highlighting %d code %s in the background\n", len(blocks), plural(len(blocks), "block", "blocks"))
	hl := s.builder.Highlighter() // shared by the builders that follow
	go func() {
		// A few blocks at a time, stepping aside while saves are being
		// made: each save should have the machine to itself.
		const chunk = 8
		for i := 0; i < len(blocks) && ctx.Err() == nil; i += chunk {
			s.savesPaused(ctx)
			s.building.Lock()
			s.building.Unlock()
			hl.Warm(ctx, blocks[i:min(i+chunk, len(blocks))])
		}
		close(done)
	}()
}

// collectSoon collects garbage now, while the editor is between saves,
// when the heap has grown by a quarter since the last collection: each save
// leaves some garbage (the search update most), and a collection that
// starts on its own during a save's rebuild (at GOGC's growth) takes a core
// from it, which on a large site made every third or fourth save twice as
// slow to show. A save that comes meanwhile still builds at once.
func (s *Server) collectSoon() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 || sample[1].Value.Kind() != metrics.KindUint64 {
		return
	}
	live, now := sample[0].Value.Uint64(), sample[1].Value.Uint64()
	if now < live+live/4 || !s.collecting.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer s.collecting.Store(false)
		runtime.GC()
	}()
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

// report prints the diagnostics to the terminal.
// report prints the problems a build found that the last build did not
// (all of them come to the browser), at most a screenful at a time.
func (s *Server) report(l diag.List) {
	seen := map[string]bool{}
	var fresh []string
	for _, d := range l {
		line := d.Error()
		seen[line] = true
		if !s.reported[line] {
			fresh = append(fresh, line)
		}
	}
	s.reported = seen
	for i, line := range fresh {
		if i == 20 {
			fmt.Fprintf(s.cfg.Err, "... and %d more new problems (all are listed in the browser)\n", len(fresh)-i)
			break
		}
		fmt.Fprintln(s.cfg.Err, line)
	}
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

// errorSite is what is served when the very first build fails: a page that
// lists the problems, with the live client, so fixing them shows the site.
func errorSite(l diag.List) *output.Files {
	var b strings.Builder
	b.WriteString("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>The site does not build</title></head><body><h1>The site does not build</h1><p>Fix these problems and save; this page updates by itself.</p><ul>")
	for _, d := range l {
		b.WriteString("<li><code>" + htmlEscape(d.Error()) + "</code></li>")
	}
	b.WriteString("</ul></body></html>")
	f := output.NewFiles()
	f.Add("index.html", []byte(b.String()), "")
	f.Add("404.html", []byte(b.String()), "")
	return f
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// displayHost is the host to put in URLs for a bind address.
func displayHost(bind string) string {
	if bind == "" || bind == "0.0.0.0" || bind == "::" {
		return "localhost"
	}
	return bind
}
