package devserver

import (
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The preview serves the built site from memory and nothing else: not a
// file a symbolic link in the site points to outside it, not a file
// reached by climbing out of the site in the URL, however encoded.
func TestNothingOutsideTheSiteIsServed(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("TOP-SECRET\n"), 0o644)
	os.WriteFile(filepath.Join(outside, "secret.md"), []byte("---\ntitle: Secret\n---\nTOP-SECRET\n"), 0o644)
	os.Mkdir(filepath.Join(outside, "dir"), 0o755)
	os.WriteFile(filepath.Join(outside, "dir", "secret.txt"), []byte("TOP-SECRET\n"), 0o644)

	p := startPreview(t, maps.Clone(previewSite))
	p.waitBuilds(1)
	n := p.builds()
	for link, target := range map[string]string{
		"static/leak.txt":       "secret.txt",
		"static/leakdir":        "dir",
		"content/notes/leak.md": "secret.md",
		"content/leakdir":       "dir",
	} {
		if err := os.Symlink(filepath.Join(outside, target), filepath.Join(p.root, filepath.FromSlash(link))); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	p.write("content/notes/other.md", "---\ntitle: Another note\n---\nLINKS-ADDED\n")
	p.waitBuilds(n + 1)

	abs := filepath.ToSlash(outside)
	for _, path := range []string{
		"/", "/notes/", "/notes/other/", "/notes/long/",
		"/leak.txt", "/leakdir/secret.txt", "/notes/leak/", "/leakdir/", "/leakdir/secret/",
		"/../../../../../.." + abs + "/secret.txt",
		"/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e" + abs + "/secret.txt",
		"/..%2f..%2f..%2f..%2f..%2f.." + strings.ReplaceAll(abs, "/", "%2f") + "%2fsecret.txt",
		"/%252e%252e/%252e%252e/%252e%252e" + abs + "/secret.txt",
		"/..%5c..%5c..%5c..%5c..%5c.." + abs + "/secret.txt",
		abs + "/secret.txt",
		"/_tradeoffs/../leak.txt", "/_tradeoffs/%2e%2e/leak.txt",
	} {
		code, body := p.get(path)
		if strings.Contains(body, "TOP-SECRET") {
			t.Errorf("GET %s (status %d) serves a file from outside the site", path, code)
		}
		if strings.Contains(path, "leak") && code == http.StatusOK {
			t.Errorf("GET %s: status 200, want the link refused", path)
		}
	}
}
