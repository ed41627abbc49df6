// Package site builds the whole site: a function from a site root (an
// fs.FS holding content/, layouts/ and static/) to a set of output files
// and the diagnostics found on the way. build, serve and check all run this
// one code path; only what they do with the result differs.
//
// The build is a list of named steps (see Build). Each step adds
// diagnostics instead of stopping at the first problem, so one run reports
// every broken page, link and template; a step that cannot run without an
// earlier one's result is skipped. The context is checked between steps, so
// the preview server can abandon a build that a newer save made stale.
//
// Templates see the view model in view.go, not the internal types.
package site

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"sync"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/assets"
	"github.com/tradeoffs/tradeoffs/generator/internal/config"
	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/diagram"
	"github.com/tradeoffs/tradeoffs/generator/internal/figures"
	"github.com/tradeoffs/tradeoffs/generator/internal/highlight"
	"github.com/tradeoffs/tradeoffs/generator/internal/history"
	"github.com/tradeoffs/tradeoffs/generator/internal/layout"
	"github.com/tradeoffs/tradeoffs/generator/internal/output"
	"github.com/tradeoffs/tradeoffs/generator/internal/reuse"
	"github.com/tradeoffs/tradeoffs/generator/internal/socialcard"
)

// Options control a build.
type Options struct {
	// FS is the site root: content/, layouts/ and static/ inside it.
	FS fs.FS
	// Root is the site root's path on disk, if it has one: pages then get
	// their "last updated" date from git. Empty in tests on in-memory sites.
	Root string
	// Drafts builds draft pages too.
	Drafts bool
	// BaseURL, if set, overrides base_url of the site config (deploy
	// previews are published at their own URL).
	BaseURL string
	// Preview marks the build as a deploy preview: a banner on every page,
	// and robots are asked not to index it.
	Preview bool
	// LinkWarnings downgrades broken internal links and anchors to
	// warnings, whatever the config says.
	LinkWarnings bool
	// Now is the build time (the footer year, the feed's updated date when
	// no page has a date); zero means time.Now().
	Now time.Time
	// Progress, if set, is called as pages are rendered.
	Progress func(done, total int)
	// Dev marks a build for the preview server.
	Dev bool
	// Changed, if set, lists the only files (slash-separated paths from the
	// site root) that changed since this Builder's last build; the others
	// are not even looked at. The preview server's watcher knows them.
	Changed []string
	// CacheDir, if set, is where highlighted code, rendered diagrams and
	// (for a one-shot build, see Build) the pages' conversions are kept
	// between builds, keyed by what they were made from (see package
	// reuse and buildcache).
	CacheDir string
	// Output, if set, receives the files; by default they are kept in
	// memory. Files from output.Stage are written as they are made and
	// published by Site.Publish.
	Output *output.Files
	// PlainCode leaves code blocks unhighlighted (see Site.Unhighlighted)
	// and draws no social card (see cards.go): the preview server's first
	// build of a large site, for speed.
	PlainCode bool
	// DeferSearch leaves the search index out of the build; Site.Search
	// adds it afterwards. The preview server shows a save first and
	// indexes it a moment later.
	DeferSearch bool
}

// Stats summarise a build.
type Stats struct {
	Pages    int
	Sections int
	Tags     int
	Drafts   int
	Files    int
	Bytes    int64
	Duration time.Duration
	// Steps times each step, in order.
	Steps []StepTime
	// Converted counts the pages whose markdown was converted; Reused
	// those whose conversion came from the cache folder instead (see
	// package reuse).
	Converted, Reused int
	// CardsDrawn counts the social cards the build drew: the others came
	// from the Builder or the cache folder (cards.go).
	CardsDrawn int
	// SearchIndex is how long making the search index took. It is made
	// while the pages render, so its share of the build's wall time is at
	// most this; the "search wait" step is what the build waited for it.
	SearchIndex time.Duration
}

// StepTime is how long one step took.
type StepTime struct {
	Name     string
	Duration time.Duration
}

// Site is the result of a build.
type Site struct {
	Files *output.Files
	Diags diag.List
	Stats Stats
	// search, with Options.DeferSearch, indexes the build's pages.
	search func()
	// build is the build's state, for Publish.
	build *build
	// CacheErr is why the build cache could not be saved, if it could not.
	CacheErr error
	// CacheIgnored says which files of the cache folder were damaged, and
	// so not used, if any were: the build made what they held again.
	CacheIgnored error
	// Unhighlighted lists the code blocks a PlainCode build left plain:
	// highlight them (Builder.Highlighter().Warm), then build again.
	Unhighlighted []highlight.Block
	// ImgSrc lists the origins the site's img_src allows remote images
	// from, for the preview server's Content-Security-Policy.
	ImgSrc []string
}

