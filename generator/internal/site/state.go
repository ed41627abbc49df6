package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"

	"github.com/tradeoffs/tradeoffs/generator/internal/cachefile"
	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
	"github.com/tradeoffs/tradeoffs/generator/internal/output"
	"github.com/tradeoffs/tradeoffs/generator/internal/search"
	"github.com/tradeoffs/tradeoffs/generator/internal/wire"
)

// The warm state is what a build leaves in the cache folder so that the
// next build into the same output folder redoes only what changed:
//
//   - every content file's parsed front matter, with the size and time of
//     the file (content.Cache): unchanged files are neither read nor parsed;
//   - every page's converted markdown without its HTML and text (headings,
//     links, summary, problems), keyed as the preview server's memo is:
//     unchanged pages are not converted;
//   - every indexed page's search analysis (search.Index.Saved), with the
//     key of what it was made from: unchanged pages are not analysed;
//   - the build's taxonomies (tags, backlinks, related pages), with the key
//     of the front matter and links they were made from;
//   - the search index's compressed files, by the hash of their content:
//     a file that comes out the same is not compressed again;
//   - the signature of every output page (see signer) with the size and
//     time of the file the build published: a page whose signature and
//     file are unchanged is kept as it is, neither rendered nor written.
//
// A page that must be rendered again although its markdown did not change
// (a page it lists was retitled) is converted again for its HTML, which
// the state does not keep: the published page holds it, and a copy would
// cost a cold build a hundred megabytes more to write on a large site.
//
// The state is state.bin and the page records it points to in records.bin
// (see records.go). state.bin is a sealed file, and each record is checked
// against the sum state.bin keeps for it (see package cachefile): a state
// with a byte that is not as written is not used. It names the generator
// binary it was made by (a hash of the executable) and the output folder
// it describes; anything else is ignored. It is removed before a build is
// published and written after, so it never describes an output other than
// the one in place.
// TestWarmStateEqualsFullBuild edits a site at random and checks every
// build made through the state against a build from scratch.

// stateFile is the state's name inside the cache folder.
const stateFile = "state.bin"

// stateMagic starts the state; it changes when the layout of the state
// changes.
const stateMagic = "tradeoffs-state-6\n"

// stateSearch is a page's search analysis (see search.Index.Saved), with
// the doc key it was made for.
type stateSearch struct {
	DocKey uint64
	Rec    []byte
}

type statePage struct {
	Out     string
	Sig     uint64
	Size    int64
	ModTime int64 // nanoseconds
}

// warmState is a state as loaded: restored conversions and the published
// pages, by output path.
type warmState struct {
	md       map[string]*mdEntry
	pages    map[string]statePage
	search   map[string]stateSearch // by source
	pathsKey uint64
	// raw holds each page's record as read, by source: a page whose
	// record would be the same is written back as these bytes.
	raw map[string][]byte
	// content is the content cache of the last build (see content.Cache.Save).
	content *content.Cache
	// tax is the last build's taxonomies (see taxonomy), or nil.
	tax *taxonomy
	// searchFiles are the last build's index files (search.Index.SavedFiles).
	searchFiles []byte
	// records is the records file the state points into (see records.go).
	records recordsState
	// decoded delivers the search analyses, decoded while the build loads
	// the content (see decodeSearch).
	decoded chan decodedSearch
}

// recordsState is the records file a warm state was read from.
type recordsState struct {
	id   uint64
	size uint64                    // bytes, when read
	refs map[string]cachefile.Part // by source
}

type decodedSearch struct {
	index *searchIndex // the last build's index
	err   error
}

// decodeSearch makes the last build's search index again from the state's
// analyses, in the background: it is needed once the pages are converted,
// and decoding and inserting ten thousand pages is work the cores can do
// while the content loads.
func (ws *warmState) decodeSearch() {
	ws.decoded = make(chan decodedSearch, 1)
	keys := make([]uint64, 0, len(ws.search))
	recs := make([][]byte, 0, len(ws.search))
	for _, r := range ws.search {
		keys = append(keys, r.DocKey)
		recs = append(recs, r.Rec)
	}
	go func() {
		pages, err := search.DecodeSaved(recs)
		if err != nil {
			ws.decoded <- decodedSearch{err: err}
			return
		}
		si := newSearchIndex()
		si.ix.AddDecoded(pages...)
		// Files that come out the same are then not compressed again;
		// saved files that do not decode only cost compressing them.
		_ = si.ix.RestoreFiles(ws.searchFiles)
		for i, p := range pages {
			si.hashes[p.URL()] = keys[i]
		}
		ws.decoded <- decodedSearch{index: si}
	}()
}

