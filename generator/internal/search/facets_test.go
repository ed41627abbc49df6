package search

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// testFacets are the site's facets, as the tests use them.
var testFacets = []Facet{
	{Name: "company", Label: "Company"},
	{Name: "year", Label: "Year", Range: true},
	{Name: "from", Label: "From architecture"},
	{Name: "to", Label: "To architecture"},
}

// withFacets gives the case studies among docs facet values drawn from r.
func withFacets(docs []Doc, r *rand.Rand) []Doc {
	kinds := []string{"Monolith", "Microservices", "Serverless", "Cloud"}
	out := slices.Clone(docs)
	for i := range out {
		if out[i].Section != "case-studies" {
			continue
		}
		out[i].Facets = facetValues(r, kinds)
	}
	return out
}

func facetValues(r *rand.Rand, kinds []string) map[string][]string {
	return map[string][]string{
		"company": {fmt.Sprintf("Company %c", 'A'+r.IntN(5))},
		"year":    {fmt.Sprint(2015 + r.IntN(10))},
		"from":    {kinds[r.IntN(len(kinds))]},
		"to":      {kinds[r.IntN(len(kinds))]},
	}
}

// decodedFacet is a facet of the index: its entry line and, per value,
// the URLs of its pages.
type decodedFacet struct {
	entry  [3]string
	values []string
	pages  map[string][]string
}

// decodeFacets reads the facet file the way the client does; urls maps
// page ids to URLs.
func decodeFacets(t *testing.T, f Files, urls []string) []decodedFacet {
	t.Helper()
	e := decodeEntry(t, f)
	if e.FacetFile == "" {
		if len(e.Facets) != 0 {
			t.Fatalf("the entry lists facets %v but no facet file", e.Facets)
		}
		return nil
	}
	r := &reader{b: gunzip(t, f.Data["search/"+e.FacetFile])}
	var out []decodedFacet
	for _, ef := range e.Facets {
		df := decodedFacet{entry: ef, pages: map[string][]string{}}
		for n := r.u(); n > 0; n-- {
			v := r.str()
			df.values = append(df.values, v)
			id := 0
			for c := r.u(); c > 0; c-- {
				id += r.u()
				df.pages[v] = append(df.pages[v], urls[id])
			}
		}
		out = append(out, df)
	}
	if r.i != len(r.b) {
		t.Fatalf("facet file: %d bytes left over", len(r.b)-r.i)
	}
	return out
}

func pageURLs(ix *Index) []string {
	var urls []string
	for _, d := range ix.order {
		urls = append(urls, d.doc.URL)
	}
	return urls
}

// TestFacetFile: the entry lists the facets some page has a value for, in
// the options' order, and the facet file lists each value's pages; a
// range's values are whole numbers in numeric order.
func TestFacetFile(t *testing.T) {
	docs := []Doc{
		{URL: "/a/", Title: "A", Facets: map[string][]string{"company": {"Zeta"}, "year": {"2016"}}},
		{URL: "/b/", Title: "B", Facets: map[string][]string{"company": {"Alpha", "Zeta"}, "year": {"9"}}},
		{URL: "/c/", Title: "C", Facets: map[string][]string{"year": {"10", "abc", "-1", "0100", "1234567890"}}},
		{URL: "/d/", Title: "D"},
	}
	ix := NewIndex(Options{Facets: testFacets})
	ix.Add(docs...)
	files, _ := ix.Files()
	got := decodeFacets(t, files, pageURLs(ix))
	if len(got) != 2 || got[0].entry != [3]string{"company", "Company", "values"} || got[1].entry != [3]string{"year", "Year", "range"} {
		t.Fatalf("entry facets %+v, want company then year (from and to have no values)", got)
	}
	company, year := got[0], got[1]
	if !slices.Equal(company.values, []string{"Alpha", "Zeta"}) || !slices.Equal(company.pages["Zeta"], []string{"/a/", "/b/"}) {
		t.Errorf("company: %v %v", company.values, company.pages)
	}
	if !slices.Equal(year.values, []string{"9", "10", "2016"}) {
		t.Errorf("year values %v, want the whole numbers in numeric order", year.values)
	}
	if !slices.Equal(year.pages["10"], []string{"/c/"}) {
		t.Errorf("year 10: %v", year.pages["10"])
	}

	none, _ := Build(docs, Options{})
	if e := decodeEntry(t, none); len(e.Facets) != 0 || e.FacetFile != "" {
		t.Errorf("an index without facets lists %v in %q", e.Facets, e.FacetFile)
	}
	if !strings.Contains(string(none.Data[none.Entry]), `"facets":[]`) {
		t.Errorf("entry without facets: %s", none.Data[none.Entry])
	}
}

// TestFacetNames: a facet may not take the name of another filter.
func TestFacetNames(t *testing.T) {
	for _, name := range []string{"q", "section", "tag", "", "company"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("facet name %q accepted", name)
				}
			}()
			NewIndex(Options{Facets: append(slices.Clone(testFacets), Facet{Name: name})})
		}()
	}
}

// TestFacetsFollowEdits: an Index whose pages' facet values change makes
// the same files as a fresh Build (see also TestIncrementalMatchesBuild,
// whose edits include facets).
func TestFacetsFollowEdits(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	docs := withFacets(testCorpus(t), r)
	ix := NewIndex(Options{Facets: testFacets})
	ix.Add(docs...)
	ix.Files()
	docs[0].Facets = map[string][]string{"company": {"Renamed"}}
	ix.Add(docs[0])
	ix.Remove(docs[1].URL)
	got, _ := ix.Files()
	want, _ := Build(append([]Doc{docs[0]}, docs[2:]...), Options{Facets: testFacets})
	sameFiles(t, "after facet edits", got, want)
	byValue := decodeFacets(t, got, pageURLs(ix))[0].pages
	if !slices.Equal(byValue["Renamed"], []string{docs[0].URL}) {
		t.Errorf("company values %v", slices.Collect(maps.Keys(byValue)))
	}
}
