package site

import (
	"context"
	"slices"
	"sync"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/search"
	"github.com/tradeoffs/tradeoffs/generator/internal/socialcard"
)

// featureScripts maps what a page uses to the scripts it needs, in the
// order they must run; a module brings what it imports.
var featureScripts = []struct{ feature, script string }{
	{"calculator", "js/calc.js"},
	{"checklist", "js/checklist.js"},
	{"search-page", "js/" + search.PageScript},
}

// The output files of the pages that are not content pages.
const (
	homeOut     = "index.html" // when content/_index.md does not exist
	tagsOut     = "tags/index.html"
	searchOut   = searchDir + "/index.html"
	notFoundOut = "404.html"
)

func tagOut(t *tag) string { return "tags/" + t.slug + "/index.html" }

// job is one output page: a layout executed with a view. Its sig hashes
// everything the view is made from; when the Builder rendered the same sig
// last time, the view is not even built.
type job struct {
	out    string
	kind   string // the layout kind: "page", "section", "tag", ...
	layout string // the layout file, once looked up
	source string
	sec    string // the section whose own layouts apply
	sig    uint64
	view   func() *PageView
	// card is the page's social card.
	card socialcard.Card
}

// renderPages executes the layouts for every page, section, tag, the home
// page, the tag index, the search page and the not-found page, and keeps
// the outputs of pages whose inputs did not change since the Builder's last
// build.
func (s *build) renderPages(ctx context.Context) {
	s.markFeed()
	if s.layouts == nil || s.assets == nil {
		s.unrendered() // for a reason reported
		return
	}
	s.view = s.siteView()
	sg := s.newSigner()
	// What views and signatures share is made first; after that the
	// workers only read it.
	for _, p := range s.pages {
		s.link(p)
	}
	for _, sec := range s.lists {
		s.link(sec)
	}
	for _, sec := range s.sections {
		s.link(sec)
	}
	for _, p := range s.pages {
		if p.Kind == content.KindSection {
			s.listPages(p)
		}
	}
	for _, sec := range append(slices.Clone(s.sections), s.lists...) {
		s.sectionPages(sec)
		s.listPages(sec)
	}
	s.makePager()
	jobs := s.contentJobs(ctx, sg)
	jobs = append(jobs, s.tagJobs(sg)...)
	jobs = append(jobs, s.specialJobs(sg)...)
	s.collectCards(jobs)
	fresh := make(map[string]*pageEntry, len(jobs))
	var todo []*job
	for i := range jobs {
		j := &jobs[i]
		name, ok := s.layouts.Lookup(j.sec, j.kind)
		if !ok {
			s.diags.Errorf(diag.Pos{File: "layouts/" + name}, "missing layout %s for %s: add it to layouts/", name, j.out)
			s.failed.addOutput(j.out)
			continue
		}
		j.layout = name
		j.sig = sg.mix(j.sig, sg.str(name))
		if e := s.b.pages[j.out]; e != nil && e.sig == j.sig {
			fresh[j.out] = e
			s.add(j.out, e.data, nil)
			continue
		}
		todo = append(todo, j)
	}
	// Views are made by the workers, just before rendering, so only a few
	// pages' content is copied into a view at a time.
	var mu sync.Mutex
	s.parallel(ctx, len(todo), func() func(int) {
		return func(i int) {
			j := todo[i]
			v := j.view()
			b, err := s.layouts.Render(j.layout, v, len(v.Content)+24<<10)
			if s.b.oneShot {
				if p := s.byURL[v.URL]; p != nil && p.md != nil && p.Kind == content.KindPage && !p.inFeed {
					p.md.HTML = nil // rendered: only lists of pages (and the feed) follow
				}
			}
			if err == nil {
				err = s.files.Add(j.out, b, j.source)
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				s.diags.Append(diag.AsList(err, diag.Pos{File: j.source}))
				s.failed.addOutput(j.out)
				return
			}
			if !s.b.oneShot { // nothing is kept for a next build
				fresh[j.out] = &pageEntry{sig: j.sig, data: b}
			}
		}
	}, s.opts.Progress)
	s.b.pages = fresh
	s.b.linkMemo = s.nextLinkMemo
	if s.b.oneShot {
		s.b.pages, s.b.linkMemo = nil, nil
	}
}

