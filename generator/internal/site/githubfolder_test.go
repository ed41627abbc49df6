package site

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"github.com/tradeoffs/tradeoffs/generator/internal/rootfs"
)

// writeGitHubFolder writes the files of testdata/sites/github-folder.txtar
// (not its want/ files) under a new folder, and returns the folder.
func writeGitHubFolder(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/sites/github-folder.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			writeFile(t, dir, f.Name, string(f.Data))
		}
	}
	return dir
}

func writeFile(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, dir, name, target string) {
	t.Helper()
	if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

func buildDir(t *testing.T, dir string) *Site {
	t.Helper()
	root, err := rootfs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	s, err := Build(context.Background(), Options{FS: root, Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestGitHubFolderOnDisk builds the GitHub folder of github-folder.txtar
// from disk, as "build" does, with the symbolic links GitHub repositories
// hold: a README that names the folder's index.md, and a page that names
// another. It builds with no error, and every link and image of every
// page leads to a file the site publishes, every #fragment to an id there.
func TestGitHubFolderOnDisk(t *testing.T) {
	dir := writeGitHubFolder(t)
	writeFile(t, dir, "content/docs/guide/index.md", "# Guide\n\nSee [the latest notes](../latest.md#open-questions) and [this folder](README.md).\n")
	symlink(t, dir, "content/docs/guide/README.md", "index.md")
	symlink(t, dir, "content/docs/latest.md", "Design_Notes.md")
	s := buildDir(t, dir)
	if s.Diags.HasErrors() {
		t.Fatalf("errors:\n%s", s.Diags.Error())
	}
	guide, _ := s.Files.Get("docs/guide/index.html")
	if !bytes.Contains(guide.Data, []byte(`<a href="/docs/design-notes/#open-questions">the latest notes</a>`)) ||
		!bytes.Contains(guide.Data, []byte(`<a href="/docs/guide/">this folder</a>`)) {
		t.Errorf("links through symbolic links:\n%s", region(guide.Data, "<main", "</main>"))
	}
	if latest, ok := s.Files.Get("docs/latest/index.html"); !ok || !bytes.Contains(latest.Data, []byte("/docs/design-notes/")) {
		t.Errorf("the linked page's URL does not lead to the page it names: %q", latest.Data)
	}
	pages, images := 0, 0
	for _, p := range s.Files.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		f, _ := s.Files.Get(p)
		for _, ref := range localRefs(f.Data) {
			if ref.tag == "img" {
				images++
			}
			if problem := resolveOutput(s, p, ref); problem != "" {
				t.Errorf("%s: %s", p, problem)
			}
		}
	}
	if pages < 10 || images < 2 {
		t.Errorf("only %d pages and %d local images checked", pages, images)
	}
	for _, r := range []ref{{"img", "images/Overview%20Diagram.png"}, {"a", "/docs/#nowhere"}, {"a", "../runbooks/"}} {
		if resolveOutput(s, "docs/index.html", r) == "" {
			t.Errorf("the check finds nothing wrong with %s on docs/index.html", r.url)
		}
	}
}

// TestSymlinkOutOfRoot checks that a symbolic link that leaves the site's
// root is an error naming the link, and nothing of what it names is read.
func TestSymlinkOutOfRoot(t *testing.T) {
	outside := t.TempDir()
	writeFile(t, outside, "secret.md", "# Secret\n\nnot for the site\n")
	dir := writeGitHubFolder(t)
	symlink(t, dir, "content/docs/leak.md", filepath.Join(outside, "secret.md"))
	s := buildDir(t, dir)
	if !s.Diags.HasErrors() || !strings.Contains(s.Diags.Error(), "content/docs/leak.md") {
		t.Fatalf("no error naming the link:\n%s", s.Diags.Error())
	}
	for _, p := range s.Files.Paths() {
		if f, _ := s.Files.Get(p); bytes.Contains(f.Data, []byte("not for the site")) {
			t.Errorf("%s holds what the link names", p)
		}
	}
}

// ref is a URL a page loads or links to, with the tag it is on.
type ref struct{ tag, url string }

// localRefs lists the href, src and srcset URLs of page that lead within
// the site (no scheme, no host).
func localRefs(page []byte) []ref {
	var out []ref
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		for _, a := range tok.Attr {
			var urls []string
			switch a.Key {
			case "href", "src":
				urls = []string{a.Val}
			case "srcset":
				for _, c := range strings.Split(a.Val, ",") {
					urls = append(urls, strings.Fields(c)[0])
				}
			}
			for _, u := range urls {
				if pu, err := url.Parse(u); err == nil && pu.Scheme == "" && pu.Host == "" {
					out = append(out, ref{tok.Data, u})
				}
			}
		}
	}
}

// resolveOutput says what is wrong with r on the page published at out,
// or "".
func resolveOutput(s *Site, out string, r ref) string {
	u, err := url.Parse(r.url)
	if err != nil {
		return "malformed " + r.url
	}
	target := out
	if u.Path != "" {
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			p = path.Join("/", path.Dir(out), p) + map[bool]string{true: "/"}[strings.HasSuffix(p, "/")]
		}
		target = strings.TrimPrefix(p, "/")
		if target == "" || strings.HasSuffix(target, "/") {
			target += "index.html"
		}
		if !s.Files.Has(target) && s.Files.Has(target+"/index.html") {
			target += "/index.html"
		}
		if !s.Files.Has(target) {
			return "<" + r.tag + "> " + r.url + ": nothing is published at " + target
		}
	}
	if u.Fragment != "" && strings.HasSuffix(target, ".html") {
		f, _ := s.Files.Get(target)
		if !htmlIDs(f.Data)[u.Fragment] {
			return "<" + r.tag + "> " + r.url + ": " + target + " has no id " + u.Fragment
		}
	}
	return ""
}
