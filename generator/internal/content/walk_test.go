package content

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// placed loads a site of files (a value starting with "->" makes a
// symbolic link) and describes where each page, file and link went.
func placed(t *testing.T, files map[string]string) (map[string]string, *Site, string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		if target, ok := strings.CutPrefix(data, "->"); ok {
			fsys[name] = &fstest.MapFile{Data: []byte(target), Mode: 0o777 | 1<<27} // fs.ModeSymlink
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	site, diags := Load(context.Background(), fsys, Options{})
	got := map[string]string{}
	for _, p := range site.Pages {
		got[p.Source] = fmt.Sprintf("%s %s", p.Kind, p.URL)
		if p.Bundle != "" {
			for _, r := range p.Resources {
				got[r.Source] = "resource /" + r.OutFile
			}
		}
	}
	for _, f := range site.Files {
		got[f.Source] = "file /" + f.Out
	}
	for _, a := range site.Aliases {
		got[a.Source] = "alias " + a.URL + " -> " + a.Target
	}
	return got, site, diags.Error()
}

func TestPlaces(t *testing.T) {
	const fm = "---\ntitle: T\n---\n"
	tests := []struct {
		name  string
		files map[string]string
		want  map[string]string
		diags string
	}{
		{"the site's own layout", map[string]string{
			"content/_index.md": fm, "content/about.md": fm,
			"content/calculators/_index.md": fm, "content/calculators/network-tax.md": fm,
			"content/notes/a/b/c.md": fm, "content/guides/x/index.md": fm, "content/guides/x/d.png": "PNG",
		}, map[string]string{
			"content/_index.md": "home /", "content/about.md": "page /about/",
			"content/calculators/_index.md": "section /calculators/", "content/calculators/network-tax.md": "page /calculators/network-tax/",
			"content/notes/a/b/c.md": "page /notes/a/b/c/", "content/guides/x/index.md": "page /guides/x/", "content/guides/x/d.png": "resource /guides/x/d.png",
		}, ""},
		{"a GitHub folder", map[string]string{
			"content/docs/README.md": "# Docs\n", "content/docs/Other_Doc.md": "x",
			"content/docs/Getting Started/readme.MD": "x", "content/docs/Getting Started/Step 1.md": "x",
			"content/docs/Über uns.md": "x", "content/docs/images/Screen Shot.PNG": "PNG",
			"content/docs/api/index.md": "x", "content/docs/api/logo.svg": "<svg/>",
			"content/docs/guides/deep/a.md": "x",
		}, map[string]string{
			"content/docs/README.md": "section /docs/", "content/docs/Other_Doc.md": "page /docs/other-doc/",
			"content/docs/Getting Started/readme.MD": "section /docs/getting-started/",
			"content/docs/Getting Started/Step 1.md": "page /docs/getting-started/step-1/",
			"content/docs/Über uns.md":               "page /docs/über-uns/",
			"content/docs/images/Screen Shot.PNG":    "file /docs/images/screen-shot.png",
			"content/docs/api/index.md":              "page /docs/api/", // alone: a bundle
			"content/docs/api/logo.svg":              "resource /docs/api/logo.svg",
			"content/docs/guides/deep/a.md":          "page /docs/guides/deep/a/",
		}, ""},
		{"index.md before README.md", map[string]string{
			"content/docs/index.md": "x", "content/docs/README.md": "x", "content/docs/a.md": "x",
		}, map[string]string{
			"content/docs/index.md": "section /docs/", "content/docs/README.md": "page /docs/readme/", "content/docs/a.md": "page /docs/a/",
		}, ""},
		{"a README at the top is the home page", map[string]string{
			"content/README.md": "# Hello\n", "content/a.md": "x",
		}, map[string]string{"content/README.md": "home /", "content/a.md": "page /a/"}, ""},
		{"symbolic links to pages", map[string]string{
			"content/docs/index.md": "x", "content/docs/README.md": "->index.md", "content/docs/b.md": "x",
			"content/docs/latest.md": "->b.md",
		}, map[string]string{
			"content/docs/index.md": "section /docs/", "content/docs/b.md": "page /docs/b/",
			"content/docs/README.md": "alias /docs/readme/ -> content/docs/index.md",
			"content/docs/latest.md": "alias /docs/latest/ -> content/docs/b.md",
		}, ""},
		{"names and bundles stay strict in typed sections", map[string]string{
			"content/patterns/My Page.md":      "---\ntitle: X\nsummary: S\nalternatives: [a, b]\n---\n",
			"content/patterns/Odd Folder/x.md": "---\ntitle: Y\nsummary: S\nalternatives: [a, b]\n---\n",
			"content/patterns/b/index.md":      "---\ntitle: B\nsummary: S\nalternatives: [a, b]\n---\n",
			"content/patterns/b/extra.md":      "---\ntitle: E\nsummary: S\nalternatives: [a, b]\n---\n",
			"content/patterns/README.md":       "# no front matter\n",
		}, map[string]string{
			"content/patterns/My Page.md":      "page /patterns/my-page/",
			"content/patterns/Odd Folder/x.md": "page /patterns/odd-folder/x/",
			"content/patterns/b/index.md":      "page /patterns/b/",
		}, strings.Join([]string{
			`content/patterns/My Page.md: file name "My Page" cannot be used as a URL: rename it to "my-page.md" (lower-case letters, digits and hyphens)`,
			`content/patterns/Odd Folder: folder name "Odd Folder" cannot be part of a URL: rename it to "odd-folder" (lower-case letters, digits and hyphens)`,
			`content/patterns/README.md: README.md is not its folder's page in content/patterns/, a section that keeps every rule: rename it index.md (a page of its own) or _index.md (a section with pages beside it)`,
			`content/patterns/b/extra.md: a page bundle cannot hold other pages: content/patterns/b/extra.md is inside the bundle content/patterns/b/; move it out, or make it part of index.md`,
			`content/patterns/README.md:1:1: no front matter: start the file with a line '---', then at least 'title: ...', then a closing '---'`,
		}, "\n")},
		{"two files, one URL", map[string]string{
			"content/docs/Read Me.md": "x", "content/docs/read_me.md": "x",
		}, map[string]string{"content/docs/Read Me.md": "page /docs/read-me/"},
			`content/docs/read_me.md: content/docs/Read Me.md and content/docs/read_me.md would both be written to /docs/read-me/: rename or move one of them`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, diags := placed(t, tt.files)
			for src, want := range tt.want {
				if got[src] != want {
					t.Errorf("%s: %q, want %q", src, got[src], want)
				}
			}
			for src, g := range got {
				if _, ok := tt.want[src]; !ok {
					t.Errorf("%s: %q, not expected", src, g)
				}
			}
			if diags != tt.diags {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", diags, tt.diags)
			}
		})
	}
}

func TestFolders(t *testing.T) {
	_, site, _ := placed(t, map[string]string{
		"content/docs/README.md": "x", "content/docs/Getting Started/a.md": "x", "content/docs/img/a.png": "PNG",
	})
	var got []string
	for _, f := range site.Folders {
		got = append(got, fmt.Sprintf("%s %s %q page=%s pages=%d", f.Source, f.URL, f.Name, f.Page, f.Pages))
	}
	want := []string{
		`content / "" page= pages=2`,
		`content/docs /docs/ "docs" page=content/docs/README.md pages=2`,
		`content/docs/Getting Started /docs/getting-started/ "Getting Started" page= pages=1`,
		`content/docs/img /docs/img/ "img" page= pages=0`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("folders:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
