package site

import "time"

// Structured data: schema.org objects in JSON-LD, which search engines
// read for a result's title, dates, picture and breadcrumbs. A page in a
// section is an Article; a page outside any (About) a WebPage; sections
// and tag pages are CollectionPages; each of those has a BreadcrumbList.
// The home page is the WebSite, with a SearchAction for the search page.
// The search page and the not-found page, which are not indexed, have
// none. The objects are built from the view alone, so the page's
// signature covers them.

const schemaOrg = "https://schema.org"

// ldPage is an Article, WebPage or CollectionPage.
type ldPage struct {
	Context          string    `json:"@context"`
	Type             string    `json:"@type"`
	Headline         string    `json:"headline,omitempty"`
	Name             string    `json:"name,omitempty"`
	Description      string    `json:"description,omitempty"`
	URL              string    `json:"url"`
	MainEntityOfPage string    `json:"mainEntityOfPage,omitempty"`
	Image            *ldImage  `json:"image,omitempty"`
	DatePublished    string    `json:"datePublished,omitempty"`
	DateModified     string    `json:"dateModified,omitempty"`
	Author           *ldThing  `json:"author,omitempty"`
	Publisher        *ldThing  `json:"publisher,omitempty"`
	About            []ldThing `json:"about,omitempty"`
	ArticleSection   string    `json:"articleSection,omitempty"`
	InLanguage       string    `json:"inLanguage,omitempty"`
	IsPartOf         *ldThing  `json:"isPartOf,omitempty"`
}

// ldThing is a Thing, Organization or WebSite named and linked.
type ldThing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type ldImage struct {
	Type   string `json:"@type"`
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

type ldBreadcrumbs struct {
	Context string    `json:"@context"`
	Type    string    `json:"@type"`
	Items   []ldCrumb `json:"itemListElement"`
}

type ldCrumb struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item"`
}

type ldWebSite struct {
	Context     string          `json:"@context"`
	Type        string          `json:"@type"`
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	URL         string          `json:"url"`
	Image       *ldImage        `json:"image,omitempty"`
	InLanguage  string          `json:"inLanguage,omitempty"`
	Publisher   *ldThing        `json:"publisher,omitempty"`
	Action      *ldSearchAction `json:"potentialAction,omitempty"`
}

type ldSearchAction struct {
	Type       string       `json:"@type"`
	Target     ldEntryPoint `json:"target"`
	QueryInput string       `json:"query-input"`
}

type ldEntryPoint struct {
	Type        string `json:"@type"`
	URLTemplate string `json:"urlTemplate"`
}

// searchQuery is the search page's query parameter (see js/search-page.js).
const searchQuery = "q"

// structuredData returns the schema.org objects of a page.
func (s *build) structuredData(v *PageView) []any {
	switch v.Kind {
	case "home":
		return []any{s.ldWebSite(v)}
	case "search", "404":
		return nil
	}
	p := &ldPage{Context: schemaOrg, Type: "CollectionPage", Name: v.Title, Description: v.Description, URL: v.Permalink,
		Image: ldImageOf(v.Card), InLanguage: v.Site.Language, IsPartOf: s.ldSite()}
	if v.Kind == "page" {
		p.Type, p.DateModified = "WebPage", ldDate(v.LastModified)
	}
	if v.Kind == "page" && v.Section != "" {
		p.Type, p.Name, p.Headline, p.MainEntityOfPage = "Article", "", v.Title, v.Permalink
		p.DatePublished = ldDate(v.Published)
		p.Author, p.Publisher = s.ldAuthor(), s.ldPublisher()
		p.About, p.ArticleSection = s.ldAbout(v), v.SectionTitle
	}
	return []any{p, s.ldBreadcrumbs(v)}
}

// ldWebSite is the home page's object: the site, and how to search it.
func (s *build) ldWebSite(v *PageView) *ldWebSite {
	return &ldWebSite{Context: schemaOrg, Type: "WebSite", Name: v.Site.Title, Description: v.Site.Description, URL: v.Site.BaseURL,
		Image: ldImageOf(v.Card), InLanguage: v.Site.Language, Publisher: s.ldPublisher(),
		Action: &ldSearchAction{Type: "SearchAction",
			Target:     ldEntryPoint{Type: "EntryPoint", URLTemplate: s.absURL("/"+searchDir+"/") + "?" + searchQuery + "={search_term_string}"},
			QueryInput: "required name=search_term_string"}}
}

func (s *build) ldSite() *ldThing {
	return &ldThing{Type: "WebSite", Name: s.cfg.Title, URL: s.cfg.BaseURL}
}

// ldPublisher is the site, as the organisation that publishes it.
func (s *build) ldPublisher() *ldThing {
	return &ldThing{Type: "Organization", Name: s.cfg.Title, URL: s.cfg.BaseURL}
}

// ldAuthor is the site's author (its contributors), or else its publisher.
func (s *build) ldAuthor() *ldThing {
	if s.cfg.Author == "" {
		return s.ldPublisher()
	}
	return &ldThing{Type: "Organization", Name: s.cfg.Author, URL: s.cfg.BaseURL}
}

// ldAbout lists what an article is about: a case study's company, the
// options a trade-off page or a checklist weighs, then its tags; or else
// its section.
func (s *build) ldAbout(v *PageView) []ldThing {
	var about []ldThing
	if cs := v.CaseStudy; cs != nil && cs.Company != "" {
		about = append(about, ldThing{Type: "Organization", Name: cs.Company})
	}
	if pv := v.Pattern; pv != nil {
		for _, a := range pv.Alternatives {
			about = append(about, ldThing{Type: "Thing", Name: a})
		}
	}
	if cl := v.Checklist; cl != nil {
		for _, o := range cl.Options {
			about = append(about, ldThing{Type: "Thing", Name: o.Label})
		}
	}
	for _, t := range v.Tags {
		about = append(about, ldThing{Type: "Thing", Name: t.Name, URL: s.absURL(t.URL)})
	}
	if len(about) == 0 && v.SectionTitle != "" {
		about = append(about, ldThing{Type: "Thing", Name: v.SectionTitle, URL: s.absURL(v.SectionURL)})
	}
	return about
}

// ldBreadcrumbs is the trail from the home page to the page itself.
func (s *build) ldBreadcrumbs(v *PageView) *ldBreadcrumbs {
	b := &ldBreadcrumbs{Context: schemaOrg, Type: "BreadcrumbList"}
	add := func(name, url string) {
		b.Items = append(b.Items, ldCrumb{Type: "ListItem", Position: len(b.Items) + 1, Name: name, Item: url})
	}
	if len(v.Breadcrumbs) == 0 {
		add("Home", s.absURL("/"))
	}
	for _, l := range v.Breadcrumbs {
		add(l.Title, s.absURL(l.URL))
	}
	add(v.Title, v.Permalink)
	return b
}

func ldImageOf(c *CardView) *ldImage {
	if c == nil {
		return nil
	}
	return &ldImage{Type: "ImageObject", URL: c.URL, Width: c.Width, Height: c.Height}
}

// ldDate is a time as schema.org dates are written, or "" for none.
func ldDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
