package site

import (
	"cmp"
	"context"
	"slices"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/feeds"
	"github.com/tradeoffs/tradeoffs/generator/internal/reuse"
)

// The Atom feed lists the site's newest articles with their full content:
// the pages in a section (case studies, trade-offs, checklists,
// calculators), not the pages outside any (About, the glossary), nor
// section, tag or special pages. Articles are listed by the date they were
// published (front matter, else first commit), newest first.
//
// The feed holds the HTML of up to feedSize pages, which a one-shot build
// lets go of as it renders each page: those pages keep theirs (inFeed)
// until the feed is written. The preview server's Builder keeps the feed,
// as it keeps pages, while what it is made from is unchanged (feedSig).

// feedSize is how many articles the Atom feed lists.
const feedSize = 30

// isArticle reports whether a page is one the feed lists.
func isArticle(p *page) bool {
	return p.Kind == content.KindPage && p.Section != "" && p.md != nil
}

// feedPages returns the articles the feed lists, newest first, without
// sorting them all.
func (s *build) feedPages() []*page {
	var top []*page
	for _, p := range s.pages {
		if !isArticle(p) || p.published.IsZero() && p.lastMod.IsZero() {
			continue
		}
		if len(top) == feedSize && byFeedOrder(p, top[feedSize-1]) >= 0 {
			continue
		}
		i, _ := slices.BinarySearchFunc(top, p, func(a, b *page) int {
			return cmp.Or(byFeedOrder(a, b), 1) // after equals: the order of s.pages
		})
		top = slices.Insert(top, i, p)
		if len(top) > feedSize {
			top = top[:feedSize]
		}
	}
	return top
}

// byFeedOrder orders articles newest first: by the date they were
// published, then last changed, then by title and URL.
func byFeedOrder(a, b *page) int {
	return cmp.Or(b.published.Compare(a.published), b.lastMod.Compare(a.lastMod),
		cmp.Compare(a.Title(), b.Title()), cmp.Compare(a.URL, b.URL))
}

// markFeed notes the pages the feed will list, before the pages render.
func (s *build) markFeed() {
	s.feed = s.feedPages()
	for _, p := range s.feed {
		p.inFeed = true
	}
}

// renderAtom writes atom.xml.
func (s *build) renderAtom(ctx context.Context) {
	sig, keep := s.feedSig()
	key := reuse.Sum("feed", sig)
	if data, ok := s.b.feed.Get(key); keep && ok {
		s.add(atomFile, data, nil)
		return
	}
	atom, err := s.atom(ctx, nil)
	if ctx.Err() != nil {
		return
	}
	s.add(atomFile, atom, err)
	if err == nil && keep {
		s.b.feed.Put(key, atom)
	}
}

// atom makes the feed, with edited in place of the article at its URL if
// it is not nil (see quick).
func (s *build) atom(ctx context.Context, edited *page) ([]byte, error) {
	entries := make([]feeds.Entry, 0, len(s.feed))
	for _, p := range s.feed {
		if edited != nil && p.URL == edited.URL {
			p = edited
		}
		entries = append(entries, s.feedEntry(p))
	}
	return feeds.Atom(feeds.Feed{Title: s.cfg.Title, Subtitle: s.cfg.Description, SiteURL: s.cfg.BaseURL,
		SelfURL: s.absURL("/" + atomFile), Author: s.cfg.Author, Updated: s.opts.Now}, entries)
}

// atomFile is the feed's output path.
const atomFile = "atom.xml"

// feedEntry is an article as the feed lists it.
func (s *build) feedEntry(p *page) feeds.Entry {
	b := p.Base()
	summary := b.Summary
	if summary == "" {
		summary = truncate(p.md.Summary, 300)
	}
	e := feeds.Entry{URL: s.absURL(p.URL), Title: s.typesetIn(p.Section, p.Title()), Summary: s.typesetIn(p.Section, summary), Published: p.published, Updated: p.lastMod,
		Content: readable(s.absURL(p.URL)).HTML(string(p.md.HTML))}
	for _, t := range s.tagLinks(b.Tags) {
		e.Categories = append(e.Categories, t.Name)
	}
	return e
}

// readable says what of a page's HTML a feed reader can use: not the
// headings' permalinks (their text is for screen readers), nor the
// calculators, which need the page's scripts and are linked instead.
func readable(url string) feeds.Readable {
	return feeds.Readable{Base: url, Drop: []string{"anchor"}, Link: []string{"data-calculator"}}
}

// feedSig hashes what the feed is made from: the site's settings and each
// article's file, content, dates and tags' names. keep is false when the
// feed must be made again whatever it hashes to: an article defines a
// calculator, whose HTML its key does not cover, or no article has a date
// (the feed is then dated by the build).
func (s *build) feedSig() (sig uint64, keep bool) {
	x := newSum("feed", 0)
	for _, v := range []string{s.cfg.Title, s.cfg.Description, s.cfg.BaseURL, s.cfg.Author} {
		x.str(v)
	}
	dated := false
	for _, p := range s.feed {
		if p.contentKey == [32]byte{1} {
			return 0, false
		}
		x.str(p.URL)
		x.bytes(p.Hash[:])
		x.bytes(p.contentKey[:])
		x.u64(uint64(p.published.UnixNano()))
		x.u64(uint64(p.lastMod.UnixNano()))
		for _, t := range s.tagLinks(p.Base().Tags) {
			x.str(t.Name)
		}
		dated = dated || !p.published.IsZero() || !p.lastMod.IsZero()
	}
	return x.value(), dated
}
