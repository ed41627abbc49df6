package site

import (
	"net/url"
	"path"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
)

// resolver rewrites links written in pages to the URLs they lead to. A
// link is resolved by the file it names, relative to the page's own file,
// as GitHub resolves it: "../patterns/x.md#y" written in
// content/case-studies/a.md becomes "/patterns/x/#y"; "folder/README.md",
// "./folder/" and "folder" lead to the folder's page; "images/a.png" to
// where that file is published; a symbolic link to a page, to the page. A
// bundle's "diagram.png" becomes "/case-studies/a/diagram.png".
//
// A link to no file of content/ is left relative to where the page is
// published, as a browser reads it (the link check then looks for it),
// except a link to a .md file, which is left as written and reported.
// Links from pages of generic sections are as GitHub reads them in one
// more way: a #fragment is matched without regard to letter case, so it is
// written lower-case (heading ids are).
type resolver struct {
	bySource map[string]*page
	// files maps published files of content/ (loose files and bundle
	// resources) to their output paths.
	files map[string]string
	// folders maps folders to their URLs.
	folders map[string]string
	// aliases maps symbolic links to the pages they name.
	aliases map[string]string
}

func (s *build) resolver() *resolver {
	r := &resolver{bySource: s.bySource, files: map[string]string{}, folders: map[string]string{}, aliases: map[string]string{}}
	if s.content == nil {
		return r
	}
	for _, f := range s.content.Files {
		if f.Asset {
			r.files[f.Source] = f.Out
		}
	}
	for _, p := range s.pages {
		for _, res := range p.Resources {
			r.files[res.Source] = res.OutFile
		}
	}
	for _, f := range s.content.Folders {
		r.folders[f.Source] = f.URL
	}
	for _, a := range s.content.Aliases {
		r.aliases[a.Source] = a.Target
	}
	return r
}

// Rewrite implements markdown.LinkResolver.
func (r *resolver) Rewrite(source, dest string) string {
	p, rest := splitFragment(dest)
	from := r.bySource[source]
	frag := rest
	if from != nil && !content.Strict(from.Section) {
		frag = lowerFragment(rest)
	}
	switch {
	case p == "":
		return frag
	case strings.HasPrefix(p, "//"):
		return dest
	case strings.HasPrefix(p, "/"):
		// A link to a source file from the site's root: the pages of a
		// folder copied whole into content/ link to each other so.
		if tp := r.page(content.Dir + clean(p)); tp != nil {
			return tp.URL + frag
		}
		return dest
	}
	target := path.Join(path.Dir(source), clean(p))
	if tp := r.page(target); tp != nil {
		return tp.URL + frag
	}
	if content.IsPage(path.Base(p)) {
		return dest // reported as broken by checkLinks
	}
	if out, ok := r.files[target]; ok {
		return "/" + out + rest
	}
	if u, ok := r.folders[target]; ok {
		return u + frag
	}
	if from != nil {
		// Relative to where the page is published, as a browser would.
		return path.Join(from.URL, p) + trailingSlash(p) + rest
	}
	return dest
}

// page returns the page published from the file target, or from the page
// the symbolic link target names.
func (r *resolver) page(target string) *page {
	if tp, ok := r.bySource[target]; ok {
		return tp
	}
	if t, ok := r.aliases[target]; ok {
		return r.bySource[t]
	}
	return nil
}

// clean is a link's path as a file path: "%20" is a space.
func clean(p string) string {
	if u, err := url.PathUnescape(p); err == nil {
		return u
	}
	return p
}

// lowerFragment lower-cases the #fragment of "?query#fragment".
func lowerFragment(rest string) string {
	i := strings.IndexByte(rest, '#')
	if i < 0 {
		return rest
	}
	return rest[:i] + strings.ToLower(rest[i:])
}

func trailingSlash(p string) string {
	if strings.HasSuffix(p, "/") {
		return "/"
	}
	return ""
}

// splitFragment splits "a/b?q#f" into "a/b" and "?q#f".
func splitFragment(dest string) (string, string) {
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		return dest[:i], dest[i:]
	}
	return dest, ""
}
