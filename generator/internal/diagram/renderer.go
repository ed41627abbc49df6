package diagram

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"runtime"
	"runtime/debug"
	"sync"

	"oss.terrastruct.com/d2/lib/textmeasure"
)

// version names this package's rendering: bump it when a change here (the
// themes, the padding, the checks) changes the SVG of an unchanged source,
// or refuses a source it drew before, so cached results from before are
// not reused.
const version = "diagram/2"

// d2Module is the D2 library's module path, whose version is part of the
// cache key.
const d2Module = "oss.terrastruct.com/d2"

// Key identifies a rendered diagram: a hash of its source and of everything
// else that decides its SVG.
type Key [32]byte

// Entry is a rendered diagram.
type Entry struct {
	// SVG is the picture, a standalone SVG document.
	SVG []byte
	// Width and Height are its size in CSS pixels at scale 1.
	Width, Height int
}

// Problem is something wrong with a diagram source, positioned in it.
type Problem struct {
	// Line and Col are 1-based, in the diagram source (Col counts runes);
	// 0 means unknown.
	Line, Col int
	Msg       string
}

// Renderer renders D2 sources to SVG and caches the results. It is safe for
// concurrent use.
type Renderer struct {
	salt string // the versions that, with the source, make the key

	mu    sync.RWMutex
	cache map[Key]*Entry

	// rulers are D2's text measurers not in use. A ruler is not safe for
	// concurrent use and costs fonts to parse, so each render borrows one.
	rulers chan *textmeasure.Ruler
}

// New returns a Renderer with an empty cache.
func New() *Renderer {
	return &Renderer{
		salt:   fmt.Sprintf("%s\x00%s@%s\x00%d/%d/%d\x00", version, d2Module, d2Version(), lightTheme, darkTheme, padding),
		cache:  map[Key]*Entry{},
		rulers: make(chan *textmeasure.Ruler, runtime.GOMAXPROCS(0)),
	}
}

// d2Version returns the version of the D2 module linked into the binary,
// or "unknown" when the binary carries no module information.
func d2Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == d2Module {
				if m.Replace != nil {
					return m.Replace.Path + "@" + m.Replace.Version
				}
				return m.Version
			}
		}
	}
	return "unknown"
}

// KeyOf returns the cache key of a diagram source.
func (r *Renderer) KeyOf(src []byte) Key {
	h := sha256.New()
	h.Write([]byte(r.salt))
	h.Write(src)
	var k Key
	h.Sum(k[:0])
	return k
}

// Render renders a D2 source. On problems the Entry is nil. Successful
// results are cached; failures are not (they are cheap: D2 fails before
// laying anything out).
func (r *Renderer) Render(src []byte) (*Entry, []Problem) {
	k := r.KeyOf(src)
	r.mu.RLock()
	e, ok := r.cache[k]
	r.mu.RUnlock()
	if ok {
		return e, nil
	}
	e, probs := r.render(src)
	if e != nil {
		r.mu.Lock()
		r.cache[k] = e
		r.mu.Unlock()
	}
	return e, probs
}

// Len returns the number of cached diagrams.
func (r *Renderer) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.cache)
}

// Export returns a copy of the cache, for a caller that keeps it between
// builds (an on-disk build cache); Import adds entries back. Entries are
// never modified once made, so they are shared, not copied.
func (r *Renderer) Export() map[Key]*Entry {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return maps.Clone(r.cache)
}

// Import adds cached entries, as returned by Export of a Renderer of the
// same version (keys of another version are never looked up). Each SVG is
// checked again as a fresh render's is, so a tampered cache on disk cannot
// publish what a diagram could not; entries that fail are left out.
func (r *Renderer) Import(m map[Key]*Entry) {
	ok := make(map[Key]*Entry, len(m))
	for k, e := range m {
		if e == nil {
			continue
		}
		if w, h, err := verify(e.SVG); err == nil {
			ok[k] = &Entry{SVG: e.SVG, Width: w, Height: h}
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	maps.Copy(r.cache, ok)
}

func (r *Renderer) ruler() (*textmeasure.Ruler, error) {
	select {
	case ru := <-r.rulers:
		return ru, nil
	default:
		return textmeasure.NewRuler()
	}
}

func (r *Renderer) putRuler(ru *textmeasure.Ruler) {
	select {
	case r.rulers <- ru:
	default:
	}
}
