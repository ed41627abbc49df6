package site

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// minimal is a valid site the bad-input cases add one problem to.
var minimal = map[string]string{
	"content/_index.md":   "---\ntitle: Home\n---\nWelcome.\n",
	"content/notes/ok.md": "---\ntitle: A fine page\ndate: 2024-01-02\n---\n## Part\n\nText.\n",
}

const caseStudyOK = `---
title: A case
summary: What happened.
date: 2023-03-22
company: ACME
year: 2023
from: Lambdas
to: One process
outcome: Cheaper
sources:
  - title: The post
    url: https://example.com/post
---
Body.
`

// siteFS returns a MapFS of minimal plus files (an empty value deletes).
func siteFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for k, v := range minimal {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	for k, v := range files {
		if v == "" {
			delete(m, k)
			continue
		}
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

func buildSite(t *testing.T, fsys fs.FS) *Site {
	t.Helper()
	s, err := Build(context.Background(), Options{FS: fsys, Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBadInput builds sites with one problem each and checks the exact
// diagnostics: every problem is reported with file:line:col and what to do.
// The rules a generic section relaxes (front matter, names, bundles; see
// TestGenericSectionRelaxes) are checked in calculators/, which keeps them.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"a static file where the search index goes", map[string]string{"static/search/entry.json": "{}"},
			`static/search/entry.json: /search/entry.json is where the search index is written: move the file out of search/`},
		{"malformed YAML", map[string]string{"content/notes/x.md": "---\ntitle: [unclosed\n---\n"},
			`content/notes/x.md:2:8: invalid YAML: sequence end token ']' not found`},
		{"unknown front matter key", map[string]string{"content/calculators/x.md": "---\ntitle: X\nauthor: me\n---\n"},
			`content/calculators/x.md:3:1: unknown field "author": remove it or check its spelling (see CONTRIBUTING.md for the fields of this kind of page)`},
		{"wrong type", map[string]string{"content/case-studies/x.md": strings.Replace(caseStudyOK, "year: 2023", "year: recent", 1)},
			`content/case-studies/x.md:6:7: wrong type: year must be a whole number, not text`},
		{"tags not a list", map[string]string{"content/notes/x.md": "---\ntitle: X\ntags:\n  a: b\n---\n"},
			`content/notes/x.md:4:4: wrong type: a list is expected here, not a mapping (key: value lines)`},
		{"missing title", map[string]string{"content/calculators/x.md": "---\nsummary: No title.\n---\n"},
			`content/calculators/x.md:2:1: missing title: add 'title: ...' to the front matter`},
		{"missing required case-study fields", map[string]string{"content/case-studies/x.md": "---\ntitle: A case\ndate: 2023-01-01\n---\n"},
			strings.Join([]string{
				`content/case-studies/x.md:2:1: a case study needs at least one source: add 'sources:' with a title and an https url`,
				`content/case-studies/x.md:2:1: missing company: name the organisation that made the change`,
				`content/case-studies/x.md:2:1: missing from: describe the architecture before the change`,
				`content/case-studies/x.md:2:1: missing outcome: state the measured result in one line`,
				`content/case-studies/x.md:2:1: missing summary: a case study needs a one- or two-sentence summary`,
				`content/case-studies/x.md:2:1: missing to: describe the architecture after the change`,
				`content/case-studies/x.md:2:1: missing year: add 'year: 2023' (the year of the change)`,
			}, "\n")},
		{"unknown kind of architecture", map[string]string{"content/case-studies/x.md": strings.Replace(caseStudyOK, "to: One process\n", "to: One process\narchitecture: [serverless, macroservices]\n", 1)},
			`content/case-studies/x.md:9:28: "macroservices" is not a kind of architecture search knows: use one of monolith, modular-monolith, services, microservices, serverless, cloud, own-hardware, cdn, one-database, sharded-database, one-region, multi-region, cells`},
		{"one kind of architecture", map[string]string{"content/case-studies/x.md": strings.Replace(caseStudyOK, "to: One process\n", "to: One process\narchitecture: [monolith]\n", 1)},
			`content/case-studies/x.md:9:15: architecture needs two kinds, before and after, not 1: e.g. 'architecture: [serverless, monolith]'`},
		{"invalid date", map[string]string{"content/notes/x.md": "---\ntitle: X\ndate: 2023-13-45\n---\n"},
			`content/notes/x.md:3:7: invalid date "2023-13-45": write a date as YYYY-MM-DD, e.g. 2023-03-22`},
		{"updated before date", map[string]string{"content/notes/x.md": "---\ntitle: X\ndate: 2023-05-01\nupdated: 2023-04-01\n---\n"},
			`content/notes/x.md:4:10: updated (2023-04-01) is before date (2023-05-01)`},
		{"source URL not https", map[string]string{"content/case-studies/x.md": strings.Replace(caseStudyOK, "https://example.com/post", "ftp://example.com/post", 1)},
			`content/case-studies/x.md:12:10: source url "ftp://example.com/post" must start with https://`},
		{"no front matter", map[string]string{"content/calculators/x.md": "# Just markdown\n"},
			`content/calculators/x.md:1:1: no front matter: start the file with a line '---', then at least 'title: ...', then a closing '---'`},
		{"case study without front matter", map[string]string{"content/case-studies/X Study.md": "# A case\n\nText.\n"},
			strings.Join([]string{
				`content/case-studies/X Study.md: file name "X Study" cannot be used as a URL: rename it to "x-study.md" (lower-case letters, digits and hyphens)`,
				`content/case-studies/X Study.md:1:1: no front matter: start the file with a line '---', then at least 'title: ...', then a closing '---'`,
			}, "\n")},
		{"case study README without front matter", map[string]string{"content/case-studies/acme/README.md": "# Acme\n"},
			strings.Join([]string{
				`content/case-studies/acme/README.md: README.md is not its folder's page in content/case-studies/, a section that keeps every rule: rename it index.md (a page of its own) or _index.md (a section with pages beside it)`,
				`content/case-studies/acme/README.md:1:1: no front matter: start the file with a line '---', then at least 'title: ...', then a closing '---'`,
			}, "\n")},
		{"front matter not closed", map[string]string{"content/calculators/x.md": "---\ntitle: X\n\nBody.\n"},
			`content/calculators/x.md:1:1: front matter is not closed: add a line '---' after the last front matter key`},
		{"invalid UTF-8", map[string]string{"content/notes/x.md": "---\ntitle: X\n---\nCaf\xe9\n"},
			`content/notes/x.md:4:4: invalid UTF-8 (byte 0xe9): save the file as UTF-8`},
		{"file name that cannot be a URL", map[string]string{"content/calculators/My Page.md": "---\ntitle: X\n---\n"},
			`content/calculators/My Page.md: file name "My Page" cannot be used as a URL: rename it to "my-page.md" (lower-case letters, digits and hyphens)`},
		{"two pages, one URL", map[string]string{"content/notes/x.md": "---\ntitle: X\n---\n", "content/notes/x/index.md": "---\ntitle: X again\n---\n"},
			`content/notes/x/index.md: content/notes/x.md and content/notes/x/index.md would both be written to /notes/x/: rename or move one of them`},
		{"reserved URL", map[string]string{"content/tags/_index.md": "---\ntitle: Tags\n---\n"},
			`content/tags/_index.md: /tags is reserved for the tag pages: rename content/tags/_index.md`},
		{"page inside a bundle", map[string]string{"content/calculators/b/index.md": "---\ntitle: B\n---\n", "content/calculators/b/extra.md": "---\ntitle: E\n---\n"},
			`content/calculators/b/extra.md: a page bundle cannot hold other pages: content/calculators/b/extra.md is inside the bundle content/calculators/b/; move it out, or make it part of index.md`},
		{"broken template", map[string]string{"layouts/page.html": "{{define \"main\"}}{{.Title}\n{{end}}"},
			`layouts/page.html:1: template: bad character U+007D '}'`},
		{"template field that does not exist", map[string]string{"layouts/page.html": "{{define \"main\"}}\n<p>{{.Author}}</p>{{end}}"},
			`layouts/page.html:2:5: template: "main" at <.Author>: can't evaluate field Author in type *site.PageView`},
		{"missing partial", map[string]string{"layouts/page.html": "{{define \"main\"}}{{template \"partials/nope.html\" .}}{{end}}"},
			`layouts/page.html:1:28: template: no such template "partials/nope.html"`},
		{"broken internal link", map[string]string{"content/notes/x.md": "---\ntitle: X\n---\nSee [the page](/notes/okk/).\n"},
			`content/notes/x.md:4:5: broken link: nothing is published at /notes/okk/; did you mean /notes/ok/?`},
		{"missing anchor", map[string]string{"content/notes/x.md": "---\ntitle: X\n---\nSee [part](/notes/ok/#nope) and [this](#missing).\n"},
			"content/notes/x.md:4:5: broken link: /notes/ok/ has no heading or element with id \"nope\"\ncontent/notes/x.md:4:33: broken link: /notes/x/ has no heading or element with id \"missing\""},
		{"relative .md link to nothing", map[string]string{"content/notes/x.md": "---\ntitle: X\n---\n[gone](gone.md)\n"},
			`content/notes/x.md:4:1: link to gone.md: no such page: check the path, relative to this file`},
		{"unknown config key", map[string]string{"content/_site.yaml": "title: T\nbaseurl: https://x.org/\n"},
			`content/_site.yaml:2:1: unknown field "baseurl": remove it or check its spelling (see CONTRIBUTING.md for the fields of this kind of page)`},
		{"page over the size limit", map[string]string{"content/_site.yaml": "max_page_bytes: 100\n", "content/notes/x.md": "---\ntitle: X\n---\n" + strings.Repeat("word ", 40)},
			`content/notes/x.md: file is 217 bytes, over the limit of 100 (max_page_bytes in content/_site.yaml): split the page`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := buildSite(t, siteFS(tt.files))
			got := strings.TrimSpace(s.Diags.Error())
			if got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
			if !s.Diags.HasErrors() {
				t.Errorf("the build did not fail")
			}
		})
	}
}

// TestLintWarnings checks the warnings for what builds but is likely a
// mistake.
func TestLintWarnings(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"tag differing by case", map[string]string{
			"content/notes/a.md": "---\ntitle: A\ntags: [cost, serverless]\n---\n",
			"content/notes/b.md": "---\ntitle: B\ntags: [cost]\n---\n",
			"content/notes/c.md": "---\ntitle: C\ntags: [Cost]\n---\n",
		}, `content/notes/c.md:3:8: warning: tag "Cost" differs only by case from the tag "cost" (on 2 pages): use "cost"`},
		{"tag singular of a plural", map[string]string{
			"content/notes/a.md": "---\ntitle: A\ntags: [microservices]\n---\n",
			"content/notes/b.md": "---\ntitle: B\ntags: [microservices]\n---\n",
			"content/notes/c.md": "---\ntitle: C\ntags: [tests, microservice]\n---\n",
		}, `content/notes/c.md:3:15: warning: tag "microservice" is the singular or plural of the tag "microservices" (on 2 pages): use "microservices"`},
		{"misspelt tag", map[string]string{
			"content/notes/a.md": "---\ntitle: A\ntags: [kubernetes]\n---\n",
			"content/notes/b.md": "---\ntitle: B\ntags: [kubernets]\n---\n",
		}, `content/notes/b.md:3:8: warning: tag "kubernets" looks like a misspelling of the tag "kubernetes" (on 1 page): use "kubernetes"`},
		{"duplicate title", map[string]string{
			"content/notes/a.md": "---\ntitle: Cost of chatty services\n---\n",
			"content/notes/b.md": "---\ntitle: Cost of  Chatty services\n---\n",
		}, `content/notes/b.md:2:8: warning: the title "Cost of  Chatty services" is also the title of content/notes/a.md: readers cannot tell the two apart in lists and search`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := buildSite(t, siteFS(tt.files))
			if got := strings.TrimSpace(s.Diags.Error()); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestAllErrorsReportedTogether checks one build reports problems from
// several files and stages at once, not just the first.
func TestAllErrorsReportedTogether(t *testing.T) {
	s := buildSite(t, siteFS(map[string]string{
		"content/notes/a.md":   "---\ntitle: [\n---\n",
		"content/notes/b.md":   "---\ntitle: B\nbogus: 1\n---\n",
		"content/notes/c.md":   "---\ntitle: C\n---\n[x](/nowhere/)\n",
		"layouts/section.html": "{{define \"main\"}}{{.Nope}}{{end}}",
	}))
	files := map[string]bool{}
	for _, d := range s.Diags {
		files[d.Pos.File] = true
	}
	for _, f := range []string{"content/notes/a.md", "content/notes/b.md", "content/notes/c.md", "layouts/section.html"} {
		if !files[f] {
			t.Errorf("no diagnostic for %s; got:\n%s", f, s.Diags.Error())
		}
	}
}

// errFS fails to read one file, as a permission problem would.
type errFS struct {
	fstest.MapFS
	bad string
}

func (e errFS) Open(name string) (fs.File, error) {
	if name == e.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("permission denied")}
	}
	return e.MapFS.Open(name)
}

func (e errFS) ReadFile(name string) ([]byte, error) {
	if name == e.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("permission denied")}
	}
	return e.MapFS.ReadFile(name)
}

func TestUnreadableFile(t *testing.T) {
	fsys := errFS{siteFS(map[string]string{"content/notes/x.md": "---\ntitle: X\n---\n"}), "content/notes/x.md"}
	s := buildSite(t, fsys)
	want := "content/notes/x.md: cannot read the file: permission denied"
	if got := strings.TrimSpace(s.Diags.Error()); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