// Search adds the search index to a site built with Options.DeferSearch:
// it replaces the files under search/ that Files holds (from a previous
// build, or none). It must not run while the Builder builds. It may be
// skipped (the next build's Search indexes every change since the last
// Search that ran) or run after a later build (it indexes this build's
// pages; a later Search brings the index forward again).
func (s *Site) Search() {
	if s.search != nil {
		s.search()
		s.search = nil
	}
}

// Builder builds sites. It keeps what can be reused between builds (the
// code-highlighting cache), so the preview server's rebuilds and repeated
// builds are cheaper. A Builder must not run two builds at once.
type Builder struct {
	hl       *highlight.Highlighter
	diagrams *diagram.Renderer
	search   *searchIndex
	// content keeps parsed pages.
	content *content.Cache
	// oneShot is true for a Builder that builds once (see Build).
	oneShot bool
	// history is the git history last read, by the reflog stamp it was
	// read at (see history.Stamp). It is kept outside memos, which a
	// cancelled build puts back: a cancelled build cannot leave it wrong
	// (the stamp decides).
	history reuse.Memo[history.Dates]
	// cacheDir is the folder of the disk cache loaded, if any.
	cacheDir string
	// cacheIgnored are the damaged cache files the build did not use
	// (see Site.CacheIgnored).
	cacheIgnored []error
	// store keeps the conversions of a one-shot build with a cache
	// folder for the next such build (see reuse.Store).
	store *reuse.Store
	// slugs memoises tag slugs (Unicode normalisation is not free, and
	// every list shows tags).
	slugs sync.Map
	memos
	quickState
}

// memos are what a build keeps for the next one to reuse. A cancelled
// build puts back the ones it started with, so a build abandoned half way
// (the preview server cancels its slow background build when a save comes)
// does not leave the next one with half its caches for the wrong options.
type memos struct {
	// md holds each page's last conversion, by source file.
	md map[string]*mdEntry
	// pages holds each output page last rendered, by output path.
	pages map[string]*pageEntry
	// tax is the last build's taxonomies.
	tax *taxonomy
	// linkMemo holds the last build's page links, by URL (see link).
	linkMemo map[string]*linkMemo
	// sitemap and lint are the last build's.
	sitemap reuse.Memo[[]byte]
	lint    reuse.Memo[diag.List]
	// links holds the last link check of each page, by source.
	links map[string]*linkCheck
	// lastFiles is how many files the last build made.
	lastFiles int
	// sections keeps each section's page order (indexes into the
	// build's pages), by URL.
	sections reuse.Table[[]int32]
	// assets is the last build's theme bundle.
	assets reuse.Memo[*assets.Bundle]
	// pathsKey is the last build's (see build.pathsKey).
	pathsKey uint64
	// cards are the last build's social cards, by key.
	cards map[string][]byte
	// feed is the last build's Atom feed, by its feedSig.
	feed reuse.Memo[[]byte]
}

// quickState is what the quick path (see quick) works from.
type quickState struct {
	// last is the Builder's last completed build, as patched by quick
	// builds since; nil while a build runs and after a cancelled one.
	last *build
	// pending lists the files quick builds changed since the last
	// incremental build: the memos do not know them yet.
	pending []string
}

// tagSlug returns the URL element of a tag.
func (b *Builder) tagSlug(tag string) string {
	if v, ok := b.slugs.Load(tag); ok {
		return v.(string)
	}
	sl := content.TagSlug(tag)
	b.slugs.Store(tag, sl)
	return sl
}

// NewBuilder returns a Builder with empty caches.
func NewBuilder() *Builder {
	return &Builder{hl: highlight.New(), diagrams: diagram.New(), content: content.NewCache()}
}

// Highlighter returns the Builder's code-highlighting cache.
func (b *Builder) Highlighter() *highlight.Highlighter { return b.hl }

// Build builds the site once with a new Builder. Nothing is kept for a
// next build, so what each step no longer needs is let go as it goes: the
// memory a large site needs stays well under what it would be otherwise.
func Build(ctx context.Context, opts Options) (*Site, error) {
	b := NewBuilder()
	b.oneShot = true
	b.history.Off, b.sitemap.Off, b.lint.Off, b.sections.Off, b.assets.Off, b.feed.Off = true, true, true, true, true, true
	return b.Build(ctx, opts)
}

type step struct {
	name string
	run  func(ctx context.Context)
}

