package site

import (
	"strings"
	"testing"
)

// TestMenuURLs checks that a header link the page template could only
// neutralise (html/template writes "#ZgotmplZ" for a javascript: URL) is
// refused at its file:line:col, and that every kind of safe link builds.
func TestMenuURLs(t *testing.T) {
	const allowed = ": write an https:// address, a mailto: address, or a path on the site such as /about/"
	tests := []struct {
		url  string
		want string // "" for a link that builds
	}{
		{"javascript:alert(1)", `menu url "javascript:alert(1)" uses the scheme javascript:, which is not allowed` + allowed},
		{"JavaScript:alert(1)", `menu url "JavaScript:alert(1)" uses the scheme javascript:, which is not allowed` + allowed},
		{"data:text/html,<script>alert(1)</script>", `menu url "data:text/html,<script>alert(1)</script>" uses the scheme data:, which is not allowed` + allowed},
		{"vbscript:msgbox(1)", `menu url "vbscript:msgbox(1)" uses the scheme vbscript:, which is not allowed` + allowed},
		{"java\\tscript:alert(1)", `menu url "java\tscript:alert(1)" is not a valid URL` + allowed},
		{" javascript:alert(1)", `menu url " javascript:alert(1)" is not a valid URL` + allowed},
		{"//evil.example/x", `menu url "//evil.example/x" has no scheme: write it as https://evil.example/x`},
		{"https:///x", `menu url "https:///x" has no host name: write it as https://example.org/page`},
		{"https://example.org/docs/", ""},
		{"http://example.org/", ""},
		{"mailto:editors@example.org", ""},
		{"/about/", ""},
		{"notes/", ""},
		{"#top", ""},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			site := "title: T\nmenu:\n  - title: Link\n    url: \"" + tt.url + "\"\n"
			s := buildSite(t, siteFS(map[string]string{"content/_site.yaml": site}))
			want := ""
			if tt.want != "" {
				want = "content/_site.yaml:4:10: " + tt.want
			}
			if got := strings.TrimSpace(s.Diags.Error()); got != want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestImagesTheCSPBlocks checks that an image the Content Security Policy
// keeps readers from seeing is reported at build, at its file:line:col, and
// that images the policy allows are not.
func TestImagesTheCSPBlocks(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"an image on another host", "Text.\n\n![A chart](https://example.com/chart.png)\n",
			`content/notes/x.md:6:1: warning: image https://example.com/chart.png is blocked by the site's Content Security Policy (img-src 'self' data:), so readers would see a broken image: save the image in the page's bundle, beside the page or in static/ and link it by its path, or add https://example.com to img_src in content/_site.yaml (and to img-src in netlify.toml)`},
		{"an image on the site's own host", "![A chart](https://kb.example.org/img/chart.png)\n", ""},
		{"an image by path", "![A chart](/img/chart.png)\n", ""},
		{"a link, not an image, to another host", "[A chart](https://example.com/chart.png)\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := buildSite(t, siteFS(map[string]string{
				"content/_site.yaml":   "title: T\nbase_url: https://kb.example.org/\n",
				"content/notes/x.md":   "---\ntitle: X\n---\n" + tt.body,
				"static/img/chart.png": "png",
			}))
			if got := strings.TrimSpace(s.Diags.Error()); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
