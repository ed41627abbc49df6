package site

import (
	"fmt"
	"strings"
	"testing"
)

// TestGenericSectionRelaxes builds, in a generic section, what TestBadInput
// refuses in a strict one: each builds, with at most a warning.
func TestGenericSectionRelaxes(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		url   string // a page that must be published
		title string // with this title
		want  string // diagnostics
	}{
		{"a key for another generator", map[string]string{"content/notes/x.md": "---\ntitle: X\nlayout: post\n---\n"}, "notes/x/index.html", "X",
			`content/notes/x.md:3:1: warning: front matter key "layout" is not used by this site and is ignored (on 1 page: notes/x.md); the keys a page may have are listed in CONTRIBUTING.md`},
		{"no title", map[string]string{"content/notes/x.md": "---\nsummary: No title.\n---\n# From the heading\n"}, "notes/x/index.html", "From the heading", ""},
		{"no front matter", map[string]string{"content/notes/x.md": "Just markdown.\n"}, "notes/x/index.html", "X", ""},
		{"a name with spaces and capitals", map[string]string{"content/notes/My Page.md": "# Mine\n"}, "notes/my-page/index.html", "Mine", ""},
		{"pages beside index.md", map[string]string{"content/notes/b/index.md": "# B\n", "content/notes/b/extra.md": "# E\n"}, "notes/b/index.html", "B", ""},
		{"a README", map[string]string{"content/notes/b/README.md": "# Read me\n", "content/notes/b/extra.md": "# E\n"}, "notes/b/index.html", "Read me", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := buildSite(t, siteFS(tt.files))
			if got := strings.TrimSpace(s.Diags.Error()); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
			f, ok := s.Files.Get(tt.url)
			if !ok {
				t.Fatalf("nothing at %s; files: %v", tt.url, s.Files.Paths())
			}
			if h1 := "<h1>" + tt.title + "</h1>"; !strings.Contains(string(f.Data), h1) {
				t.Errorf("%s has no %s:\n%s", tt.url, h1, region(f.Data, "<main", "</main>"))
			}
		})
	}
}

// TestLinksResolveByFile checks that links written for GitHub, to files
// relative to the page's own, lead where the files are published.
func TestLinksResolveByFile(t *testing.T) {
	s := buildSite(t, siteFS(map[string]string{
		"content/docs/README.md":    "# Docs\n",
		"content/docs/Other_Doc.md": "# Other\n\n## Some Heading\n",
		"content/docs/guide/Guide Page.md": strings.Join([]string{
			"# Guide",
			"[a](../Other_Doc.md#Some-Heading) [b](../) [c](../README.md) [d](./sub/) [e](sub/README.md) [f](sub)",
			"[g](../Other%20Spaced.md) [h](/docs/Other_Doc.md#some-heading) [i](#Part-Two) [j](files/Spec%20v2.pdf)",
			"![img](images/Diagram%201.PNG) <img src=\"images/Diagram 1.PNG\" alt=\"raw\">",
			"## Part Two",
		}, "\n\n") + "\n",
		"content/docs/guide/sub/README.md":        "# Sub\n",
		"content/docs/guide/sub/more.md":          "# More\n",
		"content/docs/guide/images/Diagram 1.PNG": "PNG",
		"content/docs/guide/files/Spec v2.pdf":    "%PDF",
		"content/docs/Other Spaced.md":            "# Spaced\n",
	}))
	if s.Diags.HasErrors() || len(s.Diags) > 0 {
		t.Fatalf("diagnostics:\n%s", s.Diags.Error())
	}
	f, _ := s.Files.Get("docs/guide/guide-page/index.html")
	page := string(f.Data)
	for _, want := range []string{
		`href="/docs/other-doc/#some-heading">a<`, `href="/docs/">b<`, `href="/docs/">c<`,
		`href="/docs/guide/sub/">d<`, `href="/docs/guide/sub/">e<`, `href="/docs/guide/sub/">f<`,
		`href="/docs/other-spaced/">g<`, `href="/docs/other-doc/#some-heading">h<`, `href="#part-two">i<`,
		`href="/docs/guide/files/spec-v2.pdf">j<`,
		`<img src="/docs/guide/images/diagram-1.png" alt="img"`, `<img src="/docs/guide/images/diagram-1.png" alt="raw">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s in:\n%s", want, region(f.Data, "<main", "</main>"))
		}
	}
	for _, out := range []string{"docs/guide/images/diagram-1.png", "docs/guide/files/spec-v2.pdf"} {
		if !s.Files.Has(out) {
			t.Errorf("%s is not published", out)
		}
	}
}

// TestRemoteImages checks that a remote image the site's
// Content-Security-Policy would block is a warning at its file:line, from
// markdown and from raw HTML; that img_src lets it load, with no warning
// and the origin in the policy served; and that a netlify.toml whose
// policy leaves the origin out is told so.
func TestRemoteImages(t *testing.T) {
	page := "# Badges\n\n![build](https://img.shields.io/badge/build-ok-green.svg)\n\n<img src=\"https://img.shields.io/x.svg\" alt=\"x\">\n\n[a link is not an image](https://example.org/a.png)\n"
	blocked := func(line int, src string) string {
		return fmt.Sprintf("content/docs/README.md:%d:1: warning: image %s is blocked by the site's Content Security Policy (img-src 'self' data:), so readers would see a broken image: "+
			"save the image in the page's bundle, beside the page or in static/ and link it by its path, or add https://img.shields.io to img_src in content/_site.yaml (and to img-src in netlify.toml)", line, src)
	}
	const netlify = "[[headers]]\n  for = \"/*\"\n  [headers.values]\n    Content-Security-Policy = \"default-src 'self'; img-src 'self' data:\"\n"
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"not allowed", map[string]string{"content/docs/README.md": page},
			blocked(3, "https://img.shields.io/badge/build-ok-green.svg") + "\n" + blocked(5, "https://img.shields.io/x.svg")},
		{"allowed by img_src", map[string]string{"content/docs/README.md": page, "content/_site.yaml": "title: T\nimg_src: [https://img.shields.io]\n"}, ""},
		{"allowed, but not by netlify.toml", map[string]string{"content/docs/README.md": page, "content/_site.yaml": "title: T\nimg_src: [https://img.shields.io]\n", "netlify.toml": netlify},
			`netlify.toml: warning: the Content-Security-Policy for /* does not let the published site show images from https://img.shields.io, which img_src in content/_site.yaml allows: make its img-src "'self' data: https://img.shields.io"`},
		{"allowed by both", map[string]string{"content/docs/README.md": page, "content/_site.yaml": "title: T\nimg_src: [https://img.shields.io]\n",
			"netlify.toml": strings.Replace(netlify, "data:", "data: https://img.shields.io", 1)}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := buildSite(t, siteFS(tt.files))
			if got := strings.TrimSpace(s.Diags.Error()); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
			f, _ := s.Files.Get("docs/index.html")
			if !strings.Contains(string(f.Data), `<img src="https://img.shields.io/x.svg" alt="x">`) {
				t.Errorf("the remote image is not on the page:\n%s", region(f.Data, "<main", "</main>"))
			}
		})
	}
}
