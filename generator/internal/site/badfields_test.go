package site

import (
	"strings"
	"testing"
)

// TestEveryBadField checks that one build reports every bad front matter
// and config field of every file, each at its file:line:col, and nothing
// twice: a contributor fixing a case study needs one run, not one per field.
func TestEveryBadField(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"every kind of problem in one case study", map[string]string{"content/case-studies/x.md": `---
title: A case
summary: What happened.
date: 2023-13-22
author: me
year: twenty
from: Lambdas
to: [One, process]
outcome: Cheaper
tags:
  a: b
sources:
  - title: The post
    url: ftp://example.com/post
    publisher: [x]
    bogus: 1
---
Body.
`}, []string{
			`content/case-studies/x.md:2:1: missing company: name the organisation that made the change`,
			`content/case-studies/x.md:4:7: invalid date "2023-13-22": write a date as YYYY-MM-DD, e.g. 2023-03-22`,
			`content/case-studies/x.md:5:1: unknown field "author": remove it or check its spelling (see CONTRIBUTING.md for the fields of this kind of page)`,
			`content/case-studies/x.md:6:7: wrong type: year must be a whole number, not text`,
			`content/case-studies/x.md:8:5: wrong type: to must be text, not a list`,
			`content/case-studies/x.md:11:4: wrong type: a list is expected here, not a mapping (key: value lines)`,
			`content/case-studies/x.md:14:10: source url "ftp://example.com/post" must start with https://`,
			`content/case-studies/x.md:15:16: wrong type: sources[0].publisher must be text, not a list`,
			`content/case-studies/x.md:16:5: unknown field "bogus": remove it or check its spelling (see CONTRIBUTING.md for the fields of this kind of page)`,
		}},
		{"a value left out is not also reported missing", map[string]string{"content/case-studies/x.md": strings.Replace(caseStudyOK,
			"sources:", "metrics:\n  - label: cost\n    before: [1, 2]\n    after: {a: 1}\nsources:", 1)}, []string{
			`content/case-studies/x.md:12:13: wrong type: metrics[0].before must be text, not a list`,
			`content/case-studies/x.md:13:12: wrong type: metrics[0].after must be text, not a mapping (key: value lines)`,
		}},
		{"every file", map[string]string{
			"content/notes/a.md": "---\ntitle: [A]\nweight: heavy\n---\n",
			"content/notes/b.md": "---\ntitle: B\nauthor: me\nsearch: maybe\nsummary: " + strings.Repeat("s", 301) + "\n---\n",
		}, []string{
			`content/notes/a.md:2:8: wrong type: title must be text, not a list`,
			`content/notes/a.md:3:9: wrong type: weight must be a whole number, not text`,
			// notes is a generic section: a key it does not use is ignored, and said so.
			`content/notes/b.md:3:1: warning: front matter key "author" is not used by this site and is ignored (on 1 page: notes/b.md); the keys a page may have are listed in CONTRIBUTING.md`,
			`content/notes/b.md:4:9: wrong type: search must be true or false, not text`,
			`content/notes/b.md:5:10: summary is 301 characters long; keep it under 300 (it is shown in lists and search results)`,
		}},
		{"the site config", map[string]string{"content/_site.yaml": "title: T\nbaseurl: https://x.org/\ntoc:\n  min: two\nmax_page_bytes: -1\nmenu:\n  - title: Home\n    link: /\n"}, []string{
			`content/_site.yaml:2:1: unknown field "baseurl": remove it or check its spelling (see CONTRIBUTING.md for the fields of this kind of page)`,
			`content/_site.yaml:4:8: wrong type: toc.min must be a whole number, not text`,
			`content/_site.yaml:5:17: max_page_bytes must be a positive number of bytes`,
			`content/_site.yaml:8:5: unknown field "link": remove it or check its spelling (see CONTRIBUTING.md for the fields of this kind of page)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := buildSite(t, siteFS(tt.files))
			got := strings.TrimSpace(s.Diags.Error())
			if want := strings.Join(tt.want, "\n"); got != want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
