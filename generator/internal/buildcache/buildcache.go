// Package buildcache keeps what is expensive to make on disk between
// builds: highlighted code (chroma's lexing is most of what a cold build
// costs), rendered diagrams and social cards. A second build of a site, on
// a laptop or on a CI host that keeps the folder (Netlify's build cache),
// lexes only the code that changed and draws only the cards that did.
//
// Code and diagrams are one sealed file (see package cachefile), cards a
// folder of sealed files (see Cards): a file whose bytes are not as
// written is ignored. It is tagged with the versions of the
// generator's cache format and of the libraries whose output it holds: a
// cache from another version is ignored, never trusted. Diagram SVGs are
// checked again when imported (package diagram).
//
// buildcache imports cachefile, highlight, diagram and the standard library.
package buildcache

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/cachefile"
	"github.com/tradeoffs/tradeoffs/generator/internal/diagram"
	"github.com/tradeoffs/tradeoffs/generator/internal/highlight"
)

// file is the cache's name inside its folder.
const file = "build-cache.gob"

// format changes when the layout of Data changes, or when caches written
// by older generators may hold entries a build from scratch would not make
// (4: before, a code block lexed on a loaded machine could be cached
// highlighted wrongly; see package highlight).
const format = "tradeoffs-build-cache-4"

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
// version, is empty; a damaged one (see cachefile) is empty with an error
// the caller may report and otherwise ignore.
func Load(dir string) (*Data, error) {
	empty := &Data{Version: Version()}
	d := empty
	err := cachefile.Decode(dir, file, func(data []byte) error {
		dec := gob.NewDecoder(bytes.NewReader(data))
		var version string
		if err := dec.Decode(&version); err != nil || version != empty.Version {
			return nil // another format or version: not trusted
		}
		got := &Data{Version: version, Highlight: map[highlight.Key][]byte{}, Diagrams: map[diagram.Key]*diagram.Entry{}}
		err := decodeEach(dec, func(e hlEntry) { got.Highlight[e.Key] = e.HTML })
		if err == nil {
			err = decodeEach(dec, func(e diagramEntry) { got.Diagrams[e.Key] = e.Entry })
		}
		if err != nil {
			return fmt.Errorf("the build cache %s does not decode: %w; it was not used", filepath.Join(dir, file), err)
		}
		d = got
		return nil
	})
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return empty, nil
	case errors.Is(err, cachefile.ErrDamaged):
		return empty, fmt.Errorf("the build cache %w; it was not used", err)
	case err != nil:
		return empty, err
	}
	return d, nil
}

// The cache is written entry by entry, each a gob message of its own: one
// message for the whole map would be built in memory first, tens of
// megabytes on a large site, at the moment a build holds the most.
type hlEntry struct {
	Key  highlight.Key
	HTML []byte
}

type diagramEntry struct {
	Key   diagram.Key
	Entry *diagram.Entry
}

// Save writes d to dir, replacing the previous cache in one step.
func Save(dir string, d *Data) error {
	d.Version = Version()
	return cachefile.Write(dir, file, func(w io.Writer) error { return encode(gob.NewEncoder(w), d) })
}

// encode writes the version, then each kind of entry as a count followed
// by the entries.
func encode(enc *gob.Encoder, d *Data) error {
	if err := enc.Encode(d.Version); err != nil {
		return err
	}
	if err := encodeEach(enc, d.Highlight, func(k highlight.Key, v []byte) hlEntry { return hlEntry{k, v} }); err != nil {
		return err
	}
	return encodeEach(enc, d.Diagrams, func(k diagram.Key, v *diagram.Entry) diagramEntry { return diagramEntry{k, v} })
}

// encodeEach writes the number of entries of m, then each as a message.
func encodeEach[K comparable, V, E any](enc *gob.Encoder, m map[K]V, entry func(K, V) E) error {
	if err := enc.Encode(len(m)); err != nil {
		return err
	}
	for k, v := range m {
		if err := enc.Encode(entry(k, v)); err != nil {
			return err
		}
	}
	return nil
}

// decodeEach reads what encodeEach wrote, giving each entry to add.
func decodeEach[E any](dec *gob.Decoder, add func(E)) error {
	var n int
	if err := dec.Decode(&n); err != nil {
		return err
	}
	for range n {
		var e E
		if err := dec.Decode(&e); err != nil {
			return err
		}
		add(e)
	}
	return nil
}
