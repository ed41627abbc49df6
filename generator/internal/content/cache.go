package content

import (
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// Cache remembers parsed pages between loads, so a file that did not change
// is neither read nor parsed again. A page is reused when the caller says
// only other files changed (Options.Changed), or else when its size and
// modification time are the ones it was parsed with.
type Cache struct {
	mu      sync.Mutex
	limit   int // Options.MaxPageBytes the entries were parsed with
	entries map[string]*cached
	seen    map[string]*cached // entries of the load in progress
	// walk is what the last walk of content/ found, and known the files
	// in it: a load whose changed files are all known, and still files,
	// finds the same tree, so it need not read every folder again.
	walk  *walker
	known map[string]bool
}

type cached struct {
	size  int64
	mod   time.Time
	page  Page // as parsed; the walk places it (see Page.place)
	ok    bool
	diags diag.List
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]*cached{}} }

// begin starts a load: entries not seen by the end are dropped.
func (c *Cache) begin(opts Options) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.limit != opts.MaxPageBytes {
		c.entries = map[string]*cached{}
		c.limit = opts.MaxPageBytes
	}
	c.seen = make(map[string]*cached, len(c.entries))
}

func (c *Cache) end() {
	c.mu.Lock()
	c.entries, c.seen = c.seen, nil
	c.mu.Unlock()
}

// reuse fills p from the cache when its file is unchanged.
func (c *Cache) reuse(fsys fs.FS, p *Page, opts Options) (ok bool, diags diag.List, hit bool) {
	c.mu.Lock()
	e := c.entries[p.Source]
	c.mu.Unlock()
	if e == nil {
		return false, nil, false
	}
	if opts.Changed == nil || opts.Changed[p.Source] {
		info, err := fs.Stat(fsys, p.Source)
		if err != nil || info.Size() != e.size || !info.ModTime().Equal(e.mod) {
			return false, nil, false
		}
	}
	placed := *p
	*p = e.page
	p.place(&placed)
	c.remember(p.Source, e)
	return e.ok, e.diags, true
}

// store records a freshly parsed page with the size and time the file had
// before it was read: if it changes while being read, the next load sees a
// different time and parses it again.
func (c *Cache) store(info fs.FileInfo, p *Page, ok bool, diags diag.List) {
	c.remember(p.Source, &cached{size: info.Size(), mod: info.ModTime(), page: *p, ok: ok, diags: diags})
}

func (c *Cache) remember(source string, e *cached) {
	c.mu.Lock()
	c.seen[source] = e
	c.mu.Unlock()
}

// lastWalk returns the last walk's result when nothing listed in changed
// can have changed the tree: every changed path under content/ is a file
// the walk found that is still a file (an edit, not a creation, deletion
// or rename). Pages are fresh copies: loading fills them in.
func (c *Cache) lastWalk(fsys fs.FS, changed map[string]bool) (*walker, bool) {
	if c == nil || changed == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.walk == nil {
		return nil, false
	}
	for p := range changed {
		if p != Dir && !strings.HasPrefix(p, Dir+"/") {
			continue
		}
		if !c.known[p] {
			return nil, false
		}
		if info, err := fs.Lstat(fsys, p); err != nil || !info.Mode().IsRegular() {
			return nil, false
		}
	}
	// Copies: the load appends to these, and fills in the pages.
	w := &walker{fsys: fsys, files: slices.Clone(c.walk.files), diags: slices.Clone(c.walk.diags),
		folders: slices.Clone(c.walk.folders), aliases: slices.Clone(c.walk.aliases)}
	w.pages = make([]*Page, len(c.walk.pages))
	for i, p := range c.walk.pages {
		w.pages[i] = &Page{}
		w.pages[i].place(p)
	}
	return w, true
}

// storeWalk remembers a walk's result, before its pages are filled in.
func (c *Cache) storeWalk(w *walker) {
	if c == nil {
		return
	}
	keep := &walker{files: slices.Clone(w.files), diags: slices.Clone(w.diags), pages: make([]*Page, len(w.pages)),
		folders: slices.Clone(w.folders), aliases: slices.Clone(w.aliases)}
	known := make(map[string]bool, len(w.pages)+len(w.files)+len(w.aliases))
	for i, p := range w.pages {
		keep.pages[i] = &Page{}
		keep.pages[i].place(p)
		known[p.Source] = true
		for _, r := range p.Resources {
			known[r.Source] = true
		}
	}
	for _, f := range w.files {
		known[f.Source] = true
	}
	for _, a := range w.aliases {
		known[a.Source] = true
	}
	c.mu.Lock()
	c.walk, c.known = keep, known
	c.mu.Unlock()
}
