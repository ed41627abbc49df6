package site

import (
	"strconv"

	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
)

// taxonomy is a build's tags, backlinks and related pages, by source file,
// kept by the Builder for the next build.
type taxonomy struct {
	key       uint64
	tags      []savedTag
	backlinks [][]int32
	related   [][]int32
}

// Pages are kept as indexes into build.pages: the taxonomy is reused only
// when the key, which covers the list of pages in order, is the same.
type savedTag struct {
	name, slug string
	pages      []int32
}

// taxonomyKey hashes every input of the taxonomies: the pages' front
// matter (frontKey) and the links in their content (linksKey).
func (s *build) taxonomyKey() uint64 {
	x := newSum("taxonomy", s.frontKey())
	for _, p := range s.pages {
		x.u64(p.linksKey)
	}
	return x.value()
}

// linksKey hashes the internal links of converted content, as resolved.
func linksKey(md *markdown.Result) uint64 {
	if md == nil {
		return 0
	}
	x := newSum("links", 1)
	for _, l := range md.Links {
		if !l.External && !l.Image {
			x.str(l.Href)
		}
	}
	x.str(strconv.Itoa(len(md.Links)))
	return x.value()
}

func (s *build) saveTaxonomy(key uint64) *taxonomy {
	index := make(map[*page]int32, len(s.pages))
	for i, p := range s.pages {
		index[p] = int32(i)
	}
	indexes := func(ps []*page) []int32 {
		if len(ps) == 0 {
			return nil
		}
		out := make([]int32, len(ps))
		for i, p := range ps {
			out[i] = index[p]
		}
		return out
	}
	t := &taxonomy{key: key, backlinks: make([][]int32, len(s.pages)), related: make([][]int32, len(s.pages))}
	for _, tg := range s.tags {
		t.tags = append(t.tags, savedTag{tg.name, tg.slug, indexes(tg.pages)})
	}
	for i, p := range s.pages {
		t.backlinks[i] = indexes(p.backlinks)
		t.related[i] = indexes(p.related)
	}
	return t
}

// fits reports whether t's page indexes all point into n pages.
func (t *taxonomy) fits(n int) bool {
	if len(t.backlinks) != n || len(t.related) != n {
		return false
	}
	ok := func(idx []int32) bool {
		for _, x := range idx {
			if x < 0 || int(x) >= n {
				return false
			}
		}
		return true
	}
	for _, tg := range t.tags {
		if !ok(tg.pages) {
			return false
		}
	}
	for i := range n {
		if !ok(t.backlinks[i]) || !ok(t.related[i]) {
			return false
		}
	}
	return true
}

func (s *build) restoreTaxonomy(t *taxonomy) {
	s.tags = make([]*tag, len(t.tags))
	s.tagBySlug = make(map[string]*tag, len(t.tags))
	for i, st := range t.tags {
		tg := &tag{name: st.name, slug: st.slug, pages: s.pagesAt(st.pages)}
		s.tags[i] = tg
		s.tagBySlug[tg.slug] = tg
	}
	for i, p := range s.pages {
		p.backlinks = s.pagesAt(t.backlinks[i])
		p.related = s.pagesAt(t.related[i])
	}
}

func (s *build) pagesAt(idx []int32) []*page {
	if len(idx) == 0 {
		return nil
	}
	out := make([]*page, len(idx))
	for i, x := range idx {
		out[i] = s.pages[x]
	}
	return out
}
