package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/output"
	"github.com/tradeoffs/tradeoffs/generator/internal/rootfs"
	"github.com/tradeoffs/tradeoffs/generator/internal/site"
)

// siteFlags are the flags every command that builds the site shares.
type siteFlags struct {
	root      string
	drafts    bool
	baseURL   string
	warnLinks bool
	cache     string
	noCache   bool
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.root, "root", ".", "folder holding the site's content/, layouts/ and static/")
	fs.BoolVar(&f.drafts, "drafts", false, "include pages with draft: true")
	fs.StringVar(&f.baseURL, "base-url", "", "absolute URL the site is published at (overrides base_url in content/_site.yaml)")
	fs.BoolVar(&f.warnLinks, "warn-links", false, "report broken internal links as warnings instead of errors")
	fs.StringVar(&f.cache, "cache", "", "folder for the build cache: highlighted code, diagrams, social cards and the pages' conversions, kept by content so that the next build, even from a fresh clone, converts only the pages that changed (default: .cache/ inside --root)")
	fs.BoolVar(&f.noCache, "no-cache", false, "neither read nor write the build cache")
}

// cacheDir returns the build cache folder, or "" without one.
func (f *siteFlags) cacheDir() string {
	switch {
	case f.noCache:
		return ""
	case f.cache != "":
		return f.cache
	}
	return filepath.Join(f.root, ".cache")
}

// options opens the site root (see package rootfs: nothing outside it is
// read) and returns the build's options. The root stays open until the
// process ends.
func (f *siteFlags) options() (site.Options, error) {
	root, err := rootfs.Open(f.root)
	if err != nil {
		return site.Options{}, fmt.Errorf("cannot open the site root: %w", err)
	}
	return site.Options{FS: root, Root: f.root, Drafts: f.drafts, BaseURL: f.baseURL, LinkWarnings: f.warnLinks, CacheDir: f.cacheDir()}, nil
}

func runBuild(ctx context.Context, env Env, args []string) int {
	var sf siteFlags
	fs := newFlags(env, "build", "build [flags]", `
Build the site whose content/ is in --root into --out. The site is made in a
new folder beside --out (files unchanged since the last build are linked, not
written) and replaces --out in one step only when the whole build succeeded:
a failed build leaves the previous output exactly as it was, and a build
killed at any moment leaves the whole previous site or the whole new one
(see README.md, "Publishing", for systems without an atomic folder swap).`)
	sf.register(fs)
	out := fs.String("out", "", "output folder (default: public/ inside --root)")
	preview := fs.Bool("preview", false, "deploy preview: a banner on every page and no search-engine indexing")
	quiet := fs.Bool("quiet", false, "print only problems")
	verbose := fs.Bool("verbose", false, "also print how long each step of the build took")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if *out == "" {
		*out = filepath.Join(sf.root, "public")
	}
	opts, err := sf.options()
	if err != nil {
		fmt.Fprintf(env.Stderr, "build: %v\n", err)
		return 1
	}
	opts.Preview = *preview
	// A build's live data peaks while the pages render (their converted
	// content, the search index, the highlighted code to cache): collecting
	// at 70% growth instead of Go's default 100% keeps a 10,000-page
	// build's peak memory about a fifth lower at no measurable cost in time
	// (the collector runs a few more times; see generator/README.md).
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(70))
	}
	progress := newProgress(env, *quiet)
	opts.Progress = progress.update
	// Pages are written into a folder beside the output as they are made;
	// they are published only if the whole build succeeds (Site.Publish).
	staged, err := output.Stage(*out)
	if err != nil {
		fmt.Fprintf(env.Stderr, "build: %v\n", err)
		return 1
	}
	defer staged.Discard()
	opts.Output = staged
	s, err := site.Build(ctx, opts)
	progress.done()
	if err != nil {
		fmt.Fprintf(env.Stderr, "build interrupted: %v; %s was not changed\n", err, *out)
		return 1
	}
	printDiags(env, sf.root, s.Diags, buildWarnings)
	if s.Diags.HasErrors() {
		errs, _ := s.Diags.Count()
		fmt.Fprintf(env.Stderr, "build failed: %d %s; %s was not changed\n", errs, plural(errs, "error", "errors"), *out)
		return 1
	}
	start := time.Now()
	if err := s.Publish(); err != nil {
		fmt.Fprintf(env.Stderr, "build: %v; %s was not changed\n", err, *out)
		return 1
	}
	if !*quiet {
		st := s.Stats
		st.Duration += time.Since(start)
		fmt.Fprintf(env.Stdout, "built %s into %s in %s\n", summary(st), *out, formatDuration(st.Duration))
	}
	if *verbose {
		if s.CacheIgnored != nil {
			fmt.Fprintln(env.Stdout, s.CacheIgnored)
		}
		if s.CacheErr != nil {
			fmt.Fprintf(env.Stdout, "the build cache was not saved: %v\n", s.CacheErr)
		}
		for _, t := range s.Stats.Steps {
			fmt.Fprintf(env.Stdout, "  %-11s %s\n", t.Name, formatDuration(t.Duration))
		}
		fmt.Fprintf(env.Stdout, "  %-11s %s\n", "publish", formatDuration(time.Since(start)))
		fmt.Fprintf(env.Stdout, "  %d %s converted, %d taken from the cache folder\n", s.Stats.Converted, plural(s.Stats.Converted, "page", "pages"), s.Stats.Reused)
		if s.Stats.SearchIndex > 0 {
			fmt.Fprintf(env.Stdout, "  %-11s %s (the search index, made while the pages rendered)\n", "index", formatDuration(s.Stats.SearchIndex))
		}
	}
	return 0
}

func summary(st site.Stats) string {
	s := fmt.Sprintf("%d %s, %d %s, %d %s (%d files, %s)",
		st.Pages, plural(st.Pages, "page", "pages"),
		st.Sections, plural(st.Sections, "section", "sections"),
		st.Tags, plural(st.Tags, "tag", "tags"),
		st.Files, formatBytes(st.Bytes))
	if st.Drafts > 0 {
		s += fmt.Sprintf("; %d %s left out (--drafts to include)", st.Drafts, plural(st.Drafts, "draft", "drafts"))
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func formatDuration(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}
