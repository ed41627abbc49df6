package site

import (
	"github.com/tradeoffs/tradeoffs/generator/internal/buildcache"
)

// LoadCache imports the disk cache in dir into the Builder's caches, once
// (Build does it for Options.CacheDir). A cache that cannot be read is
// ignored: it only saves time.
func (b *Builder) LoadCache(dir string) {
	if dir == "" || b.cacheDir == dir {
		return
	}
	b.cacheDir = dir
	d, err := buildcache.Load(dir)
	if err != nil {
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
