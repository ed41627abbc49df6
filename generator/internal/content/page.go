package content

import (
	"path"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/slug"
	"github.com/tradeoffs/tradeoffs/generator/internal/yamldoc"
)

// Kind is what a page is in the site's structure.
type Kind uint8

const (
	// KindPage is an ordinary page.
	KindPage Kind = iota
	// KindSection is a section's list page (_index.md in a folder).
	KindSection
	// KindHome is the home page (content/_index.md).
	KindHome
)

func (k Kind) String() string {
	return [...]string{"page", "section", "home"}[k]
}

// Page is one markdown file with its decoded front matter.
type Page struct {
	// Source is the file's path from the site root: "content/patterns/x.md".
	Source string
	// Section is the first folder under content/ ("patterns"), or "" for
	// top-level pages and the home page.
	Section string
	// Slug is the last element of the URL ("x").
	Slug string
	// URL is the page's root-relative URL, ending in "/": "/patterns/x/".
	URL string
	// OutFile is the output file: "patterns/x/index.html".
	OutFile string
	Kind    Kind
	// Meta is the typed front matter; Meta.Base() has the common fields.
	Meta Schema
	// Front holds the positions of the front matter keys.
	Front *yamldoc.Doc
	// Body is the markdown after the front matter.
	Body []byte
	// BodyLine is the line of the file where Body starts.
	BodyLine int
	// Resources are the other files of a page bundle.
	Resources []Resource
	// Bundle is the page bundle's folder ("content/case-studies/x"), or "".
	Bundle string
	// Hash is the SHA-256 of the file as read: what caches of anything
	// made from the page are keyed on.
	Hash [32]byte
	// FrontHash hashes the front matter and the line it starts on: what
	// lists, tags and the sitemap take from a page, which most edits (to
	// the body) leave alone.
	FrontHash uint64
}

// Base returns the page's common front matter.
func (p *Page) Base() *Common { return p.Meta.Base() }

// Title returns the page's title.
func (p *Page) Title() string { return p.Meta.Base().Title }

// Resource is a file that belongs to a page bundle.
type Resource struct {
	// Source is the file's path from the site root.
	Source string
	// OutFile is where it is written, beside the page's index.html.
	OutFile string
}

// File is a file under content/ that is neither markdown nor in a bundle.
type File struct {
	// Source is the file's path from the site root: "content/calculators/x.yaml".
	Source string
	// Rel is its path under content/: "calculators/x.yaml".
	Rel string
	// Asset is set for the types published as they are (AssetTypes).
	Asset bool
}

// ValidSlug reports whether s may be used as a URL path element.
func ValidSlug(s string) bool { return slug.Valid(s) }

// Slugify turns a title into a slug: "Segment: goodbye microservices" →
// "segment-goodbye-microservices".
func Slugify(title string) string { return slug.Make(title) }

// TagSlug returns the URL element of a tag.
func TagSlug(tag string) string { return slug.Make(tag) }

// urlFor returns the URL and output file of the page at rel (a path under
// content/, without "content/"), with bundle true for dir/index.md.
func urlFor(rel string) (slug, url, out string, kind Kind) {
	dir, file := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	switch {
	case file == "_index.md" && dir == "":
		return "", "/", "index.html", KindHome
	case file == "_index.md":
		return path.Base(dir), "/" + dir + "/", dir + "/index.html", KindSection
	case file == "index.md":
		return path.Base(dir), "/" + dir + "/", dir + "/index.html", KindPage
	}
	slug = pageSlug(file)
	p := path.Join(dir, slug)
	return slug, "/" + p + "/", p + "/index.html", KindPage
}

// sectionOf returns the first element of rel's folder, "" at the top.
func sectionOf(rel string) string {
	if i := strings.IndexByte(rel, '/'); i >= 0 {
		return rel[:i]
	}
	return ""
}
