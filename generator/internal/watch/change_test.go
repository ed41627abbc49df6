package watch

import (
	"slices"
	"strings"
	"testing"
)

func TestCombine(t *testing.T) {
	for _, tc := range []struct {
		first, then Kind
		want        Kind
		keep        bool
	}{
		{Created, Modified, Created, true},
		{Created, Removed, 0, false},
		{Modified, Modified, Modified, true},
		{Modified, Removed, Removed, true},
		{Removed, Created, Modified, true},
		{Removed, Removed, Removed, true},
		{Modified, Created, Modified, true},
	} {
		got, keep := combine(tc.first, tc.then)
		if got != tc.want || keep != tc.keep {
			t.Errorf("combine(%v, %v) = %v, %v; want %v, %v", tc.first, tc.then, got, keep, tc.want, tc.keep)
		}
	}
}

func TestMergeChangesKeepsOnePerPathSorted(t *testing.T) {
	earlier := []Change{
		{Path: "content/a.md", Kind: Created},
		{Path: "content/b.md", Kind: Modified},
		{Path: "content/c.md", Kind: Removed},
	}
	later := []Change{
		{Path: "content/a.md", Kind: Removed},
		{Path: "content/aa.md", Kind: Created},
		{Path: "content/c.md", Kind: Created},
	}
	got := changeStrings(mergeChanges(earlier, later))
	want := []string{"created content/aa.md", "modified content/b.md", "modified content/c.md"}
	if !slices.Equal(got, want) {
		t.Errorf("merged = %q, want %q", got, want)
	}
}

func TestRootsClassifyByLongestRoot(t *testing.T) {
	rs, err := newRootSet(SiteRoots())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want Class
	}{
		{"content/posts/a.md", Content},
		{"content/_site.yaml", Config},
		{"content/_site.yaml.d/x", Content},
		{"layouts/base.html", Layout},
		{"static/css/site.css", Static},
		{"staticfiles/x", Other},
		{"README.md", Other},
	} {
		if got := rs.class(tc.path); got != tc.want {
			t.Errorf("class(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
	if got := rs.tops(); !slices.Equal(got, []string{"content", "layouts", "static"}) {
		t.Errorf("tops = %q, want content, layouts, static", got)
	}
	if got := rs.under("content"); !slices.Equal(got, []string{"content", "content/_site.yaml"}) {
		t.Errorf("under(content) = %q", got)
	}
}

func TestRootsRejectPathsOutsideTheSite(t *testing.T) {
	for _, tc := range []struct {
		roots []Root
		want  string
	}{
		{nil, "no roots given"},
		{[]Root{{Path: "/etc"}}, "is absolute"},
		{[]Root{{Path: "../other"}}, "outside the site folder"},
		{[]Root{{Path: "content/../.."}}, "outside the site folder"},
		{[]Root{{Path: "content"}, {Path: "content/"}}, "given twice"},
	} {
		_, err := newRootSet(tc.roots)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("newRootSet(%v) error = %v, want one saying %q", tc.roots, err, tc.want)
		}
	}
}

func TestBatchHasAndOnly(t *testing.T) {
	css := Batch{Changes: []Change{{Path: "static/a.css", Class: Static}, {Path: "static/b.css", Class: Static}}}
	mixed := Batch{Changes: []Change{{Path: "content/a.md", Class: Content}, {Path: "static/b.css", Class: Static}}}
	if !css.Only(Static) || mixed.Only(Static) || (Batch{}).Only(Static) {
		t.Error("Only(Static) must hold for a batch of static changes alone")
	}
	if !mixed.Has(Content) || css.Has(Content) {
		t.Error("Has(Content) must hold only for a batch with a content change")
	}
}

func changeStrings(cs []Change) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.String()
	}
	return out
}
