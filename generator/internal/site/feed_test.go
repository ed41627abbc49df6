package site

import (
	"encoding/xml"
	"strings"
	"testing"
)

// atomFeed is an Atom feed as a reader reads it.
type atomFeed struct {
	Updated string `xml:"updated"`
	Entries []struct {
		Title      string `xml:"title"`
		ID         string `xml:"id"`
		Published  string `xml:"published"`
		Updated    string `xml:"updated"`
		Summary    string `xml:"summary"`
		Categories []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
		Content struct {
			Type string `xml:"type,attr"`
			Text string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

func readFeed(t *testing.T, s *Site) atomFeed {
	t.Helper()
	f, ok := s.Files.Get("atom.xml")
	if !ok {
		t.Fatal("no atom.xml")
	}
	var feed atomFeed
	if err := xml.Unmarshal(f.Data, &feed); err != nil {
		t.Fatalf("atom.xml does not parse: %v", err)
	}
	return feed
}

// TestFeedListsArticles: the feed lists the articles (case studies,
// trade-offs, checklists, calculators), newest first, each with its full
// content made readable in a feed reader; not the home page, About, the
// glossary, sections or tags.
func TestFeedListsArticles(t *testing.T) {
	s, _ := buildSharing(t)
	feed := readFeed(t, s)
	var ids []string
	for _, e := range feed.Entries {
		ids = append(ids, strings.TrimPrefix(e.ID, "https://kb.example.org"))
	}
	want := "/calculators/double/ /checklists/split/ /patterns/sync-vs-queues/ /case-studies/acme/ /case-studies/beta/"
	if strings.Join(ids, " ") != want {
		t.Fatalf("the feed lists %s\nwant %s", strings.Join(ids, " "), want)
	}
	if feed.Updated != "2024-04-01T00:00:00Z" {
		t.Errorf("the feed's updated is %s, its newest entry's date", feed.Updated)
	}
	byID := map[string]int{}
	for i, id := range ids {
		byID[id] = i
		e := feed.Entries[i]
		if e.Content.Type != "html" || e.Content.Text == "" || e.Published == "" || e.Updated == "" || e.Summary == "" {
			t.Errorf("%s: content %q of type %q, published %q, updated %q, summary %q", id, e.Content.Text, e.Content.Type, e.Published, e.Updated, e.Summary)
		}
		if strings.Contains(e.Content.Text, `href="/`) || strings.Contains(e.Content.Text, `href="#`) || strings.Contains(e.Content.Text, "<script") {
			t.Errorf("%s: a relative link or a script in the feed's content:\n%s", id, e.Content.Text)
		}
	}
	acme := feed.Entries[byID["/case-studies/acme/"]]
	if acme.Title != "ACME’s billing: from Lambdas to one process" || acme.Published != "2023-03-22T00:00:00Z" || acme.Updated != "2023-04-01T00:00:00Z" ||
		len(acme.Categories) != 2 || acme.Categories[0].Term != "serverless" {
		t.Errorf("the case study's entry: %+v", acme)
	}
	for _, text := range []string{`<h2 id="lessons">Lessons</h2>`, `<a href="https://kb.example.org/patterns/sync-vs-queues/">sync calls vs. queues</a>`, "<p>At low volume.</p>"} {
		if !strings.Contains(acme.Content.Text, text) {
			t.Errorf("the case study's content has no %s:\n%s", text, acme.Content.Text)
		}
	}
	if strings.Contains(acme.Content.Text, "Section titled") {
		t.Error("the headings' permalinks are in the feed")
	}
	calc := feed.Entries[byID["/calculators/double/"]].Content.Text
	if !strings.Contains(calc, `Interactive on the page: <a href="https://kb.example.org/calculators/double/#calc-double">Double</a>`) || strings.Contains(calc, "<input") {
		t.Errorf("the calculator is not replaced by a link to it:\n%s", calc)
	}
	checklist := feed.Entries[byID["/checklists/split/"]].Content.Text
	if !strings.Contains(checklist, "Would it scale on its own?") || strings.Contains(checklist, "<input") {
		t.Errorf("the checklist's questions are not text:\n%s", checklist)
	}
}
