package search

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"unsafe"
)

// A page's analysis is most of what indexing it costs (tokenising and
// stemming its text). Saved encodes it so that a later Index, in another
// process, can take the page back with AddSaved instead of analysing it
// again: the build command keeps the analyses of the last build and
// analyses only the pages whose text changed. An Index given the same pages
// by Add or by AddSaved makes byte-identical files.
//
// The encoding belongs to this version of the package (a format byte
// leads it) and is read back only by the same generator; a record that
// does not decode is an error, never a wrong page.

// savedFormat leads every saved analysis.
const savedFormat = 1

// Saved returns the analysis of the page at url, encoded, or nil if the
// index does not hold that page.
func (ix *Index) Saved(url string) []byte {
	d := ix.docs[url]
	if d == nil {
		return nil
	}
	return d.encode()
}

// AddSaved adds pages from their saved analyses (see Saved), replacing any
// page with the same URL: DecodeSaved, then AddDecoded.
func (ix *Index) AddSaved(saved [][]byte) error {
	pages, err := DecodeSaved(saved)
	if err != nil {
		return err
	}
	ix.AddDecoded(pages...)
	return nil
}

// SavedPage is a saved analysis, decoded, ready to be added to one Index.
type SavedPage struct{ d *docData }

// URL returns the page's URL.
func (p SavedPage) URL() string { return p.d.doc.URL }

