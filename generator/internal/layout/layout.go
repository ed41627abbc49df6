// Package layout owns the html/template set that frames pages: the default
// layouts embedded in the binary, overridden file by file by the site's own
// layouts/ folder, and the mapping of template errors to the file and line
// they come from.
//
// # Files
//
//	baseof.html           the page frame; declares {{block "main" .}} and others
//	partials/*.html       pieces included with {{template "partials/x.html" .}}
//	<kind>.html           one per kind of page: home, page, section, tag, tags, 404, search
//	<section>/<kind>.html a section's own layout, e.g. case-studies/page.html
//
// A kind layout is parsed together with baseof.html and all partials, and
// executed as "baseof.html"; it fills the blocks it needs with {{define}}.
//
// Besides the functions the caller gives, layouts have partialCached:
// {{partialCached "partials/card.html" .}} renders a partial once for each
// value it is given (a *PageLink) and reuses the HTML.
//
// layout does not know the data it renders: the site passes a view model
// (see package site, view.go). layout imports diag and the standard library.
package layout

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// Dir is the site's layouts folder.
const Dir = "layouts"

// Base is the frame every kind layout is executed through.
const Base = "baseof.html"

// Set is a loaded set of layouts.
type Set struct {
	// sources maps a template name ("page.html") to the file it came from.
	sources map[string]string
	layouts map[string]*template.Template
	// hash identifies the set's contents, for caches keyed on layouts.
	hash string
	// byUse is each layout's name by its (section, kind), "" for the
	// section of a layout that applies everywhere: Lookup runs for every
	// page of every build.
	byUse map[[2]string]string
	// common holds the frame and the partials, for partialCached.
	common *template.Template
	cache  sync.Map // partialCached's results, by template and data
}

type cacheKey struct {
	name string
	data any
}

// Source names where a file comes from: the embedded defaults (with their
// path in the generator's repository) or the site.
type Source struct {
	FS fs.FS
	// Dir is the folder inside FS holding the layouts.
	Dir string
	// Label is the path shown in messages for files of this source.
	Label string
}

// Load reads the defaults, then the site's layouts over them, and parses
// every kind layout with the frame and the partials.
func Load(defaults, site Source, funcs template.FuncMap) (*Set, diag.List) {
	files := map[string][]byte{}
	s := &Set{sources: map[string]string{}, layouts: map[string]*template.Template{}, byUse: map[[2]string]string{}}
	var diags diag.List
	for _, src := range []Source{defaults, site} {
		if src.FS == nil {
			continue
		}
		// Each file that cannot be read is reported with its path, and
		// the others are still read: a link out of the site root (see
		// package rootfs) is one such file.
		fs.WalkDir(src.FS, src.Dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == src.Dir && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir // a site without layouts/ uses the defaults
				}
				diags.Errorf(diag.Pos{File: path.Join(src.Label, strings.TrimPrefix(p, src.Dir))}, "cannot read layouts: %v", err)
				return nil
			}
			name := strings.TrimPrefix(p, src.Dir+"/")
			if !strings.HasSuffix(p, ".html") && d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			b, err := readLayout(src.FS, p, d)
			switch {
			case err != nil:
				diags.Errorf(diag.Pos{File: path.Join(src.Label, name)}, "cannot read the layout: %v", err)
			case b != nil && strings.HasSuffix(p, ".html"):
				files[name] = b
				s.sources[name] = path.Join(src.Label, name)
			}
			return nil
		})
	}
	s.hash = hashFiles(files)
	if _, ok := files[Base]; !ok {
		diags.Errorf(diag.Pos{File: path.Join(site.Label, Base)}, "missing %s: the frame of every page", Base)
		return s, diags
	}
	funcs = maps.Clone(funcs)
	if funcs == nil {
		funcs = template.FuncMap{}
	}
	funcs["partialCached"] = s.partialCached
	common, d := s.parseCommon(files, funcs)
	s.common = common
	diags.Append(d)
	if common == nil {
		return s, diags
	}
	for name, text := range files {
		if name == Base || strings.HasPrefix(name, "partials/") {
			continue
		}
		t, err := common.Clone()
		if err == nil {
			_, err = t.New(name).Parse(string(text))
		}
		if err != nil {
			diags.Add(s.Diag(err))
			continue
		}
		s.layouts[name] = t
		kind, ok := strings.CutSuffix(name, ".html")
		if !ok {
			continue
		}
		section, kind, sectioned := strings.Cut(kind, "/")
		if !sectioned {
			section, kind = "", section
		}
		s.byUse[[2]string{section, kind}] = name
	}
	return s, diags
}

