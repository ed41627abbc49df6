package search

import (
	"cmp"
	"maps"
	"slices"
	"strconv"

	"github.com/tradeoffs/tradeoffs/generator/internal/wire"
)

// formatVersion changes whenever the layout of any file changes; the client
// refuses an index of another version.
const formatVersion = 2

// entry is the entry file, the JSON document the client loads first.
type entry struct {
	Version  int       `json:"v"`
	Docs     int       `json:"docs"`
	TopK     int       `json:"topK"`
	Sections []section `json:"sections"`
	Tags     []string  `json:"tags"`
	TagFile  string    `json:"tagFile"`
	// Facets are [name, label, "range" or "values"], for the facets
	// some page has a value for; FacetFile lists their pages.
	Facets    [][3]string `json:"facets"`
	FacetFile string      `json:"facetFile"`
	MetaSize  int         `json:"metaSize"`
	Meta      []string    `json:"meta"`
	Shards    [][2]string `json:"shards"`
}

// section is [id, title, first page id, end page id (exclusive)].
type section [4]any

// shard is one term shard: the terms from first up to the next shard's
// first term.
type shard struct {
	first string
	terms *fileJob
}

// groupShards cuts the terms into at most maxTermShards shards of at least
// minShard raw bytes where the terms allow it.
func groupShards(terms []*term) [][]*term {
	total := 0
	for _, t := range terms {
		total += len(t.rec)
	}
	target := max(minShard, total/maxTermShards)
	for {
		g := groupTerms(terms, target)
		if len(g) <= maxTermShards {
			return g
		}
		target += target / 8
	}
}

// groupTerms cuts the sorted terms into shards of about target raw bytes.
// A term is never split; a large term gets a shard of its own.
func groupTerms(terms []*term, target int) [][]*term {
	var groups [][]*term
	size := 0
	for _, t := range terms {
		if len(groups) == 0 || (size > 0 && size+len(t.rec) > target) {
			groups = append(groups, nil)
			size = 0
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], t)
		size += len(t.rec)
	}
	return groups
}

// shardFiles lays the terms out in shards and adds each shard's term file
// and positions file to out. A shard whose terms are the same encodings
// as at the last emit reuses its files as they are.
func (ix *Index) shardFiles(out *output, terms []*term) []shard {
	var shards []shard
	next := map[string][2]*fileJob{}
	for i, g := range groupShards(terms) {
		first := g[0].stem
		if i == 0 {
			first = ""
		}
		key := shardKey(g)
		jobs, ok := ix.emitted.shards[key]
		if ok {
			out.reuse(jobs[0], false)
			if jobs[1] != nil {
				out.reuse(jobs[1], false)
			}
		} else {
			posName := ""
			if pos := posShard(g); pos != nil {
				jobs[1] = out.add("p", pos)
				posName = base(jobs[1].path)
			}
			jobs[0] = out.add("t", ix.termShard(g, posName))
		}
		next[key] = jobs
		shards = append(shards, shard{first: first, terms: jobs[0]})
	}
	ix.emitted.shards = next
	return shards
}

// shardKey identifies the content of a shard: the encodings of its terms.
func shardKey(g []*term) string {
	var w wire.Buf
	for _, t := range g {
		w.Uvarint(t.gen)
	}
	return string(w)
}

