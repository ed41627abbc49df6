package search

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tradeoffs/tradeoffs/generator/internal/wire"
)

// Ranking constants (BM25F-like). A term's weight in a page, computed at
// build time and stored as one byte, is
//
//	tf    = body/(1-b+b*len/pivot) + headingBoost*min(head,3) + summaryBoost*min(summary,2)
//	w     = tf*(k1+1)/(k1+tf) + titleBonus*[in title] + tagBonus*[in a tag]
//	byte  = ceil(255*w/maxWeight)
//
// and the client multiplies it by the term's idf, ln(1+(N-df+0.5)/(df+0.5)).
// pivot is the average page length rounded to a quarter octave, so editing
// one page rarely changes every weight.
const (
	k1           = 1.2
	b            = 0.75
	headingBoost = 2.5
	summaryBoost = 1.5
	titleBonus   = 1.5
	tagBonus     = 0.8
	maxWeight    = k1 + 1 + titleBonus + tagBonus
)

// weigh sets the weight byte of each of the page's postings.
func (d *docData) weigh(pivot float64) {
	norm := 1 - b + b*float64(d.bodyLen)/pivot
	for i := range d.postings {
		d.postings[i].w = weight(&d.postings[i], norm)
	}
}

// weight returns the weight byte of a posting; norm is the page's length
// normalisation, 1-b+b*len/pivot.
func weight(p *posting, norm float64) uint8 {
	tf := float64(p.body)/norm +
		headingBoost*float64(min(p.head, 3)) + summaryBoost*float64(min(p.summary, 2))
	w := tf * (k1 + 1) / (k1 + tf)
	if p.title {
		w += titleBonus
	}
	if p.tag {
		w += tagBonus
	}
	q := math.Ceil(255 * w / maxWeight)
	return uint8(max(1, min(255, q)))
}

// pivotFor rounds the average body length to a quarter octave.
func pivotFor(total, n int) float64 {
	if n == 0 || total == 0 {
		return 1
	}
	avg := float64(total) / float64(n)
	return math.Exp2(math.Round(math.Log2(avg)*4) / 4)
}

// sub is one place of a page a result shows: a block (pageLevel: the
// page as a whole) and an excerpt of its text around the term.
type sub struct {
	block   uint8
	excerpt string
}

// pageLevel is a sub-result's block when the term is in no block's text or
// heading: its excerpt comes from the summary or the start of the page.
const pageLevel = noBlock

// subResults returns the places a result for the term shows, best first:
// its best block (or the page as a whole), then up to maxSubs-1 more
// blocks, each with an excerpt of its text from the term's first
// occurrence there (from the start when the term is only in the heading).
func subResults(d *docData, p *posting, st *stemmer) []sub {
	bl := d.doc.Blocks
	var out []sub
	switch {
	case int(p.block) >= len(bl) || p.offset < 0 && p.head == 0:
		out = append(out, sub{pageLevel, pageSnippet(d, p, st)})
	case p.offset < 0: // in the block's heading only
		out = append(out, sub{p.block, window(bl[p.block].Text, 0)})
	default:
		out = append(out, sub{p.block, window(bl[p.block].Text, int(p.offset))})
	}
	for i, b := range p.more {
		if b == noBlock || int(b) >= len(bl) {
			break
		}
		text := bl[b].Text
		off := int(p.moreOff[i])
		switch p.moreOff[i] {
		case offHeading:
			off = 0
		case offFar:
			off = max(0, firstIn(st, text, p.t.stem))
		}
		out = append(out, sub{block: b, excerpt: window(text, min(off, len(text)))})
	}
	return out
}

// snippetBefore and snippetAfter bound the text shown around a match.
const (
	snippetBefore = 60
	snippetAfter  = 140
)

