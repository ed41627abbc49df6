package site

import (
	"context"
	"hash/fnv"
	"io"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/search"
)

// searchIndex keeps the search index between builds of one Builder, so the
// preview server re-analyses only the pages that changed. Its files are the
// same as a fresh index's for the same pages.
type searchIndex struct {
	ix     *search.Index
	hashes map[string]uint64 // URL → hash of the doc last added
}

// buildSearch indexes every published page that allows it, and publishes
// the index files. It runs before the pages, which name the entry file.
func (s *build) buildSearch(context.Context) {
	si := s.b.search
	if si == nil {
		// The entry file keeps one name (search/entry.json): a fingerprinted
		// name would change with every edit of any page, and with it the
		// HTML of every page, so every deploy would upload the whole site.
		// The entry is small and revalidated; the shards it names are
		// fingerprinted and cached for good.
		si = &searchIndex{ix: search.NewIndex(search.Options{StableEntry: true}), hashes: map[string]uint64{}}
		s.b.search = si
	}
	seen := map[string]bool{}
	for _, p := range s.pages {
		if p.md == nil || !p.Base().InSearch() || p.Kind == content.KindHome {
			continue
		}
		doc := s.searchDoc(p)
		h := docHash(doc)
		seen[doc.URL] = true
		if old, ok := si.hashes[doc.URL]; ok && old == h {
			continue
		}
		si.ix.Update(doc)
		si.hashes[doc.URL] = h
	}
	for url := range si.hashes {
		if !seen[url] {
			si.ix.Remove(url)
			delete(si.hashes, url)
		}
	}
	files, _ := si.ix.Files()
	for _, path := range files.Paths() {
		if err := s.files.Add(path, files.Data[path], ""); err != nil {
			s.diags.Append(diag.AsList(err, diag.Pos{}))
		}
	}
	s.searchEntry = "/" + files.Entry
}

func (s *build) searchDoc(p *page) search.Doc {
	b := p.Base()
	d := search.Doc{URL: p.URL, Title: p.Title(), Section: p.Section, Tags: b.Tags, Summary: b.Summary}
	if sec := s.byURL["/"+p.Section+"/"]; p.Section != "" && sec != nil {
		d.SectionTitle = sec.Title()
	}
	if !b.Date.IsZero() {
		d.Date = b.Date.Format("2006-01-02")
	}
	if d.Summary == "" {
		d.Summary = truncate(p.md.Summary, 200)
	}
	for _, bl := range p.md.Blocks {
		d.Blocks = append(d.Blocks, search.Block{Anchor: bl.Anchor, Heading: bl.Heading, Level: bl.Level, Text: bl.Text})
	}
	return d
}

// docHash identifies a doc's contents, to skip re-indexing unchanged pages.
func docHash(d search.Doc) uint64 {
	h := fnv.New64a()
	w := func(s string) { io.WriteString(h, s); h.Write([]byte{0}) }
	w(d.URL)
	w(d.Title)
	w(d.Section)
	w(d.SectionTitle)
	w(strings.Join(d.Tags, "\x01"))
	w(d.Summary)
	w(d.Date)
	for _, b := range d.Blocks {
		w(b.Anchor)
		w(b.Heading)
		w(string(rune('0' + b.Level)))
		w(b.Text)
	}
	return h.Sum64()
}
