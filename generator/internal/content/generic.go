package content

import (
	"fmt"
	"path"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/yamldoc"
)

// Generic sections take markdown as GitHub shows it. Every section without
// a typed schema is generic, and so are the home page and the pages at the
// top of content/: front matter is optional, the title comes from the
// first "#" heading (or the file's name) when it has none, keys written
// for other generators are ignored with a warning, and any file or folder
// name is published under a URL made from it. The strict sections (typed
// schemas, and calculators/, whose pages go with definition files) keep
// every rule: front matter with a title, and names that are URLs already.

// Strict reports whether section keeps the strict rules.
func Strict(section string) bool {
	_, typed := typedSections[section]
	return typed || section == "calculators"
}

// Generic is the front matter of pages in generic sections: the common
// keys, and the description other generators use for the summary.
type Generic struct {
	Common `yaml:",inline"`
	// Description is taken as the summary when there is none (Jekyll,
	// MkDocs and Docusaurus pages have it).
	Description string `yaml:"description" doc:"taken as the summary when summary is not set"`
}

// validate checks what Common does, but a title only if the front matter
// has one: a title taken from the body or the file's name needs no check.
func (g *Generic) validate(doc *yamldoc.Doc, l *diag.List) {
	if g.Summary == "" {
		g.Summary = strings.TrimSpace(g.Description)
	}
	if doc.Has("title") {
		validateTitle(g.Title, doc, l)
	}
	g.Common.validateFields(doc, l)
}

// Ignored is a front matter key of a generic page that this generator does
// not use.
type Ignored struct {
	Key string
	Pos diag.Pos
}

// ignoredKeys lists the top-level keys of doc that schema has no field for.
func ignoredKeys(doc *yamldoc.Doc, schema Schema) []Ignored {
	known := map[string]bool{}
	for _, f := range fieldsOf(reflect.TypeOf(schema).Elem()) {
		known[f.Key] = true
	}
	var out []Ignored
	for _, k := range doc.TopKeys() {
		if !known[k] {
			out = append(out, Ignored{Key: k, Pos: doc.Key(k)})
		}
	}
	return out
}

// reportIgnored gives one warning per front matter key that pages use and
// this generator does not, naming the pages: a folder written for another
// generator has the same few keys on every page.
func reportIgnored(pages []*Page) diag.List {
	byKey := map[string][]diag.Pos{}
	for _, p := range pages {
		for _, ig := range p.Ignored {
			byKey[ig.Key] = append(byKey[ig.Key], ig.Pos)
		}
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var l diag.List
	for _, k := range keys {
		at := byKey[k]
		slices.SortFunc(at, func(a, b diag.Pos) int { return strings.Compare(a.File, b.File) })
		l.Warnf(at[0], "front matter key %q is not used by this site and is ignored (%s); the keys a page may have are listed in CONTRIBUTING.md", k, files(at))
	}
	return l
}

// files names the first few of the files at, and counts the others.
func files(at []diag.Pos) string {
	const shown = 3
	var names []string
	for _, p := range at[:min(len(at), shown)] {
		names = append(names, strings.TrimPrefix(p.File, Dir+"/"))
	}
	s := fmt.Sprintf("on %d %s: %s", len(at), plural(len(at), "page", "pages"), strings.Join(names, ", "))
	if len(at) > shown {
		s += fmt.Sprintf(" and %d more", len(at)-shown)
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// nameTitle is the title of a page with none in its front matter and no
// "#" heading: its file's name, or for a folder's page (README.md,
// index.md) the folder's, with hyphens and underscores as spaces and the
// first letter upper-cased: "getting-started.md" → "Getting started".
func nameTitle(source string) string {
	name := path.Base(source)
	stem := strings.ToLower(pageSlug(name))
	if stem == "readme" || stem == "index" || stem == "_index" {
		if dir := path.Dir(source); dir != Dir {
			name = path.Base(dir)
		} else {
			return "Home"
		}
	}
	t := strings.Join(strings.FieldsFunc(pageSlug(name), func(r rune) bool { return r == '-' || r == '_' || unicode.IsSpace(r) }), " ")
	if t == "" {
		return pageSlug(name)
	}
	r, size := utf8.DecodeRuneInString(t)
	return string(unicode.ToUpper(r)) + t[size:]
}
