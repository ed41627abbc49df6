package site

import (
	"html/template"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
)

// This file is the API for authors of layouts: the data every template
// receives. A layout is executed with a *PageView as its dot; .Site is the
// same *SiteView for every page. Fields are documented where they are
// declared; anything not here is not available to templates.

// SiteView describes the whole site.
type SiteView struct {
	// Title and Description come from content/_site.yaml.
	Title       string
	Description string
	// BaseURL is the absolute URL of the site, ending in "/".
	BaseURL string
	// Language is the content's language code ("en").
	Language string
	// Menu is the header navigation.
	Menu []MenuItem
	// Sections are the top-level sections, ordered by weight then title.
	Sections []*PageLink
	// Preview is true for deploy-preview builds: the layout shows a banner
	// and asks search engines not to index the page.
	Preview bool
	// Drafts is true when draft pages are built.
	Drafts bool
	// SearchIndex is the URL of the search index's entry file, or "".
	SearchIndex string
	// BuildYear is the year of the build, for the footer.
	BuildYear int
	// Repo is the source repository's web URL, or "".
	Repo string
	// Stylesheets are the site's own stylesheets (static/css/*.css), linked
	// after the theme's, so a site can restyle without replacing layouts.
	Stylesheets []string
}

// MenuItem is a header link.
type MenuItem struct {
	Title string
	URL   string
	// Active is true when the page being rendered is at or under URL.
	Active bool
}

// PageView is one rendered page.
type PageView struct {
	Site *SiteView
	// Kind is "home", "page", "section", "tag", "tags", "search" or "404".
	Kind string
	// Section is the page's section folder ("case-studies"), "" at the top.
	Section      string
	SectionTitle string
	SectionURL   string
	// Title is the page's title; for tag pages, the tag's name.
	Title string
	// Summary is the front matter summary ("" if it has none).
	Summary string
	// Description is Summary, or else the start of the first paragraph:
	// for the meta description and link previews.
	Description string
	// URL is root-relative ("/patterns/x/"); Permalink is absolute.
	URL       string
	Permalink string
	Date      time.Time
	Updated   time.Time
	// LastModified is when the page last changed: the date of its last
	// commit where the site is a git clone with history, else Updated,
	// else Date.
	LastModified time.Time
	Tags         []TagLink
	// Content is the rendered markdown.
	Content template.HTML
	// TOC is the table of contents (h2–h3 by default).
	TOC []*markdown.TOCEntry
	// Words and ReadingMinutes measure the prose.
	Words          int
	ReadingMinutes int
	// Source is the page's file ("content/patterns/x.md"); EditURL opens it
	// for editing in the repository, or is "".
	Source  string
	EditURL string
	// Draft is true for a draft page (built with --drafts).
	Draft bool
	// Pages lists pages: a section's pages, a tag's pages, or for the home
	// page its newest pages.
	Pages []*PageLink
	// Groups are the home page's lists, one per section.
	Groups []*Group
	// AllTags lists every tag with its count, on the tag index page only.
	// (The site-wide data holds nothing that changes with each page, so a
	// save re-renders only the pages it affects.)
	AllTags []TagLink
	// Related are pages that share tags or links with this one.
	Related []*PageLink
	// Backlinks are pages that link to this one.
	Backlinks []*PageLink
	// Prev and Next are the pages before and after this one in its
	// section's list order, or nil (first, last, or not in a section).
	Prev, Next *PageLink
	// CaseStudy, Checklist and Pattern hold the typed front matter of
	// pages in those sections; nil elsewhere.
	CaseStudy *CaseStudyView
	Checklist *ChecklistView
	Pattern   *PatternView
	// Decision is a decision record's status and links, on its page;
	// DecisionLog is the log of every record, on the decisions section's
	// page. Both are nil elsewhere.
	Decision    *DecisionView
	DecisionLog *DecisionLogView
	// Scripts are the URLs of the classic scripts the page needs, in
	// order (<script src defer>); Modules the URLs of the ES modules it
	// needs (<script type="module" src>), which load what they import
	// themselves and run after the scripts.
	Scripts, Modules []string
	// Stylesheet is the URL of the site's stylesheet.
	Stylesheet string
	// ThemeScript is the URL of the script that applies the reader's
	// colour theme: loaded in <head> without defer, before the stylesheet,
	// so the page is first drawn in that theme.
	ThemeScript string
	// Breadcrumbs lead from the home page to the page's parent.
	Breadcrumbs []*PageLink
	// Published is when the page was published: Date, or else its first
	// commit where the site is a git clone with history; zero if neither.
	Published time.Time
	// Card is the page's social card, the picture a link to it shows when
	// shared (og:image).
	Card *CardView
	// StructuredData are schema.org objects describing the page (Article,
	// WebPage, CollectionPage, BreadcrumbList, and WebSite on the home
	// page), each for a <script type="application/ld+json">{{.}}</script>:
	// html/template writes a value there as JSON, escaped so that no text
	// in it can end the element.
	StructuredData []any

	// contentKey identifies Content (see viewhash.go).
	contentKey [32]byte
}

