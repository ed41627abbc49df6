package search

import (
	"math/rand/v2"
	"testing"
)

// addSaved decodes saved analyses and adds them, as the build does.
func addSaved(ix *Index, saved [][]byte) error {
	pages, err := DecodeSaved(saved)
	if err == nil {
		ix.AddDecoded(pages...)
	}
	return err
}

// TestSavedPagesIndexAsAnalysed builds an index from pages, saves every
// page's analysis, and builds a second index in a new Index from the saved
// analyses (some pages saved, some given again, some edited after saving):
// the files must be byte-identical to a Build of the same pages.
func TestSavedPagesIndexAsAnalysed(t *testing.T) {
	docs := append(syntheticDocs(120, 5), testCorpus(t)...)
	docs = append(docs, Doc{URL: "/empty/", Title: "Empty"}, Doc{URL: "/tags/", Title: "Tagged", Tags: []string{}, Blocks: []Block{{Text: ""}}})
	first := NewIndex(Options{})
	if err := first.Add(docs...); err != nil {
		t.Fatal(err)
	}
	want, _ := first.Files()
	saved := make([][]byte, len(docs))
	for i, d := range docs {
		if saved[i] = first.Saved(d.URL); saved[i] == nil {
			t.Fatalf("no saved analysis of %s", d.URL)
		}
	}
	if first.Saved("/nowhere/") != nil {
		t.Error("a page not in the index has a saved analysis")
	}

	again := NewIndex(Options{})
	if err := addSaved(again, saved); err != nil {
		t.Fatal(err)
	}
	got, _ := again.Files()
	sameFiles(t, "all pages from saved analyses", got, want)

	// Some saved, some analysed, then an edit and a removal.
	r := rand.New(rand.NewPCG(3, 4))
	mixed := NewIndex(Options{})
	var fresh []Doc
	var old [][]byte
	for i, d := range docs {
		if r.IntN(2) == 0 {
			fresh = append(fresh, d)
		} else {
			old = append(old, saved[i])
		}
	}
	if err := addSaved(mixed, old); err != nil {
		t.Fatal(err)
	}
	if err := mixed.Add(fresh...); err != nil {
		t.Fatal(err)
	}
	edited := editDoc(r, docs[0], 1)
	mixed.Add(edited)
	mixed.Remove(docs[1].URL)
	addSaved(mixed, [][]byte{first.Saved(docs[2].URL)}) // replaces the page
	got, _ = mixed.Files()
	live := append([]Doc{edited}, docs[2:]...)
	want, _ = Build(live, Options{})
	sameFiles(t, "saved and analysed pages mixed", got, want)
}

// TestSavedRejectsMalformed: a saved analysis cut short, of another format
// or with garbage appended is an error, never a page.
func TestSavedRejectsMalformed(t *testing.T) {
	ix := NewIndex(Options{})
	ix.Add(testCorpus(t)[0])
	rec := ix.Saved(testCorpus(t)[0].URL)
	for name, bad := range map[string][]byte{
		"empty":          {},
		"other format":   append([]byte{savedFormat + 1}, rec[1:]...),
		"cut short":      rec[:len(rec)/2],
		"bytes appended": append(append([]byte{}, rec...), 0),
	} {
		if _, err := DecodeSaved([][]byte{bad}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// FuzzSavedPage: no saved record, however malformed, panics the decoder
// or the index it is added to.
func FuzzSavedPage(f *testing.F) {
	ix := NewIndex(Options{})
	docs := []Doc{
		{URL: "/a/", Title: "Step Functions", Tags: []string{"serverless"}, Summary: "Costs at scale.",
			Blocks: []Block{{Text: "The state transitions cost more than the work."}, {Anchor: "fix", Heading: "The fix", Level: 2, Text: "One process on ECS."}}},
		{URL: "/b/", Title: "Monolith", Section: "patterns", SectionTitle: "Patterns", Date: "2023-03-22"},
	}
	ix.Add(docs...)
	for _, d := range docs {
		f.Add(ix.Saved(d.URL))
	}
	f.Add([]byte{savedFormat})
	f.Fuzz(func(t *testing.T, rec []byte) {
		ix := NewIndex(Options{})
		if err := addSaved(ix, [][]byte{rec}); err != nil {
			return
		}
		ix.Files()
		for url := range ix.docs {
			ix.Remove(url)
		}
		if len(ix.terms) != 0 {
			t.Fatalf("%d terms left after every page was removed", len(ix.terms))
		}
	})
}

// TestRestoredFilesAreReused: an Index given the last index's files
// (SavedFiles, RestoreFiles) makes the same files, taking the compressed
// data of those whose content is unchanged from what it was given.
func TestRestoredFilesAreReused(t *testing.T) {
	docs := syntheticDocs(80, 9)
	first := NewIndex(Options{StableEntry: true})
	first.Add(docs...)
	want, _ := first.Files()
	saved := first.SavedFiles()

	again := NewIndex(Options{StableEntry: true})
	again.Add(docs...)
	if err := again.RestoreFiles(saved); err != nil {
		t.Fatal(err)
	}
	got, _ := again.Files()
	sameFiles(t, "with the last files restored", got, want)

	// The restored data is what is used: a file changed in the saved
	// copy comes out changed.
	var victim string
	for _, p := range want.Paths() {
		if p != want.Entry {
			victim = p
			break
		}
	}
	first.emitted.data[victim] = []byte("marker")
	marked := NewIndex(Options{StableEntry: true})
	marked.Add(docs...)
	if err := marked.RestoreFiles(first.SavedFiles()); err != nil {
		t.Fatal(err)
	}
	if got, _ := marked.Files(); string(got.Data[victim]) != "marker" {
		t.Errorf("%s was compressed again instead of taken from the restored files", victim)
	}

	for _, n := range []int{0, 1, 40, len(saved) / 3, len(saved) / 2, len(saved) - 1} {
		if NewIndex(Options{}).RestoreFiles(saved[:n]) == nil {
			t.Fatalf("saved files cut at %d of %d bytes were taken", n, len(saved))
		}
	}
}

// FuzzSavedFiles: no bytes panic RestoreFiles or the Files call after it.
func FuzzSavedFiles(f *testing.F) {
	ix := NewIndex(Options{})
	ix.Add(Doc{URL: "/a/", Title: "Step Functions", Blocks: []Block{{Text: "state transitions"}}})
	ix.Files()
	f.Add(ix.SavedFiles())
	f.Fuzz(func(t *testing.T, b []byte) {
		ix := NewIndex(Options{})
		ix.Add(Doc{URL: "/a/", Title: "Step Functions", Blocks: []Block{{Text: "state transitions"}}})
		if ix.RestoreFiles(b) == nil {
			ix.Files()
		}
	})
}
