package site

import (
	"encoding/binary"
	"hash/fnv"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
)

// signer hashes what each output page is made from, without making its
// view: the page's file and converted content (by their keys), the titles
// and URLs of its section, its tags' display names, and the lists it
// shows, as the hashes of their pages (see link). Every view field comes
// from one of these; TestIncrementalEqualsFullBuild checks that after random
// edits the pages kept from the last build equal freshly rendered ones.
type signer struct {
	s     *build
	site  uint64
	links map[*page]uint64
}

func (s *build) newSigner() *signer {
	site := newViewHasher().site(s.view, s.layouts.Hash(), s.assets.Key(), s.cfg.Repo, s.cfg.Branch)
	return &signer{s: s, site: site, links: map[*page]uint64{}}
}

// sum hashes strings and numbers into one value.
type sum struct{ h uint64 }

func newSum(kind string, site uint64) *sum {
	x := &sum{h: 14695981039346656037}
	x.str(kind)
	x.u64(site)
	return x
}

func (x *sum) bytes(b []byte) {
	for _, c := range b {
		x.h ^= uint64(c)
		x.h *= 1099511628211
	}
}

func (x *sum) u64(v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	x.bytes(b[:])
}

func (x *sum) str(s string) {
	x.u64(uint64(len(s)))
	for i := 0; i < len(s); i++ {
		x.h ^= uint64(s[i])
		x.h *= 1099511628211
	}
}

func (sg *signer) str(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func (sg *signer) mix(a, b uint64) uint64 {
	x := &sum{h: a}
	x.u64(b)
	return x.h
}

// own hashes what a page's own view fields and its list entry come from.
func (sg *signer) own(x *sum, p *page) {
	x.bytes(p.Hash[:])
	x.bytes(p.contentKey[:])
	x.str(p.Title())
	x.str(p.URL)
	x.str(p.Kind.String())
	if sec := sg.s.byURL["/"+p.Section+"/"]; p.Section != "" && sec != nil {
		x.str(sec.Title())
		x.str(sec.URL)
	}
	for _, t := range sg.s.tagLinks(p.Base().Tags) {
		x.str(t.Name)
		x.str(t.Slug)
	}
}

// link is the hash of a page as lists show it.
func (sg *signer) link(p *page) uint64 {
	if v, ok := sg.links[p]; ok {
		return v
	}
	x := newSum("link", 0)
	sg.own(x, p)
	sg.links[p] = x.h
	return x.h
}

func (sg *signer) list(x *sum, ps []*page) {
	x.u64(uint64(len(ps)))
	for _, q := range ps {
		x.u64(sg.link(q))
	}
}

// page hashes a content page, section or home page.
func (sg *signer) page(p *page) uint64 {
	x := newSum("page", sg.site)
	sg.own(x, p)
	sg.list(x, p.related)
	sg.list(x, p.backlinks)
	switch p.Kind {
	case content.KindSection:
		sg.list(x, sg.s.sectionPages(p))
	case content.KindHome:
		for _, sec := range sg.s.sections {
			pages := sg.s.sectionPages(sec)
			x.str(sec.Title())
			x.str(sec.URL)
			sg.list(x, pages[:min(len(pages), homeLimit)])
			x.u64(uint64(len(pages)))
		}
	}
	return x.h
}

func (sg *signer) tag(t *tag) uint64 {
	x := newSum("tag", sg.site)
	x.str(t.name)
	x.str(t.slug)
	sg.list(x, t.pages)
	return x.h
}

func (sg *signer) tagIndex(tags []*tag) uint64 {
	x := newSum("tags", sg.site)
	for _, t := range tags {
		x.str(t.name)
		x.str(t.slug)
		x.u64(uint64(len(t.pages)))
	}
	return x.h
}

func (sg *signer) special(kind string) uint64 { return newSum(kind, sg.site).h }
