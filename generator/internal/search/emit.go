package search

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"maps"
	"slices"
	"sync"
)

// Files is the set of index files of a site.
type Files struct {
	// Entry is the path of the entry file, the only one a page names (in its
	// search form's data-search-index attribute, as a root-relative URL).
	Entry string
	// Data maps each file's path, relative to the site root
	// ("search/t.k3j5h2a9bcq.bin"), to its content.
	Data map[string][]byte
}

// Paths returns the paths of the files, sorted.
func (f Files) Paths() []string { return slices.Sorted(maps.Keys(f.Data)) }

// Size returns the total size of the files in bytes.
func (f Files) Size() int {
	n := 0
	for _, b := range f.Data {
		n += len(b)
	}
	return n
}

// Changes lists what changed since the previous call of Files. File names
// are content hashes, so a changed file is a new path plus a removed one;
// only a stable entry file (Options.StableEntry) changes in place, and is
// then listed in Added.
type Changes struct {
	Added, Removed []string
}

// Layout limits.
const (
	// minShard is the smallest raw size a term shard is cut at.
	minShard = 16 << 10
	// maxTermShards bounds the number of term shards (each with its
	// positions file) on a large site.
	maxTermShards = 360
	// maxMetaPacks bounds the number of page metadata files.
	maxMetaPacks = 250
	// minMetaPack is the fewest pages a metadata file holds.
	minMetaPack = 16
	// gzipLevel: level 1 makes files 3.6% larger than level 4 on the
	// benchmark corpus in half the time; the index is a tenth of what
	// Pagefind's first search downloads either way, and its time counts
	// against every build.
	gzipLevel = 1
)

// emitCache remembers the files of the last emit, so unchanged content is
// not compressed again.
type emitCache struct {
	byRaw  map[[32]byte]string    // hash of raw content → path
	data   map[string][]byte      // path → file
	shards map[string][2]*fileJob // term encodings of a shard → its term and positions files
}

// output collects the raw files of one emit.
type output struct {
	dir  string
	jobs []*fileJob
}

type fileJob struct {
	kind string
	raw  []byte
	sum  [32]byte
	path string
	data []byte
}

// add adds a raw file and names it after its content.
func (o *output) add(kind string, raw []byte) *fileJob {
	return o.reuse(&fileJob{kind: kind, raw: raw}, true)
}

// reuse adds a file job, naming it first when name is set.
func (o *output) reuse(j *fileJob, name bool) *fileJob {
	o.jobs = append(o.jobs, j)
	if !name {
		return j
	}
	kind, raw := j.kind, j.raw
	h := sha256.New()
	h.Write([]byte(kind))
	h.Write(raw)
	h.Sum(j.sum[:0])
	j.path = o.dir + "/" + fileName(kind, j.sum, ".bin")
	return j
}

var nameEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// fileName returns the file name of a file of kind whose content has the
// SHA-256 sum: kind, 10 base32 characters (50 bits) of sum and ext.
func fileName(kind string, sum [32]byte, ext string) string {
	return kind + "." + nameEncoding.EncodeToString(sum[:])[:10] + ext
}

// Files returns all current index files and what changed since the last
// call. Only the files whose content changed are encoded and compressed
// again.
func (ix *Index) Files() (Files, Changes) {
	terms := ix.prepare()
	out := &output{dir: ix.opts.Dir}
	shards := ix.shardFiles(out, terms)
	metaSize, metas := ix.metaFiles(out)
	tagNames, tags := ix.tagFile(out)
	facets, facetJob := ix.facetFile(out)
	ix.compress(out)
	e := entry{
		Version:  formatVersion,
		Docs:     len(ix.order),
		TopK:     ix.opts.TopK,
		Sections: ix.sections(),
		Tags:     tagNames,
		TagFile:  base(tags.path),
		Facets:   facets,
		MetaSize: metaSize,
		Meta:     []string{}, // [] rather than null on an empty site
		Shards:   [][2]string{},
	}
	if facetJob != nil {
		e.FacetFile = base(facetJob.path)
	}
	for _, m := range metas {
		e.Meta = append(e.Meta, base(m.path))
	}
	for _, s := range shards {
		e.Shards = append(e.Shards, [2]string{s.first, base(s.terms.path)})
	}
	files := Files{Data: make(map[string][]byte, len(out.jobs)+1)}
	for _, j := range out.jobs {
		if j.path != "" {
			files.Data[j.path] = j.data
		}
	}
	ej, _ := json.Marshal(e) // plain strings and numbers: cannot fail
	ej = append(ej, '\n')
	files.Entry = ix.opts.Dir + "/" + fileName("entry", sha256.Sum256(ej), ".json")
	if ix.opts.StableEntry {
		files.Entry = ix.opts.Dir + "/entry.json"
	}
	files.Data[files.Entry] = ej
	return files, ix.remember(files)
}

func base(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' {
			return path[i+1:]
		}
	}
	return path
}

// remember keeps this emit's files for the next one and reports the
// difference.
func (ix *Index) remember(f Files) Changes {
	var ch Changes
	for _, p := range f.Paths() {
		old, ok := ix.emitted.data[p]
		// Other files are named after their content; a stable entry
		// changes in place.
		if !ok || (p == f.Entry && !bytes.Equal(old, f.Data[p])) {
			ch.Added = append(ch.Added, p)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(ix.emitted.data)) {
		if _, ok := f.Data[p]; !ok {
			ch.Removed = append(ch.Removed, p)
		}
	}
	ix.emitted.data = f.Data
	return ch
}

// compress gzips the raw files whose content is new, in parallel, and
// names every file after its raw content.
func (ix *Index) compress(out *output) {
	prev := ix.emitted.byRaw
	next := make(map[[32]byte]string, len(out.jobs))
	var todo []*fileJob
	for _, j := range out.jobs {
		next[j.sum] = j.path
		if p, ok := prev[j.sum]; ok && p == j.path && ix.emitted.data[p] != nil {
			j.data = ix.emitted.data[p]
			continue
		}
		todo = append(todo, j)
	}
	var wg sync.WaitGroup
	for w := range len(ix.an) {
		wg.Go(func() {
			var zb bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&zb, gzipLevel)
			for i := w; i < len(todo); i += len(ix.an) {
				zb.Reset()
				zw.Reset(&zb)
				zw.Write(todo[i].raw)
				zw.Close()
				todo[i].data = bytes.Clone(zb.Bytes())
			}
		})
	}
	wg.Wait()
	ix.emitted.byRaw = next
}
