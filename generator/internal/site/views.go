package site

import (
	"io/fs"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
)

// siteView builds the data shared by every page.
func (s *build) siteView() *SiteView {
	v := &SiteView{
		Title:       s.cfg.Title,
		Description: s.cfg.Description,
		BaseURL:     s.cfg.BaseURL,
		Language:    s.cfg.Language,
		Preview:     s.opts.Preview,
		Drafts:      s.opts.Drafts,
		BuildYear:   s.opts.Now.Year(),
		Repo:        s.cfg.Repo,
		SearchIndex: s.searchEntry,
		Stylesheets: s.siteStylesheets(),
	}
	for _, m := range s.cfg.Menu {
		v.Menu = append(v.Menu, MenuItem{Title: m.Title, URL: m.URL})
	}
	for _, sec := range s.sections {
		l := *s.link(sec)
		v.Sections = append(v.Sections, &l)
	}
	if len(v.Menu) == 0 {
		for _, sec := range v.Sections {
			v.Menu = append(v.Menu, MenuItem{Title: sec.Title, URL: sec.URL})
		}
	}
	return v
}

func (s *build) absURL(u string) string {
	return strings.TrimSuffix(s.cfg.BaseURL, "/") + u
}

// link returns the page as lists show it, made once per build.
func (s *build) link(p *page) *PageLink {
	if p.link != nil {
		return p.link
	}
	if s.b.oneShot || p.contentKey == [32]byte{1} {
		p.link = s.newLink(p)
		return p.link
	}
	s.linkSiteKey()
	m := s.b.linkMemo[p.URL]
	if m == nil || m.hash != p.Hash || m.content != p.contentKey || m.site != s.linkSite || m.source != p.Source {
		m = &linkMemo{hash: p.Hash, content: p.contentKey, site: s.linkSite, source: p.Source, link: s.newLink(p)}
	}
	s.nextLinkMemo[p.URL] = m
	p.link, p.memo = m.link, m
	return p.link
}

// linkMemo is a page's PageLink from an earlier build of the Builder, kept
// while what it is made from is unchanged: on a large site, making and
// hashing every page's link again is most of what one edit would cost.
// newLink reads the page's file (front matter) and converted content (the
// summary), and what every link shares: the sections' titles and the
// tags' display names (linkSiteKey). The page's URL is the memo's key.
type linkMemo struct {
	hash, content [32]byte
	site          uint64
	// source is the page's file: a page without a title in its front
	// matter may take it from its file's name.
	source string
	link   *PageLink
	// sig is the link's viewHasher hash, once computed.
	sig    uint64
	signed bool
}

// linkSiteKey computes the part of every link's key that all links share.
func (s *build) linkSiteKey() {
	if s.linkSiteDone {
		return
	}
	x := newSum("links", 0)
	x.str(s.plainSections())
	for _, sec := range s.sections {
		x.str(sec.URL)
		x.str(sec.Title())
	}
	for _, t := range s.tags {
		x.str(t.slug)
		x.str(t.name)
	}
	s.linkSite, s.linkSiteDone = x.value(), true
}

func (s *build) newLink(p *page) *PageLink {
	b := p.Base()
	l := &PageLink{Title: s.typesetIn(p.Section, p.Title()), URL: p.URL, Summary: s.typesetIn(p.Section, b.Summary), Section: p.Section, Date: b.Date.Time, Tags: s.tagLinks(b.Tags)}
	if !b.Date.IsZero() {
		l.DateISO, l.DateText = b.Date.Format("2006-01-02"), b.Date.Format("2 January 2006")
	}
	if l.Summary == "" && p.md != nil && p.Section != content.DecisionsSection {
		l.Summary = truncate(p.md.Summary, 200)
	}
	if sec := s.byURL["/"+p.Section+"/"]; p.Section != "" && sec != nil {
		l.SectionTitle = s.typesetIn(p.Section, sec.Title())
	}
	if cs, ok := p.Meta.(*content.CaseStudy); ok {
		l.Company, l.Year, l.From, l.To, l.Outcome = typeset(cs.Company), cs.Year, typeset(cs.From), typeset(cs.To), typeset(cs.Outcome)
	}
	if d, ok := p.Meta.(*content.Decision); ok {
		l.Status, l.StatusLabel = string(d.Record.Status), d.Record.Status.Label()
		if b.Summary == "" {
			// The first paragraph of its body is its status: the
			// summary is the context's.
			l.Summary = truncate(typeset(d.Record.Summary), 200)
		}
	}
	return l
}

func (s *build) links(ps []*page) []*PageLink {
	out := make([]*PageLink, len(ps))
	for i, p := range ps {
		out[i] = s.link(p)
	}
	return out
}

func (s *build) tagLinks(names []string) []TagLink {
	var out []TagLink
	seen := map[string]bool{}
	for _, n := range names {
		sl := s.b.tagSlug(n)
		if sl == "" || seen[sl] {
			continue
		}
		seen[sl] = true
		out = append(out, TagLink{Name: s.tagName(sl, n), Slug: sl, URL: "/tags/" + sl + "/"})
	}
	return out
}

func (s *build) tagName(slug, fallback string) string {
	if t := s.tagBySlug[slug]; t != nil {
		return t.name
	}
	return fallback
}

// setTyped copies a typed schema's fields into the view.
func setTyped(v *PageView, meta content.Schema) {
	switch m := meta.(type) {
	case *content.CaseStudy:
		cs := &CaseStudyView{Company: typeset(m.Company), Year: m.Year, From: typeset(m.From), To: typeset(m.To), Outcome: typeset(m.Outcome)}
		for _, x := range m.Metrics {
			cs.Metrics = append(cs.Metrics, MetricView{Label: typeset(x.Label), Before: typeset(string(x.Before)), After: typeset(string(x.After)), Unit: x.Unit, Note: typeset(x.Note)})
		}
		for _, x := range m.Sources {
			cs.Sources = append(cs.Sources, SourceView{Title: typeset(x.Title), URL: x.URL, Publisher: typeset(x.Publisher), Date: x.Date.Time})
		}
		v.CaseStudy = cs
	case *content.Checklist:
		cl := &ChecklistView{}
		for _, o := range m.Options {
			cl.Options = append(cl.Options, OptionView{ID: o.ID, Label: o.Label, Description: o.Description})
		}
		v.Checklist = cl
	case *content.Pattern:
		v.Pattern = &PatternView{Alternatives: m.Alternatives}
	}
}

// siteStylesheets lists the site's static/css/*.css files as URLs.
func (s *build) siteStylesheets() []string {
	matches, _ := fs.Glob(s.opts.FS, StaticDir+"/css/*.css")
	var urls []string
	for _, m := range matches {
		urls = append(urls, "/"+strings.TrimPrefix(m, StaticDir+"/"))
	}
	return urls
}
