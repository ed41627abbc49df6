package site

import (
	"encoding/binary"

	"github.com/cespare/xxhash/v2"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
)

// signer hashes what each output page is made from, without making its
// view: the page's file and converted content (by their keys), the titles
// and URLs of its section, its tags' display names, and the lists it
// shows, as the hashes of their pages (see link). Every view field comes
// from one of these; TestIncrementalEqualsFullBuild checks that after random
// edits the pages kept from the last build equal freshly rendered ones.
type signer struct {
	s    *build
	vh   *viewHasher
	site uint64
}

func (s *build) newSigner() *signer {
	vh := newViewHasher()
	site := vh.site(s.view, s.layouts.Hash(), s.assets.Key(), s.cfg.Repo, s.cfg.Branch)
	return &signer{s: s, vh: vh, site: site}
}

// sum hashes strings and numbers into one value, with xxhash: signatures
// are computed for every page on every rebuild, so the hash must be fast,
// and they are kept between runs, so it must not be seeded per process.
type sum struct{ d *xxhash.Digest }

func newSum(kind string, site uint64) *sum {
	x := &sum{d: xxhash.New()}
	x.str(kind)
	x.u64(site)
	return x
}

func (x *sum) bytes(b []byte) { x.d.Write(b) }

func (x *sum) u64(v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	x.d.Write(b[:])
}

func (x *sum) str(s string) {
	x.u64(uint64(len(s)))
	x.d.WriteString(s)
}

func (x *sum) value() uint64 { return x.d.Sum64() }

func (sg *signer) str(s string) uint64 { return xxhash.Sum64String(s) }

func (sg *signer) mix(a, b uint64) uint64 {
	x := newSum("", a)
	x.u64(b)
	return x.value()
}

// own hashes what a page's own view fields and its list entry come from.
func (sg *signer) own(x *sum, p *page) {
	x.bytes(p.Hash[:])
	x.bytes(p.contentKey[:])
	x.u64(uint64(p.lastMod.UnixNano()))
	x.u64(uint64(p.published.UnixNano()))
	x.str(p.Kind.String())
	// The link covers the title, URL, section and tags.
	x.u64(sg.link(p))
}

// link is the hash of a page as lists show it: the fields of its PageLink,
// so an edit of a page's body does not change the lists that show it.
func (sg *signer) link(p *page) uint64 {
	if p.signed {
		return p.sig
	}
	l := sg.s.link(p)
	m := p.memo
	switch {
	case m != nil && m.signed:
		p.sig = m.sig
	case m != nil:
		p.sig = sg.vh.link(l)
		m.sig, m.signed = p.sig, true
	default:
		p.sig = sg.vh.link(l)
	}
	p.signed = true
	return p.sig
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
	sg.pager(x, p)
	if dl := sg.s.decisions; dl != nil {
		// A record and the log show the other records' titles and
		// statuses, and a record the pages it relied on.
		if d, ok := p.Meta.(*content.Decision); ok && p.Kind == content.KindPage {
			x.u64(dl.hash)
			sg.list(x, sg.s.evidencePages(p, d))
		} else if isDecisionLog(p) {
			x.u64(dl.hash)
		}
	}
	for _, b := range sg.s.breadcrumbs(p.URL) {
		x.str(b.Title)
		x.str(b.URL)
	}
	switch p.Kind {
	case content.KindSection:
		sg.list(x, sg.s.listPages(p))
	case content.KindHome:
		for _, sec := range sg.s.sections {
			pages := sg.s.sectionPages(sec)
			x.str(sec.Title())
			x.str(sec.URL)
			sg.list(x, pages[:min(len(pages), homeLimit)])
			x.u64(uint64(len(pages)))
		}
	}
	return x.value()
}

func (sg *signer) tag(t *tag) uint64 {
	x := newSum("tag", sg.site)
	x.str(t.name)
	x.str(t.slug)
	sg.list(x, t.pages)
	return x.value()
}

func (sg *signer) tagIndex(tags []*tag) uint64 {
	x := newSum("tags", sg.site)
	for _, t := range tags {
		x.str(t.name)
		x.str(t.slug)
		x.u64(uint64(len(t.pages)))
	}
	return x.value()
}

func (sg *signer) special(kind string) uint64 { return newSum(kind, sg.site).value() }
