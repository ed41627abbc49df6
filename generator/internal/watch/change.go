package watch

import (
	"cmp"
	"slices"
	"strings"
)

// Kind says how a file changed since the last batch.
type Kind uint8

// The kinds of change. A file that is replaced (an editor's atomic save, or a
// removal and re-creation within the same batch) is Modified.
const (
	Created Kind = iota + 1
	Modified
	Removed
)

// String returns "created", "modified" or "removed".
func (k Kind) String() string {
	switch k {
	case Created:
		return "created"
	case Modified:
		return "modified"
	case Removed:
		return "removed"
	}
	return "unknown"
}

// Class says which part of the site a path belongs to, so that the dev server
// can decide what to rebuild or reload.
type Class uint8

// The classes of path. Other is the zero value: a Root without a class.
const (
	Other Class = iota
	Content
	Layout
	Static
	Config
)

// String returns the class name in lower case.
func (c Class) String() string {
	switch c {
	case Content:
		return "content"
	case Layout:
		return "layout"
	case Static:
		return "static"
	case Config:
		return "config"
	}
	return "other"
}

// Root is a file or folder to watch, recursively for a folder. Path is
// slash-separated and relative to the site folder; it need not exist yet.
// A path under several roots takes the class of the longest one, so
// "content/_site.yaml" can be Config inside the Content root "content".
type Root struct {
	Path  string
	Class Class
}

// SiteRoots returns the roots of a site laid out as this generator expects:
// content/, layouts/, static/ and the config file content/_site.yaml.
func SiteRoots() []Root {
	return []Root{
		{Path: "content", Class: Content},
		{Path: "layouts", Class: Layout},
		{Path: "static", Class: Static},
		{Path: "content/_site.yaml", Class: Config},
	}
}

// Change is one file that changed. Path is slash-separated and relative to the
// site folder. Folders are never reported themselves: a new folder reports the
// files in it, a removed folder the files it had.
type Change struct {
	Path  string
	Kind  Kind
	Class Class
}

// String returns the change as "kind path", for logs.
func (c Change) String() string { return c.Kind.String() + " " + c.Path }

// Batch is a set of changes delivered together: at most one change per path,
// sorted by path.
type Batch struct {
	Changes []Change
}

// Has reports whether any change in b is of class c.
func (b Batch) Has(c Class) bool {
	return slices.ContainsFunc(b.Changes, func(ch Change) bool { return ch.Class == c })
}

// Only reports whether b has changes and all of them are of class c: for
// example Only(Static) lets the dev server reload a stylesheet without
// rebuilding pages.
func (b Batch) Only(c Class) bool {
	if len(b.Changes) == 0 {
		return false
	}
	return !slices.ContainsFunc(b.Changes, func(ch Change) bool { return ch.Class != c })
}

// combine returns what two consecutive changes to one path amount to, and
// false when they cancel out (a file created, then removed).
func combine(first, then Kind) (Kind, bool) {
	switch {
	case first == Created && then == Removed:
		return 0, false
	case first == Created:
		return Created, true
	case then == Created:
		// The file existed before the earlier change, so it was replaced.
		return Modified, true
	}
	return then, true
}

// mergeChanges folds later changes into earlier ones, both sorted by path,
// and returns them sorted by path.
func mergeChanges(earlier, later []Change) []Change {
	if len(earlier) == 0 {
		return later
	}
	byPath := make(map[string]Change, len(earlier)+len(later))
	for _, c := range earlier {
		byPath[c.Path] = c
	}
	for _, c := range later {
		if old, ok := byPath[c.Path]; ok {
			k, keep := combine(old.Kind, c.Kind)
			if !keep {
				delete(byPath, c.Path)
				continue
			}
			c.Kind = k
		}
		byPath[c.Path] = c
	}
	return sortedChanges(byPath)
}

func sortedChanges(byPath map[string]Change) []Change {
	out := make([]Change, 0, len(byPath))
	for _, c := range byPath {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Change) int { return cmp.Compare(a.Path, b.Path) })
	return out
}

// within reports whether rel is r or lies under it ("" is the whole site).
func within(rel, r string) bool {
	return r == "" || rel == r || strings.HasPrefix(rel, r+"/")
}
