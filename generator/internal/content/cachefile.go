package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"io/fs"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// A Cache can be kept between processes (the build command keeps it in its
// build state), so a build reads and parses only the files whose size or
// modification time changed since the last one: at 10,000 pages, reading,
// hashing and decoding the front matter of every file costs most of half a
// second. A page from such a cache has no Body: ReadBody reads it when a
// caller needs it.

func init() {
	// The schemas a page's Meta can hold, for gob.
	gob.Register(&Common{})
	for _, f := range typedSections {
		gob.Register(f())
	}
}

// NewSavedCache returns an empty cache to be saved: its pages keep no
// body, so a one-shot build that loads through it lets go of each file's
// bytes once the page is converted, as it would without a cache.
func NewSavedCache() *Cache {
	c := NewCache()
	c.bodiless = true
	return c
}

type savedEntry struct {
	Source string
	Size   int64
	Mod    int64 // nanoseconds
	Page   Page
	OK     bool
	Diags  diag.List
}

// racyWindow is how long before a cache is saved a file must have last
// changed for its entry to be kept: a file written twice within one tick
// of the file system's clock, to the same size, keeps its time, so an
// entry for a file that changed just before it was read could hide the
// second change. Such files are read again by the next load.
const racyWindow = 2 * time.Second

// Save encodes the entries of the last load, without the pages' bodies,
// leaving out those of files changed within racyWindow of now.
func (c *Cache) Save(now time.Time) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b bytes.Buffer
	enc := gob.NewEncoder(&b)
	n := 0
	for _, e := range c.entries {
		if now.Sub(e.mod) >= racyWindow {
			n++
		}
	}
	if err := enc.Encode(c.limit); err != nil {
		return nil, err
	}
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	for src, e := range c.entries {
		if now.Sub(e.mod) < racyWindow {
			continue
		}
		p := e.page
		p.Body = nil
		if err := enc.Encode(&savedEntry{Source: src, Size: e.size, Mod: e.mod.UnixNano(), Page: p, OK: e.ok, Diags: e.diags}); err != nil {
			return nil, fmt.Errorf("saving the content cache: %w", err)
		}
	}
	return b.Bytes(), nil
}

// LoadCache decodes what Save wrote.
func LoadCache(data []byte) (*Cache, error) {
	dec := gob.NewDecoder(bytes.NewReader(data))
	c := NewSavedCache()
	var n int
	if err := dec.Decode(&c.limit); err != nil {
		return nil, err
	}
	if err := dec.Decode(&n); err != nil {
		return nil, err
	}
	for range n {
		var e savedEntry
		if err := dec.Decode(&e); err != nil {
			return nil, fmt.Errorf("reading the content cache: %w", err)
		}
		if e.Page.Meta == nil || e.Page.Front == nil {
			return nil, fmt.Errorf("reading the content cache: %s has no front matter", e.Source)
		}
		c.entries[e.Source] = &cached{size: e.Size, mod: time.Unix(0, e.Mod), page: e.Page, ok: e.OK, diags: e.Diags}
	}
	return c, nil
}

// ReadBody reads the body of a page that came from a saved cache (see
// Save), which keeps pages without it. The file must still hold what the
// page was parsed from.
func ReadBody(fsys fs.FS, p *Page) error {
	src, err := fs.ReadFile(fsys, p.Source)
	if err != nil {
		return err
	}
	if sha256.Sum256(src) != p.Hash {
		return fmt.Errorf("%s changed during the build: build again", p.Source)
	}
	if src, err = checkText(p.Source, src); err != nil {
		return err
	}
	_, _, body, _, err := splitPage(p, src)
	if err != nil {
		return err
	}
	p.Body = body
	return nil
}
