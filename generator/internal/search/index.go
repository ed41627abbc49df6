package search

import (
	"cmp"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Options configure the index files.
type Options struct {
	// Dir is the folder of the index files in the built site, without
	// slashes around it. Default "search".
	Dir string
	// TopK is how many best pages each term lists with their title and
	// snippet, so that a one-word search needs no other file. Default 12.
	TopK int
	// StableEntry names the entry file "entry.json" instead of after its
	// content. The preview server wants it: pages then name the same entry
	// whatever is edited, so an edit does not change every page (serve it
	// with Cache-Control: no-cache). Published sites keep the hashed name,
	// which can be cached forever.
	StableEntry bool
	// Facets are the filters the results page offers beside section and
	// tag, in the order shown; a page's values are its Doc.Facets. A
	// facet no page has a value for is left out of the index.
	Facets []Facet
}

// Facet is a filter on a page's values for it. Its name is its key in
// Doc.Facets and its parameter in the results page's URL: it must not be
// q, section or tag.
type Facet struct {
	Name  string // "company"
	Label string // shown to readers: "Company"
	// Range makes it a range of whole numbers (years): the reader picks
	// the lowest and the highest. Values that are not whole numbers of
	// up to nine digits are left out.
	Range bool
}

func (o Options) withDefaults() Options {
	if o.Dir == "" {
		o.Dir = "search"
	}
	o.Dir = strings.Trim(o.Dir, "/")
	if o.TopK <= 0 {
		o.TopK = 12
	}
	seen := map[string]bool{"q": true, "section": true, "tag": true, "": true}
	for _, f := range o.Facets {
		if seen[f.Name] {
			panic(fmt.Sprintf("search: facet name %q is empty, reserved or used twice", f.Name))
		}
		seen[f.Name] = true
	}
	return o
}

// Index is a search index that can be updated page by page: the preview
// server adds, replaces and removes pages as they are saved and asks for the
// files again. Its files are always byte-identical to those Build returns
// for the same pages. An Index is not safe for concurrent use.
type Index struct {
	opts  Options
	docs  map[string]*docData // by URL
	terms map[string]*term    // by stem
	an    []*analyzer         // one per worker, kept for their stemming caches

	order   []*docData // pages in id order at the last emit
	pivot   float64
	gen     uint64 // counts term encodings
	dirty   map[*term]bool
	fresh   map[*docData]bool // pages whose weights are not computed yet
	emitted emitCache
}

// term is one index term (a stem) and the pages that use it.
type term struct {
	stem  string
	words map[string]int // folded surface forms → number of pages using them
	ndocs int
	refs  []ref // postings in id order, rebuilt at each emit
	todo  bool  // to be encoded at this emit
	plen  int   // the length of its positions, when todo

	// encoded at the last emit, valid while the term is clean
	rec, pos []byte
	shown    []int
	gen      uint64 // which encoding rec and pos are (Index.gen when made)
}

func (t *term) sortedWords() []string {
	ws := make([]string, 0, len(t.words))
	for w := range t.words {
		ws = append(ws, w)
	}
	slices.Sort(ws)
	return ws
}

// NewIndex returns an empty index.
func NewIndex(opts Options) *Index {
	n := max(1, runtime.GOMAXPROCS(0))
	ix := &Index{
		opts:  opts.withDefaults(),
		docs:  map[string]*docData{},
		terms: map[string]*term{},
		dirty: map[*term]bool{},
		fresh: map[*docData]bool{},
	}
	for range n {
		ix.an = append(ix.an, newAnalyzer())
	}
	return ix
}

// Build returns the index files of docs. The same pages, in any order, give
// byte-identical files.
func Build(docs []Doc, opts Options) (Files, error) {
	seen := make(map[string]bool, len(docs))
	for _, d := range docs {
		if seen[d.URL] {
			return Files{}, fmt.Errorf("search: two pages have the URL %q: give each page its own URL", d.URL)
		}
		seen[d.URL] = true
	}
	ix := NewIndex(opts)
	if err := ix.Add(docs...); err != nil {
		return Files{}, err
	}
	f, _ := ix.Files()
	return f, nil
}

// Add adds pages to the index, replacing any page with the same URL. Pages
// are analysed in parallel.
func (ix *Index) Add(docs ...Doc) error {
	for _, d := range docs {
		if d.URL == "" {
			return errors.New("search: a page has an empty URL: every indexed page needs its URL")
		}
	}
	// The pages are analysed on every core and inserted, in order, as
	// they come, so the insertion is not left to do after the last one.
	analysed := make([]*docData, len(docs))
	done := make(chan int, len(docs))
	var wg sync.WaitGroup
	for w, a := range ix.an {
		wg.Go(func() {
			for i := w; i < len(docs); i += len(ix.an) {
				analysed[i] = a.analyze(docs[i])
				done <- i
			}
		})
	}
	ready := make([]bool, len(docs))
	next := 0
	for range docs {
		ready[<-done] = true
		for ; next < len(docs) && ready[next]; next++ {
			d := analysed[next]
			analysed[next] = nil
			ix.remove(d.doc.URL)
			ix.insert(d)
		}
	}
	wg.Wait()
	return nil
}

// Remove removes the page with this URL, if any.
func (ix *Index) Remove(url string) { ix.remove(url) }

// Len returns the number of pages in the index.
func (ix *Index) Len() int { return len(ix.docs) }

func (ix *Index) insert(d *docData) {
	ix.docs[d.doc.URL] = d
	ix.fresh[d] = true
	for i := range d.postings {
		p := &d.postings[i]
		stem := d.stems[p.sid]
		t := ix.terms[stem]
		if t == nil {
			t = &term{stem: stem, words: map[string]int{}}
			ix.terms[stem] = t
		}
		p.t = t
		t.ndocs++
		ix.dirty[t] = true
	}
	for _, sw := range d.words {
		// Always a term of the page, except in a malformed saved page.
		if t := ix.terms[sw.stem]; t != nil {
			t.words[sw.word]++
		}
	}
}

func (ix *Index) remove(url string) {
	d := ix.docs[url]
	if d == nil {
		return
	}
	delete(ix.docs, url)
	delete(ix.fresh, d)
	for _, sw := range d.words {
		t := ix.terms[sw.stem]
		if t == nil {
			continue // see insert
		}
		if t.words[sw.word]--; t.words[sw.word] <= 0 {
			delete(t.words, sw.word)
		}
	}
	for i := range d.postings {
		t := d.postings[i].t
		ix.dirty[t] = true
		if t.ndocs--; t.ndocs == 0 {
			delete(ix.terms, t.stem)
			delete(ix.dirty, t)
		}
	}
}

// docOrder returns the pages in id order: by section, then URL. Sections
// are then contiguous id ranges, which is how the client filters by section.
func (ix *Index) docOrder() []*docData {
	order := make([]*docData, 0, len(ix.docs))
	for _, d := range ix.docs {
		order = append(order, d)
	}
	slices.SortFunc(order, func(x, y *docData) int {
		return cmp.Or(strings.Compare(x.doc.Section, y.doc.Section), strings.Compare(x.doc.URL, y.doc.URL))
	})
	return order
}

// sortedTerms returns the terms in byte order of their stems, which is code
// point order, the order the client searches.
func (ix *Index) sortedTerms() []*term {
	ts := make([]*term, 0, len(ix.terms))
	for _, t := range ix.terms {
		ts = append(ts, t)
	}
	slices.SortFunc(ts, func(x, y *term) int { return strings.Compare(x.stem, y.stem) })
	return ts
}

// prepare assigns ids, rebuilds each term's postings in id order and
// encodes the terms that changed since the last emit.
func (ix *Index) prepare() []*term {
	order := ix.docOrder()
	total := 0
	for _, d := range order {
		total += d.bodyLen
	}
	pivot := pivotFor(total, len(order))
	// Ids are positions in this order: while every page keeps its place,
	// only the terms of the pages that changed need encoding again. A
	// page updated in place is a new docData at the same URL.
	all := pivot != ix.pivot || !slices.EqualFunc(order, ix.order, func(x, y *docData) bool { return x.doc.URL == y.doc.URL })
	for _, d := range order {
		if pivot != ix.pivot || ix.fresh[d] {
			d.weigh(pivot)
		}
	}
	clear(ix.fresh)
	ix.order, ix.pivot = order, pivot
	terms := ix.sortedTerms()
	var todo []*term
	for _, t := range terms {
		if cap(t.refs) < t.ndocs || cap(t.refs) > 2*t.ndocs {
			t.refs = make([]ref, 0, t.ndocs)
		}
		t.refs = t.refs[:0]
		t.todo, t.plen = all || ix.dirty[t] || t.rec == nil, 0
		if t.todo {
			todo = append(todo, t)
		}
	}
	clear(ix.dirty)
	// The pages are visited in id order, each once: a posting's weight,
	// block and positions are copied where its term's encoding reads
	// them, in order. Reading them per term instead, through the refs,
	// visited every page's postings once for each of its terms, in
	// memory far apart (a tenth of a second at 10,000 pages).
	for id, d := range order {
		for i := range d.postings {
			p := &d.postings[i]
			p.t.refs = append(p.t.refs, ref{id: int32(id), d: d, p: p, w: p.w, block: p.block})
			if p.t.todo {
				p.t.plen += int(p.end - p.pos)
			}
		}
	}
	for _, t := range todo {
		ix.gen++
		t.gen = ix.gen
		t.pos = nil
		if !isStopWord(t.stem) {
			t.pos = make([]byte, 0, t.plen)
		}
	}
	for _, d := range order {
		for i := range d.postings {
			p := &d.postings[i]
			if p.t.todo && p.t.pos != nil {
				p.t.pos = append(p.t.pos, d.pos[p.pos:p.end]...)
			}
		}
	}
	var wg sync.WaitGroup
	for w, a := range ix.an {
		wg.Go(func() {
			for i := w; i < len(todo); i += len(ix.an) {
				t := todo[i]
				t.rec, t.shown = encodeTerm(t, ix.opts.TopK, a.st)
			}
		})
	}
	wg.Wait()
	return terms
}
