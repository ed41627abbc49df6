package site

import (
	"html/template"
	"slices"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/assets"
	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/reuse"
	"github.com/tradeoffs/tradeoffs/generator/internal/search"
)

// baseView fills what every page has.
func (s *build) baseView(kind, title, url string) *PageView {
	css, _ := s.assets.URL(assets.Stylesheet)
	v := &PageView{Site: s.view, Kind: kind, Title: title, URL: url, Permalink: s.absURL(url), Stylesheet: css}
	v.ThemeScript, _ = s.assets.URL("js/theme.js")
	v.Scripts, v.Modules = s.scripts(nil)
	return v
}

// scripts returns the URLs of the classic scripts and the modules for a
// page using features.
func (s *build) scripts(features []string) (scripts, modules []string) {
	add := func(name string) {
		switch u, ok := s.assets.URL(name); {
		case !ok:
		case s.assets.Module(name):
			modules = append(modules, u)
		default:
			scripts = append(scripts, u)
		}
	}
	add("js/site.js")
	if s.view != nil && s.view.SearchIndex != "" {
		for _, name := range search.Scripts {
			add("js/" + name)
		}
	}
	for _, fs := range featureScripts {
		if slices.Contains(features, fs.feature) {
			add(fs.script)
		}
	}
	return scripts, modules
}

func (s *build) pageView(p *page) *PageView {
	kind := p.Kind.String()
	v := s.baseView(kind, s.typesetIn(p.Section, p.Title()), p.URL)
	b := p.Base()
	v.Section = p.Section
	if sec := s.byURL["/"+p.Section+"/"]; p.Section != "" && sec != nil {
		v.SectionTitle, v.SectionURL = s.typesetIn(p.Section, sec.Title()), sec.URL
	}
	v.Summary = s.typesetIn(p.Section, b.Summary)
	v.Description = v.Summary
	v.Date, v.Updated, v.Draft = b.Date.Time, b.Updated.Time, b.Draft
	v.LastModified, v.Published = p.lastMod, p.published
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
		v.Scripts, v.Modules = s.scripts(p.md.Features)
	}
	v.Related = s.links(p.related)
	v.Backlinks = s.links(p.backlinks)
	s.pager(v, p)
	setTyped(v, p.Meta)
	if d, ok := p.Meta.(*content.Decision); ok && p.Kind == content.KindPage {
		v.Decision = s.decisionView(p, d)
		if v.Description == "" || v.Summary == "" {
			v.Description = truncate(typeset(d.Record.Summary), 200)
		}
	}
	switch p.Kind {
	case content.KindSection:
		v.Pages = s.links(s.listPages(p))
		if isDecisionLog(p) {
			v.DecisionLog = s.decisionLogView()
		}
	case content.KindHome:
		v.Groups = s.homeGroups()
	}
	if p.Kind != content.KindHome {
		v.Breadcrumbs = s.breadcrumbs(p.URL)
	}
	return s.share(v, s.pageCard(p))
}

// sectionPages returns the pages under a section's URL, in list order.
func (s *build) sectionPages(sec *page) []*page {
	if ps, ok := s.sectionCache[sec]; ok {
		return ps
	}
	// The order comes from front matter and paths only: while those are
	// unchanged, the last build's order (as indexes into s.pages) holds.
	key := reuse.Sum("sections", s.frontKey())
	if order, ok := s.b.sections.Get(sec.URL, key); ok {
		out := make([]*page, len(order))
		for i, x := range order {
			out[i] = s.pages[x]
		}
		s.sectionCache[sec] = out
		return out
	}
	out := []*page{}
	index := map[*page]int32{}
	for i, p := range s.pages {
		if p.Kind == content.KindPage && strings.HasPrefix(p.URL, sec.URL) {
			out = append(out, p)
			index[p] = int32(i)
		}
	}
	slices.SortFunc(out, byListOrder)
	s.sectionCache[sec] = out
	order := make([]int32, len(out))
	for i, p := range out {
		order[i] = index[p]
	}
	s.b.sections.Put(sec.URL, key, order)
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