// Build runs the steps. The error is non-nil only when ctx was cancelled;
// problems in the site are in Site.Diags (Diags.HasErrors() means the site
// must not be published).
func (b *Builder) Build(ctx context.Context, opts Options) (*Site, error) {
	start := time.Now()
	if opts.Now.IsZero() {
		opts.Now = start
	}
	b.cacheIgnored = nil
	b.LoadCache(opts.CacheDir)
	if b.oneShot && opts.CacheDir != "" && b.store == nil {
		var err error
		if b.store, err = reuse.Open(opts.CacheDir); err != nil {
			b.cacheIgnored = append(b.cacheIgnored, err)
		}
	}
	if !b.oneShot {
		if site, ok := b.quick(opts, start); ok {
			return site, nil
		}
	}
	b.last = nil
	if opts.Changed != nil && len(b.pending) > 0 {
		opts.Changed = append(slices.Clone(opts.Changed), b.pending...)
	}
	saved := b.memos
	s := newBuild(b, opts)
	var times []StepTime
	var cacheSaved, storeSaved chan error
	// A cancelled build still waits for the cache it started saving, so
	// an interrupted command leaves no half-written temporary file.
	cancelled := func(err error) (*Site, error) {
		b.memos = saved
		for _, c := range []chan error{cacheSaved, storeSaved} {
			if c != nil {
				<-c
			}
		}
		return nil, err
	}
	for _, st := range s.steps() {
		if err := ctx.Err(); err != nil {
			return cancelled(err)
		}
		t := time.Now()
		st.run(ctx)
		times = append(times, StepTime{st.name, time.Since(t)})
		if st.name == "markdown" && b.oneShot && ctx.Err() == nil {
			cacheSaved = b.saveCacheEarly()
			storeSaved = s.saveConversions()
		}
	}
	if err := ctx.Err(); err != nil {
		return cancelled(err)
	}
	s.diags.Sort()
	out := &Site{Files: s.files, Diags: s.diags, Stats: s.stats(time.Since(start), times), build: s, CacheIgnored: errors.Join(b.cacheIgnored...), ImgSrc: s.cfg.ImgSrc}
	b.lastFiles = out.Stats.Files
	b.pending = nil
	if !b.oneShot {
		b.last = s
	}
	for _, p := range s.pages {
		if p.md != nil {
			out.Unhighlighted = append(out.Unhighlighted, p.md.Code...)
		}
	}
	if opts.DeferSearch {
		out.search = func() { s.publishSearch(s.indexSearch()) }
	}
	// A cache that cannot be written costs the next build time only.
	if cacheSaved != nil {
		out.CacheErr = <-cacheSaved
	}
	out.CacheErr = errors.Join(out.CacheErr, s.cardCacheErr)
	if storeSaved != nil {
		out.CacheErr = errors.Join(out.CacheErr, <-storeSaved)
	}
	return out, nil
}

// steps lists the build's steps in the order they run. Each adds its
// problems to the build's diagnostics and skips its work when an earlier
// step it needs could not run.
func (s *build) steps() []step {
	return []step{
		{"config", s.loadConfig},
		{"content", s.loadContent},
		{"decisions", s.checkDecisions},
		{"history", s.loadHistory},
		{"widgets", s.loadWidgets},
		{"figures", s.loadFigures},
		{"layouts", s.loadLayouts},
		{"assets", s.buildAssets},
		{"markdown", s.renderMarkdown},
		{"taxonomies", s.collectTaxonomies},
		{"search", s.buildSearch},
		{"pages", s.renderPages},
		{"cards", s.renderCards},
		{"aliases", s.renderAliases},
		{"feeds", s.renderFeeds},
		{"static", s.copyStatic},
		{"lint", s.lintContent},
		// The index is made beside the steps above (none writes under
		// search/); the link check must see every file.
		{"search wait", s.finishSearch},
		{"links", s.checkLinks},
	}
}

