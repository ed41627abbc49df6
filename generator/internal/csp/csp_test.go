package csp

import (
	"go/parser"
	"go/token"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestDirective(t *testing.T) {
	for name, want := range map[string]string{
		"img-src":   "img-src 'self' data:",
		"IMG-SRC":   "img-src 'self' data:",
		"media-src": "default-src 'self'", // not set: default-src governs it
		"sandbox":   "",
	} {
		if got := Directive(name); got != want {
			t.Errorf("Directive(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestAllowsImage(t *testing.T) {
	const base = "https://kb.example.org/"
	tests := []struct {
		url  string
		want bool
	}{
		{"https://example.com/chart.png", false},
		{"http://example.com/chart.png", false},
		{"https://kb.example.org/img/chart.png", true},
		{"https://KB.example.org/img/chart.png", true},
		{"http://kb.example.org/img/chart.png", false}, // another origin
		{"https://kb.example.org.evil.example/x.png", false},
		{"data:image/png;base64,iVBORw0KGgo=", true},
		{"ftp://kb.example.org/x.png", false},
	}
	for _, tt := range tests {
		if got := AllowsImage(tt.url, base); got != tt.want {
			t.Errorf("AllowsImage(%q) = %v, want %v", tt.url, got, tt.want)
		}
	}
}

// TestSourceExpressions checks the matcher on the source expressions a
// policy may come to hold (host, scheme, wildcard, path, port).
func TestSourceExpressions(t *testing.T) {
	tests := []struct {
		src, url string
		want     bool
	}{
		{"https:", "https://any.example/x.png", true},
		{"https:", "http://any.example/x.png", false},
		{"http:", "https://any.example/x.png", true},
		{"*", "https://any.example/x.png", true},
		{"*", "data:image/png,x", false},
		{"'none'", "https://any.example/x.png", false},
		{"img.example.org", "https://img.example.org/a.png", true},
		{"img.example.org", "https://img.example.org.evil.example/a.png", false},
		{"*.example.org", "https://cdn.example.org/a.png", true},
		{"*.example.org", "https://example.org/a.png", false},
		{"https://cdn.example.org/img/", "https://cdn.example.org/img/a.png", true},
		{"https://cdn.example.org/img/", "https://cdn.example.org/other/a.png", false},
		{"https://cdn.example.org/img/a.png", "https://cdn.example.org/img/a.png", true},
		{"https://cdn.example.org/img/a.png", "https://cdn.example.org/img/a.png.evil", false},
		{"cdn.example.org:8443", "https://cdn.example.org:8443/a.png", true},
		{"cdn.example.org:8443", "https://cdn.example.org/a.png", false},
	}
	for _, tt := range tests {
		u := mustParse(t, tt.url)
		if got := matches(tt.src, u, nil); got != tt.want {
			t.Errorf("%q matches %q = %v, want %v", tt.src, tt.url, got, tt.want)
		}
	}
}

// TestImportsOnlyTheStandardLibrary keeps the package doc's claim true.
func TestImportsOnlyTheStandardLibrary(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ".") {
				t.Errorf("%s imports %s, outside the standard library", name, p)
			}
		}
	}
}

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestImgSrc checks that a site's img_src widens img-src, and only it: the
// images of a listed origin load, those of any other host do not, and the
// other directives stay as they are.
func TestImgSrc(t *testing.T) {
	if For(nil) != Policy {
		t.Errorf("For(nil) = %q, want Policy", For(nil))
	}
	origins := []string{"https://img.shields.io", "https://b.example.org:8443"}
	p := For(origins)
	if want := strings.Replace(Policy, "img-src 'self' data:", "img-src 'self' data: https://img.shields.io https://b.example.org:8443", 1); p != want {
		t.Errorf("For = %q, want %q", p, want)
	}
	if got, want := Directive("img-src", origins...), "img-src 'self' data: https://img.shields.io https://b.example.org:8443"; got != want {
		t.Errorf("Directive = %q, want %q", got, want)
	}
	for raw, want := range map[string]bool{
		"https://img.shields.io/badge/x-y-green.svg": true,
		"https://IMG.shields.io/a.png":               true,
		"https://b.example.org:8443/a.png":           true,
		"https://b.example.org/a.png":                false,
		"http://img.shields.io/a.png":                false,
		"https://img.shields.io.evil.example/a.png":  false,
		"data:image/png;base64,AAAA":                 true,
	} {
		if got := AllowsImage(raw, "https://kb.example.org/", origins...); got != want {
			t.Errorf("AllowsImage(%q) with img_src = %v, want %v", raw, got, want)
		}
	}
	if AllowsImage("https://img.shields.io/a.png", "https://kb.example.org/") {
		t.Error("without img_src, an image from another host is allowed")
	}
}
