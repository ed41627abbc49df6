package markdown

import (
	"strings"
	"testing"
)

// TestGitHubHeadingIDs checks ids against those GitHub gives the same
// headings, and that the ids headings had before stay as second ids.
func TestGitHubHeadingIDs(t *testing.T) {
	body := "## Some Heading\n\n## What's new?\n\n## A & B\n\n## Café\n\n## Step 1: `install` it\n\n## See [the docs](https://example.org)\n\n## Some Heading\n\n## 日本語\n\n## Emoji 🚀 launch\n"
	r := New(Options{}).Convert(Input{File: "p.md", Body: []byte(body), BodyLine: 1})
	var ids []string
	for _, h := range r.Headings {
		ids = append(ids, h.ID)
	}
	want := []string{"some-heading", "whats-new", "a--b", "café", "step-1-install-it", "see-the-docs", "some-heading-1", "日本語", "emoji--launch"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("ids:\n%q\nwant:\n%q", ids, want)
	}
	html := string(r.HTML)
	for _, old := range []string{"a-b", "cafe", "see-the-docs-https-example-org", "section", "emoji-launch"} {
		if !strings.Contains(html, `<div class="heading h2" id="`+old+`">`) {
			t.Errorf("no alias %q for the old id in:\n%s", old, html)
		}
	}
	if strings.Count(html, `id="whats-new"`) != 1 {
		t.Errorf("an id that did not change has an alias:\n%s", html)
	}
}

// TestAliasNeverDuplicatesAnID: an old id that another heading now has
// stays that heading's.
func TestAliasNeverDuplicatesAnID(t *testing.T) {
	r := New(Options{}).Convert(Input{File: "p.md", Body: []byte("## A & B\n\n## A B\n"), BodyLine: 1})
	html := string(r.HTML)
	if strings.Count(html, `id="a-b"`) != 1 {
		t.Errorf("id a-b is on two elements:\n%s", html)
	}
}

func TestTitleHeadingNotShownTwice(t *testing.T) {
	body := "<!-- badges -->\n# The Project\n\nIntro.\n\n## Usage\n\n# Another top heading\n"
	r := New(Options{}).Convert(Input{File: "p.md", Body: []byte(body), BodyLine: 3, TitleLine: 4})
	html := string(r.HTML)
	if strings.Contains(html, "The Project") || !strings.Contains(html, `<span id="the-project"></span>`) {
		t.Errorf("the title heading is shown, or its anchor is gone:\n%s", html)
	}
	if !strings.Contains(html, "Another top heading") || !strings.Contains(html, "Usage") {
		t.Errorf("other headings are gone:\n%s", html)
	}
	if r.Summary != "Intro." {
		t.Errorf("summary %q", r.Summary)
	}
	// Without TitleLine the heading stays.
	r = New(Options{}).Convert(Input{File: "p.md", Body: []byte(body), BodyLine: 3})
	if !strings.Contains(string(r.HTML), "The Project</h1>") {
		t.Errorf("the heading is gone without TitleLine:\n%s", r.HTML)
	}
}

func TestPlainPunctuation(t *testing.T) {
	body := "Run `x` with --flag and -- then \"quoted\" and it's... done.\n"
	c := New(Options{})
	plain := string(c.Convert(Input{File: "p.md", Body: []byte(body), BodyLine: 1, PlainPunctuation: true}).HTML)
	if !strings.Contains(plain, "--flag and -- then &quot;quoted&quot; and it's... done") {
		t.Errorf("punctuation changed with PlainPunctuation:\n%s", plain)
	}
	smart := string(c.Convert(Input{File: "p.md", Body: []byte(body), BodyLine: 1}).HTML)
	if !strings.Contains(smart, "&ndash;flag") || !strings.Contains(smart, "&ldquo;quoted&rdquo;") {
		t.Errorf("no smart punctuation by default:\n%s", smart)
	}
}