// DecodeSaved decodes saved analyses (see Saved) on every core, without
// copying: the pages' text is the records' bytes, which must not change
// afterwards. A record that does not decode makes it fail as a whole.
// It needs no Index, so a caller can decode while it does other work.
func DecodeSaved(saved [][]byte) ([]SavedPage, error) {
	pages := make([]SavedPage, len(saved))
	errs := make([]error, len(saved))
	var wg sync.WaitGroup
	n := max(1, runtime.GOMAXPROCS(0))
	for w := range n {
		wg.Go(func() {
			for i := w; i < len(saved); i += n {
				pages[i].d, errs[i] = decodeDoc(saved[i])
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, p := range pages {
		if p.d.doc.URL == "" {
			return nil, errors.New("search: a saved page has an empty URL")
		}
	}
	return pages, nil
}

// AddDecoded adds pages decoded by DecodeSaved, replacing any page with
// the same URL. A page must not be added to two indexes.
func (ix *Index) AddDecoded(pages ...SavedPage) {
	for _, p := range pages {
		ix.remove(p.d.doc.URL)
		ix.insert(p.d)
	}
}

// encode writes the page's analysis: its Doc, then each posting with its
// stem and positions (as gaps), then the surface words of its stems.
func (d *docData) encode() []byte {
	b := make(buf, 0, 64+len(d.pos)*2+len(d.postings)*12)
	b.byte(savedFormat)
	doc := &d.doc
	b.str(doc.URL)
	b.str(doc.Title)
	b.str(doc.Section)
	b.str(doc.SectionTitle)
	b.strs(doc.Tags)
	b.str(doc.Summary)
	b.str(doc.Date)
	b.int(len(doc.Blocks))
	for _, bl := range doc.Blocks {
		b.str(bl.Anchor)
		b.str(bl.Heading)
		b.int(bl.Level)
		b.str(bl.Text)
	}
	b.int(d.bodyLen)
	b.int(len(d.postings))
	for i := range d.postings {
		p := &d.postings[i]
		b.str(d.stems[p.sid])
		b.int(int(p.body))
		b.byte(p.head)
		b.byte(p.summary)
		var flags uint8
		if p.title {
			flags |= 1
		}
		if p.tag {
			flags |= 2
		}
		b.byte(flags)
		b.byte(p.block)
		b.int(int(p.offset + 1))
		b.int(int(p.end - p.pos))
		last := uint32(0)
		for _, pos := range d.pos[p.pos:p.end] {
			b.uvarint(uint64(pos - last))
			last = pos
		}
	}
	b.int(len(d.words))
	for _, sw := range d.words {
		b.str(sw.stem)
		b.str(sw.word)
	}
	return b
}

// savedReader reads what buf wrote. Its strings are parts of the record
// itself, so decoding a page allocates a few times, not once per stem, and
// copies nothing: on a large site the records are a hundred megabytes.
// The first error sticks and makes every later read zero.
type savedReader struct {
	s   string
	off int
	err error
}

func (r *savedReader) fail() {
	if r.err == nil {
		r.err = fmt.Errorf("search: a saved page is cut short or malformed at byte %d", r.off)
	}
	r.off = len(r.s)
}

func (r *savedReader) uvarint() uint64 {
	var x uint64
	for shift := 0; shift < 64; shift += 7 {
		if r.off >= len(r.s) {
			r.fail()
			return 0
		}
		c := r.s[r.off]
		r.off++
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	r.fail()
	return 0
}

// int reads a count or length, which must fit what is left of the record
// at one byte per element.
func (r *savedReader) int() int {
	x := r.uvarint()
	if x > uint64(len(r.s)-r.off) {
		r.fail()
		return 0
	}
	return int(x)
}

// small reads a number that is not a length, below 2³¹.
func (r *savedReader) small() uint32 {
	x := r.uvarint()
	if x >= 1<<31 {
		r.fail()
		return 0
	}
	return uint32(x)
}

func (r *savedReader) byte() uint8 {
	if r.off >= len(r.s) {
		r.fail()
		return 0
	}
	c := r.s[r.off]
	r.off++
	return c
}

func (r *savedReader) str() string {
	n := r.int()
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}

func (r *savedReader) strs() []string {
	n := r.int()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

// decodeDoc reads what encode wrote.
func decodeDoc(rec []byte) (*docData, error) {
	r := &savedReader{s: unsafe.String(unsafe.SliceData(rec), len(rec))}
	if r.byte() != savedFormat {
		return nil, errors.New("search: a saved page is of another format")
	}
	d := &docData{}
	doc := &d.doc
	doc.URL = r.str()
	doc.Title = r.str()
	doc.Section = r.str()
	doc.SectionTitle = r.str()
	doc.Tags = r.strs()
	doc.Summary = r.str()
	doc.Date = r.str()
	if n := r.int(); n > 0 {
		doc.Blocks = make([]Block, n)
		for i := range doc.Blocks {
			bl := &doc.Blocks[i]
			bl.Anchor = r.str()
			bl.Heading = r.str()
			bl.Level = int(r.small())
			bl.Text = r.str()
		}
	}
	if len(doc.Blocks) > maxBlocks {
		return nil, errors.New("search: a saved page has too many blocks")
	}
	d.bodyLen = int(r.small())
	n := r.int()
	d.postings = make([]posting, n)
	d.stems = make([]string, n)
	for i := range d.postings {
		p := &d.postings[i]
		d.stems[i] = r.str()
		p.sid = int32(i)
		p.body = uint16(min(r.small(), maxCount))
		p.head = r.byte()
		p.summary = r.byte()
		flags := r.byte()
		p.title, p.tag = flags&1 != 0, flags&2 != 0
		p.block = r.byte()
		p.offset = int32(r.small()) - 1
		count := r.int()
		p.pos = uint32(len(d.pos))
		last := uint32(0)
		for range count {
			last += uint32(r.uvarint())
			d.pos = append(d.pos, last)
		}
		p.end = uint32(len(d.pos))
		if int(p.block) >= max(len(doc.Blocks), 1) || (p.offset >= 0 && (len(doc.Blocks) == 0 || int(p.offset) > len(doc.Blocks[p.block].Text))) {
			r.fail()
		}
	}
	if nw := r.int(); nw > 0 {
		d.words = make([]stemWord, nw)
		for i := range d.words {
			d.words[i] = stemWord{r.str(), r.str()}
		}
	}
	if r.err == nil && r.off != len(r.s) {
		r.fail()
	}
	if r.err != nil {
		return nil, r.err
	}
	return d, nil
}