var generatorOnce struct {
	sync.Once
	id uint64
}

// generatorID identifies the running generator by the bytes of its
// executable: a state made by another build of the generator may hold
// what that build made differently, and is not used. Zero when the
// executable cannot be read, which disables the state.
func generatorID() uint64 {
	generatorOnce.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			return
		}
		f, err := os.Open(exe)
		if err != nil {
			return
		}
		defer f.Close()
		h := xxhash.New()
		if _, err := io.Copy(h, f); err == nil {
			generatorOnce.id = h.Sum64() | 1
		}
	})
	return generatorOnce.id
}

// StateSize returns how many bytes the state in dir holds if it describes
// out and was made by this generator, else 0: how much a build of out will
// start from (see cli's build).
func StateSize(dir, out string) int64 {
	if dir == "" || out == "" || generatorID() == 0 {
		return 0
	}
	var size int64
	err := cachefile.Decode(dir, stateFile, func(data []byte) error {
		if _, ok := stateHead(data, generatorID(), out); ok {
			size = int64(len(data))
		}
		return nil
	})
	rec, err2 := os.Stat(filepath.Join(dir, recordsFile))
	if err != nil || err2 != nil || size == 0 {
		return 0
	}
	return size + rec.Size()
}

// loadState reads the state in dir if it describes out. A missing or
// foreign state is nil: it only saves time. So is a damaged one, with an
// error that says so.
func loadState(dir, out string) (*warmState, error) {
	if dir == "" || out == "" {
		return nil, nil
	}
	gen := generatorID()
	if gen == 0 {
		return nil, nil
	}
	data, err := cachefile.Read(dir, stateFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("the build state %w; it was not used", err)
	}
	ws, err := decodeState(data, gen, out, func(id uint64) ([]byte, bool) { return readRecordsFile(dir, id) })
	if err != nil {
		return nil, fmt.Errorf("the build state in %s: %w; it was not used", dir, err)
	}
	return ws, nil
}

// stateHead reads the head of a state (its magic, generator and output
// folder) and returns a reader of what follows, if the state was made by
// generator gen for out.
func stateHead(data []byte, gen uint64, out string) (*wire.Reader, bool) {
	if !bytes.HasPrefix(data, []byte(stateMagic)) {
		return nil, false
	}
	d := wire.NewReader(data[len(stateMagic):])
	if d.Uvarint() != gen || d.Str() != out {
		return nil, false
	}
	return d, true
}

// What decodeState returns for a state it cannot use although it was made
// by this generator for this output.
var (
	errStateDecode  = errors.New("it does not decode")
	errStateRecords = fmt.Errorf("its records (%s) are damaged or missing", recordsFile)
)

