package site

import (
	"github.com/tradeoffs/tradeoffs/generator/internal/buildcache"
	"github.com/tradeoffs/tradeoffs/generator/internal/highlight"
)

// LoadCache imports the disk cache in dir into the Builder's caches, once
// (Build does it for Options.CacheDir). A cache that cannot be read, or is
// damaged, is ignored: it only saves time.
func (b *Builder) LoadCache(dir string) {
	if dir == "" || b.cacheDir == dir {
		return
	}
	b.cacheDir = dir
	d, err := buildcache.Load(dir)
	if err != nil {
		b.cacheIgnored = append(b.cacheIgnored, err)
		return
	}
	b.hl.Import(d.Highlight)
	b.diagrams.Import(d.Diagrams)
}

// SaveCache writes the highlighted code and diagrams the Builder's builds
// used to its cache folder, if it has one.
func (b *Builder) SaveCache() error {
	if b.cacheDir == "" {
		return nil
	}
	return buildcache.Save(b.cacheDir, &buildcache.Data{Highlight: b.hl.Used(), Diagrams: b.diagrams.Export()})
}

// saveCacheEarly writes the cache of a one-shot build in the background as
// soon as its markdown is converted (no later step highlights code or draws
// diagrams), and lets go of the highlighted code: on a large site it is
// about a tenth of what the build holds while its pages render. The
// entries are keyed by their input, so they are worth keeping even when a
// later step fails the build. Without a cache folder the highlighted code
// is let go all the same, and the result is nil.
func (b *Builder) saveCacheEarly() chan error {
	if b.cacheDir == "" {
		b.hl = highlight.New()
		return nil
	}
	d := &buildcache.Data{Highlight: b.hl.Used(), Diagrams: b.diagrams.Export()}
	b.hl = highlight.New()
	done := make(chan error, 1)
	go func() { done <- buildcache.Save(b.cacheDir, d) }()
	return done
}
