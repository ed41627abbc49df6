package content

import (
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
	// TitleLine is the file line of the heading the title was taken from,
	// when the front matter has none (generic sections); else 0. The
	// heading is then not shown a second time (see markdown.Input).
	TitleLine int
	// Ignored are the front matter keys of a generic page that this
	// generator does not use (written for another one): Load reports them
	// once per key for the whole site.
	Ignored []Ignored
	// Hash is the SHA-256 of the file as read: what caches of anything
	// made from the page are keyed on.
	Hash [32]byte
	// FrontHash hashes the front matter and the line it starts on: what
	// lists, tags and the sitemap take from a page, which most edits (to
	// the body) leave alone.
	FrontHash uint64
}

// place sets what the walk decides of a page (where it is published, its
// bundle) from q.
func (p *Page) place(q *Page) {
	p.Source, p.Section, p.Slug, p.URL, p.OutFile, p.Kind = q.Source, q.Section, q.Slug, q.URL, q.OutFile, q.Kind
	p.Bundle, p.Resources = q.Bundle, q.Resources
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
	// Out is where it is published, if it is: Rel in a strict section,
	// else Rel with each name made a URL element ("docs/images/a-b.png"
	// for "docs/Images/A B.PNG").
	Out string
	// Asset is set for the types published as they are (AssetTypes).
	Asset bool
}

// Folder is a folder under content/, content/ itself included.
type Folder struct {
	// Source is the folder's path from the site root: "content/docs/Getting Started".
	Source string
	// URL is the folder's URL: "/docs/getting-started/".
	URL string
	// Name is the folder's name as written ("Getting Started"), "" for
	// content/.
	Name string
	// Page is the source of the folder's own page (_index.md, index.md or
	// a README), or "": the site then lists the folder's pages at URL, if
	// it has any.
	Page string
	// Pages counts the pages at or below the folder.
	Pages int
}

// Alias is a symbolic link to a page of content/: no page of its own, but
// its URL leads to the page, and links to the link's file resolve to it.
type Alias struct {
	// Source is the link's path from the site root: "content/docs/README.md".
	Source string
	// URL and OutFile are where a page of that file would be published.
	URL     string
	OutFile string
	// Target is the page's source: "content/docs/index.md".
	Target string
}

// ValidSlug reports whether s may be used as a URL path element.
func ValidSlug(s string) bool { return slug.Valid(s) }

// Slugify turns a title into a slug: "Segment: goodbye microservices" →
// "segment-goodbye-microservices".
func Slugify(title string) string { return slug.Make(title) }

// TagSlug returns the URL element of a tag.
func TagSlug(tag string) string { return slug.Make(tag) }

// pathElem is the URL path element of a file or folder name (without a
// page's extension): see slug.Path.
func pathElem(name string) string { return slug.Path(name) }
