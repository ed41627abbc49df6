package site

import (
	"context"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/history"
	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
	"github.com/tradeoffs/tradeoffs/generator/internal/output"
)

// The quick path. Most saves in the preview server change one page's body
// and nothing another page shows of it: not its list entry (title,
// summary, date, tags), not its links (backlinks, related pages), not its
// anchors (other pages' links into it). Then the output that changes is
// that page's own, and the search index. An incremental build still looks
// at every page to find that out, which on a 10,000-page site costs tens of
// milliseconds; the quick path checks those conditions on the one page,
// renders it and patches the last build, in a few. When any condition does
// not hold it declines, and the incremental build runs as usual.
// TestIncrementalEqualsFullBuild compares both with full builds.

// quick tries the quick path for a build of opts after the Builder's last
// one; ok is false when it does not apply.
func (b *Builder) quick(opts Options, start time.Time) (site *Site, ok bool) {
	s := b.last
	if s == nil || len(opts.Changed) != 1 || !sameSettings(s.opts, opts) || s.files == nil || s.layouts == nil {
		return nil, false
	}
	src := opts.Changed[0]
	old := s.bySource[src]
	if old == nil || old.Kind != content.KindPage || old.md == nil || old.Bundle != "" || s.calcs.definesInline(src) ||
		!ownFeatures(old.md.Features) {
		return nil, false
	}
	// The page must have had no problem at all: its problems' lines would
	// move with the edit.
	for _, d := range s.diags {
		if d.Pos.File == src {
			return nil, false
		}
	}
	// A commit since can change last-updated dates: go on only if the
	// pages' dates are still those the last build used.
	if s.opts.Root != "" {
		dates, read, err := b.readHistory(context.Background(), s.opts.Root)
		if err != nil || read && !maps.EqualFunc(dates, s.dates, history.Span.Equal) {
			return nil, false
		}
	}
	cp, ok, diags := content.Reparse(s.opts.FS, old.Page, content.Options{Drafts: s.opts.Drafts, MaxPageBytes: s.cfg.MaxPageBytes})
	if !ok || len(diags) > 0 || cp.FrontHash != old.FrontHash || cp.URL != old.URL || cp.Kind != old.Kind {
		return nil, false
	}
	np := &page{Page: cp, lastMod: old.lastMod, published: old.published, inFeed: old.inFeed, related: old.related, backlinks: old.backlinks}
	scratch := output.NewFiles()
	s.convert(markdown.New(s.markdownOptions(newRecorder(scratch))), np, s.resolver())
	md := np.md
	if len(md.Diags) > 0 || !ownFeatures(md.Features) || scratch.Len() > 0 ||
		md.Summary != old.md.Summary || linksKey(md) != old.linksKey {
		return nil, false
	}
	e := (&mdEntry{key: s.mdKey(np), src: np.Hash, res: md, rewrites: rewritesOf(md)}).finish()
	np.contentKey, np.linksKey, np.textKey = e.contentKey, e.linksKey, e.textKey
	np.link = s.newLink(np)
	vh := newViewHasher()
	if vh.link(np.link) != vh.link(s.link(old)) {
		return nil, false
	}
	name, found := s.layouts.Lookup(np.Section, np.Kind.String())
	if !found {
		return nil, false
	}
	v := s.pageView(np)
	data, err := s.layouts.Render(name, v, len(v.Content)+24<<10)
	if err != nil {
		return nil, false
	}
	prev, had := s.files.Get(np.OutFile)
	if !had || !maps.Equal(htmlIDs(prev.Data), htmlIDs(data)) {
		return nil, false
	}
	var atom []byte // the feed holds the page's content
	if np.inFeed {
		if atom, err = s.atom(context.Background(), np); err != nil {
			return nil, false
		}
	}

	// Patch the last build: it now describes the site as saved. Other
	// pages' lists point at old, so it is updated in place. The Builder's
	// memos still describe the page before the save, with keys that no
	// longer match: the next incremental build redoes it (pending).
	*old = *np
	s.files = s.files.Clone()
	s.files.Put(np.OutFile, data, src)
	if atom != nil {
		s.files.Put(atomFile, atom, "")
	}
	if !slices.Contains(b.pending, src) {
		b.pending = append(b.pending, src)
	}
	st := s.stats(time.Since(start), []StepTime{{"quick", time.Since(start)}})
	out := &Site{Files: s.files, Diags: slices.Clone(s.diags), Stats: st, ImgSrc: s.cfg.ImgSrc}
	if opts.DeferSearch {
		out.search = func() { s.publishSearch(s.indexSearch()) }
	} else {
		s.publishSearch(s.indexSearch())
	}
	return out, true
}

// ownFeatures reports whether what a page uses shows on that page only:
// code blocks and checklists do; embedded calculators and diagrams depend
// on other files, and make files of their own.
func ownFeatures(fs []string) bool {
	for _, f := range fs {
		if f != "code" && f != "checklist" {
			return false
		}
	}
	return true
}

// sameSettings reports whether two builds' options differ only in what
// changes from one build to the next (the changed files, the time, where
// the files go, progress).
func sameSettings(a, b Options) bool {
	return sameFS(a.FS, b.FS) && a.Root == b.Root && a.Drafts == b.Drafts && a.BaseURL == b.BaseURL && a.Preview == b.Preview &&
		a.LinkWarnings == b.LinkWarnings && a.Dev == b.Dev && a.CacheDir == b.CacheDir && a.PlainCode == b.PlainCode &&
		a.DeferSearch == b.DeferSearch && a.Output == nil && b.Output == nil
}

// sameFS reports whether two file systems are the same one. Some cannot be
// compared with == (fstest.MapFS is a map): those are the same when they
// are the same map.
func sameFS(a, b fs.FS) bool {
	ta := reflect.TypeOf(a)
	switch {
	case ta != reflect.TypeOf(b):
		return false
	case ta == nil:
		return true
	case ta.Comparable():
		return a == b
	case ta.Kind() == reflect.Map:
		return reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer()
	}
	return false
}