func (s *build) contentJobs(ctx context.Context, sg *signer) []job {
	sigs := s.signPages(ctx, sg)
	var jobs []job
	for i, p := range s.pages {
		if p.md == nil {
			continue
		}
		p := p
		jobs = append(jobs, job{out: p.OutFile, kind: p.Kind.String(), source: p.Source, sig: sigs[i],
			view: func() *PageView { return s.pageView(p) }, sec: p.Section, card: s.pageCard(p)})
	}
	for _, sec := range append(slices.Clone(s.sections), s.lists...) {
		if s.made(sec) {
			sec := sec
			jobs = append(jobs, job{out: sec.OutFile, kind: "section", sig: sg.page(sec),
				view: func() *PageView { return s.pageView(sec) }, sec: sec.Section, card: s.pageCard(sec)})
		}
	}
	if _, ok := s.byURL["/"]; !ok {
		home := &page{Page: &content.Page{Source: content.Dir + "/_index.md", URL: "/", OutFile: homeOut,
			Kind: content.KindHome, Meta: &content.Common{Title: s.cfg.Title}}}
		jobs = append(jobs, job{out: homeOut, kind: "home", sig: sg.page(home),
			view: func() *PageView { return s.pageView(home) }, card: s.pageCard(home)})
	}
	return jobs
}

// signPages signs every page, on every core: a preview server's edit
// signs all of a large site's pages to find the few that changed, and it
// is the largest part of that edit's work. Every list entry is signed
// first (each worker signing its share of the pages), then the pages,
// which only read those.
func (s *build) signPages(ctx context.Context, sg *signer) []uint64 {
	sigs := make([]uint64, len(s.pages))
	workers := func(each func(sg *signer, i int)) {
		s.parallel(ctx, len(s.pages), func() func(int) {
			w := &signer{s: s, vh: newViewHasher(), site: sg.site}
			return func(i int) { each(w, i) }
		}, nil)
	}
	workers(func(w *signer, i int) { w.link(s.pages[i]) })
	for _, sec := range s.sections {
		sg.link(sec)
	}
	workers(func(w *signer, i int) {
		if s.pages[i].md != nil {
			sigs[i] = w.page(s.pages[i])
		}
	})
	return sigs
}

func (s *build) tagJobs(sg *signer) []job {
	var jobs []job
	for _, t := range s.tags {
		t := t
		card := s.card(t.name, "Tag")
		jobs = append(jobs, job{out: tagOut(t), kind: "tag", sig: sg.tag(t), card: card, view: func() *PageView {
			v := s.baseView("tag", t.name, t.url())
			v.Description = "Pages tagged " + t.name + "."
			v.Pages = s.links(t.pages)
			v.Breadcrumbs = []*PageLink{{Title: "Home", URL: "/"}, {Title: "Tags", URL: "/tags/"}}
			return s.share(v, card)
		}})
	}
	card := s.card("Tags", "")
	return append(jobs, job{out: tagsOut, kind: "tags", sig: sg.tagIndex(s.tags), card: card, view: func() *PageView {
		v := s.baseView("tags", "Tags", "/tags/")
		for _, t := range s.tags {
			v.AllTags = append(v.AllTags, TagLink{Name: t.name, Slug: t.slug, URL: t.url(), Count: len(t.pages)})
		}
		v.Summary = "Every tag used on this site, with the number of pages carrying it."
		v.Description = v.Summary
		return s.share(v, card)
	}})
}

func (s *build) specialJobs(sg *signer) []job {
	searchCard, missingCard := s.card("Search", ""), s.card("Page not found", "")
	return []job{
		{out: searchOut, kind: "search", sig: sg.special("search"), card: searchCard, view: func() *PageView {
			v := s.baseView("search", "Search", "/search/")
			v.Description = "Search " + s.cfg.Title + "."
			if s.view != nil && s.view.SearchIndex != "" {
				v.Scripts, v.Modules = s.scripts([]string{"search-page"})
			}
			return s.share(v, searchCard)
		}},
		{out: notFoundOut, kind: "404", sig: sg.special("404"), card: missingCard, view: func() *PageView {
			v := s.baseView("404", "Page not found", "/404.html")
			v.Description = "There is no page at this address."
			return s.share(v, missingCard)
		}},
	}
}
