package site

import (
	"cmp"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
)

// Folders. Every folder of content/ with pages at or below it has a page at
// its URL: its own (_index.md, index.md or a README), or else a list page
// the build makes. The top-level ones are the site's sections (the menu,
// the home page's groups); the others are in build.lists. A list page
// shows the folder's pages and subfolders; breadcrumbs lead through every
// folder above a page.

// collectSections finds the sections and makes the list pages that
// folders without a page of their own need.
func (s *build) collectSections() {
	for _, p := range s.pages {
		if p.Kind == content.KindSection && depth(p.URL) == 1 {
			s.sections = append(s.sections, p)
		}
	}
	folders := map[string]content.Folder{}
	if s.content != nil {
		for _, f := range s.content.Folders {
			folders[f.URL] = f
		}
	}
	for _, p := range s.pages {
		for u := parentURL(p.URL); u != "/"; u = parentURL(u) {
			if _, ok := s.byURL[u]; ok {
				continue
			}
			f, ok := folders[u]
			if !ok {
				continue
			}
			made := &page{Page: &content.Page{
				Source: f.Source + "/_index.md", Section: strings.Split(u, "/")[1], Slug: path.Base(u),
				URL: u, OutFile: strings.TrimPrefix(u, "/") + "index.html", Kind: content.KindSection,
				Meta: &content.Common{Title: humanize(f.Name)},
			}}
			s.byURL[u] = made
			if depth(u) == 1 {
				s.sections = append(s.sections, made)
			} else {
				s.lists = append(s.lists, made)
			}
		}
	}
	slices.SortFunc(s.sections, byWeightThenTitle)
	slices.SortFunc(s.lists, func(a, b *page) int { return strings.Compare(a.URL, b.URL) })
}

// made reports whether p is a list page the build made.
func (s *build) made(p *page) bool {
	_, real := s.bySource[p.Source]
	return !real
}

// depth is how many folders deep a URL is: 1 for "/docs/".
func depth(url string) int { return strings.Count(strings.Trim(url, "/"), "/") + 1 }

// parentURL is the URL of the folder above url: "/docs/" for
// "/docs/a/", "/" for "/docs/" and for "/".
func parentURL(url string) string {
	d := path.Dir(strings.TrimSuffix(url, "/"))
	if d == "/" || d == "." {
		return "/"
	}
	return d + "/"
}

// humanize turns a folder name into a title: "case-studies" → "Case
// studies", "getting_started" → "Getting started", "API docs" stays.
func humanize(name string) string {
	s := strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || unicode.IsSpace(r) }), " ")
	if s == "" {
		return name
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// listPages returns what a section's list shows: its subfolders' pages,
// then the pages directly in it, each in list order.
func (s *build) listPages(sec *page) []*page {
	if ps, ok := s.listCache[sec]; ok {
		return ps
	}
	var subs []*page
	for _, p := range s.folderPages() {
		if parentURL(p.URL) == sec.URL && p != sec {
			subs = append(subs, p)
		}
	}
	slices.SortFunc(subs, byWeightThenTitle)
	for _, p := range s.sectionPages(sec) {
		if parentURL(p.URL) == sec.URL {
			subs = append(subs, p)
		}
	}
	s.listCache[sec] = subs
	return subs
}

// folderPages are the section pages below the top level, real and made.
func (s *build) folderPages() []*page {
	if s.subsections == nil {
		s.subsections = slices.Clone(s.lists)
		for _, p := range s.pages {
			if p.Kind == content.KindSection && depth(p.URL) > 1 {
				s.subsections = append(s.subsections, p)
			}
		}
		slices.SortFunc(s.subsections, func(a, b *page) int { return cmp.Compare(a.URL, b.URL) })
	}
	return s.subsections
}

// breadcrumbs lead from the home page through every folder above url.
func (s *build) breadcrumbs(url string) []*PageLink {
	out := []*PageLink{{Title: "Home", URL: "/"}}
	var up []string
	for u := parentURL(url); u != "/"; u = parentURL(u) {
		up = append(up, u)
	}
	for i := len(up) - 1; i >= 0; i-- {
		if p := s.byURL[up[i]]; p != nil {
			out = append(out, &PageLink{Title: s.typesetIn(p.Section, p.Title()), URL: up[i]})
		}
	}
	return out
}