// termShard encodes a term file: the pages its top lists show, then the
// term records.
func (ix *Index) termShard(g []*term, posName string) []byte {
	var ids []int
	for _, t := range g {
		ids = append(ids, t.shown...)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	size := 0
	for _, t := range g {
		size += len(t.rec)
	}
	w := make(wire.Buf, 0, size+64*len(ids)+32)
	w.Int(formatVersion)
	w.Str(posName)
	w.Int(len(ids))
	last := 0
	for _, id := range ids {
		d := ix.order[id].doc
		w.Int(id - last)
		last = id
		w.Str(d.URL)
		w.Str(d.Title)
		w.Str(d.Date)
	}
	w.Int(len(g))
	for _, t := range g {
		w.Raw(t.rec)
	}
	return w
}

// posShard encodes the positions file of a shard, or returns nil when no
// term of the shard has positions (stop words only).
func posShard(g []*term) []byte {
	size := 0
	for _, t := range g {
		size += len(t.pos) + 5
	}
	w := make(wire.Buf, 0, size)
	w.Int(len(g))
	any := false
	for _, t := range g {
		w.Int(len(t.pos))
		w.Raw(t.pos)
		any = any || len(t.pos) > 0
	}
	if !any {
		return nil
	}
	return w
}

// metaPack returns how many pages one metadata file holds.
func metaPack(n int) int { return max(minMetaPack, (n+maxMetaPacks-1)/maxMetaPacks) }

// metaFiles adds the page metadata files: for each page in id order, what a
// result shows when no term's top list has the page.
func (ix *Index) metaFiles(out *output) (int, []*fileJob) {
	size := metaPack(len(ix.order))
	var jobs []*fileJob
	for first := 0; first < len(ix.order); first += size {
		var w wire.Buf
		n := min(size, len(ix.order)-first)
		w.Int(first)
		w.Int(n)
		for _, d := range ix.order[first : first+n] {
			if d.metaRec == nil {
				d.metaRec = d.meta()
			}
			w.Raw(d.metaRec)
		}
		jobs = append(jobs, out.add("m", w))
	}
	return size, jobs
}

// meta encodes a page's metadata record.
func (d *docData) meta() []byte {
	var w wire.Buf
	w.Str(d.doc.URL)
	w.Str(d.doc.Title)
	w.Str(d.doc.Summary)
	w.Str(d.doc.Date)
	w.Strs(d.doc.Tags)
	w.Int(len(d.doc.Blocks))
	for _, bl := range d.doc.Blocks {
		w.Str(bl.Anchor)
		w.Str(bl.Heading)
	}
	return w
}

// tagFile adds the file listing, for each tag, the ids of its pages.
func (ix *Index) tagFile(out *output) ([]string, *fileJob) {
	byTag := ix.pagesBy(func(d *docData) []string { return d.doc.Tags }, func(tag string) bool { return tag != "" })
	names := slices.Sorted(maps.Keys(byTag))
	var w wire.Buf
	w.Int(len(names))
	for _, tag := range names {
		putIDs(&w, byTag[tag])
	}
	return names, out.add("g", w)
}

// facetFile adds the file listing, for each facet some page has a value
// for, each value and its pages, and returns those facets for the entry.
func (ix *Index) facetFile(out *output) ([][3]string, *fileJob) {
	facets := [][3]string{}
	var w wire.Buf
	for _, f := range ix.opts.Facets {
		byValue := ix.pagesBy(func(d *docData) []string { return d.doc.Facets[f.Name] },
			func(v string) bool { return !f.Range || wholeNumber(v) })
		if len(byValue) == 0 {
			continue
		}
		kind := "values"
		values := slices.Sorted(maps.Keys(byValue))
		if f.Range {
			kind = "range"
			slices.SortFunc(values, func(x, y string) int {
				a, _ := strconv.Atoi(x)
				b, _ := strconv.Atoi(y)
				return cmp.Compare(a, b)
			})
		}
		facets = append(facets, [3]string{f.Name, f.Label, kind})
		w.Int(len(values))
		for _, v := range values {
			w.Str(v)
			putIDs(&w, byValue[v])
		}
	}
	if len(facets) == 0 {
		return facets, nil
	}
	return facets, out.add("f", w)
}

// pagesBy returns, for each value of the pages (values) that keep
// accepts, the ids of its pages in order.
func (ix *Index) pagesBy(values func(*docData) []string, keep func(string) bool) map[string][]int {
	by := map[string][]int{}
	for id, d := range ix.order {
		for _, v := range values(d) {
			if !keep(v) {
				continue
			}
			if ids := by[v]; len(ids) == 0 || ids[len(ids)-1] != id {
				by[v] = append(ids, id)
			}
		}
	}
	return by
}

// putIDs writes a count of page ids and the ids, as deltas.
func putIDs(w *wire.Buf, ids []int) {
	w.Int(len(ids))
	last := 0
	for _, id := range ids {
		w.Int(id - last)
		last = id
	}
}

// wholeNumber reports whether s is a whole number as a range facet's
// values are written: up to nine decimal digits, no leading zero.
func wholeNumber(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n >= 0 && strconv.Itoa(n) == s && len(s) <= 9
}

// sections returns the sections as id ranges, in id order.
func (ix *Index) sections() []section {
	out := []section{}
	for id, d := range ix.order {
		n := len(out)
		if n == 0 || out[n-1][0] != d.doc.Section {
			out = append(out, section{d.doc.Section, d.doc.SectionTitle, id, id + 1})
			continue
		}
		out[n-1][3] = id + 1
		if out[n-1][1] == "" {
			out[n-1][1] = d.doc.SectionTitle
		}
	}
	return out
}
