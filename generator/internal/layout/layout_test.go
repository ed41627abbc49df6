package layout

import (
	"testing"
	"testing/fstest"
)

// A section's own layout wins over the site-wide one of its kind; kinds
// without a layout are reported missing, by the name to add.
func TestLookup(t *testing.T) {
	site := fstest.MapFS{
		"layouts/baseof.html":     {Data: []byte(`{{block "main" .}}{{end}}`)},
		"layouts/page.html":       {Data: []byte(`{{define "main"}}page{{end}}`)},
		"layouts/section.html":    {Data: []byte(`{{define "main"}}section{{end}}`)},
		"layouts/notes/page.html": {Data: []byte(`{{define "main"}}note{{end}}`)},
		"layouts/partials/x.html": {Data: []byte(`{{define "x"}}x{{end}}`)},
	}
	s, diags := Load(Source{}, Source{FS: site, Dir: "layouts", Label: "layouts"}, nil)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, c := range []struct {
		section, kind, want string
		ok                  bool
	}{
		{"notes", "page", "notes/page.html", true},
		{"guides", "page", "page.html", true},
		{"", "page", "page.html", true},
		{"notes", "section", "section.html", true},
		{"notes", "tag", "tag.html", false},
		{"", "partials/x", "partials/x.html", false},
	} {
		if got, ok := s.Lookup(c.section, c.kind); got != c.want || ok != c.ok {
			t.Errorf("Lookup(%q, %q) = %q, %v; want %q, %v", c.section, c.kind, got, ok, c.want, c.ok)
		}
	}
}
