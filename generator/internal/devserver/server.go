package devserver

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
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

// Server is a running preview. It owns the builder with its caches, the
// site being served and the tabs listening for changes, and makes each
// rebuild and what the tabs and the terminal are told of it (this file).
// Its other jobs each have a file of their own:
//   - listen.go: the listener, its URL, and holding requests until the
//     first build is in;
//   - loop.go: the watch loop, which turns saves, due timers and the end
//     of background work into rebuilds;
//   - searchupdate.go: putting a save's search update off until saves
//     pause;
//   - highlighting.go: a large site's first build with plain code, its
//     code highlighted in the background, and the build that shows it;
//   - collector.go: steering the garbage collector around saves;
//   - descriptors.go: a build that ran out of file descriptors, put off
//     and tried again.
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
	// reported are the problems already printed, so each rebuild prints
	// only what is new.
	reported map[string]bool
	// url is the address to print once the first build is served.
	url          string
	search       searchUpdate
	highlighting highlighting
	gc           collector
}

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
	ln, url, err := listen(cfg)
	if err != nil {
		return err
	}
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
	s.highlighting.plain = s.startPlain()
	// Listen from the start: a browser opened now waits for the first
	// build (the handler holds its request) instead of being refused.
	srv, ln := newHTTPServer(cfg, ln, names.guard(s.handler, cfg.Err))
	go srv.Serve(ln)
	s.url = url
	s.rebuild(ctx, "start", nil)
	s.updateSearch(ctx) // the first index: nothing to wait for
	defer s.gc.session()()
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

// rebuild builds the site again, serves it if it built, and tells the tabs
// what changed, or what is wrong.
func (s *Server) rebuild(ctx context.Context, what string, changes []watch.Change) (done bool) {
	start := time.Now()
	opts := s.cfg.Site
	opts.DeferSearch = true
	opts.PlainCode = s.highlighting.plain
	if changes != nil {
		s.highlighting.saved(start)
		if !s.fresh { // a fresh Builder reads everything
			opts.Changed = make([]string, len(changes))
			for i, c := range changes {
				opts.Changed[i] = c.Path
			}
		}
	}
	// A search update put off for this build is made by this build's,
	// unless it fails: then the one put off is still the served site's.
	indexing := s.search.stop()
	built, err, starved := s.buildWatched(ctx, opts)
	if err != nil || starved != nil || built.Diags.HasErrors() {
		if indexing != nil {
			s.search.put(indexing, s.searchWait())
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
		s.showFailed(what, built.Diags)
		return true
	}
	s.handler.AllowImages(built.ImgSrc)
	up := s.show(built.Files, built.Diags)
	if up.All {
		fmt.Fprintf(s.cfg.Out, "%s: built %d pages in %d ms\n", what, built.Stats.Pages, time.Since(start).Milliseconds())
	} else {
		fmt.Fprintf(s.cfg.Out, "%s: %d %s updated in %d ms\n", what, len(up.Pages), plural(len(up.Pages), "page", "pages"), time.Since(start).Milliseconds())
	}
	// The page is on screen; search catches up once saves pause.
	wait := s.searchWait()
	if changes == nil {
		wait = 0 // a first or full build: no save to make way for
	}
	s.search.put(built, wait)
	return true
}

// showFailed tells the terminal and the tabs that a build failed; the last
// good site stays, or a page listing the problems when there is none.
func (s *Server) showFailed(what string, l diag.List) {
	errs, _ := l.Count()
	fmt.Fprintf(s.cfg.Out, "%s: the build failed with %d %s; still serving the last good site\n", what, errs, plural(errs, "error", "errors"))
	if s.current == nil {
		s.handler.Swap(errorSite(l))
		s.open()
		s.handler.searchReady()
	}
	s.hub.publish(Event{"problems", problemsOf(s.build, true, l)})
}

// show serves a good build's files and tells the tabs what changed and
// what the build found.
func (s *Server) show(files *output.Files, l diag.List) Update {
	up := diff(s.current, files)
	up.Build = s.build
	keepSearch(s.current, files)
	s.current = files
	s.handler.Swap(files)
	s.open()
	s.hub.publish(Event{"update", up})
	s.hub.publish(Event{"problems", problemsOf(s.build, false, l)})
	return up
}

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
