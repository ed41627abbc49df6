package search

import (
	"slices"

	"github.com/tradeoffs/tradeoffs/generator/internal/wire"
)

// Doc is one page as the search index sees it: plain text, already rendered
// and stripped of markup.
type Doc struct {
	URL          string   // "/case-studies/prime-video/"
	Title        string   // page title
	Section      string   // section id ("case-studies"), "" for top-level pages
	SectionTitle string   // "Case studies"
	Tags         []string // tag names as shown to readers
	Summary      string   // one or two sentences
	Date         string   // "2023-03-22" or ""
	Blocks       []Block  // the page's text split at headings, in order
	// Facets are the page's values for the index's facets (Options.Facets),
	// by facet name: {"company": ["Netflix"], "year": ["2016"]}.
	Facets map[string][]string
}

// Block is the text of a page under one heading.
type Block struct {
	Anchor  string // heading id ("the-bottleneck"); "" for text before the first heading
	Heading string // heading text; "" for the intro block
	Level   int    // 2..6; 0 for the intro block
	Text    string // prose under the heading, plain text
}

// Field gaps keep a quoted phrase from matching across the end of one field
// and the start of the next.
const fieldGap = 8

// Caps on per-page counts, so the compact encoding never overflows.
const (
	maxBlocks = 255
	maxCount  = 65535
)

// posting is what one page contributes to one term.
type posting struct {
	t        *term  // the index's term, set when the page joins an Index
	sid      int32  // the analyzer's id of the stem (docData.stems)
	body     uint16 // occurrences in block text
	head     uint8  // occurrences in headings
	summary  uint8  // occurrences in the summary
	title    bool   // in the title
	tag      bool   // in a tag
	block    uint8  // block where the term matters most
	w        uint8  // weight byte for the index's current pivot (set by Index.prepare)
	offset   int32  // byte offset of its first occurrence in that block's text, -1 if none
	pos, end uint32 // its word positions are encoded in docData.pos[pos:end]
	// more are the next blocks where the term matters, best first
	// (noBlock when there is none), and moreOff the byte offsets of its
	// first occurrence in their text (offHeading when it is only in the
	// heading, offFar when past what 16 bits hold: found again when
	// needed).
	more    [maxSubs - 1]uint8
	moreOff [maxSubs - 1]uint16
}

// maxSubs is how many blocks of a page a term's result shows: the best
// and the next ones, each a sub-result under its heading.
const maxSubs = 3

const (
	noBlock    = 255 // more[i] when the term is in no further block (maxBlocks is 255: ids 0-254)
	offHeading = 65535
	offFar     = 65534
)

// docData is a page after analysis: what the index keeps of it.
type docData struct {
	doc      Doc
	bodyLen  int       // number of words of block text
	postings []posting // in order of first use (the order matters to nothing)
	// pos holds the word positions of every posting, each as the
	// positions file has them (a count, then the gaps as varints): the
	// index's files and the saved analysis copy the bytes, where encoding
	// two million postings' positions anew for every file set cost a
	// fifth of making the index.
	pos     []byte
	stems   []string   // the analyzer's stems by id, for sid
	words   []stemWord // in no particular order
	metaRec []byte     // its metadata record, made at the first emit
}

// stemWord records that a page uses a folded word whose stem differs from it.
type stemWord struct{ stem, word string }

// analyzer turns pages into postings. It keeps a stemming cache and scratch
// space, so each worker needs its own.
type analyzer struct {
	st      *stemmer
	slot    []int32  // stemmer id → index in terms, valid when stamp matches
	stamp   []uint32 // stemmer id → page counter when slot was set
	page    uint32
	terms   []posting
	weight  []uint32 // terms × blocks: weight of the term in each block
	first   []int32  // terms × blocks: offset of the term's first occurrence in the block's text
	hits    []hit    // positions, in page order
	grouped []uint32 // scratch: hits' positions grouped by term
	words   map[stemWord]struct{}
}

type hit struct{ term, pos uint32 }

func newAnalyzer() *analyzer {
	return &analyzer{st: newStemmer(), words: map[stemWord]struct{}{}}
}

