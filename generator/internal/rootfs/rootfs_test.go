package rootfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// site makes a root with a file outside it (secret) and the given links,
// each from a path in the root to a target as written in the link.
func site(t *testing.T, links map[string]string) (*FS, string) {
	t.Helper()
	top := t.TempDir()
	root := filepath.Join(top, "site")
	secret := filepath.Join(top, "secret.txt")
	write(t, secret, "SECRET")
	write(t, filepath.Join(root, "layouts", "real.html"), "REAL")
	write(t, filepath.Join(root, "content", "deep", "page.md"), "PAGE")
	for from, to := range links {
		p := filepath.Join(root, filepath.FromSlash(from))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(strings.ReplaceAll(to, "$SECRET", secret), p); err != nil {
			t.Fatal(err)
		}
	}
	f, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, secret
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLinksInsideTheRootAreFollowed(t *testing.T) {
	f, _ := site(t, map[string]string{
		"layouts/partials/footer.html": "../real.html",
		"layouts/chain.html":           "partials/footer.html",
		"static/page.md":               "../content/deep/page.md",
		"static/deep":                  "../content/deep",
	})
	for name, want := range map[string]string{
		"layouts/partials/footer.html": "REAL",
		"layouts/chain.html":           "REAL",
		"static/page.md":               "PAGE",
		"static/deep/page.md":          "PAGE",
	} {
		b, err := f.ReadFile(name)
		if err != nil || string(b) != want {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", name, b, err, want)
		}
	}
}

func TestLinksOutOfTheRootAreRefused(t *testing.T) {
	cases := []struct {
		links      map[string]string
		read, link string
	}{
		{map[string]string{"layouts/partials/footer.html": "$SECRET"}, "layouts/partials/footer.html", "layouts/partials/footer.html"},
		{map[string]string{"layouts/partials/footer.html": "/proc/self/environ"}, "layouts/partials/footer.html", "layouts/partials/footer.html"},
		{map[string]string{"layouts/footer.html": "../../secret.txt"}, "layouts/footer.html", "layouts/footer.html"},
		{map[string]string{"layouts/partials": "../.."}, "layouts/partials/secret.txt", "layouts/partials"},
		{map[string]string{"layouts/a.html": "b.html", "layouts/b.html": "../../secret.txt"}, "layouts/a.html", "layouts/b.html"},
		{map[string]string{"content/_site.yaml": "deep/../../../secret.txt"}, "content/_site.yaml", "content/_site.yaml"},
		{map[string]string{"static/up": "..", "static/x": "up/../secret.txt"}, "static/x", "static/x"},
	}
	for _, c := range cases {
		f, _ := site(t, c.links)
		b, err := f.ReadFile(c.read)
		if strings.Contains(string(b), "SECRET") || len(b) > 0 && err == nil {
			t.Errorf("%v: read %q through a link out of the root", c.links, b)
		}
		var esc *EscapeError
		if !errors.As(err, &esc) {
			t.Errorf("%v: ReadFile(%s) error %v, want an *EscapeError", c.links, c.read, err)
			continue
		}
		if esc.Link != c.link || !strings.Contains(err.Error(), c.links[c.link]) && !strings.Contains(err.Error(), "secret.txt") {
			t.Errorf("%v: error %q, want it to name the link %s and its target", c.links, err, c.link)
		}
		for _, op := range []func() error{
			func() error { _, err := f.Open(c.read); return err },
			func() error { _, err := f.Stat(c.read); return err },
		} {
			if err := op(); !errors.As(err, &esc) {
				t.Errorf("%v: %v, want an *EscapeError", c.links, err)
			}
		}
	}
}

func TestAMissingFileIsNotAnEscape(t *testing.T) {
	f, _ := site(t, map[string]string{"layouts/dangling.html": "nowhere.html"})
	for _, name := range []string{"layouts/none.html", "layouts/dangling.html"} {
		if _, err := f.ReadFile(name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("ReadFile(%s): %v, want fs.ErrNotExist", name, err)
		}
	}
}

func TestWalkShowsLinksAsLinks(t *testing.T) {
	f, _ := site(t, map[string]string{"layouts/x.html": "$SECRET"})
	var seen bool
	err := fs.WalkDir(f, "layouts", func(p string, d fs.DirEntry, err error) error {
		if p == "layouts/x.html" {
			seen = d.Type()&fs.ModeSymlink != 0
		}
		return err
	})
	if err != nil || !seen {
		t.Errorf("walk: %v; link seen as a link: %v", err, seen)
	}
}
