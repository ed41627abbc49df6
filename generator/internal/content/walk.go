package content

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/rootfs"
)

// walker finds the pages, folders and files under content/ and decides
// where each is published. It reads the whole tree first, so that a
// folder's page can be told apart as a section (pages beside or below it)
// or a bundle (none), and then places everything.
type walker struct {
	fsys    fs.FS
	pages   []*Page // placed: Source, Section, Slug, URL, OutFile, Kind, Bundle, Resources
	files   []File
	folders []Folder
	aliases []Alias
	diags   diag.List
}

// node is a file or folder of content/ as read.
type node struct {
	path     string // from the site root: "content/docs/a.md"
	name     string
	dir      bool
	page     bool   // a markdown page
	target   string // a page's symbolic link to another page of content/: that page
	children []*node
	pages    int // pages at or below a folder, links to other pages left out
}

// walk reads content/ and places what it holds.
func (w *walker) walk() error {
	if _, err := fs.ReadDir(w.fsys, Dir); err != nil {
		return err
	}
	root := w.read(&node{path: Dir, dir: true})
	w.placeFolder(root, folder{})
	return nil
}

// read fills in a folder's children, and their children.
func (w *walker) read(n *node) *node {
	entries, err := fs.ReadDir(w.fsys, n.path)
	if err != nil {
		w.diags.Errorf(diag.Pos{File: n.path}, "cannot read: %v", unwrap(err))
	}
	for _, e := range entries {
		name := e.Name()
		if ignored(name) {
			continue
		}
		c := &node{path: n.path + "/" + name, name: name, dir: e.IsDir()}
		if e.Type()&fs.ModeSymlink != 0 && !w.linked(c) {
			continue
		}
		if c.dir {
			w.read(c)
			n.pages += c.pages
		} else if c.page = IsPage(name); c.page && c.target == "" {
			n.pages++
		}
		n.children = append(n.children, c)
	}
	return n
}

// linked looks at the symbolic link n and reports whether it is followed.
// A link to a file inside the site root is: a link to a page of content/
// makes no page of its own (n.target names the page; the link's URL leads
// there), a link to any other file is read as that file. A link that leaves
// the root cannot be read (package rootfs names the link and its target),
// and a link to a folder is not followed: it could loop.
func (w *walker) linked(n *node) bool {
	info, err := fs.Stat(w.fsys, n.path)
	switch {
	case err != nil:
		var esc *rootfs.EscapeError
		if errors.As(err, &esc) {
			w.diags.Errorf(diag.Pos{File: n.path}, "%v", err)
		} else {
			w.diags.Errorf(diag.Pos{File: n.path}, "cannot read the symbolic link's target: %v", unwrap(err))
		}
		return false
	case info.IsDir():
		target, _ := fs.ReadLink(w.fsys, n.path)
		w.diags.Errorf(diag.Pos{File: n.path}, "symbolic links to folders are not followed: replace the link with the folder itself (it points to %s)", target)
		return false
	}
	n.dir = false
	if IsPage(n.name) {
		n.target = w.linkedPage(n.path)
	}
	return true
}

// linkedPage follows the symbolic link p, and links it leads to, to the
// file at the end: that file's path when it is a page of content/ (a file
// the walk reads as a page itself), else "".
func (w *walker) linkedPage(p string) string {
	for range 40 {
		target, err := fs.ReadLink(w.fsys, p)
		if err != nil {
			return ""
		}
		if path.IsAbs(target) {
			return ""
		}
		p = path.Join(path.Dir(p), target)
		info, err := fs.Lstat(w.fsys, p)
		if err != nil {
			return ""
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			break
		}
	}
	rel, ok := strings.CutPrefix(p, Dir+"/")
	if !ok || !IsPage(path.Base(p)) {
		return ""
	}
	for _, elem := range strings.Split(rel, "/") {
		if ignored(elem) {
			return ""
		}
	}
	return p
}

func unwrap(err error) error {
	if inner := errors.Unwrap(err); inner != nil {
		return inner
	}
	return err
}

// folder is where a folder of content/ is published.
type folder struct {
	url     string // its URL path, without slashes at the ends: "docs/getting-started"; "" for content/
	section string // the first element of url
	strict  bool   // in a section with a typed schema (see Strict)
}

// child returns the place of the subfolder name, reporting a name a strict
// section refuses (and placing it all the same, so that what is inside is
// checked in the same run).
func (w *walker) child(f folder, n *node) folder {
	elem := pathElem(n.name)
	c := folder{url: path.Join(f.url, elem), section: f.section, strict: f.strict}
	if f.url == "" {
		c.section, c.strict = elem, Strict(elem)
	}
	if c.strict && !ValidSlug(n.name) {
		w.diags.Errorf(diag.Pos{File: n.path}, "folder name %q cannot be part of a URL: rename it to %q (lower-case letters, digits and hyphens)", n.name, Slugify(n.name))
	}
	return c
}