// analyze returns the postings of one page.
func (a *analyzer) analyze(doc Doc) *docData {
	if len(doc.Blocks) > maxBlocks {
		doc.Blocks = doc.Blocks[:maxBlocks]
	}
	a.reset()
	d := &docData{doc: doc}
	nb := len(doc.Blocks)
	pos := uint32(0)
	add := func(tw termWord) int32 {
		for int(tw.id) >= len(a.slot) {
			a.slot, a.stamp = append(a.slot, 0), append(a.stamp, 0)
		}
		i := a.slot[tw.id]
		if a.stamp[tw.id] != a.page {
			i = int32(len(a.terms))
			a.slot[tw.id], a.stamp[tw.id] = i, a.page
			a.terms = append(a.terms, posting{sid: tw.id, offset: -1})
			for range nb {
				a.weight = append(a.weight, 0)
				a.first = append(a.first, -1)
			}
		}
		if tw.word != tw.stem {
			a.words[stemWord{tw.stem, tw.word}] = struct{}{}
		}
		if !tw.stop {
			a.hits = append(a.hits, hit{uint32(i), pos})
		}
		pos++
		return i
	}
	a.st.tokens(doc.Title, func(tw termWord, _, _ int) { a.terms[add(tw)].title = true })
	pos += fieldGap
	a.st.tokens(doc.Summary, func(tw termWord, _, _ int) { incr8(&a.terms[add(tw)].summary) })
	pos += fieldGap
	for _, tag := range doc.Tags {
		a.st.tokens(tag, func(tw termWord, _, _ int) { a.terms[add(tw)].tag = true })
		pos += fieldGap
	}
	for bi, b := range doc.Blocks {
		a.st.tokens(b.Heading, func(tw termWord, _, _ int) {
			i := add(tw)
			incr8(&a.terms[i].head)
			a.weight[int(i)*nb+bi] += headingWeight
		})
		pos += fieldGap
		a.st.tokens(b.Text, func(tw termWord, start, _ int) {
			i := add(tw)
			if p := &a.terms[i]; p.body < maxCount {
				p.body++
			}
			d.bodyLen++
			k := int(i)*nb + bi
			a.weight[k]++
			if a.first[k] < 0 {
				a.first[k] = int32(start)
			}
		})
		pos += fieldGap
	}
	a.finish(d, nb)
	return d
}

// headingWeight is how much more a word in a heading counts than a word of
// text when choosing the block a result links to.
const headingWeight = 3

func (a *analyzer) reset() {
	a.page++
	clear(a.words)
	a.terms, a.weight, a.first, a.hits = a.terms[:0], a.weight[:0], a.first[:0], a.hits[:0]
}

// finish picks each term's best block and lays out positions.
func (a *analyzer) finish(d *docData, nb int) {
	counts := make([]uint32, len(a.terms)+1)
	for _, h := range a.hits {
		counts[h.term+1]++
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	grouped := slices.Grow(a.grouped[:0], len(a.hits))[:len(a.hits)]
	a.grouped = grouped
	next := slices.Clone(counts[:len(a.terms)])
	for _, h := range a.hits {
		grouped[next[h.term]] = h.pos
		next[h.term]++
	}
	pos := make(wire.Buf, 0, 2*len(a.hits)+len(a.terms))
	d.postings = make([]posting, len(a.terms))
	for i := range a.terms {
		p := a.terms[i]
		p.pos = uint32(len(pos))
		ps := grouped[counts[i]:counts[i+1]]
		pos.Int(len(ps))
		last := uint32(0)
		for _, x := range ps {
			pos.Uvarint(uint64(x - last))
			last = x
		}
		p.end = uint32(len(pos))
		p.more = [maxSubs - 1]uint8{noBlock, noBlock}
		if nb > 0 {
			a.bestBlocks(&p, a.weight[i*nb:(i+1)*nb], a.first[i*nb:(i+1)*nb])
		}
		d.postings[i] = p
	}
	d.pos = pos
	d.stems = a.st.stems
	d.words = make([]stemWord, 0, len(a.words))
	for sw := range a.words {
		d.words = append(d.words, sw)
	}
}

// bestBlocks sets the posting's best block and the next ones: those where
// the term weighs most (ties: the earlier block), each with the offset of
// its first occurrence there. A term found in no block keeps block 0 with
// no offset.
func (a *analyzer) bestBlocks(p *posting, w []uint32, first []int32) {
	var top [maxSubs]int
	n := 0
	for b, x := range w {
		if x == 0 {
			continue
		}
		j := n
		for j > 0 && x > w[top[j-1]] {
			j--
		}
		if j == maxSubs {
			continue
		}
		copy(top[j+1:], top[j:min(n, maxSubs-1)])
		top[j] = b
		n = min(n+1, maxSubs)
	}
	if n == 0 {
		return
	}
	p.block, p.offset = uint8(top[0]), first[top[0]]
	for i := 1; i < n; i++ {
		p.more[i-1] = uint8(top[i])
		switch off := first[top[i]]; {
		case off < 0:
			p.moreOff[i-1] = offHeading
		case off >= offFar:
			p.moreOff[i-1] = offFar
		default:
			p.moreOff[i-1] = uint16(off)
		}
	}
}

func incr8(p *uint8) {
	if *p < 255 {
		*p++
	}
}
