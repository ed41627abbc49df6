package site

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"sync"

	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
	"github.com/tradeoffs/tradeoffs/generator/internal/output"
	"github.com/tradeoffs/tradeoffs/generator/internal/reuse"
)

// The Builder remembers what it made, keyed on what it was made from, so a
// rebuild redoes only the work whose inputs changed. The result is always
// what a build from scratch gives: every key covers all inputs of what it
// keys (tests compare incremental builds with fresh ones after random edits).

// mdEntry is a page's converted markdown and what it depended on.
type mdEntry struct {
	// key covers the file's bytes and the markdown settings; src is the
	// file's hash alone: while the settings are the same (pathsKey), an
	// unchanged file keeps its key without hashing it again.
	key, src [32]byte
	res      *markdown.Result
	// calcs is the key of the definitions pages embed (calculators and
	// shared figures) when the page uses one: its HTML and diagnostics are
	// then stale when a definition changes.
	calcs [32]byte
	// rewrites are the page's relative links and what they resolved to:
	// the target may have been added, moved or deleted since.
	rewrites []rewrite
	// extras are the files embedders wrote for the page (diagrams).
	extras []extraFile
	// contentKey identifies the HTML: the key, and what the links and
	// calculators of the page resolved to.
	contentKey [32]byte
	// linksKey hashes the page's internal links (see taxonomyKey), and
	// textKey what search takes from the content (see docKey).
	linksKey, textKey uint64
}

// finish computes the entry's content key.
func (e *mdEntry) finish() *mdEntry {
	h := sha256.New()
	h.Write(e.key[:])
	if len(e.res.Code) > 0 {
		h.Write([]byte("plain code")) // the key does not say (see mdKey)
	}
	if usesDefinitions(e.res.Features) {
		h.Write(e.calcs[:])
	}
	for _, rw := range e.rewrites {
		fmt.Fprintf(h, "%s\x00%s\x00", rw.dest, rw.href)
	}
	h.Sum(e.contentKey[:0])
	e.linksKey, e.textKey = linksKey(e.res), textKey(e.res)
	return e
}

// pageEntry is a rendered output page and the hash of what made it.
type pageEntry struct {
	sig  uint64
	data []byte
}

type rewrite struct{ dest, href string }

type extraFile struct {
	path string
	data []byte
}

// mdKey is the key of a page's conversion: its file's path (which names
// its section and kind) and content, and the settings that change the
// HTML (see reuse.Derive).
func (s *build) mdKey(p *page) [32]byte {
	return reuse.Derive("markdown", []byte(p.Source), p.Hash[:], s.mdSettingsBytes())
}

// mdSettingsBytes are the markdown settings, as the cache keys see them.
func (s *build) mdSettingsBytes() []byte {
	if s.mdSettings == nil {
		// Not PlainCode: see cachedMarkdown.
		s.mdSettings = fmt.Appendf(nil, "%v\x00%d\x00%d\x00%s", s.cfg.UnsafeHTML, s.cfg.TOC.Min, s.cfg.TOC.Max, s.plainSections())
	}
	return s.mdSettings
}

// cachedMarkdown returns the page's conversion the Builder remembers, or
// else the one kept in the cache folder, if it is still valid.
func (s *build) cachedMarkdown(p *page, key [32]byte, r *resolver) *mdEntry {
	if e := s.b.md[p.Source]; e != nil && e.key == key {
		return s.stillValid(p, e, s.samePaths, r)
	}
	if e := s.storedMarkdown(p, key); e != nil {
		if e = s.stillValid(p, e, false, r); e != nil {
			s.reused++
		}
		return e
	}
	return nil
}

// stillValid returns e, a conversion of p's file with the build's settings,
// if what it depended on beyond them is unchanged: the definitions it
// embeds, and the targets of its relative links, unless samePaths says
// every page keeps its path.
func (s *build) stillValid(p *page, e *mdEntry, samePaths bool, r *resolver) *mdEntry {
	// A conversion that left code plain will not do for a highlighted
	// build; a highlighted one does for a plain build (it is better).
	if len(e.res.Code) > 0 && !s.opts.PlainCode {
		return nil
	}
	if usesDefinitions(e.res.Features) && e.calcs != s.definitionsKey() {
		return nil
	}
	if samePaths {
		return e
	}
	for _, rw := range e.rewrites {
		if r.Rewrite(p.Source, rw.dest) != rw.href {
			return nil
		}
	}
	return e
}

// pathsKey hashes what links resolve against: every page's file, bundle
// and URL, where the other files of content/ are published, its folders
// and symbolic links, and the markdown settings.
func (s *build) pathsKey() uint64 {
	x := newSum("paths", 0)
	x.bytes(s.mdSettingsBytes())
	for _, p := range s.pages {
		x.str(p.Source)
		x.str(p.Bundle)
		x.str(p.URL)
		for _, r := range p.Resources {
			x.str(r.Source)
			x.str(r.OutFile)
		}
	}
	if c := s.content; c != nil {
		for _, f := range c.Files {
			x.str(f.Source)
			x.str(f.Out)
		}
		for _, f := range c.Folders {
			x.str(f.Source)
			x.str(f.URL)
		}
		for _, a := range c.Aliases {
			x.str(a.Source)
			x.str(a.Target)
		}
	}
	return x.value()
}

// rewritesOf lists the relative links of a conversion, whose targets can
// change without the page changing.
func rewritesOf(res *markdown.Result) []rewrite {
	var out []rewrite
	for _, l := range res.Links {
		if !l.External && l.Dest != "" && l.Dest[0] != '#' && !strings.HasPrefix(l.Dest, "//") {
			out = append(out, rewrite{l.Dest, l.Href})
		}
	}
	return out
}

// recorder passes the files embedders write on to the build's output and
// remembers which page each came from, so a page whose conversion is reused
// brings its files along.
type recorder struct {
	files *output.Files
	mu    sync.Mutex
	by    map[string][]extraFile
}

func newRecorder(files *output.Files) *recorder {
	return &recorder{files: files, by: map[string][]extraFile{}}
}

// Put implements the embedders' output.
func (r *recorder) Put(path string, data []byte, source string) {
	r.files.Put(path, data, source)
	r.mu.Lock()
	r.by[source] = append(r.by[source], extraFile{path, data})
	r.mu.Unlock()
}

func (r *recorder) of(source string) []extraFile {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.by[source]
}