// placeFolder places a folder's page, pages, files and subfolders.
func (w *walker) placeFolder(n *node, f folder) {
	own := folderPage(n, f)
	if own != nil && f.url != "" && own.name != "_index.md" && (f.strict || n.pages == 1) {
		w.placeBundle(n, own, f)
		return
	}
	fd := Folder{Source: n.path, URL: "/" + f.url + "/", Name: n.name, Pages: n.pages}
	if f.url == "" {
		fd.URL, fd.Name = "/", ""
	}
	if own != nil {
		kind := KindSection
		if f.url == "" {
			kind = KindHome
		}
		fd.Page = own.path
		w.addPage(own, f, fd.URL, path.Join(f.url, "index.html"), kind, "")
	}
	w.folders = append(w.folders, fd)
	for _, c := range n.children {
		switch {
		case c == own:
		case c.dir:
			w.placeFolder(c, w.child(f, c))
		case c.page:
			w.placePage(c, f)
		default:
			w.files = append(w.files, File{Source: c.path, Rel: strings.TrimPrefix(c.path, Dir+"/"), Out: fileOut(c, f), Asset: isAsset(c.name)})
		}
	}
}

// folderPage returns the child that is the folder's own page, or nil:
// _index.md; in a strict section index.md (a bundle); elsewhere index.md,
// else README.md in any letter case, as GitHub shows it for the folder.
func folderPage(n *node, f folder) *node {
	rank := func(c *node) int {
		if c.dir || !c.page || c.target != "" {
			return 0
		}
		switch lower := strings.ToLower(c.name); {
		case c.name == "_index.md":
			return 4
		case c.name == "index.md" && (!f.strict || f.url != ""):
			return 3
		case f.strict:
		case lower == "index.md", lower == "index.markdown":
			return 2
		case lower == "readme.md", lower == "readme.markdown":
			return 1
		}
		return 0
	}
	var best *node
	for _, c := range n.children {
		if r := rank(c); r > 0 && (best == nil || r > rank(best)) {
			best = c
		}
	}
	return best
}

// placePage places a page file of the folder f.
func (w *walker) placePage(n *node, f folder) {
	stem := pageSlug(n.name)
	switch {
	case f.strict && strings.EqualFold(stem, "readme"):
		// A README is its folder's page on GitHub: here index.md is.
		w.diags.Errorf(diag.Pos{File: n.path}, "%s is not its folder's page in content/%s/, a section that keeps every rule: rename it index.md (a page of its own) or _index.md (a section with pages beside it)", n.name, f.section)
	case f.strict && !ValidSlug(stem):
		w.diags.Errorf(diag.Pos{File: n.path}, "file name %q cannot be used as a URL: rename it to %q (lower-case letters, digits and hyphens)", stem, Slugify(stem)+".md")
	}
	elem := pathElem(stem)
	p := path.Join(f.url, elem)
	if n.target != "" {
		w.aliases = append(w.aliases, Alias{Source: n.path, URL: "/" + p + "/", OutFile: p + "/index.html", Target: n.target})
		return
	}
	w.addPage(n, f, "/"+p+"/", p+"/index.html", KindPage, "")
}

// addPage adds the page n, published at url: its slug is url's last element.
func (w *walker) addPage(n *node, f folder, url, out string, kind Kind, bundle string) *Page {
	p := &Page{Source: n.path, Section: f.section, Slug: path.Base(url), URL: url, OutFile: out, Kind: kind, Bundle: bundle}
	if url == "/" {
		p.Slug = ""
	}
	w.pages = append(w.pages, p)
	return p
}

// placeBundle places a page bundle: the folder's page, published at the
// folder's URL, with every other file below as its resources.
func (w *walker) placeBundle(n *node, own *node, f folder) {
	page := w.addPage(own, f, "/"+f.url+"/", f.url+"/index.html", KindPage, n.path)
	w.folders = append(w.folders, Folder{Source: n.path, URL: page.URL, Name: n.name, Page: own.path, Pages: n.pages})
	var add func(n *node, f folder)
	add = func(n *node, f folder) {
		for _, c := range n.children {
			switch {
			case c == own:
			case c.dir:
				add(c, w.child(f, c))
			case c.page && c.target != "":
				w.placePage(c, f)
			case c.page:
				w.diags.Errorf(diag.Pos{File: c.path}, "a page bundle cannot hold other pages: %s is inside the bundle %s/; move it out, or make it part of index.md", c.path, page.Bundle)
			default:
				page.Resources = append(page.Resources, Resource{Source: c.path, OutFile: fileOut(c, f)})
			}
		}
	}
	add(n, f)
}

// fileOut is where a file that is not a page is published: beside the
// pages of its folder, its name made a URL like theirs ("Screen Shot.PNG"
// → "screen-shot.png"); in a strict section, under its own name.
func fileOut(n *node, f folder) string {
	if f.strict {
		return strings.TrimPrefix(n.path, Dir+"/")
	}
	ext := path.Ext(n.name)
	return path.Join(f.url, pathElem(strings.TrimSuffix(n.name, ext))+strings.ToLower(ext))
}

// sortWalk puts what the walk found in a fixed order.
func (w *walker) sortWalk() {
	slices.SortFunc(w.folders, func(a, b Folder) int { return strings.Compare(a.Source, b.Source) })
	slices.SortFunc(w.aliases, func(a, b Alias) int { return strings.Compare(a.Source, b.Source) })
	slices.SortFunc(w.files, func(a, b File) int { return strings.Compare(a.Source, b.Source) })
}
