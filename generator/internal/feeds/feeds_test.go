package feeds

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

// TestAtomUpdatedIsTheNewestEntry: the feed's updated date is its newest
// entry's, so the feed is byte-identical from one build to the next while
// its entries are; the build time is used only when no entry has a date.
func TestAtomUpdatedIsTheNewestEntry(t *testing.T) {
	buildTime := time.Date(2026, 11, 26, 4, 5, 6, 0, time.UTC)
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	feed := Feed{Title: "Site", SiteURL: "https://example.org/", SelfURL: "https://example.org/atom.xml", Updated: buildTime}
	for _, tc := range []struct {
		name    string
		entries []Entry
		want    string
	}{
		{"dated entries", []Entry{{URL: "a", Published: day(3)}, {URL: "b", Published: day(1), Updated: day(9)}}, "2024-01-09T00:00:00Z"},
		{"no dates", []Entry{{URL: "a"}}, "2026-11-26T04:05:06Z"},
		{"no entries", nil, "2026-11-26T04:05:06Z"},
	} {
		b, err := Atom(feed, tc.entries)
		if err != nil {
			t.Fatal(err)
		}
		head := string(b)[:strings.Index(string(b), "<link")]
		if !strings.Contains(head, "<updated>"+tc.want+"</updated>") {
			t.Errorf("%s: the feed's updated is not %s:\n%s", tc.name, tc.want, head)
		}
	}
}

// TestAtomContent: an entry's content is its HTML, escaped once as Atom's
// type="html" asks, and its tags are categories.
func TestAtomContent(t *testing.T) {
	html := `<p>A &amp; B <a href="https://example.org/x/">x</a></p>`
	b, err := Atom(Feed{Title: "Site", SiteURL: "https://example.org/"}, []Entry{{URL: "https://example.org/a/", Title: "A", Content: html, Categories: []string{"cost", "a&b"}}})
	if err != nil {
		t.Fatal(err)
	}
	var feed struct {
		Entries []struct {
			Content struct {
				Type string `xml:"type,attr"`
				Text string `xml:",chardata"`
			} `xml:"content"`
			Categories []struct {
				Term string `xml:"term,attr"`
			} `xml:"category"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(b, &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 1 || feed.Entries[0].Content.Type != "html" || feed.Entries[0].Content.Text != html {
		t.Fatalf("the entry's content: %+v\n%s", feed.Entries, b)
	}
	if c := feed.Entries[0].Categories; len(c) != 2 || c[0].Term != "cost" || c[1].Term != "a&b" {
		t.Errorf("categories %+v", c)
	}
	if b, _ := Atom(Feed{Title: "Site"}, []Entry{{URL: "u", Title: "T"}}); strings.Contains(string(b), "<content") {
		t.Errorf("an entry without content has a content element:\n%s", b)
	}
}
