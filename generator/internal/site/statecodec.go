package site

import (
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
	"github.com/tradeoffs/tradeoffs/generator/internal/wire"
)

// The state is read at the start of every build from it and written at the
// end, ten thousand records on a large site: a reflection-based encoding
// (gob) cost a third of a second each way. This one is written by hand on
// package wire, each page a record of its own, so records are decoded on
// every core and a page that did not change is written back as the bytes
// it was read as.
// TestStateRecordRoundTrip fills every field of what a record holds, so a
// field added to those types and not to the codec fails it.

// pageRecord is what the state keeps of one page: its converted markdown
// (without HTML and text) and its search analysis, either possibly absent.
type pageRecord struct {
	source string
	md     *mdEntry
	search *stateSearch
}

func writeRecord(e *wire.Buf, r *pageRecord) {
	e.Str(r.source)
	e.Bool(r.md != nil)
	if m := r.md; m != nil {
		e.Raw(m.key[:])
		e.Raw(m.src[:])
		e.Raw(m.calcs[:])
		e.Raw(m.contentKey[:])
		e.Uvarint(m.linksKey)
		e.Uvarint(m.textKey)
		e.Int(len(m.rewrites))
		for _, rw := range m.rewrites {
			e.Str(rw.dest)
			e.Str(rw.href)
		}
		e.Int(len(m.extras))
		for _, x := range m.extras {
			e.Str(x.path)
			e.Bytes(x.data)
		}
		writeResult(e, m.res)
	}
	e.Bool(r.search != nil)
	if s := r.search; s != nil {
		e.Uvarint(s.DocKey)
		e.Bytes(s.Rec)
	}
}

func readRecord(d *wire.Reader) *pageRecord {
	r := &pageRecord{source: d.Str()}
	if d.Bool() {
		m := &mdEntry{noHTML: true}
		m.key, m.src, m.calcs, m.contentKey = readKey(d), readKey(d), readKey(d), readKey(d)
		m.linksKey, m.textKey = d.Uvarint(), d.Uvarint()
		if n := d.Len(); n > 0 {
			m.rewrites = make([]rewrite, n)
			for i := range m.rewrites {
				m.rewrites[i] = rewrite{d.Str(), d.Str()}
			}
		}
		if n := d.Len(); n > 0 {
			m.extras = make([]extraFile, n)
			for i := range m.extras {
				m.extras[i] = extraFile{d.Str(), d.Bytes()}
			}
		}
		m.res = readResult(d)
		r.md = m
	}
	if d.Bool() {
		r.search = &stateSearch{DocKey: d.Uvarint(), Rec: d.Bytes()}
	}
	if !d.Done() {
		return nil
	}
	return r
}

// writeResult writes a conversion without its HTML, text and plain code, which
// the state does not keep (see saveState).
func writeResult(e *wire.Buf, r *markdown.Result) {
	e.Int(len(r.Headings))
	for _, h := range r.Headings {
		e.Varint(int64(h.Level))
		e.Str(h.ID)
		e.Str(h.Text)
		writePos(e, h.Pos)
	}
	writeTOC(e, r.TOC)
	e.Int(len(r.Links))
	for _, l := range r.Links {
		e.Str(l.Dest)
		e.Str(l.Href)
		e.Bool(l.Image)
		e.Bool(l.External)
		writePos(e, l.Pos)
	}
	e.Varint(int64(r.Words))
	e.Str(r.Summary)
	e.Strs(r.Features)
	e.Int(len(r.Diags))
	for _, x := range r.Diags {
		writePos(e, x.Pos)
		e.Varint(int64(x.Severity))
		e.Str(x.Msg)
	}
}

func writeTOC(e *wire.Buf, entries []*markdown.TOCEntry) {
	e.Int(len(entries))
	for _, t := range entries {
		e.Varint(int64(t.Level))
		e.Str(t.ID)
		e.Str(t.Text)
		writeTOC(e, t.Children)
	}
}

func readResult(d *wire.Reader) *markdown.Result {
	r := &markdown.Result{}
	if n := d.Len(); n > 0 {
		r.Headings = make([]markdown.Heading, n)
		for i := range r.Headings {
			r.Headings[i] = markdown.Heading{Level: int(d.Varint()), ID: d.Str(), Text: d.Str(), Pos: readPos(d)}
		}
	}
	r.TOC = readTOC(d, 0)
	if n := d.Len(); n > 0 {
		r.Links = make([]markdown.Link, n)
		for i := range r.Links {
			r.Links[i] = markdown.Link{Dest: d.Str(), Href: d.Str(), Image: d.Bool(), External: d.Bool(), Pos: readPos(d)}
		}
	}
	r.Words = int(d.Varint())
	r.Summary = d.Str()
	r.Features = d.Strs(false)
	if n := d.Len(); n > 0 {
		r.Diags = make(diag.List, n)
		for i := range r.Diags {
			r.Diags[i] = diag.Diagnostic{Pos: readPos(d), Severity: diag.Severity(d.Varint()), Msg: d.Str()}
		}
	}
	return r
}

func readTOC(d *wire.Reader, depth int) []*markdown.TOCEntry {
	n := d.Len()
	if n == 0 || depth > 16 {
		if n > 0 {
			d.Fail()
		}
		return nil
	}
	out := make([]*markdown.TOCEntry, n)
	for i := range out {
		out[i] = &markdown.TOCEntry{Level: int(d.Varint()), ID: d.Str(), Text: d.Str()}
		out[i].Children = readTOC(d, depth+1)
	}
	return out
}

func writePos(e *wire.Buf, p diag.Pos) {
	e.Str(p.File)
	e.Varint(int64(p.Line))
	e.Varint(int64(p.Col))
}

func readPos(d *wire.Reader) diag.Pos {
	return diag.Pos{File: d.Str(), Line: int(d.Varint()), Col: int(d.Varint())}
}

func readKey(d *wire.Reader) (k [32]byte) {
	copy(k[:], d.Fixed(32))
	return k
}

// writeTaxonomy writes the taxonomies of a build (see taxonomy): pages as
// their indexes in the build's sorted pages.
func writeTaxonomy(e *wire.Buf, t *taxonomy) {
	writeIndexes := func(idx []int32) {
		e.Int(len(idx))
		for _, x := range idx {
			e.Int(int(x))
		}
	}
	e.Uvarint(t.key)
	e.Int(len(t.tags))
	for _, tg := range t.tags {
		e.Str(tg.name)
		e.Str(tg.slug)
		writeIndexes(tg.pages)
	}
	for _, lists := range [][][]int32{t.backlinks, t.related} {
		e.Int(len(lists))
		for _, idx := range lists {
			writeIndexes(idx)
		}
	}
}

// readTaxonomy reads what writeTaxonomy wrote, or returns nil.
func readTaxonomy(d *wire.Reader) *taxonomy {
	readIndexes := func() []int32 {
		n := d.Len()
		if n == 0 {
			return nil
		}
		idx := make([]int32, n)
		for i := range idx {
			idx[i] = int32(d.Small())
		}
		return idx
	}
	t := &taxonomy{key: d.Uvarint()}
	t.tags = make([]savedTag, d.Len())
	for i := range t.tags {
		t.tags[i] = savedTag{name: d.Str(), slug: d.Str(), pages: readIndexes()}
	}
	for _, lists := range []*[][]int32{&t.backlinks, &t.related} {
		*lists = make([][]int32, d.Len())
		for i := range *lists {
			(*lists)[i] = readIndexes()
		}
	}
	if !d.Done() {
		return nil
	}
	return t
}