// parseCommon parses the frame and the partials into one template.
func (s *Set) parseCommon(files map[string][]byte, funcs template.FuncMap) (*template.Template, diag.List) {
	var diags diag.List
	root := template.New(Base).Funcs(funcs)
	if _, err := root.Parse(string(files[Base])); err != nil {
		return nil, diag.List{s.Diag(err)}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		if strings.HasPrefix(name, "partials/") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		if _, err := root.New(name).Parse(string(files[name])); err != nil {
			diags.Add(s.Diag(err))
		}
	}
	return root, diags
}

// partialCached renders a partial once per data value and then reuses the
// result: a page appears in many lists (its section, each of its tags, the
// home page), and a site of thousands of pages renders each card once, not
// five times. data must be a pointer or another comparable value that
// identifies what the partial shows; the cache lives as long as the Set.
func (s *Set) partialCached(name string, data any) (template.HTML, error) {
	key := cacheKey{name, data}
	if v, ok := s.cache.Load(key); ok {
		return v.(template.HTML), nil
	}
	var b bytes.Buffer
	if err := s.common.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	s.cache.Store(key, h)
	return h, nil
}

// Lookup returns the layout for a kind of page in section: the section's
// own "<section>/<kind>.html" if there is one, else "<kind>.html".
func (s *Set) Lookup(section, kind string) (string, bool) {
	if section != "" {
		if name, ok := s.byUse[[2]string{section, kind}]; ok {
			return name, true
		}
	}
	if name, ok := s.byUse[[2]string{"", kind}]; ok {
		return name, true
	}
	return kind + ".html", false
}

// Source returns the file a layout or partial came from.
func (s *Set) Source(name string) string { return s.sources[name] }

// Hash identifies the contents of all layouts.
func (s *Set) Hash() string { return s.hash }

// Execute renders layout name with data into w, through the frame.
func (s *Set) Execute(w io.Writer, name string, data any) error {
	t := s.layouts[name]
	if t == nil {
		return diag.Errorf(diag.Pos{File: path.Join(Dir, name)}, "missing layout %s: add it under layouts/", name)
	}
	if err := t.ExecuteTemplate(w, Base, data); err != nil {
		return s.Diag(err)
	}
	return nil
}

// Render is Execute into a new buffer of sizeHint bytes, so a page is
// written without the buffer growing and copying as it goes.
// The result is copied to a slice of its own length: pages are kept in
// memory, and the unused capacity of thousands of buffers adds up.
func (s *Set) Render(name string, data any, sizeHint int) ([]byte, error) {
	b := bytes.NewBuffer(make([]byte, 0, sizeHint))
	err := s.Execute(b, name, data)
	return bytes.Clone(b.Bytes()), err
}

// errPos finds "NAME:LINE" or "NAME:LINE:COL" after "template: " in the
// errors of text/template and html/template, whose text is stable.
var errPos = regexp.MustCompile(`^(?:html/)?template: ?([^:\s]+):(\d+)(?::(\d+))?: ?(.*)$`)

// Diag turns a template error into a diagnostic at the file and line it
// names. Template errors carry positions only in their text, so this is the
// one place that reads them from it.
func (s *Set) Diag(err error) diag.Diagnostic {
	msg := err.Error()
	m := errPos.FindStringSubmatch(msg)
	if m == nil {
		return diag.Errorf(diag.Pos{File: Dir}, "template error: %s", msg)
	}
	file := s.sources[m[1]]
	if file == "" {
		file = path.Join(Dir, m[1])
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	text := strings.TrimPrefix(m[4], "executing ")
	return diag.Errorf(diag.Pos{File: file, Line: line, Col: col}, "template: %s", text)
}

// readLayout reads the file p of a walk, following a symbolic link (which
// the file system refuses if it leaves the site root). It returns nil for a
// folder.
func readLayout(fsys fs.FS, p string, d fs.DirEntry) ([]byte, error) {
	if d.IsDir() {
		return nil, nil
	}
	if d.Type()&fs.ModeSymlink != 0 {
		info, err := fs.Stat(fsys, p)
		if err != nil {
			return nil, err
		}
		if info.IsDir() {
			return nil, fmt.Errorf("%s is a symbolic link to a folder: layouts are read from files and real folders only; replace the link with the folder", p)
		}
	}
	return fs.ReadFile(fsys, p)
}

func hashFiles(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
