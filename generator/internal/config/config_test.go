package config

import (
	"testing"
	"testing/fstest"
)

func load(t *testing.T, yaml string) (Config, string) {
	t.Helper()
	cfg, diags := Load(fstest.MapFS{File: {Data: []byte(yaml)}})
	return cfg, diags.Error()
}

// TestImgSrc checks which origins img_src accepts and that the images
// they allow, and only those, are allowed.
func TestImgSrc(t *testing.T) {
	for _, tt := range []struct{ value, diags string }{
		{"[https://img.shields.io]", ""},
		{"[https://a.example.org, https://b.example.org:8443]", ""},
		{"[http://img.shields.io]", `content/_site.yaml:1:11: img_src "http://img.shields.io" is not an origin: write it as https://host, with no path (such as https://img.shields.io)`},
		{"[https://img.shields.io/badge]", `content/_site.yaml:1:11: img_src "https://img.shields.io/badge" is not an origin: write it as https://host, with no path (such as https://img.shields.io)`},
		{"[img.shields.io]", `content/_site.yaml:1:11: img_src "img.shields.io" is not an origin: write it as https://host, with no path (such as https://img.shields.io)`},
		{`["https://a.org; script-src *"]`, `content/_site.yaml:1:11: img_src "https://a.org; script-src *" is not an origin: write it as https://host, with no path (such as https://img.shields.io)`},
		{"['*']", `content/_site.yaml:1:11: img_src "*" is not an origin: write it as https://host, with no path (such as https://img.shields.io)`},
	} {
		if _, got := load(t, "img_src: "+tt.value+"\n"); got != tt.diags {
			t.Errorf("img_src: %s:\n got %s\nwant %s", tt.value, got, tt.diags)
		}
	}

	cfg, diags := load(t, "img_src: [https://img.shields.io]\n")
	if diags != "" {
		t.Fatal(diags)
	}
	if got, want := cfg.CSPImgSrc(), "'self' data: https://img.shields.io"; got != want {
		t.Errorf("CSPImgSrc() = %q, want %q", got, want)
	}
	for src, want := range map[string]bool{
		"https://img.shields.io/badge/x-y-green.svg": true,
		"https://IMG.shields.io/a.png":               true,
		"data:image/png;base64,AAAA":                 true,
		"http://img.shields.io/a.png":                false,
		"https://img.shields.io.evil.example/a.png":  false,
		"https://user-images.githubusercontent.com/": false,
	} {
		if got := cfg.ImageAllowed(src); got != want {
			t.Errorf("ImageAllowed(%q) = %v, want %v", src, got, want)
		}
	}
	if d := Default(); d.ImageAllowed("https://img.shields.io/a.png") {
		t.Error("with no img_src, a remote image is allowed")
	}
}
