package site

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
)

// tag is one tag and its pages.
type tag struct {
	name  string // the most used spelling
	slug  string
	pages []*page
}

func (t *tag) url() string { return "/tags/" + t.slug + "/" }

// collectTaxonomies finds the sections (making up a list page for a section
// without _index.md), the tags, backlinks and related pages.
//
// They are a function of each page's URL, kind, section, list order
// (weight, year, date, title), tags and link targets: when none of these
// changed since the Builder's last build, its result is taken over.
func (s *build) collectTaxonomies(context.Context) {
	s.collectSections()
	key := s.taxonomyKey()
	if t := s.b.tax; t != nil && t.key == key && t.fits(len(s.pages)) {
		s.restoreTaxonomy(t)
		return
	}
	s.collectTags()
	s.collectBacklinks()
	s.collectRelated()
	s.b.tax = s.saveTaxonomy(key)
}

func byWeightThenTitle(a, b *page) int {
	return cmp.Or(byWeight(a, b), cmp.Compare(a.Title(), b.Title()))
}

// byWeight puts pages with a weight first, lower first; pages without one
// (weight 0) compare equal.
func byWeight(a, b *page) int {
	wa, wb := a.Base().Weight, b.Base().Weight
	switch {
	case wa == wb:
		return 0
	case wa == 0:
		return 1
	case wb == 0:
		return -1
	}
	return cmp.Compare(wa, wb)
}

// byListOrder sorts lists: weight first (set weights before unset), then
// for case studies the year of the change, newest first, then the page
// date, newest first, then title.
func byListOrder(a, b *page) int {
	if c := byWeight(a, b); c != 0 {
		return c
	}
	ca, aok := a.Meta.(*content.CaseStudy)
	cb, bok := b.Meta.(*content.CaseStudy)
	if aok && bok && ca.Year != cb.Year {
		return cmp.Compare(cb.Year, ca.Year)
	}
	if c := b.Base().Date.Compare(a.Base().Date.Time); c != 0 {
		return c
	}
	return cmp.Or(cmp.Compare(a.Title(), b.Title()), cmp.Compare(a.URL, b.URL))
}

func (s *build) collectTags() {
	bySlug := map[string]*tag{}
	spellings := map[string]map[string]int{}
	for _, p := range s.pages {
		seen := map[string]bool{}
		for _, name := range p.Base().Tags {
			sl := s.b.tagSlug(name)
			if sl == "" || seen[sl] {
				continue
			}
			seen[sl] = true
			t := bySlug[sl]
			if t == nil {
				t = &tag{slug: sl}
				bySlug[sl] = t
				spellings[sl] = map[string]int{}
				s.tags = append(s.tags, t)
			}
			t.pages = append(t.pages, p)
			spellings[sl][strings.TrimSpace(name)]++
		}
	}
	for _, t := range s.tags {
		t.name = mostUsed(spellings[t.slug])
		slices.SortFunc(t.pages, byListOrder)
	}
	slices.SortFunc(s.tags, func(a, b *tag) int { return cmp.Compare(a.slug, b.slug) })
	s.tagBySlug = bySlug
}

func mostUsed(counts map[string]int) string {
	best, n := "", -1
	for s, c := range counts {
		if c > n || (c == n && s < best) {
			best, n = s, c
		}
	}
	return best
}

// collectBacklinks records, for each page, the pages that link to it.
func (s *build) collectBacklinks() {
	for _, p := range s.pages {
		if p.md == nil {
			continue
		}
		seen := map[*page]bool{}
		for _, l := range p.md.Links {
			if l.External || l.Image {
				continue
			}
			target := s.byURL[normalizeURL(l.Href)]
			if target != nil && target != p && !seen[target] && target.Kind == content.KindPage {
				seen[target] = true
				target.backlinks = append(target.backlinks, p)
			}
		}
	}
	s.parallel(context.Background(), len(s.pages), func() func(int) {
		return func(i int) { slices.SortFunc(s.pages[i].backlinks, byListOrder) }
	}, nil)
}

// normalizeURL reduces an internal href to the URL of the page it leads to.
func normalizeURL(href string) string {
	p, _ := splitFragment(href)
	if p == "" || !strings.HasPrefix(p, "/") {
		return ""
	}
	if !strings.HasSuffix(p, "/") && !strings.Contains(p[strings.LastIndexByte(p, '/'):], ".") {
		p += "/"
	}
	return p
}

// relatedLimit is how many related pages a page lists; candidatesPerTag
// caps how many pages of one tag are scored, so the cost stays linear in
// the number of pages even when a tag is on thousands of them.
const (
	relatedLimit     = 5
	candidatesPerTag = 50
)

// collectRelated scores pages by links in either direction (3 points each)
// and shared tags (1 point each) and keeps the best few; ties go to the
// page that comes first in lists. Scores live in one slice indexed by page,
// reset after each page, so the whole step is linear and allocation-free
// per page.
func (s *build) collectRelated() {
	n := len(s.pages)
	index := make(map[*page]int32, n)
	for i, p := range s.pages {
		index[p] = int32(i)
	}
	order := slices.Clone(s.pages)
	slices.SortFunc(order, byListOrder)
	rank := make([]int32, n)
	for r, p := range order {
		rank[index[p]] = int32(r)
	}
	outLinks := make([][]int32, n)
	for i, p := range s.pages {
		for _, b := range p.backlinks {
			j := index[b]
			outLinks[j] = append(outLinks[j], int32(i))
		}
	}
	tagsOf := make([][]*tag, n)
	for _, t := range s.tags {
		for _, p := range t.pages {
			tagsOf[index[p]] = append(tagsOf[index[p]], t)
		}
	}
	// Each page's list is its own: the pages are scored on every core,
	// each worker with its own scores.
	s.parallel(context.Background(), n, func() func(int) {
		score := make([]int32, n)
		var touched []int32
		bump := func(j int32, by int32) {
			if score[j] == 0 {
				touched = append(touched, j)
			}
			score[j] += by
		}
		return func(i int) {
			p := s.pages[i]
			if p.Kind != content.KindPage {
				return
			}
			for _, j := range outLinks[i] {
				bump(j, 3)
			}
			for _, b := range p.backlinks {
				bump(index[b], 3)
			}
			for _, t := range tagsOf[i] {
				for _, q := range t.pages[:min(len(t.pages), candidatesPerTag)] {
					bump(index[q], 1)
				}
			}
			p.related = s.best(int32(i), touched, score, rank)
			for _, j := range touched {
				score[j] = 0
			}
			touched = touched[:0]
		}
	}, nil)
}

// best returns the relatedLimit highest-scoring candidates other than self.
func (s *build) best(self int32, candidates []int32, score, rank []int32) []*page {
	var top []int32
	better := func(a, b int32) bool {
		return score[a] > score[b] || score[a] == score[b] && rank[a] < rank[b]
	}
	for _, c := range candidates {
		if c == self || s.pages[c].Kind != content.KindPage {
			continue
		}
		pos := len(top)
		for pos > 0 && better(c, top[pos-1]) {
			pos--
		}
		if pos >= relatedLimit {
			continue
		}
		top = slices.Insert(top, pos, c)
		if len(top) > relatedLimit {
			top = top[:relatedLimit]
		}
	}
	out := make([]*page, len(top))
	for i, c := range top {
		out[i] = s.pages[c]
	}
	return out
}
