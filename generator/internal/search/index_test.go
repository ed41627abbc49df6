package search

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func sameFiles(t *testing.T, what string, got, want Files) {
	t.Helper()
	if got.Entry != want.Entry {
		t.Errorf("%s: entry %s, want %s", what, got.Entry, want.Entry)
	}
	gp, wp := got.Paths(), want.Paths()
	if !slices.Equal(gp, wp) {
		t.Fatalf("%s: files differ:\n got %d: %v\nwant %d: %v", what, len(gp), gp, len(wp), wp)
	}
	for _, p := range gp {
		if !bytes.Equal(got.Data[p], want.Data[p]) {
			t.Errorf("%s: %s differs", what, p)
		}
	}
}

// TestBuildDeterministic: the same pages give byte-identical files, in
// any input order.
func TestBuildDeterministic(t *testing.T) {
	docs := syntheticDocs(150, 7)
	a, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Build(docs, Options{})
	sameFiles(t, "second build", b, a)
	shuffled := slices.Clone(docs)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	c, _ := Build(shuffled, Options{})
	sameFiles(t, "shuffled build", c, a)
}

func TestBuildRejects(t *testing.T) {
	docs := testCorpus(t)
	if _, err := Build(append(docs, docs[0]), Options{}); err == nil || !strings.Contains(err.Error(), docs[0].URL) {
		t.Errorf("duplicate URL: err = %v, want one naming %s", err, docs[0].URL)
	}
	if _, err := Build([]Doc{{Title: "no URL"}}, Options{}); err == nil {
		t.Error("a page without a URL was accepted")
	}
}

// TestIncrementalMatchesBuild applies random sequences of adds, edits and
// removals to an Index and checks, after each step, that its files equal
// a fresh Build of the same pages and that Changes names the difference.
func TestIncrementalMatchesBuild(t *testing.T) {
	pool := withFacets(syntheticDocs(60, 3), rand.New(rand.NewPCG(7, 7)))
	opts := Options{TopK: 5, Facets: testFacets}
	for seed := range uint64(3) {
		r := rand.New(rand.NewPCG(seed, 99))
		ix := NewIndex(opts)
		live := map[string]Doc{}
		var prev Files
		for step := range 20 {
			switch op := r.IntN(10); {
			case op < 4 || len(live) == 0: // add a few
				var add []Doc
				for range 1 + r.IntN(8) {
					d := pool[r.IntN(len(pool))]
					add = append(add, d)
					live[d.URL] = d
				}
				if err := ix.Add(add...); err != nil {
					t.Fatal(err)
				}
			case op < 8: // edit one: text, title, tags or section
				d := pickLive(r, live)
				d = editDoc(r, d, step)
				live[d.URL] = d
				if err := ix.Add(d); err != nil {
					t.Fatal(err)
				}
			default:
				d := pickLive(r, live)
				delete(live, d.URL)
				ix.Remove(d.URL)
			}
			got, ch := ix.Files()
			var docs []Doc
			for _, d := range live {
				docs = append(docs, d)
			}
			want, err := Build(docs, opts)
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, fmt.Sprintf("seed %d step %d", seed, step), got, want)
			checkChanges(t, prev, got, ch)
			prev = got
		}
	}
}

func pickLive(r *rand.Rand, live map[string]Doc) Doc {
	urls := make([]string, 0, len(live))
	for u := range live {
		urls = append(urls, u)
	}
	slices.Sort(urls)
	return live[urls[r.IntN(len(urls))]]
}

func editDoc(r *rand.Rand, d Doc, step int) Doc {
	d.Blocks = slices.Clone(d.Blocks)
	switch r.IntN(5) {
	case 0:
		i := r.IntN(len(d.Blocks))
		d.Blocks[i].Text += fmt.Sprintf(" edited %d quixotic", step)
	case 1:
		d.Title += " revised"
	case 2:
		d.Tags = append(slices.Clone(d.Tags), fmt.Sprintf("tag-%d", step%3))
	case 3:
		d.Section, d.SectionTitle = "patterns", "Patterns"
	case 4:
		d.Facets = facetValues(r, []string{"Monolith", "Services"})
	}
	return d
}

func checkChanges(t *testing.T, prev, cur Files, ch Changes) {
	t.Helper()
	var added, removed []string
	for _, p := range cur.Paths() {
		if _, ok := prev.Data[p]; !ok {
			added = append(added, p)
		}
	}
	for _, p := range prev.Paths() {
		if _, ok := cur.Data[p]; !ok {
			removed = append(removed, p)
		}
	}
	if !slices.Equal(ch.Added, added) || !slices.Equal(ch.Removed, removed) {
		t.Errorf("changes: added %v removed %v, want added %v removed %v", ch.Added, ch.Removed, added, removed)
	}
}

// TestUpdateTouchesFewFiles: editing one page's text re-emits the shards
// of its words, not the whole index, when the page ids do not move.
func TestUpdateTouchesFewFiles(t *testing.T) {
	docs := testCorpus(t)
	ix := NewIndex(Options{})
	ix.Add(docs...)
	before, _ := ix.Files()
	d := docs[5]
	d.Blocks = slices.Clone(d.Blocks)
	d.Blocks[1].Text += " Quixotic."
	ix.Add(d)
	gen := ix.gen
	after, ch := ix.Files()
	// Each term encoded takes a generation: only the page's own terms
	// should have been, not the whole vocabulary.
	if encoded, own := ix.gen-gen, len(ix.docs[d.URL].postings); encoded > uint64(own) {
		t.Errorf("an edit of one page encoded %d terms again; the page has %d", encoded, own)
	}
	if len(ch.Added) == 0 || len(ch.Added) >= len(after.Data) {
		t.Errorf("an edit changed %d of %d files: %v", len(ch.Added), len(after.Data), ch.Added)
	}
	if len(ch.Added) != len(ch.Removed) {
		t.Errorf("an edit added %d files and removed %d", len(ch.Added), len(ch.Removed))
	}
	if before.Entry == after.Entry {
		t.Error("the entry file did not change although a shard did")
	}
}

// TestStableEntry: with StableEntry the entry keeps its name across edits
// while its content follows them.
func TestStableEntry(t *testing.T) {
	docs := testCorpus(t)
	ix := NewIndex(Options{StableEntry: true})
	ix.Add(docs...)
	a, _ := ix.Files()
	d := docs[0]
	d.Title += " revised"
	ix.Add(d)
	b, ch := ix.Files()
	if a.Entry != "search/entry.json" || b.Entry != a.Entry {
		t.Errorf("entries %s then %s, want search/entry.json", a.Entry, b.Entry)
	}
	if bytes.Equal(a.Data[a.Entry], b.Data[b.Entry]) || !slices.Contains(ch.Added, b.Entry) {
		t.Error("the entry did not follow the edit")
	}
}

// TestEmptySite: a site with no pages gets a valid, empty index.
func TestEmptySite(t *testing.T) {
	f, err := Build(nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(f.Data[f.Entry]); !strings.Contains(got, `"meta":[]`) || !strings.Contains(got, `"shards":[]`) {
		t.Errorf("entry of an empty site: %s", got)
	}
}
