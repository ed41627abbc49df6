// Package buildcache keeps what is expensive to make on disk between
// builds: highlighted code (chroma's lexing is most of what a cold build
// costs) and rendered diagrams. A second build of a site, on a laptop or on
// a CI host that keeps the folder (Netlify's build cache), lexes only the
// code that changed.
//
// The cache is one file, written atomically, tagged with the versions of
// the generator's cache format and of the libraries whose output it holds:
// a cache from another version is ignored, never trusted. Diagram SVGs are
// checked again when imported (package diagram).
//
// buildcache imports highlight, diagram and the standard library.
package buildcache

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/diagram"
	"github.com/tradeoffs/tradeoffs/generator/internal/highlight"
)

// file is the cache's name inside its folder.
const file = "build-cache.gob"

// format changes when the layout of Data changes.
const format = "tradeoffs-build-cache-1"

// Data is what the cache holds.
type Data struct {
	Version   string
	Highlight map[highlight.Key][]byte
	Diagrams  map[diagram.Key]*diagram.Entry
}

// Version identifies the cache format and the libraries that made its
// contents.
func Version() string {
	v := format
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if strings.Contains(m.Path, "chroma") || strings.Contains(m.Path, "terrastruct.com/d2") {
				v += " " + m.Path + "@" + m.Version
			}
		}
	}
	return v
}

// Load reads the cache in dir. A missing cache, or one from another
// version, is empty; an unreadable one is an error the caller may report
// and otherwise ignore.
func Load(dir string) (*Data, error) {
	empty := &Data{Version: Version()}
	f, err := os.Open(filepath.Join(dir, file))
	if errors.Is(err, fs.ErrNotExist) {
		return empty, nil
	}
	if err != nil {
		return empty, err
	}
	defer f.Close()
	var d Data
	if err := gob.NewDecoder(bufio.NewReader(f)).Decode(&d); err != nil {
		return empty, fmt.Errorf("reading the build cache %s: %w (it will be rebuilt)", f.Name(), err)
	}
	if d.Version != empty.Version {
		return empty, nil
	}
	return &d, nil
}

// Save writes d to dir, replacing the previous cache in one step.
func Save(dir string, d *Data) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, file+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	d.Version = Version()
	if err := gob.NewEncoder(w).Encode(d); err != nil {
		tmp.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, file))
}
