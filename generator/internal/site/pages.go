package site

import (
	"context"
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/tradeoffs/tradeoffs/generator/internal/assets"
	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// job is one output page to render with a layout.
type job struct {
	out    string
	layout string
	view   *PageView
	source string
	sig    uint64
}

// featureScripts maps what a page uses to the script it needs.
var featureScripts = []struct{ feature, script string }{
	{"calculator", "js/calc.js"},
	{"checklist", "js/checklist.js"},
}

// renderPages executes the layouts for every page, section, tag, the home
// page, the tag index, the search page and the not-found page. A page whose
// layout and view are the same as when the Builder last rendered it is not
// rendered again.
func (s *build) renderPages(ctx context.Context) {
	if s.layouts == nil || s.assets == nil {
		return
	}
	s.view = s.siteView()
	jobs := s.contentJobs()
	jobs = append(jobs, s.tagJobs()...)
	jobs = append(jobs, s.specialJobs()...)
	vh := newViewHasher()
	site := vh.site(s.view, s.layouts.Hash(), s.assets.Key())
	fresh := make(map[string]*pageEntry, len(jobs))
	var todo []int
	for i := range jobs {
		j := &jobs[i]
		name, ok := s.layouts.Lookup(j.view.Section, j.layout)
		if !ok {
			s.diags.Errorf(diag.Pos{File: "layouts/" + name}, "missing layout %s for %s: add it to layouts/", name, j.out)
			continue
		}
		j.layout = name
		j.sig = vh.page(name, j.view, site)
		if e := s.b.pages[j.out]; e != nil && e.sig == j.sig {
			fresh[j.out] = e
			s.add(j.out, e.data, nil)
			continue
		}
		todo = append(todo, i)
	}
	var mu sync.Mutex
	s.parallel(ctx, len(todo), func() func(int) {
		return func(i int) {
			j := jobs[todo[i]]
			b, err := s.layouts.Render(j.layout, j.view, len(j.view.Content)+24<<10)
			if err == nil {
				err = s.files.Add(j.out, b, j.source)
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				s.diags.Append(diag.AsList(err, diag.Pos{File: j.source}))
				return
			}
			fresh[j.out] = &pageEntry{sig: j.sig, data: b}
		}
	}, s.opts.Progress)
	s.b.pages = fresh
}

func (s *build) contentJobs() []job {
	var jobs []job
	for _, p := range s.pages {
		if p.md == nil {
			continue
		}
		v := s.pageView(p)
		jobs = append(jobs, job{out: p.OutFile, layout: v.Kind, view: v, source: p.Source})
		for _, r := range p.Resources {
			s.copyFile(r.Source, r.OutFile)
		}
	}
	for _, sec := range s.sections {
		if _, real := s.bySource[sec.Source]; !real {
			v := s.pageView(sec)
			jobs = append(jobs, job{out: sec.OutFile, layout: "section", view: v})
		}
	}
	if _, ok := s.byURL["/"]; !ok {
		home := &page{Page: &content.Page{Source: content.Dir + "/_index.md", URL: "/", OutFile: "index.html",
			Kind: content.KindHome, Meta: &content.Common{Title: s.cfg.Title}}}
		jobs = append(jobs, job{out: "index.html", layout: "home", view: s.pageView(home)})
	}
	return jobs
}

func (s *build) tagJobs() []job {
	var jobs []job
	for _, t := range s.tags {
		v := s.baseView("tag", t.name, t.url())
		v.Description = "Pages tagged " + t.name + "."
		v.Pages = s.links(t.pages)
		v.Breadcrumbs = []*PageLink{{Title: "Home", URL: "/"}, {Title: "Tags", URL: "/tags/"}}
		jobs = append(jobs, job{out: "tags/" + t.slug + "/index.html", layout: "tag", view: v})
	}
	v := s.baseView("tags", "Tags", "/tags/")
	for _, t := range s.tags {
		v.AllTags = append(v.AllTags, TagLink{Name: t.name, Slug: t.slug, URL: t.url(), Count: len(t.pages)})
	}
	v.Summary = "Every tag used on this site, with the number of pages carrying it."
	v.Description = v.Summary
	return append(jobs, job{out: "tags/index.html", layout: "tags", view: v})
}

func (s *build) specialJobs() []job {
	search := s.baseView("search", "Search", "/search/")
	search.Description = "Search " + s.cfg.Title + "."
	notFound := s.baseView("404", "Page not found", "/404.html")
	notFound.Description = "There is no page at this address."
	return []job{
		{out: "search/index.html", layout: "search", view: search},
		{out: "404.html", layout: "404", view: notFound},
	}
}

// baseView fills what every page has.
func (s *build) baseView(kind, title, url string) *PageView {
	css, _ := s.assets.URL(assets.Stylesheet)
	v := &PageView{Site: s.view, Kind: kind, Title: title, URL: url, Permalink: s.absURL(url), Stylesheet: css}
	v.Scripts = s.scripts(nil)
	return v
}

// scripts returns the script URLs for a page using features.
func (s *build) scripts(features []string) []string {
	var out []string
	add := func(name string) {
		if u, ok := s.assets.URL(name); ok {
			out = append(out, u)
		}
	}
	add("js/site.js")
	if s.view != nil && s.view.SearchIndex != "" {
		add("js/search-text.js")
		add("js/search-engine.js")
		add("js/search.js")
	}
	for _, fs := range featureScripts {
		if slices.Contains(features, fs.feature) {
			add(fs.script)
		}
	}
	return out
}

func (s *build) pageView(p *page) *PageView {
	kind := p.Kind.String()
	v := s.baseView(kind, p.Title(), p.URL)
	b := p.Base()
	v.Section = p.Section
	if sec := s.byURL["/"+p.Section+"/"]; p.Section != "" && sec != nil {
		v.SectionTitle, v.SectionURL = sec.Title(), sec.URL
	}
	v.Summary, v.Description = b.Summary, b.Summary
	v.Date, v.Updated, v.Draft = b.Date.Time, b.Updated.Time, b.Draft
	v.Tags = s.tagLinks(b.Tags)
	v.Source = p.Source
	v.EditURL = s.cfg.EditURL(p.Source)
	v.contentKey = p.contentKey
	if p.md != nil {
		v.Content = template.HTML(p.md.HTML)
		v.TOC = p.md.TOC
		v.Words = p.md.Words
		v.ReadingMinutes = max(1, (p.md.Words+219)/220)
		if v.Description == "" {
			v.Description = truncate(p.md.Summary, 200)
		}
		v.Scripts = s.scripts(p.md.Features)
	}
	v.Related = s.links(p.related)
	v.Backlinks = s.links(p.backlinks)
	setTyped(v, p.Meta)
	switch p.Kind {
	case content.KindSection:
		v.Pages = s.links(s.sectionPages(p))
	case content.KindHome:
		v.Groups = s.homeGroups()
	}
	if p.Kind != content.KindHome {
		v.Breadcrumbs = []*PageLink{{Title: "Home", URL: "/"}}
		if p.Kind == content.KindPage && v.SectionURL != "" {
			v.Breadcrumbs = append(v.Breadcrumbs, &PageLink{Title: v.SectionTitle, URL: v.SectionURL})
		}
	}
	return v
}

// sectionPages returns the pages under a section's URL, in list order.
func (s *build) sectionPages(sec *page) []*page {
	if ps, ok := s.sectionCache[sec]; ok {
		return ps
	}
	out := []*page{}
	for _, p := range s.pages {
		if p.Kind == content.KindPage && strings.HasPrefix(p.URL, sec.URL) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, byListOrder)
	s.sectionCache[sec] = out
	return out
}

// homeLimit is how many pages of each section the home page lists.
const homeLimit = 6

func (s *build) homeGroups() []*Group {
	var groups []*Group
	for _, sec := range s.sections {
		pages := s.sectionPages(sec)
		if len(pages) == 0 {
			continue
		}
		shown := s.links(pages[:min(len(pages), homeLimit)])
		for i, l := range shown {
			nested := *l
			nested.Nested = true
			shown[i] = &nested
		}
		groups = append(groups, &Group{Title: sec.Title(), URL: sec.URL, Pages: shown, More: len(pages) - len(pages[:min(len(pages), homeLimit)])})
	}
	return groups
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}
