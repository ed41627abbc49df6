package site

import (
	"errors"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
)

// The state is read at the start of every build from it and written at the
// end, ten thousand records on a large site: a reflection-based encoding
// (gob) cost a third of a second each way. This one is written by hand,
// each page a record of its own, so records are decoded on every core and
// a page that did not change is written back as the bytes it was read as.
// TestStateRecordRoundTrip fills every field of what a record holds, so a
// field added to those types and not to the codec fails it.

// enc appends varints, strings and byte strings.
type enc []byte

func (e *enc) u(x uint64) {
	for x >= 0x80 {
		*e = append(*e, byte(x)|0x80)
		x >>= 7
	}
	*e = append(*e, byte(x))
}

func (e *enc) i(x int64) { e.u(uint64(x<<1) ^ uint64(x>>63)) }

func (e *enc) bool(b bool) {
	if b {
		*e = append(*e, 1)
	} else {
		*e = append(*e, 0)
	}
}

func (e *enc) str(s string)   { e.u(uint64(len(s))); *e = append(*e, s...) }
func (e *enc) bytes(b []byte) { e.u(uint64(len(b))); *e = append(*e, b...) }
func (e *enc) key(k [32]byte) { *e = append(*e, k[:]...) }
func (e *enc) pos(p diag.Pos) { e.str(p.File); e.i(int64(p.Line)); e.i(int64(p.Col)) }
func (e *enc) strs(ss []string) {
	e.u(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

// dec reads what enc wrote. The first error sticks and makes every later
// read zero.
type dec struct {
	b   []byte
	off int
	err error
}

var errState = errors.New("the build state is damaged")

func (d *dec) fail() {
	d.err = errState
	d.off = len(d.b)
}

func (d *dec) u() uint64 {
	var x uint64
	for shift := 0; shift < 64; shift += 7 {
		if d.off >= len(d.b) {
			d.fail()
			return 0
		}
		c := d.b[d.off]
		d.off++
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	d.fail()
	return 0
}

func (d *dec) i() int64 {
	x := d.u()
	return int64(x>>1) ^ -int64(x&1)
}

// n reads a count of things each at least one byte long.
func (d *dec) n() int {
	x := d.u()
	if x > uint64(len(d.b)-d.off) {
		d.fail()
		return 0
	}
	return int(x)
}

func (d *dec) bool() bool {
	if d.off >= len(d.b) {
		d.fail()
		return false
	}
	d.off++
	return d.b[d.off-1] != 0
}

func (d *dec) bytes() []byte {
	n := d.n()
	b := d.b[d.off : d.off+n : d.off+n]
	d.off += n
	return b
}

func (d *dec) str() string { return string(d.bytes()) }

func (d *dec) key() (k [32]byte) {
	if len(d.b)-d.off < 32 {
		d.fail()
		return k
	}
	copy(k[:], d.b[d.off:])
	d.off += 32
	return k
}

func (d *dec) pos() diag.Pos {
	return diag.Pos{File: d.str(), Line: int(d.i()), Col: int(d.i())}
}

func (d *dec) strs() []string {
	n := d.n()
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

// pageRecord is what the state keeps of one page: its converted markdown
// (without HTML and text) and its search analysis, either possibly absent.
type pageRecord struct {
	source string
	md     *mdEntry
	search *stateSearch
}

func (e *enc) record(r *pageRecord) {
	e.str(r.source)
	e.bool(r.md != nil)
	if m := r.md; m != nil {
		e.key(m.key)
		e.key(m.src)
		e.key(m.calcs)
		e.key(m.contentKey)
		e.u(m.linksKey)
		e.u(m.textKey)
		e.u(uint64(len(m.rewrites)))
		for _, rw := range m.rewrites {
			e.str(rw.dest)
			e.str(rw.href)
		}
		e.u(uint64(len(m.extras)))
		for _, x := range m.extras {
			e.str(x.path)
			e.bytes(x.data)
		}
		e.result(m.res)
	}
	e.bool(r.search != nil)
	if s := r.search; s != nil {
		e.u(s.DocKey)
		e.bytes(s.Rec)
	}
}

func (d *dec) record() *pageRecord {
	r := &pageRecord{source: d.str()}
	if d.bool() {
		m := &mdEntry{noHTML: true}
		m.key, m.src, m.calcs, m.contentKey = d.key(), d.key(), d.key(), d.key()
		m.linksKey, m.textKey = d.u(), d.u()
		if n := d.n(); n > 0 {
			m.rewrites = make([]rewrite, n)
			for i := range m.rewrites {
				m.rewrites[i] = rewrite{d.str(), d.str()}
			}
		}
		if n := d.n(); n > 0 {
			m.extras = make([]extraFile, n)
			for i := range m.extras {
				m.extras[i] = extraFile{d.str(), d.bytes()}
			}
		}
		m.res = d.result()
		r.md = m
	}
	if d.bool() {
		r.search = &stateSearch{Source: r.source, DocKey: d.u(), Rec: d.bytes()}
	}
	if d.err == nil && d.off != len(d.b) {
		d.fail()
	}
	if d.err != nil {
		return nil
	}
	return r
}

// result writes a conversion without its HTML, text and plain code, which
// the state does not keep (see saveState).
func (e *enc) result(r *markdown.Result) {
	e.u(uint64(len(r.Headings)))
	for _, h := range r.Headings {
		e.i(int64(h.Level))
		e.str(h.ID)
		e.str(h.Text)
		e.pos(h.Pos)
	}
	e.toc(r.TOC)
	e.u(uint64(len(r.Links)))
	for _, l := range r.Links {
		e.str(l.Dest)
		e.str(l.Href)
		e.bool(l.Image)
		e.bool(l.External)
		e.pos(l.Pos)
	}
	e.i(int64(r.Words))
	e.str(r.Summary)
	e.strs(r.Features)
	e.u(uint64(len(r.Diags)))
	for _, x := range r.Diags {
		e.pos(x.Pos)
		e.i(int64(x.Severity))
		e.str(x.Msg)
	}
}

func (e *enc) toc(entries []*markdown.TOCEntry) {
	e.u(uint64(len(entries)))
	for _, t := range entries {
		e.i(int64(t.Level))
		e.str(t.ID)
		e.str(t.Text)
		e.toc(t.Children)
	}
}

func (d *dec) result() *markdown.Result {
	r := &markdown.Result{}
	if n := d.n(); n > 0 {
		r.Headings = make([]markdown.Heading, n)
		for i := range r.Headings {
			r.Headings[i] = markdown.Heading{Level: int(d.i()), ID: d.str(), Text: d.str(), Pos: d.pos()}
		}
	}
	r.TOC = d.toc(0)
	if n := d.n(); n > 0 {
		r.Links = make([]markdown.Link, n)
		for i := range r.Links {
			r.Links[i] = markdown.Link{Dest: d.str(), Href: d.str(), Image: d.bool(), External: d.bool(), Pos: d.pos()}
		}
	}
	r.Words = int(d.i())
	r.Summary = d.str()
	r.Features = d.strs()
	if n := d.n(); n > 0 {
		r.Diags = make(diag.List, n)
		for i := range r.Diags {
			r.Diags[i] = diag.Diagnostic{Pos: d.pos(), Severity: diag.Severity(d.i()), Msg: d.str()}
		}
	}
	return r
}

func (d *dec) toc(depth int) []*markdown.TOCEntry {
	n := d.n()
	if n == 0 || depth > 16 {
		if n > 0 {
			d.fail()
		}
		return nil
	}
	out := make([]*markdown.TOCEntry, n)
	for i := range out {
		out[i] = &markdown.TOCEntry{Level: int(d.i()), ID: d.str(), Text: d.str()}
		out[i].Children = d.toc(depth + 1)
	}
	return out
}