// build is the state of one build as it moves through the steps.
type build struct {
	b         *Builder
	opts      Options
	cfg       config.Config
	content   *content.Site
	pages     []*page // published pages, sorted by source
	bySource  map[string]*page
	byURL     map[string]*page
	sections  []*page // top-level section pages (real or made up), sorted
	tags      []*tag
	tagBySlug map[string]*tag
	calcs     *calcEmbedder
	decisions *decisionLog
	figures   *figures.Set
	defsKey   [32]byte // see definitionsKey
	layouts   *layout.Set
	assets    *assets.Bundle
	view      *SiteView
	// sectionCache holds what lists need, made once.
	sectionCache map[*page][]*page
	// pagerOf holds each section page's neighbours (see makePager).
	pagerOf map[string][2]*page
	// nextLinkMemo becomes the Builder's linkMemo after the pages render;
	// linkSite is the part of every link's key that all links share.
	nextLinkMemo map[string]*linkMemo
	linkSite     uint64
	linkSiteDone bool
	// dates are the pages' last commits, as loadHistory read them.
	dates      history.Dates
	mdSettings []byte // see mdKey
	samePaths  bool   // see pathsKey
	front      uint64 // see frontKey
	frontDone  bool
	// searchEntry is the URL of the search index's entry file.
	searchEntry string
	// searchDone is closed once the index made while the pages render is
	// in the output, and searchTook is how long making it took.
	searchDone chan struct{}
	searchTook time.Duration
	// cards are the social cards of the output's pages, by key;
	// cardCacheErr is why some could not be kept in the cache folder.
	cards        map[string]socialcard.Card
	cardCacheErr error
	cardsDrawn   int
	// feed lists the articles of the feed (see markFeed).
	feed []*page
	// converted and reused are the counts of Stats.
	converted, reused int
	// kept are the conversions to keep in the Builder's store (see
	// saveConversions).
	kept   []keptConversion
	failed failed      // what could not be published, see failed
	plan   *searchPlan // see searchPlan
	files  *output.Files
	diags  diag.List

	// lists are the list pages made for folders below the top level
	// (see folders.go), sorted by URL; subsections are every section
	// page below the top level, made or real, once asked for; listCache
	// holds what section pages list.
	lists       []*page
	subsections []*page
	listCache   map[*page][]*page
}

func newBuild(b *Builder, opts Options) *build {
	files := opts.Output
	if files == nil {
		files = output.NewFilesSize(b.lastFiles)
	}
	return &build{b: b, opts: opts, files: files, bySource: make(map[string]*page, len(b.linkMemo)), byURL: make(map[string]*page, len(b.linkMemo)),
		sectionCache: map[*page][]*page{}, listCache: map[*page][]*page{}, nextLinkMemo: make(map[string]*linkMemo, len(b.linkMemo))}
}

func (s *build) stats(d time.Duration, steps []StepTime) Stats {
	st := Stats{Tags: len(s.tags), Files: s.files.Len(), Bytes: s.files.Size(), Duration: d, Steps: steps, SearchIndex: s.searchTook,
		Converted: s.converted, Reused: s.reused, CardsDrawn: s.cardsDrawn}
	if s.content != nil {
		st.Drafts = s.content.Drafts
	}
	for _, p := range s.pages {
		if p.Kind == content.KindPage {
			st.Pages++
		}
	}
	st.Sections = len(s.sections)
	return st
}

func (s *build) loadConfig(context.Context) {
	cfg, diags := config.Load(s.opts.FS)
	s.diags.Append(diags)
	if s.opts.BaseURL != "" {
		cfg.BaseURL = s.opts.BaseURL
		if cfg.BaseURL[len(cfg.BaseURL)-1] != '/' {
			cfg.BaseURL += "/"
		}
	}
	if s.opts.LinkWarnings {
		cfg.BrokenLinks = "warning"
	}
	if !highlight.StyleExists(cfg.Highlight.Light) {
		s.diags.Errorf(diag.Pos{File: config.File}, "unknown highlight style %q (highlight.light)", cfg.Highlight.Light)
		cfg.Highlight.Light = config.Default().Highlight.Light
	}
	if !highlight.StyleExists(cfg.Highlight.Dark) {
		s.diags.Errorf(diag.Pos{File: config.File}, "unknown highlight style %q (highlight.dark)", cfg.Highlight.Dark)
		cfg.Highlight.Dark = config.Default().Highlight.Dark
	}
	s.cfg = cfg
	s.checkDeployImgSrc()
}

func (s *build) loadContent(ctx context.Context) {
	opts := content.Options{Drafts: s.opts.Drafts, MaxPageBytes: s.cfg.MaxPageBytes, Cache: s.b.content}
	if s.b.oneShot {
		// Nothing is loaded twice, and the cache's copy of each page would
		// keep the file's bytes after the build lets go of the body.
		opts.Cache = nil
	}
	if s.opts.Changed != nil {
		opts.Changed = map[string]bool{}
		for _, c := range s.opts.Changed {
			opts.Changed[c] = true
		}
	}
	site, diags := content.Load(ctx, s.opts.FS, opts)
	s.diags.Append(diags)
	s.content = site
	for _, p := range site.Failed {
		s.failed.addSource(p)
	}
	s.pages = make([]*page, 0, len(site.Pages))
	for _, cp := range site.Pages {
		p := &page{Page: cp}
		s.pages = append(s.pages, p)
		s.bySource[cp.Source] = p
		s.byURL[cp.URL] = p
	}
}