// CardView is a social card: a PNG of Width×Height pixels at URL
// (absolute), described by Alt.
type CardView struct {
	URL    string
	Width  int
	Height int
	Alt    string
}

// PageLink is a page as it appears in lists.
type PageLink struct {
	Title        string
	URL          string
	Summary      string
	Section      string
	SectionTitle string
	Date         time.Time
	// DateISO ("2023-03-22") and DateText ("22 March 2023") are Date
	// formatted, or "" when the page has no date: lists print thousands of
	// them, so they are formatted once.
	DateISO  string
	DateText string
	Tags     []TagLink
	// Company, Year, From, To and Outcome are set for case studies.
	Company string
	Year    int
	From    string
	To      string
	Outcome string
	// Status ("accepted") and StatusLabel ("Accepted") are set for
	// decision records.
	Status      string
	StatusLabel string
	// Nested is true in lists under a heading of their own (the home
	// page's groups), where cards take the next heading level.
	Nested bool
}

// Group is a titled list of pages.
type Group struct {
	Title string
	URL   string
	Pages []*PageLink
	// More is the number of pages not listed.
	More int
}

// TagLink is a tag with the URL of its page and how many pages carry it.
type TagLink struct {
	Name  string
	Slug  string
	URL   string
	Count int
}

// CaseStudyView is a case study's front matter.
type CaseStudyView struct {
	Company string
	Year    int
	From    string
	To      string
	Outcome string
	Metrics []MetricView
	Sources []SourceView
}

// MetricView is one outcome metric.
type MetricView struct {
	Label  string
	Before string
	After  string
	Unit   string
	Note   string
}

// SourceView is one source of a case study.
type SourceView struct {
	Title     string
	URL       string
	Publisher string
	Date      time.Time
}

// ChecklistView is a checklist's front matter.
type ChecklistView struct {
	Options []OptionView
}

// OptionView is one option of a checklist.
type OptionView struct {
	ID          string
	Label       string
	Description string
}

// PatternView is a trade-off page's front matter.
type PatternView struct {
	Alternatives []string
}

// DecisionView is a decision record's header.
type DecisionView struct {
	// Number is the record's number as file names write it ("0001"),
	// or "".
	Number      string
	Status      string // "accepted"
	StatusLabel string // "Accepted"
	// Format is how the record is written: "MADR" or "Nygard's format".
	Format                        string
	Deciders, Consulted, Informed []string
	// Supersedes are the records this one replaced; SupersededBy those
	// that replaced it.
	Supersedes, SupersededBy []*DecisionLink
	// InForce is, for a record whose successor was replaced in turn, the
	// record in force at the end of the chain; nil otherwise.
	InForce *DecisionLink
	// Evidence are the pages the decision relied on.
	Evidence []*PageLink
}

// DecisionLink is a decision record as another one, or the log, shows it.
type DecisionLink struct {
	Number      string
	Title       string
	URL         string
	Status      string
	StatusLabel string
}

// DecisionLogView is the decision log.
type DecisionLogView struct {
	// Records are every record, by number.
	Records []*DecisionLogRecord
	// Statuses are the statuses records have, in the order proposed,
	// accepted, rejected, deprecated, superseded, with their counts: the
	// log's filters.
	Statuses []*StatusCount
	// Chains are the supersede chains: each record in force that replaced
	// others, with what it replaced.
	Chains []*DecisionChain
	// Linked is true when a record supersedes another.
	Linked bool
}

// DecisionLogRecord is one row of the log.
type DecisionLogRecord struct {
	DecisionLink
	Summary  string
	DateISO  string
	DateText string
	// Supersedes and SupersededBy are its links to other records.
	Supersedes, SupersededBy []*DecisionLink
}

// StatusCount is a status and how many records have it.
type StatusCount struct {
	Status string
	Label  string
	Count  int
}

// DecisionChain is a record and, recursively, the records it replaced.
type DecisionChain struct {
	Record   *DecisionLink
	Replaced []*DecisionChain
}