// decodeState decodes a state made by generator gen for out, given its
// records file by identifier: nil without an error if the state was made
// by another generator or for another output.
func decodeState(data []byte, gen uint64, out string, records func(id uint64) ([]byte, bool)) (*warmState, error) {
	d, ok := stateHead(data, gen, out)
	if !ok {
		return nil, nil
	}
	ws := &warmState{pathsKey: d.Uvarint()}
	n := d.Len()
	ws.pages = make(map[string]statePage, n)
	for range n {
		p := statePage{Out: d.Str(), Sig: d.Uvarint(), Size: d.Varint(), ModTime: d.Varint()}
		ws.pages[p.Out] = p
	}
	ws.records.id = d.Uvarint()
	srcs := make([]string, d.Len())
	refs := make([]cachefile.Part, len(srcs))
	for i := range srcs {
		srcs[i] = d.Str()
		refs[i] = cachefile.Part{Off: d.Uvarint(), Sum: cachefile.Sum{Len: d.Uvarint(), Hash: d.Uvarint()}}
	}
	contentCache := d.Bytes()
	ws.tax = readTaxonomy(wire.NewReader(d.Bytes()))
	ws.searchFiles = d.Bytes()
	if !d.Done() {
		return nil, errStateDecode
	}
	file, ok := records(ws.records.id)
	if !ok {
		return nil, errStateRecords
	}
	ws.records.size = uint64(len(file))
	ws.records.refs = make(map[string]cachefile.Part, len(srcs))
	for i, ref := range refs {
		ws.records.refs[srcs[i]] = ref
	}
	// A content cache that does not decode only costs reading every file.
	// It is decoded beside the records, which are checked and decoded on
	// every core.
	var wg sync.WaitGroup
	wg.Go(func() { ws.content, _ = content.LoadCache(contentCache) })
	raw := make([][]byte, len(refs))
	recs := make([]*pageRecord, len(raw))
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(raw); i += workers {
				// A record that is not what the state says (an append
				// that never reached the disk) makes the state unusable.
				if rec, ok := refs[i].Of(file); ok && refs[i].Off >= uint64(recordsHead) {
					raw[i], recs[i] = rec, readRecord(wire.NewReader(rec))
				}
			}
		})
	}
	wg.Wait()
	ws.md = make(map[string]*mdEntry, len(recs))
	ws.search = make(map[string]stateSearch, len(recs))
	ws.raw = make(map[string][]byte, len(recs))
	for i, r := range recs {
		if r == nil || r.source != srcs[i] {
			return nil, errStateRecords
		}
		if r.md != nil {
			ws.md[r.source] = r.md
		}
		if r.search != nil {
			ws.search[r.source] = *r.search
		}
		ws.raw[r.source] = raw[i]
	}
	ws.decodeSearch()
	return ws, nil
}