// pageSnippet returns the excerpt of a page where the term is in no
// block: a window of the summary around the term, else the start of the
// summary, else the start of the page's text.
func pageSnippet(d *docData, p *posting, st *stemmer) string {
	if p.summary > 0 {
		if off := firstIn(st, d.doc.Summary, p.t.stem); off >= 0 {
			return window(d.doc.Summary, off)
		}
	}
	if d.doc.Summary != "" {
		return window(d.doc.Summary, 0)
	}
	for _, bl := range d.doc.Blocks {
		if bl.Text != "" {
			return window(bl.Text, 0)
		}
	}
	return ""
}

// firstIn returns the byte offset of the first word of text whose stem is
// term, or -1.
func firstIn(st *stemmer, text, term string) int {
	off := -1
	st.tokens(text, func(tw termWord, start, _ int) {
		if off < 0 && tw.stem == term {
			off = start
		}
	})
	return off
}

// window cuts text around byte offset off at word boundaries, marks the
// cuts with an ellipsis and collapses white space.
func window(text string, off int) string {
	lo, hi := max(0, off-snippetBefore), min(len(text), off+snippetAfter)
	if lo > 0 {
		for lo < off && !isSpaceByte(text[lo-1]) {
			lo++
		}
	}
	if hi < len(text) {
		for hi > off && !isSpaceByte(text[hi]) {
			hi--
		}
		if hi == off { // one very long word: cut inside it, on a rune boundary
			hi = min(len(text), off+snippetAfter)
			for hi > off && !utf8.RuneStart(text[hi]) {
				hi--
			}
		}
	}
	s := strings.Join(strings.Fields(text[lo:hi]), " ")
	if lo > 0 {
		s = "…" + s
	}
	if hi < len(text) {
		s += "…"
	}
	return s
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// ref is one posting of a term, in document-id order, with the fields the
// term's encoding reads for every posting (the others it reads through p
// for its best few).
type ref struct {
	d        *docData
	p        *posting
	id       int32
	w, block uint8
}

// topK returns the indexes in refs of the k best postings by weight
// (ties: lower id first), best first.
func topK(refs []ref, ws []uint8, k int) []int {
	top := make([]int, 0, k+1)
	for i := range refs {
		if len(top) == k && ws[i] <= ws[top[k-1]] {
			continue
		}
		j := len(top)
		for j > 0 && ws[i] > ws[top[j-1]] {
			j--
		}
		top = slices.Insert(top, j, i)
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

// encodeTerm writes one term's record of a term shard (see the package
// documentation for the layout) and returns the ids of the pages its top
// list shows. Its positions, t.pos, are copied by Index.prepare.
func encodeTerm(t *term, k int, st *stemmer) (rec []byte, shown []int) {
	w := make(wire.Buf, 0, 64+3*len(t.refs)+256*min(k, len(t.refs)))
	w.Str(t.stem)
	w.Strs(t.sortedWords())
	w.Int(len(t.refs))
	stop := isStopWord(t.stem)
	ws := make([]uint8, len(t.refs))
	for i := range t.refs {
		ws[i] = t.refs[i].w
	}
	if stop {
		w.Byte(1)
	} else {
		w.Byte(0)
		last := 0
		for i := range t.refs {
			id := int(t.refs[i].id)
			w.Int(id - last)
			last = id
		}
		w.Raw(ws)
		for i := range t.refs {
			w.Byte(t.refs[i].block)
		}
	}
	top := topK(t.refs, ws, k)
	w.Int(len(top))
	for _, i := range top {
		r := t.refs[i]
		w.Int(int(r.id))
		w.Byte(ws[i])
		subs := subResults(r.d, r.p, st)
		w.Int(len(subs))
		for _, s := range subs {
			w.Byte(s.block)
			if s.block != pageLevel {
				bl := r.d.doc.Blocks[s.block]
				w.Str(bl.Anchor)
				w.Str(bl.Heading)
			}
			w.Str(s.excerpt)
		}
		shown = append(shown, int(r.id))
	}
	return w, shown
}
