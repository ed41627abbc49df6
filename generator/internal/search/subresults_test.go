package search

import (
	"strings"
	"testing"
)

// subPage is a page whose words sit in known blocks: "gamma" in four
// blocks (three times in one), "beta" only in a heading, "sigma" only in
// the summary, "omega" only in the title, "zeta" twice in one block and
// once past 65,535 bytes of another.
func subPage() Doc {
	filler := strings.Repeat("filler words here ", 4000) // 72,000 bytes
	return Doc{
		URL: "/p/", Title: "Omega page", Summary: "A summary that mentions sigma once.",
		Blocks: []Block{
			{Text: "Alpha opens the page."},
			{Anchor: "a", Heading: "Beta heading", Level: 2, Text: "Some gamma here, and delta."},
			{Anchor: "b", Heading: "Second", Level: 2, Text: "Gamma, gamma and gamma again."},
			{Anchor: "c", Heading: "Third", Level: 2, Text: "One gamma."},
			{Anchor: "d", Heading: "Fourth", Level: 2, Text: "Another gamma, then zeta and zeta."},
			{Anchor: "e", Heading: "Far", Level: 2, Text: filler + "and at last zeta."},
		},
	}
}

// TestSubResults: a term's top-list record shows the page's best blocks
// for it, best first and at most maxSubs, each with its anchor, heading
// and an excerpt around the term; a term in no block shows the page as a
// whole.
func TestSubResults(t *testing.T) {
	files, err := Build([]Doc{subPage()}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	terms, _ := decodeAll(t, files)
	type want struct {
		block   byte
		anchor  string
		excerpt string // a word the excerpt must hold
	}
	cases := []struct {
		word string
		subs []want
	}{
		// Three times in "b"; once in "a", "c" and "d": the earlier wins ties.
		{"gamma", []want{{2, "b", "Gamma"}, {1, "a", "gamma"}, {3, "c", "gamma"}}},
		// In the heading only: the text under it, from its start.
		{"beta", []want{{1, "a", "Some"}}},
		{"sigma", []want{{pageLevel, "", "sigma"}}},
		// In the title only, and not in the summary: the summary.
		{"omega", []want{{pageLevel, "", "summary"}}},
		// Past what 16 bits of offset hold: found again.
		{"zeta", []want{{4, "d", "zeta"}, {5, "e", "zeta"}}},
	}
	for _, c := range cases {
		dt, ok := terms[stem(c.word)]
		if !ok || len(dt.Top) != 1 {
			t.Fatalf("%q: not in the index with one top record", c.word)
		}
		subs := dt.Top[0].Subs
		if len(subs) != len(c.subs) {
			t.Errorf("%q: %d sub-results %+v, want %d", c.word, len(subs), subs, len(c.subs))
			continue
		}
		for i, w := range c.subs {
			s := subs[i]
			if s.Block != w.block || s.Anchor != w.anchor || !strings.Contains(s.Excerpt, w.excerpt) {
				t.Errorf("%q sub-result %d: block %d #%s %q, want block %d #%s with %q", c.word, i, s.Block, s.Anchor, s.Excerpt, w.block, w.anchor, w.excerpt)
			}
			if w.block != pageLevel && s.Heading != subPage().Blocks[w.block].Heading {
				t.Errorf("%q sub-result %d: heading %q", c.word, i, s.Heading)
			}
			if n := len([]rune(s.Excerpt)); n > snippetBefore+snippetAfter+2 {
				t.Errorf("%q sub-result %d: an excerpt of %d characters", c.word, i, n)
			}
		}
	}
}