// forgetState removes the state in dir: the output it describes is about
// to be replaced.
func forgetState(dir string) error {
	if dir == "" {
		return nil
	}
	err := os.Remove(filepath.Join(dir, stateFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// keepsState reports whether the build writes a state for the next one:
// a one-shot build with a cache folder and an output folder.
func (s *build) keepsState() bool {
	return s.b.oneShot && s.opts.out() != "" && s.opts.CacheDir != ""
}

// nextState is what a build keeps to write its state after publishing.
type nextState struct {
	md       map[string]*mdEntry
	sigs     map[string]uint64    // output path → signature, of the pages rendered or kept
	kept     map[string]statePage // the pages kept, as the last state had them
	pathsKey uint64
	search   map[string]searchKept // by source
	index    *search.Index         // the index the search records are encoded from
}

// saveState writes the state of build s, published in out, to dir.
func (s *build) saveState(dir, out string) error {
	gen := generatorID()
	if s.next == nil || gen == 0 {
		return nil
	}
	pages := make([]statePage, 0, len(s.next.sigs))
	for path, sig := range s.next.sigs {
		pages = append(pages, statePage{Out: path, Sig: sig})
	}
	// Stat the files published, on every core: on a large site that is
	// thousands of system calls. A kept file is as the last state says
	// (publishing leaves it alone, or links it).
	var wg sync.WaitGroup
	n := runtime.GOMAXPROCS(0)
	for w := range n {
		wg.Go(func() {
			for i := w; i < len(pages); i += n {
				p := &pages[i]
				if old, ok := s.next.kept[p.Out]; ok {
					p.Size, p.ModTime = old.Size, old.ModTime
				} else if fi, err := os.Lstat(filepath.Join(out, filepath.FromSlash(p.Out))); err == nil && fi.Mode().IsRegular() {
					p.Size, p.ModTime = fi.Size(), fi.ModTime().UnixNano()
				} else {
					p.Size = -1 // never matches
				}
			}
		})
	}
	wg.Wait()
	sources := s.stateSources()
	recordsID, refs, err := s.writeRecords(dir, sources)
	if err != nil {
		return fmt.Errorf("writing the build state: %w", err)
	}
	err = cachefile.Write(dir, stateFile, func(w io.Writer) error {
		head := wire.Buf(stateMagic)
		head.Uvarint(gen)
		head.Str(out)
		head.Uvarint(s.next.pathsKey)
		head.Int(len(pages))
		for _, p := range pages {
			head.Str(p.Out)
			head.Uvarint(p.Sig)
			head.Varint(p.Size)
			head.Varint(p.ModTime)
		}
		head.Uvarint(recordsID)
		head.Int(len(sources))
		for i, src := range sources {
			head.Str(src)
			head.Uvarint(refs[i].Off)
			head.Uvarint(refs[i].Len)
			head.Uvarint(refs[i].Hash)
		}
		if _, err := w.Write(head); err != nil {
			return err
		}
		var cc []byte
		if s.contentCache != nil {
			var err error
			if cc, err = s.contentCache.Save(time.Now()); err != nil {
				return err
			}
		}
		var tax wire.Buf
		if s.b.tax != nil {
			writeTaxonomy(&tax, s.b.tax)
		}
		var files []byte
		if s.next.index != nil {
			files = s.next.index.SavedFiles()
		}
		// Each part after its length, written as it is rather than
		// copied into one buffer (they are megabytes).
		for _, part := range [][]byte{cc, tax, files} {
			var n wire.Buf
			n.Int(len(part))
			if _, err := w.Write(n); err != nil {
				return err
			}
			if _, err := w.Write(part); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("writing the build state: %w", err)
	}
	return nil
}

// stateSources lists the pages the state keeps a record of, in order.
func (s *build) stateSources() []string {
	var sources []string
	for src := range s.next.md {
		sources = append(sources, src)
	}
	for src := range s.next.search {
		if s.next.md[src] == nil {
			sources = append(sources, src)
		}
	}
	slices.Sort(sources)
	return sources
}

// record returns the state record of the page at src: the warm state's
// when it would be the same.
func (s *build) record(ws *warmState, src string) []byte {
	if s.sameRecord(ws, src) {
		return ws.raw[src]
	}
	return s.newRecord(src)
}

// sameRecord reports whether the warm state's record of the page at src is
// still right: its conversion was reused and so was its analysis (kept.rec
// is the last record's, taken only for the same doc key), or the page was
// not in the search index then and is not now.
func (s *build) sameRecord(ws *warmState, src string) bool {
	if ws == nil || ws.raw[src] == nil || ws.md[src] != s.next.md[src] {
		return false
	}
	kept, indexed := s.next.search[src]
	if _, had := ws.search[src]; had {
		return indexed && kept.rec != nil
	}
	return !indexed
}

// newRecord encodes the state record of the page at src.
func (s *build) newRecord(src string) []byte {
	r := &pageRecord{source: src, md: s.next.md[src]}
	if kept, indexed := s.next.search[src]; indexed {
		rec := kept.rec
		if rec == nil && s.next.index != nil {
			rec = s.next.index.Saved(kept.url)
		}
		if rec != nil {
			r.search = &stateSearch{DocKey: kept.docKey, Rec: rec}
		}
	}
	var e wire.Buf
	writeRecord(&e, r)
	return e
}

// keepPublished keeps the last build's file for job j when the warm state
// says it was made from the same inputs and the file is still as that
// build published it.
func (s *build) keepPublished(j *job) bool {
	ws := s.b.warm
	if ws == nil || s.next == nil {
		return false
	}
	p, ok := ws.pages[j.out]
	if !ok || p.Sig != j.sig || !s.files.Keep(j.out, j.source, p.Size, p.ModTime) {
		return false
	}
	s.next.sigs[j.out] = j.sig
	s.next.kept[j.out] = p
	s.kept++
	return true
}

// convertAgain converts again the pages of jobs whose markdown came from
// the warm state, for their HTML.
func (s *build) convertAgain(ctx context.Context, jobs []*job) {
	var again []*page
	for _, j := range jobs {
		if p := s.bySource[j.source]; p != nil && p.noHTML && p.md != nil {
			again = append(again, p)
		}
	}
	s.convertPages(ctx, again)
}

// convertPages converts again pages whose markdown came from the warm
// state, for the HTML and text it does not keep. The conversion is the one
// the state holds (same file, settings and link targets), so only those
// are taken from it.
func (s *build) convertPages(ctx context.Context, again []*page) {
	if len(again) == 0 {
		return
	}
	s.needCache(len(again))
	resolver := s.resolver()
	opts := s.markdownOptions(newRecorder(output.NewFiles()))
	s.parallel(ctx, len(again), func() func(i int) {
		conv := markdown.New(opts)
		return func(i int) {
			p := again[i]
			md := p.md
			s.convert(conv, p, resolver)
			md.HTML, md.Blocks, p.md, p.noHTML = p.md.HTML, p.md.Blocks, md, false
		}
	}, nil)
}
