// Package feeds writes the machine-readable files about a site: the
// sitemap (sitemaps.org), the Atom feed (RFC 4287) and robots.txt. It takes
// plain entries, so it knows nothing of pages or layouts.
//
// feeds imports golang.org/x/net (its html package, to make a page's links
// absolute for a feed reader) and the standard library.
package feeds

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"
)

// Entry is one page as the sitemap and the feed see it.
type Entry struct {
	// URL is absolute.
	URL     string
	Title   string
	Summary string
	// Content is the page's HTML, its links absolute (see Absolute), or
	// "" for a feed of summaries.
	Content string
	// Categories are the page's tags.
	Categories []string
	// Published and Updated may be zero.
	Published time.Time
	Updated   time.Time
}

func (e Entry) lastmod() time.Time {
	if !e.Updated.IsZero() {
		return e.Updated
	}
	return e.Published
}

type urlset struct {
	XMLName xml.Name   `xml:"urlset"`
	NS      string     `xml:"xmlns,attr"`
	URLs    []sitemapU `xml:"url"`
}

type sitemapU struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// Sitemap returns sitemap.xml for entries, in the order given.
func Sitemap(entries []Entry) ([]byte, error) {
	s := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, e := range entries {
		u := sitemapU{Loc: e.URL}
		if t := e.lastmod(); !t.IsZero() {
			u.LastMod = t.UTC().Format("2006-01-02")
		}
		s.URLs = append(s.URLs, u)
	}
	return marshal(s)
}

// Feed describes the Atom feed.
type Feed struct {
	Title    string
	Subtitle string
	// SiteURL is the site's home page; SelfURL the feed's own URL.
	SiteURL string
	SelfURL string
	Author  string
	// Updated is used when no entry has a date.
	Updated time.Time
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"feed"`
	NS       string      `xml:"xmlns,attr"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   *atomAuthor `xml:"author,omitempty"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Link       atomLink       `xml:"link"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Categories []atomCategory `xml:"category"`
	Summary    string         `xml:"summary,omitempty"`
	Content    *atomContent   `xml:"content"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// Atom returns the Atom feed of entries (already sorted, newest first).
func Atom(f Feed, entries []Entry) ([]byte, error) {
	// The newest entry's time, so that the feed changes only when its
	// entries do (a build time would change it on every deploy).
	var updated time.Time
	for _, e := range entries {
		if t := e.lastmod(); t.After(updated) {
			updated = t
		}
	}
	if updated.IsZero() {
		updated = f.Updated
	}
	a := atomFeed{
		NS: "http://www.w3.org/2005/Atom", Title: f.Title, Subtitle: f.Subtitle, ID: f.SiteURL,
		Updated: stamp(updated),
		Links:   []atomLink{{Href: f.SelfURL, Rel: "self", Type: "application/atom+xml"}, {Href: f.SiteURL}},
	}
	if f.Author != "" {
		a.Author = &atomAuthor{Name: f.Author}
	} else {
		a.Author = &atomAuthor{Name: f.Title}
	}
	for _, e := range entries {
		ae := atomEntry{Title: e.Title, ID: e.URL, Link: atomLink{Href: e.URL}, Updated: stamp(e.lastmod()), Summary: e.Summary}
		if !e.Published.IsZero() {
			ae.Published = stamp(e.Published)
		}
		for _, c := range e.Categories {
			ae.Categories = append(ae.Categories, atomCategory{Term: c})
		}
		if e.Content != "" {
			ae.Content = &atomContent{Type: "html", Text: e.Content}
		}
		a.Entries = append(a.Entries, ae)
	}
	return marshal(a)
}

func stamp(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encoding XML: %w", err)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// Robots returns robots.txt: everything allowed and the sitemap named, or,
// for a preview build, nothing allowed.
func Robots(sitemapURL string, preview bool) []byte {
	if preview {
		return []byte("# A deploy preview: not for search engines.\nUser-agent: *\nDisallow: /\n")
	}
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + sitemapURL + "\n")
}
