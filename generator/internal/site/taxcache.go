package site

import (
	"strconv"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
)

// taxonomy is a build's tags, backlinks and related pages, by source file,
// kept by the Builder for the next build.
type taxonomy struct {
	key       uint64
	tags      []savedTag
	backlinks map[string][]string
	related   map[string][]string
}

type savedTag struct {
	name, slug string
	pages      []string
}

// taxonomyKey hashes every input of the taxonomies.
func (s *build) taxonomyKey() uint64 {
	x := newSum("taxonomy", 0)
	for _, p := range s.pages {
		b := p.Base()
		x.str(p.Source)
		x.str(p.URL)
		x.str(p.Kind.String())
		x.str(p.Title())
		x.u64(uint64(b.Weight))
		x.u64(uint64(b.Date.UnixNano()))
		if cs, ok := p.Meta.(*content.CaseStudy); ok {
			x.u64(uint64(cs.Year))
		}
		x.u64(uint64(len(b.Tags)))
		for _, t := range b.Tags {
			x.str(t)
		}
		if p.md == nil {
			x.str("-")
			continue
		}
		for _, l := range p.md.Links {
			if !l.External && !l.Image {
				x.str(l.Href)
			}
		}
		x.str(strconv.Itoa(len(p.md.Links)))
	}
	return x.value()
}

func (s *build) saveTaxonomy(key uint64) *taxonomy {
	t := &taxonomy{key: key, backlinks: map[string][]string{}, related: map[string][]string{}}
	for _, tg := range s.tags {
		t.tags = append(t.tags, savedTag{tg.name, tg.slug, sources(tg.pages)})
	}
	for _, p := range s.pages {
		if len(p.backlinks) > 0 {
			t.backlinks[p.Source] = sources(p.backlinks)
		}
		if len(p.related) > 0 {
			t.related[p.Source] = sources(p.related)
		}
	}
	return t
}

func (s *build) restoreTaxonomy(t *taxonomy) {
	s.tags = make([]*tag, len(t.tags))
	s.tagBySlug = make(map[string]*tag, len(t.tags))
	for i, st := range t.tags {
		tg := &tag{name: st.name, slug: st.slug, pages: s.pagesOf(st.pages)}
		s.tags[i] = tg
		s.tagBySlug[tg.slug] = tg
	}
	for _, p := range s.pages {
		p.backlinks = s.pagesOf(t.backlinks[p.Source])
		p.related = s.pagesOf(t.related[p.Source])
	}
}

func sources(ps []*page) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Source
	}
	return out
}

func (s *build) pagesOf(srcs []string) []*page {
	if len(srcs) == 0 {
		return nil
	}
	out := make([]*page, len(srcs))
	for i, src := range srcs {
		out[i] = s.bySource[src]
	}
	return out
}
