// Package assets owns the browser assets of the default theme: the
// stylesheets joined into one file, the scripts, minified and named by a
// hash of their content ("css/main.3f2a1b9c.css") so hosts can cache them
// forever and a new build never serves stale code.
//
// Styles are every css/*.css of the theme, joined in name order, followed by
// the code-highlighting stylesheet. Each js/*.js is its own file, so a page
// loads only the widgets it uses. Other theme files (icons) are copied under
// their own names. The site's static/ folder is not touched here: it is
// copied as it is by the site.
//
// A script with a line starting "import" or "export" is an ES module
// (Module says so, and pages load it with <script type="module">). A
// module names the theme's scripts it needs by relative name, as in
// from "./name.js": each such name is rewritten to the fingerprinted one,
// so a module's own name changes when a script it needs does, and no
// script waits for another through a global variable.
//
// assets imports github.com/tdewolff/minify/v2 (the minifier) and the
// standard library.
package assets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
)

// Stylesheet is the logical name of the joined stylesheet.
const Stylesheet = "css/main.css"

// Bundle is the built assets: logical names mapped to fingerprinted URLs,
// and the files to write.
type Bundle struct {
	urls    map[string]string
	files   map[string][]byte
	modules map[string]bool // logical names of the ES modules
}

// Build reads the theme's static folder (dir inside fsys) and builds the
// bundle, appending extraCSS (the code-highlighting styles) to the
// stylesheet.
func Build(fsys fs.FS, dir string, extraCSS []byte) (*Bundle, error) {
	b := &Bundle{urls: map[string]string{}, files: map[string][]byte{}, modules: map[string]bool{}}
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	var styles bytes.Buffer
	var cssNames []string
	scripts := map[string][]byte{}
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := strings.TrimPrefix(p, dir+"/")
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		switch {
		case strings.HasPrefix(rel, "css/") && strings.HasSuffix(rel, ".css"):
			cssNames = append(cssNames, rel)
		case strings.HasPrefix(rel, "js/") && strings.HasSuffix(rel, ".js"):
			scripts[rel] = data
		default:
			b.urls[rel] = "/" + rel
			b.files[rel] = data
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading theme assets: %w", err)
	}
	s := &scriptSet{src: scripts, min: m, b: b, doing: map[string]bool{}}
	for _, name := range slices.Sorted(maps.Keys(scripts)) {
		if err := s.add(name); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", dir, name, err)
		}
	}
	slices.Sort(cssNames)
	for _, name := range cssNames {
		data, _ := fs.ReadFile(fsys, path.Join(dir, name))
		styles.Write(data)
		styles.WriteByte('\n')
	}
	styles.Write(extraCSS)
	out, err := m.Bytes("text/css", styles.Bytes())
	if err != nil {
		return nil, fmt.Errorf("minifying the stylesheet: %w", err)
	}
	b.add(Stylesheet, out)
	return b, nil
}

// add stores data under a name fingerprinted with its content hash.
func (b *Bundle) add(name string, data []byte) {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
	b.urls[name] = "/" + hashed
	b.files[hashed] = data
}

// URL returns the published URL of a logical asset name ("js/search.js").
func (b *Bundle) URL(name string) (string, bool) {
	u, ok := b.urls[name]
	return u, ok
}

// Files returns the files to publish, by output path.
func (b *Bundle) Files() map[string][]byte { return b.files }

// Key identifies the bundle: every published name, which carries its hash.
func (b *Bundle) Key() string {
	names := make([]string, 0, len(b.urls))
	for name, url := range b.urls {
		names = append(names, name+"="+url)
	}
	slices.Sort(names)
	return strings.Join(names, "\n")
}

// Module reports whether the script called name is an ES module.
func (b *Bundle) Module(name string) bool { return b.modules[name] }

// Has reports whether the theme has an asset called name.
func (b *Bundle) Has(name string) bool {
	_, ok := b.urls[name]
	return ok
}
