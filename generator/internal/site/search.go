package site

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
	"github.com/tradeoffs/tradeoffs/generator/internal/search"
)

// searchIndex keeps the search index between builds of one Builder, so the
// preview server re-analyses only the pages that changed. Its files are the
// same as a fresh index's for the same pages.
type searchIndex struct {
	ix     *search.Index
	hashes map[string]uint64 // URL → hash of the doc last added
}

// SearchEntry is the path in the output of the search index's entry file,
// which keeps its name (see newSearchIndex).
const SearchEntry = "search/entry.json"

// searchEntryURL is the URL of the index's entry file.
const searchEntryURL = "/" + SearchEntry

// buildSearch indexes every published page that allows it, and publishes
// the index files. It runs before the pages, which name the entry file.
// With Options.DeferSearch it only names the entry: Site.Search indexes.
//
// The index is made while the pages render (it needs only the pages'
// text, they need only the entry's name); finishSearch waits for it.
func (s *build) buildSearch(context.Context) {
	s.searchEntry = searchEntryURL
	if s.opts.DeferSearch {
		return
	}
	pl := s.newSearchPlan()
	s.plan = pl
	done := make(chan struct{})
	go func() {
		t := time.Now()
		files := s.indexSearchWith(pl)
		s.searchTook = time.Since(t) // read after done is closed
		// Published from here, while the pages still render: creating
		// a thousand files in one folder takes a third of a second on
		// some disks, which the build would otherwise wait for.
		s.publishSearch(files)
		close(done)
	}()
	s.searchDone = done
}

// finishSearch publishes the index made during the pages step.
func (s *build) finishSearch(context.Context) {
	if s.searchDone == nil {
		return
	}
	<-s.searchDone
	s.searchDone = nil
	if s.b.oneShot {
		s.b.search = nil
		for _, p := range s.pages {
			if p.md != nil {
				p.md.Blocks = nil // indexed: the text is not needed again
			}
		}
	}
}

// index returns the Builder's search index, made if need be.
func (s *build) index() *searchIndex {
	if s.b.search == nil {
		s.b.search = newSearchIndex()
	}
	return s.b.search
}

func newSearchIndex() *searchIndex {
	// The entry file keeps one name (search/entry.json): a fingerprinted
	// name would change with every edit of any page, and with it the HTML
	// of every page, so every deploy would upload the whole site. The
	// entry is small and revalidated; the shards it names are
	// fingerprinted and cached for good.
	return &searchIndex{ix: search.NewIndex(search.Options{StableEntry: true, Facets: searchFacets}), hashes: map[string]uint64{}}
}

// searchFacets are the results page's filters beside section and tag: the
// case studies' company, year and kinds of architecture before and after
// (see caseStudyFacets).
var searchFacets = []search.Facet{
	{Name: "company", Label: "Company"},
	{Name: "year", Label: "Year", Range: true},
	{Name: "from", Label: "From architecture"},
	{Name: "to", Label: "To architecture"},
}

// caseStudyFacets returns a case study's values for searchFacets.
func caseStudyFacets(cs *content.CaseStudy) map[string][]string {
	f := map[string][]string{"company": {cs.Company}}
	if cs.Year != 0 {
		f["year"] = []string{strconv.Itoa(cs.Year)}
	}
	if len(cs.Architecture) == 2 {
		f["from"] = []string{content.ArchitectureLabel(cs.Architecture[0])}
		f["to"] = []string{content.ArchitectureLabel(cs.Architecture[1])}
	}
	return f
}

// indexSearch brings the Builder's index up to date with the build's pages
// and returns its files.
func (s *build) indexSearch() search.Files { return s.indexSearchWith(s.newSearchPlan()) }

func (s *build) indexSearchWith(plan *searchPlan) search.Files {
	si := s.index()
	seen := map[string]bool{}
	var changed []search.Doc
	for i, p := range plan.pages {
		h := plan.keys[i]
		seen[p.URL] = true
		if old, ok := si.hashes[p.URL]; ok && old == h {
			continue
		}
		changed = append(changed, s.searchDoc(p))
		si.hashes[p.URL] = h
	}
	// One call for all: Add analyses its pages on every core.
	if err := si.ix.Add(changed...); err != nil {
		panic(err) // every page has a URL
	}
	for url := range si.hashes {
		if !seen[url] {
			si.ix.Remove(url)
			delete(si.hashes, url)
		}
	}
	files, _ := si.ix.Files()
	if "/"+files.Entry != searchEntryURL {
		panic("search index entry is " + files.Entry + ", not " + searchEntryURL)
	}
	return files
}

// publishSearch puts the index files in the build's output, in place of
// any index files it holds.
func (s *build) publishSearch(files search.Files) {
	for _, path := range s.files.Paths() {
		if strings.HasPrefix(path, "search/") && path != "search/index.html" && files.Data[path] == nil {
			s.files.Delete(path)
		}
	}
	for _, path := range files.Paths() {
		s.files.Put(path, files.Data[path], "")
	}
}

// textKey hashes what searchDoc takes from converted content.
func textKey(md *markdown.Result) uint64 {
	if md == nil {
		return 0
	}
	x := newSum("text", 0)
	x.str(md.Summary)
	for _, bl := range md.Blocks {
		x.str(bl.Anchor)
		x.str(bl.Heading)
		x.u64(uint64(bl.Level))
		x.str(bl.Text)
	}
	return x.value()
}

func (s *build) searchDoc(p *page) search.Doc {
	b := p.Base()
	d := search.Doc{URL: p.URL, Title: s.typesetIn(p.Section, p.Title()), Section: p.Section, Tags: b.Tags, Summary: s.typesetIn(p.Section, b.Summary)}
	if sec := s.byURL["/"+p.Section+"/"]; p.Section != "" && sec != nil {
		d.SectionTitle = s.typesetIn(p.Section, sec.Title())
	}
	if !b.Date.IsZero() {
		d.Date = b.Date.Format("2006-01-02")
	}
	if d.Summary == "" {
		d.Summary = truncate(p.md.Summary, 200)
	}
	if cs, ok := p.Meta.(*content.CaseStudy); ok {
		d.Facets = caseStudyFacets(cs)
	}
	for _, bl := range p.md.Blocks {
		d.Blocks = append(d.Blocks, search.Block{Anchor: bl.Anchor, Heading: bl.Heading, Level: bl.Level, Text: bl.Text})
	}
	return d
}

// docKey identifies what a page's search document is made from: its file,
// its text (by their keys) and its section's title. The text's key, not the
// HTML's, so that highlighting a plain build's code does not index every
// page again.
func (s *build) docKey(p *page) uint64 {
	x := newSum("doc", 0)
	x.bytes(p.Hash[:])
	x.u64(p.textKey)
	x.str(p.URL)
	x.str(p.Title()) // from the file's name, for some pages
	if s.cfg.PlainPunctuation(p.Section) {
		x.str("plain punctuation")
	}
	if sec := s.byURL["/"+p.Section+"/"]; p.Section != "" && sec != nil {
		x.str(sec.Title())
	}
	return x.value()
}

// newSearchPlan lists the pages the search index holds, with their doc
// keys.
func (s *build) newSearchPlan() *searchPlan {
	pl := &searchPlan{}
	for _, p := range s.pages {
		if p.md == nil || !p.Base().InSearch() || p.Kind == content.KindHome {
			continue
		}
		pl.pages = append(pl.pages, p)
		pl.keys = append(pl.keys, s.docKey(p))
	}
	return pl
}

type searchPlan struct {
	pages []*page
	keys  []uint64
}
