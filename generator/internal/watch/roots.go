package watch

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"
)

// rootSet is the validated list of roots: clean slash paths relative to the
// site folder, "" standing for the site folder itself.
type rootSet []Root

func newRootSet(roots []Root) (rootSet, error) {
	if len(roots) == 0 {
		return nil, fmt.Errorf("watch: no roots given; pass the folders and files to watch, such as watch.SiteRoots()")
	}
	var rs rootSet
	seen := make(map[string]bool, len(roots))
	for _, r := range roots {
		p, err := cleanRoot(r.Path)
		if err != nil {
			return nil, err
		}
		if seen[p] {
			return nil, fmt.Errorf("watch: root %q is given twice; give each path once", r.Path)
		}
		seen[p] = true
		rs = append(rs, Root{Path: p, Class: r.Class})
	}
	return rs, nil
}

func cleanRoot(p string) (string, error) {
	if filepath.IsAbs(p) || strings.HasPrefix(p, "/") {
		return "", fmt.Errorf("watch: root %q is absolute; give a path relative to the site folder", p)
	}
	c := path.Clean(filepath.ToSlash(p))
	if c == ".." || strings.HasPrefix(c, "../") {
		return "", fmt.Errorf("watch: root %q is outside the site folder; give a path inside it", p)
	}
	if c == "." {
		c = ""
	}
	return c, nil
}

// match returns the longest root that rel is, or lies under.
func (rs rootSet) match(rel string) (Root, bool) {
	best, found := Root{}, false
	for _, r := range rs {
		if within(rel, r.Path) && (!found || len(r.Path) > len(best.Path)) {
			best, found = r, true
		}
	}
	return best, found
}

// class returns the class of rel: that of the longest root it lies under.
func (rs rootSet) class(rel string) Class {
	r, _ := rs.match(rel)
	return r.Class
}

// under returns the roots that are rel or lie under it: the roots that
// appear, vanish or are replaced when rel does.
func (rs rootSet) under(rel string) []string {
	var out []string
	for _, r := range rs {
		if within(r.Path, rel) {
			out = append(out, r.Path)
		}
	}
	return out
}

// tops returns the roots that lie under no other root, so that walking them
// visits every watched path once.
func (rs rootSet) tops() []string {
	var out []string
	for _, r := range rs {
		inner := false
		for _, o := range rs {
			if o.Path != r.Path && within(r.Path, o.Path) {
				inner = true
				break
			}
		}
		if !inner {
			out = append(out, r.Path)
		}
	}
	return out
}

// parentOf returns the folder holding rel; the site folder ("") is its own
// parent.
func parentOf(rel string) string {
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		return rel[:i]
	}
	return ""
}
