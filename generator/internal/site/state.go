package site

import (
	"bufio"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/cespare/xxhash/v2"

	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
	"github.com/tradeoffs/tradeoffs/generator/internal/output"
)

// The warm state is what a build leaves in the cache folder so that the
// next build into the same output folder redoes only what changed: each
// page's converted markdown without its HTML (the titles, summaries, links,
// anchors and text that lists, link checks and search take from it), and
// the signature of every output page together with the size and time of
// the file the build published. The next build signs its pages as the
// preview server's rebuilds do; a page whose signature and published file
// are unchanged is linked from the last output instead of being rendered,
// and a page that must be rendered again although its markdown did not
// change has that converted again for its HTML (which the state does not
// keep: the published page holds it, and keeping a copy would cost a cold
// build a hundred megabytes more to write on a large site).
//
// The state is one file. It names the generator binary it was made by (a
// hash of the executable) and the output folder it describes; anything
// else is ignored. It is removed before a build is published and written
// after, so it never describes an output other than the one in place.

// stateFile is the state's name inside the cache folder.
const stateFile = "state.gob"

// stateFormat changes when the layout of the state changes.
const stateFormat = "tradeoffs-state-1"

type stateHeader struct {
	Format    string
	Generator uint64 // see generatorID
	Out       string // the output folder, absolute
	PathsKey  uint64 // see build.pathsKey
	MD        int    // number of stateMD records that follow
	Pages     int    // number of statePage records after them
	Search    int    // number of stateSearch records after them
}

type stateMD struct {
	Source                      string
	Key, Src, Calcs, ContentKey [32]byte
	LinksKey, TextKey           uint64
	Rewrites                    [][2]string
	Extras                      []stateExtra
	Res                         *markdown.Result // without HTML
}

// stateSearch is a page's search analysis (see search.Index.Saved), with
// the doc key it was made for.
type stateSearch struct {
	Source string
	DocKey uint64
	Rec    []byte
}

type stateExtra struct {
	Path string
	Data []byte
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
	out      string
	pathsKey uint64
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

// loadState reads the state in dir if it describes out. A missing,
// foreign or unreadable state is nil: it only saves time.
func loadState(dir, out string) *warmState {
	gen := generatorID()
	if dir == "" || out == "" || gen == 0 {
		return nil
	}
	f, err := os.Open(filepath.Join(dir, stateFile))
	if err != nil {
		return nil
	}
	defer f.Close()
	dec := gob.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	var h stateHeader
	if err := dec.Decode(&h); err != nil || h.Format != stateFormat || h.Generator != gen || h.Out != out {
		return nil
	}
	ws := &warmState{md: make(map[string]*mdEntry, h.MD), pages: make(map[string]statePage, h.Pages), out: out, pathsKey: h.PathsKey}
	for range h.MD {
		var r stateMD
		if err := dec.Decode(&r); err != nil || r.Res == nil {
			return nil
		}
		e := &mdEntry{key: r.Key, src: r.Src, calcs: r.Calcs, contentKey: r.ContentKey, linksKey: r.LinksKey, textKey: r.TextKey,
			res: r.Res, noHTML: true}
		for _, rw := range r.Rewrites {
			e.rewrites = append(e.rewrites, rewrite{rw[0], rw[1]})
		}
		for _, x := range r.Extras {
			e.extras = append(e.extras, extraFile{x.Path, x.Data})
		}
		ws.md[r.Source] = e
	}
	for range h.Pages {
		var p statePage
		if err := dec.Decode(&p); err != nil {
			return nil
		}
		ws.pages[p.Out] = p
	}
	ws.search = make(map[string]stateSearch, h.Search)
	for range h.Search {
		var r stateSearch
		if err := dec.Decode(&r); err != nil {
			return nil
		}
		ws.search[r.Source] = r
	}
	return ws
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

// nextState is what a build keeps to write its state after publishing.
type nextState struct {
	md       map[string]*mdEntry
	sigs     map[string]uint64 // output path → signature, of the pages rendered or kept
	pathsKey uint64
	search   map[string]stateSearch // by source
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
	// Stat the published files on every core: on a large site that is
	// thousands of system calls.
	var wg sync.WaitGroup
	n := runtime.GOMAXPROCS(0)
	for w := range n {
		wg.Go(func() {
			for i := w; i < len(pages); i += n {
				p := &pages[i]
				if fi, err := os.Lstat(filepath.Join(out, filepath.FromSlash(p.Out))); err == nil && fi.Mode().IsRegular() {
					p.Size, p.ModTime = fi.Size(), fi.ModTime().UnixNano()
				} else {
					p.Size = -1 // never matches
				}
			}
		})
	}
	wg.Wait()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, stateFile+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 1<<20)
	enc := gob.NewEncoder(w)
	err = enc.Encode(stateHeader{Format: stateFormat, Generator: gen, Out: out, PathsKey: s.next.pathsKey, MD: len(s.next.md), Pages: len(pages), Search: len(s.next.search)})
	for src, e := range s.next.md {
		if err != nil {
			break
		}
		res := *e.res
		res.HTML, res.Blocks = nil, nil // the HTML is published, the text is in the search records
		r := stateMD{Source: src, Key: e.key, Src: e.src, Calcs: e.calcs, ContentKey: e.contentKey,
			LinksKey: e.linksKey, TextKey: e.textKey, Res: &res}
		for _, rw := range e.rewrites {
			r.Rewrites = append(r.Rewrites, [2]string{rw.dest, rw.href})
		}
		for _, x := range e.extras {
			r.Extras = append(r.Extras, stateExtra{x.path, x.data})
		}
		err = enc.Encode(&r)
	}
	for _, p := range pages {
		if err != nil {
			break
		}
		err = enc.Encode(&p)
	}
	for src, r := range s.next.search {
		if err != nil {
			break
		}
		r.Source = src
		err = enc.Encode(&r)
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing the build state: %w", err)
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, stateFile))
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
