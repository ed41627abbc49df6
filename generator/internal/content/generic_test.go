package content

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

func TestGenericFrontMatter(t *testing.T) {
	tests := []struct {
		name, file, src string
		title, summary  string
		titleLine       int
	}{
		{"no front matter: the first # heading", "content/docs/a.md", "Intro line.\n\n# The *real* `title`\n\nText.\n", "The real title", "", 5 - 2},
		{"a setext heading", "content/docs/a.md", "Project\n=======\n", "Project", "", 1},
		{"a heading in front matter's place", "content/docs/a.md", "---\ntags: [x]\n---\n# From the body\n", "From the body", "", 4},
		{"no heading: the file's name", "content/docs/getting_started-guide.md", "Just text.\n", "Getting started guide", "", 0},
		{"a README: the folder's name", "content/docs/Install Notes/README.md", "## Not a title\n", "Install Notes", "", 0},
		{"the home page", "content/README.md", "text\n", "Home", "", 0},
		{"an h2 is not a title", "content/docs/x.md", "## Second level\n", "X", "", 0},
		{"a # inside code is not a title", "content/docs/x.md", "```\n# comment\n```\n", "X", "", 0},
		{"front matter title wins", "content/docs/x.md", "---\ntitle: Given\n---\n# Heading\n", "Given", "", 0},
		{"description is the summary", "content/docs/x.md", "---\ntitle: T\ndescription: From Jekyll.\n---\n", "T", "From Jekyll.", 0},
		{"summary wins over description", "content/docs/x.md", "---\ntitle: T\nsummary: Ours.\ndescription: Theirs.\n---\n", "T", "Ours.", 0},
		{"an unclosed --- is a thematic break", "content/docs/x.md", "---\n# After the rule\n", "After the rule", "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, site, diags := placed(t, map[string]string{tt.file: tt.src})
			if diags != "" {
				t.Fatalf("diagnostics: %s", diags)
			}
			var p *Page
			for _, q := range site.Pages {
				if q.Source == tt.file {
					p = q
				}
			}
			if p == nil {
				t.Fatalf("no page %s", tt.file)
			}
			if p.Title() != tt.title || p.Base().Summary != tt.summary || p.TitleLine != tt.titleLine {
				t.Errorf("title %q, summary %q, line %d; want %q, %q, %d", p.Title(), p.Base().Summary, p.TitleLine, tt.title, tt.summary, tt.titleLine)
			}
		})
	}
}

func TestIgnoredKeysOneWarningEach(t *testing.T) {
	files := map[string]string{}
	for _, name := range []string{"a", "b", "c", "d", "e"} {
		files["content/docs/"+name+".md"] = "---\nlayout: page\nnav_order: 2\ntitle: " + name + "\n---\n"
	}
	files["content/docs/f.md"] = "---\npermalink: /f/\n---\n"
	_, _, diags := placed(t, files)
	want := strings.Join([]string{
		`content/docs/a.md:2:1: warning: front matter key "layout" is not used by this site and is ignored (on 5 pages: docs/a.md, docs/b.md, docs/c.md and 2 more); the keys a page may have are listed in CONTRIBUTING.md`,
		`content/docs/a.md:3:1: warning: front matter key "nav_order" is not used by this site and is ignored (on 5 pages: docs/a.md, docs/b.md, docs/c.md and 2 more); the keys a page may have are listed in CONTRIBUTING.md`,
		`content/docs/f.md:2:1: warning: front matter key "permalink" is not used by this site and is ignored (on 1 page: docs/f.md); the keys a page may have are listed in CONTRIBUTING.md`,
	}, "\n")
	if diags != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", diags, want)
	}
}

func TestFromBody(t *testing.T) {
	info := FromBody([]byte("[![badge](b.svg)](x)\n\n# <img src=logo.png> My [Project](https://x.org)\n\nA **fast** tool.\nSecond line.\n"))
	if info.Title != "My Project" || info.TitleLine != 3 || info.Summary != "A fast tool. Second line." {
		t.Errorf("%+v", info)
	}
}

func TestGenericStillRefusesBadYAML(t *testing.T) {
	_, _, diags := placed(t, map[string]string{"content/docs/a.md": "---\ntitle: A\ntitle: B\ndate: soon\n---\n"})
	if !strings.Contains(diags, "duplicate key") {
		t.Errorf("diagnostics: %s", diags)
	}
}

// FuzzGenericPage loads arbitrary files as a page of a generic section, with
// or without front matter: none may panic; a page that loads has a title
// (from its front matter, its first heading or its name), its title line
// is inside the body, and every diagnostic points inside the file.
func FuzzGenericPage(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nFirst paragraph.\n",
		"Title\n=====\n\ntext\n",
		"---\nlayout: post\ndescription: d\n---\n# T\n",
		"---\ntitle: [\n---\n",
		"<h1>html</h1>\n\n# *emph* `code` [link](x.md) ![img](a.png)\n",
		"> # quoted\n\n-\n# after a list\n",
		"---\n---\n",
		"\n\n#\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		const name = "content/docs/Some File.md"
		site, diags := Load(context.Background(), fstest.MapFS{name: {Data: src}}, Options{})
		lines := strings.Count(string(src), "\n") + 1
		for _, d := range diags {
			if d.Pos.File == name && d.Pos.Line > lines {
				t.Fatalf("diagnostic outside the file (%d lines): %v", lines, d)
			}
		}
		if diags.HasErrors() {
			return
		}
		for _, p := range site.Pages {
			if p.Source != name {
				continue
			}
			if strings.TrimSpace(p.Title()) == "" {
				t.Fatalf("a page with no title")
			}
			if p.TitleLine < 0 || p.TitleLine > lines {
				t.Fatalf("title line %d outside the file (%d lines)", p.TitleLine, lines)
			}
		}
	})
}
