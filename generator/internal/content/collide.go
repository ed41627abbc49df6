package content

import (
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// Reserved are the top-level output paths the generator writes itself; a
// content folder or file with one of these names would be overwritten.
var reserved = map[string]string{
	"tags":        "the tag pages",
	"search":      "the search page",
	"css":         "the stylesheets",
	"js":          "the scripts",
	"404.html":    "the not-found page",
	"sitemap.xml": "the sitemap",
	"atom.xml":    "the feed",
	"robots.txt":  "the robots file",
}

// checkCollisions reports two sources that would write the same output
// file, naming both, and sources that would overwrite generated files. It
// returns the pages that may be built: the first of colliding pages, and no
// page at a reserved path.
func checkCollisions(pages []*Page, files []File, aliases []Alias) ([]*Page, diag.List) {
	var l diag.List
	owner := make(map[string]string, len(pages)+len(files)) // output file → source
	claim := func(out, src string) bool {
		if first, ok := owner[out]; ok {
			l.Errorf(diag.Pos{File: src}, "%s and %s would both be written to /%s: rename or move one of them", first, src, strings.TrimSuffix(out, "index.html"))
			return false
		}
		owner[out] = src
		top, _, _ := strings.Cut(out, "/")
		if what, ok := reserved[top]; ok {
			l.Errorf(diag.Pos{File: src}, "/%s is reserved for %s: rename %s", top, what, src)
			return false
		}
		return true
	}
	kept := make([]*Page, 0, len(pages))
	for _, p := range pages {
		if claim(p.OutFile, p.Source) {
			kept = append(kept, p)
		}
		for _, r := range p.Resources {
			claim(r.OutFile, r.Source)
		}
	}
	for _, f := range files {
		claim(f.Out, f.Source)
	}
	for _, a := range aliases {
		claim(a.OutFile, a.Source)
	}
	return kept, l
}
