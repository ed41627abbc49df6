package site

import (
	"io/fs"
	"strings"
	"testing"
)

// linksToOK links to /notes/ok/ every way a page can: by URL, by heading,
// by relative file; and to the pages the layouts make.
const linksToOK = "---\ntitle: X\n---\nSee [it](/notes/ok/), [its part](/notes/ok/#part), [the file](ok.md#part),\n" +
	"[search](/search/), [tags](/tags/) and [home](/).\n"

// TestOneRootCauseOneMessage checks that a page or layout that fails is
// reported once, first, and that links to what it would have published are
// not reported as broken too: the user sees the one problem to fix.
func TestOneRootCauseOneMessage(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		unread string // a file that cannot be read
		want   string
	}{
		{"a layout that cannot be read", map[string]string{
			"layouts/partials/footer.html": "<footer></footer>",
			"content/notes/x.md":           linksToOK,
		}, "layouts/partials/footer.html",
			`layouts/partials/footer.html: cannot read the layout: open layouts/partials/footer.html: permission denied`},
		{"a layout that calls a missing partial", map[string]string{
			"layouts/partials/footer.html": `<footer>{{template "partials/nope.html" .}}</footer>`,
			"content/notes/x.md":           linksToOK,
		}, "",
			`layouts/partials/footer.html:1:19: template: no such template "partials/nope.html"`},
		{"a layout that fails on one page", map[string]string{
			"layouts/page.html":  `{{define "main"}}{{if eq .Title "A fine page"}}{{index .Tags 3}}{{end}}{{.Content}}{{end}}`,
			"content/notes/x.md": linksToOK,
		}, "",
			`layouts/page.html:1:49: template: "main" at <index .Tags 3>: error calling index: index out of range: 3`},
		{"a page with a wrong type", map[string]string{
			"content/case-studies/x.md": strings.Replace(caseStudyOK, "year: 2023", `year: "twenty"`, 1),
			"content/notes/x.md":        "---\ntitle: X\n---\n[case](/case-studies/x/), [its part](/case-studies/x/#a) and [file](../case-studies/x.md).\n",
		}, "",
			`content/case-studies/x.md:6:7: wrong type: year must be a whole number, not text`},
		{"a page that cannot be read", map[string]string{
			"content/notes/x.md": linksToOK,
		}, "content/notes/ok.md",
			`content/notes/ok.md: cannot read the file: permission denied`},
		{"the root cause before the consequences", map[string]string{
			"content/a.md":       "---\ntitle: A\n---\n[gone](/nowhere/) and [z](/notes/z/)\n",
			"content/notes/z.md": "---\ntitle: Z\ndate: 2024-13-45\n---\n",
		}, "",
			strings.Join([]string{
				`content/notes/z.md:3:7: invalid date "2024-13-45": write a date as YYYY-MM-DD, e.g. 2023-03-22`,
				`content/a.md:4:1: broken link: nothing is published at /nowhere/`,
			}, "\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fsys fs.FS = siteFS(tt.files)
			if tt.unread != "" {
				fsys = errFS{siteFS(tt.files), tt.unread}
			}
			s := buildSite(t, fsys)
			if got := strings.TrimSpace(s.Diags.Error()); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
			if !s.Diags.HasErrors() {
				t.Errorf("the build did not fail")
			}
		})
	}
}

// TestBrokenLinkAfterFailedPageIsDeleted checks the link check's memo: a
// link to a page that failed is not reported, but once the page is deleted
// the same link is broken, and the next build of the same Builder says so.
func TestBrokenLinkAfterFailedPageIsDeleted(t *testing.T) {
	b := NewBuilder()
	files := map[string]string{
		"content/notes/x.md": "---\ntitle: X\n---\n[it](/notes/z/)\n",
		"content/notes/z.md": "---\ntitle: Z\nweight: heavy\n---\n",
	}
	first, err := b.Build(t.Context(), Options{FS: siteFS(files)})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := first.Diags.Error(), `content/notes/z.md:3:9: wrong type: weight must be a whole number, not text`; got != want {
		t.Fatalf("first build:\n%s\nwant:\n%s", got, want)
	}
	files["content/notes/z.md"] = ""
	second, err := b.Build(t.Context(), Options{FS: siteFS(files), Changed: []string{"content/notes/z.md"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := second.Diags.Error(), `content/notes/x.md:4:1: broken link: nothing is published at /notes/z/; did you mean /notes/x/?`; got != want {
		t.Errorf("after the page is deleted:\n%s\nwant:\n%s", got, want)
	}
}
