package search

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/tradeoffs/tradeoffs/generator/internal/wire"
)

// A page's analysis is most of what indexing it costs (tokenising and
// stemming its text). Saved encodes it so that a later Index, in another
// process, can take the page back (DecodeSaved, AddDecoded) instead of
// analysing it again: the build command keeps the analyses of the last
// build and analyses only the pages whose text changed. An Index given the same pages
// by Add or from saved analyses makes byte-identical files.
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
	b := make(wire.Buf, 0, 64+len(d.pos)+len(d.postings)*12)
	b.Byte(savedFormat)
	doc := &d.doc
	b.Str(doc.URL)
	b.Str(doc.Title)
	b.Str(doc.Section)
	b.Str(doc.SectionTitle)
	b.Strs(doc.Tags)
	b.Str(doc.Summary)
	b.Str(doc.Date)
	b.Int(len(doc.Blocks))
	for _, bl := range doc.Blocks {
		b.Str(bl.Anchor)
		b.Str(bl.Heading)
		b.Int(bl.Level)
		b.Str(bl.Text)
	}
	b.Int(d.bodyLen)
	b.Int(len(d.postings))
	for i := range d.postings {
		p := &d.postings[i]
		b.Str(d.stems[p.sid])
		b.Int(int(p.body))
		b.Byte(p.head)
		b.Byte(p.summary)
		var flags uint8
		if p.title {
			flags |= 1
		}
		if p.tag {
			flags |= 2
		}
		b.Byte(flags)
		b.Byte(p.block)
		b.Int(int(p.offset + 1))
		b.Raw(d.pos[p.pos:p.end])
	}
	b.Int(len(d.words))
	for _, sw := range d.words {
		b.Str(sw.stem)
		b.Str(sw.word)
	}
	return b
}

// decodeDoc reads what encode wrote.
func decodeDoc(rec []byte) (*docData, error) {
	r := wire.NewReader(rec)
	if r.Byte() != savedFormat {
		return nil, errors.New("search: a saved page is of another format")
	}
	d := &docData{pos: rec}
	doc := &d.doc
	doc.URL = r.Shared()
	doc.Title = r.Shared()
	doc.Section = r.Shared()
	doc.SectionTitle = r.Shared()
	doc.Tags = r.Strs(true)
	doc.Summary = r.Shared()
	doc.Date = r.Shared()
	if n := r.Len(); n > 0 {
		doc.Blocks = make([]Block, n)
		for i := range doc.Blocks {
			bl := &doc.Blocks[i]
			bl.Anchor = r.Shared()
			bl.Heading = r.Shared()
			bl.Level = r.Small()
			bl.Text = r.Shared()
		}
	}
	if len(doc.Blocks) > maxBlocks {
		return nil, errors.New("search: a saved page has too many blocks")
	}
	d.bodyLen = r.Small()
	n := r.Len()
	d.postings = make([]posting, n)
	d.stems = make([]string, n)
	for i := range d.postings {
		p := &d.postings[i]
		d.stems[i] = r.Shared()
		p.sid = int32(i)
		p.body = uint16(min(r.Small(), maxCount))
		p.head = r.Byte()
		p.summary = r.Byte()
		flags := r.Byte()
		p.title, p.tag = flags&1 != 0, flags&2 != 0
		p.block = r.Byte()
		p.offset = int32(r.Small()) - 1
		// The positions stay the record's bytes (see docData.pos),
		// checked to be positions: gaps that add up within 32 bits.
		p.pos = uint32(r.Offset())
		last := uint64(0)
		for range r.Len() {
			if last += r.Uvarint(); last > math.MaxUint32 {
				r.Fail()
			}
		}
		p.end = uint32(r.Offset())
		if int(p.block) >= max(len(doc.Blocks), 1) || (p.offset >= 0 && (len(doc.Blocks) == 0 || int(p.offset) > len(doc.Blocks[p.block].Text))) {
			r.Fail()
		}
	}
	if nw := r.Len(); nw > 0 {
		d.words = make([]stemWord, nw)
		for i := range d.words {
			d.words[i] = stemWord{r.Shared(), r.Shared()}
		}
	}
	if !r.Done() {
		return nil, fmt.Errorf("search: a saved page is %w (at byte %d)", wire.ErrDamaged, r.Offset())
	}
	return d, nil
}

// SavedFiles encodes the files of the last Files call, so that a later
// Index, in another process, can take them back with RestoreFiles: a file
// whose content comes out the same is then not compressed again (an edit
// of one page changes a few of the index's files, not its thousand).
func (ix *Index) SavedFiles() []byte {
	paths := slices.Sorted(maps.Keys(ix.emitted.data))
	size := 16
	for _, p := range paths {
		size += 64 + len(p) + len(ix.emitted.data[p])
	}
	b := make(wire.Buf, 0, size) // megabytes: grown by doubling, five times that
	b.Byte(savedFormat)
	raw := make(map[string][32]byte, len(ix.emitted.byRaw))
	for sum, p := range ix.emitted.byRaw {
		raw[p] = sum
	}
	b.Int(len(paths))
	for _, p := range paths {
		sum, ok := raw[p]
		b.Str(p)
		b.Bool(ok)
		if ok {
			b.Raw(sum[:])
		}
		b.Bytes(ix.emitted.data[p])
	}
	return b
}

// RestoreFiles takes back what SavedFiles encoded, into an Index that has
// not made its files yet. The data is shared, not copied.
func (ix *Index) RestoreFiles(saved []byte) error {
	r := wire.NewReader(saved)
	if r.Byte() != savedFormat {
		return errors.New("search: saved files of another format")
	}
	n := r.Len()
	data := make(map[string][]byte, n)
	byRaw := make(map[[32]byte]string, n)
	for range n {
		p := r.Str()
		if r.Bool() {
			if sum := r.Fixed(32); len(sum) == 32 {
				byRaw[[32]byte(sum)] = p
			}
		}
		data[p] = r.Bytes()
	}
	if !r.Done() {
		return fmt.Errorf("search: saved files are %w", wire.ErrDamaged)
	}
	ix.emitted.data, ix.emitted.byRaw = data, byRaw
	return nil
}
