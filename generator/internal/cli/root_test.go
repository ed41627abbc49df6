package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// secretMark is what a file outside the site holds: it must never reach the
// output, whatever link points at it.
const secretMark = "BUILD-MACHINE-SECRET"

// siteWithLinks writes goodSite under dir/site, a secret file beside it, and
// the given symbolic links (path in the site → target, "$SECRET" standing
// for the secret file's absolute path).
func siteWithLinks(t *testing.T, links map[string]string) string {
	t.Helper()
	top := t.TempDir()
	root := filepath.Join(top, "site")
	secret := filepath.Join(top, "secret.txt")
	if err := os.WriteFile(secret, []byte(secretMark), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, data := range goodSite {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for from, to := range links {
		p := filepath.Join(root, filepath.FromSlash(from))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.Symlink(strings.ReplaceAll(to, "$SECRET", secret), p); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// outputHolds reports whether any file under dir contains s.
func outputHolds(t *testing.T, dir, s string) bool {
	t.Helper()
	found := false
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), s) {
				found = true
			}
		}
		return nil
	})
	return found
}

// A pull request must not be able to publish a file of the build machine
// through a symbolic link, wherever the link sits: layouts, the config,
// static/, content/.
func TestLinksOutOfTheSiteRootAreErrors(t *testing.T) {
	cases := []struct{ link, target string }{
		{"layouts/partials/footer.html", "$SECRET"},
		{"layouts/partials/footer.html", "/proc/self/environ"},
		{"layouts/partials/footer.html", "../../../secret.txt"},
		{"layouts/partials", "../.."},
		{"content/_site.yaml", "$SECRET"},
		{"static/leak.txt", "$SECRET"},
		{"static/leak.txt", "../../secret.txt"},
		{"content/notes/leak.png", "../../../secret.txt"},
		{"content/notes/leak.md", "$SECRET"},
	}
	for _, c := range cases {
		t.Run(c.link+"→"+c.target, func(t *testing.T) {
			root := siteWithLinks(t, map[string]string{c.link: c.target})
			for _, cmd := range []string{"build", "check"} {
				code, stdout, stderr := run(t, cmd, "--root", root)
				if code == 0 {
					t.Errorf("%s exited 0 with %s → %s", cmd, c.link, c.target)
				}
				msg := stdout + stderr
				target := strings.ReplaceAll(c.target, "$SECRET", filepath.Join(filepath.Dir(root), "secret.txt"))
				if !strings.Contains(msg, c.link) || !strings.Contains(msg, target) {
					t.Errorf("%s: the message does not name the link %s and its target %s:\n%s", cmd, c.link, target, msg)
				}
			}
			if outputHolds(t, filepath.Join(root, "public"), secretMark) {
				t.Error("the file outside the site root was published")
			}
		})
	}
}

// A link that stays inside the site root is followed, like the file it
// names.
func TestLinksInsideTheSiteRootAreFollowed(t *testing.T) {
	root := siteWithLinks(t, map[string]string{
		"layouts/partials/footer.html": "../../shared/footer.html",
		"static/logo.txt":              "../shared/logo.txt",
		"content/notes/diagram.svg":    "../../shared/diagram.svg",
	})
	for name, data := range map[string]string{
		"shared/footer.html": `<footer>shared footer</footer>`,
		"shared/logo.txt":    "LOGO",
		"shared/diagram.svg": `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
	} {
		os.MkdirAll(filepath.Join(root, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(root, name), []byte(data), 0o644)
	}
	if code, _, stderr := run(t, "build", "--root", root, "--quiet"); code != 0 {
		t.Fatalf("build failed: %s", stderr)
	}
	out := filepath.Join(root, "public")
	for file, want := range map[string]string{
		"notes/first/index.html": "shared footer",
		"logo.txt":               "LOGO",
		"notes/diagram.svg":      "<svg",
	} {
		if b, err := os.ReadFile(filepath.Join(out, file)); err != nil || !strings.Contains(string(b), want) {
			t.Errorf("%s: %v; want it to hold %q", file, err, want)
		}
	}
}

// What content/ publishes: pages in any letter case and .markdown (drafts
// left out), never an editor's or a patch's leftovers, and other files
// only when they are of a type meant to be published.
func TestContentPublishesPagesAndAssetsOnly(t *testing.T) {
	const embargo = "EMBARGOED-TEXT"
	root := writeSite(t, map[string]string{
		"content/_index.md":              "---\ntitle: Home\n---\nHello.\n",
		"content/about.md":               "---\ntitle: About\n---\nAbout us.\n",
		"content/notes/embargo.MD":       "---\ntitle: Embargo\ndraft: true\n---\n" + embargo + "\n",
		"content/notes/x.markdown":       "---\ntitle: X\n---\nA markdown page.\n",
		"content/notes/shout.MD":         "---\ntitle: Shout\n---\nLoud.\n",
		"content/#about.md#":             "---\ntitle: About\n---\n" + embargo + " autosave\n",
		"content/about.md.orig":          "---\ntitle: About\n---\n" + embargo + " orig\n",
		"content/about.md~":              embargo + " backup\n",
		"content/.about.md.swp":          embargo + " swap\n",
		"content/notes/chart.png":        "PNG",
		"content/notes/paper.PDF":        "PDF",
		"content/notes/notes.docx":       embargo + " docx",
		"content/notes/bundle/index.md":  "---\ntitle: Bundle\n---\nA bundle.\n",
		"content/notes/bundle/data.xyz":  "bundle resource",
		"content/notes/bundle/index.md~": embargo + " bundle backup",
		"content/notes/bundle/old.orig":  embargo + " bundle orig",
	})
	code, stdout, stderr := run(t, "build", "--root", root)
	if code != 0 {
		t.Fatalf("build failed: %s%s", stdout, stderr)
	}
	out := filepath.Join(root, "public")
	if outputHolds(t, out, embargo) {
		t.Error("a draft, an editor's file or an unknown file type was published")
	}
	// notes/ is a generic section: file names become URLs, lower-cased.
	for _, want := range []string{"notes/x/index.html", "notes/shout/index.html", "notes/chart.png", "notes/paper.pdf", "notes/bundle/data.xyz"} {
		if _, err := os.Stat(filepath.Join(out, want)); err != nil {
			t.Errorf("%s was not published: %v", want, err)
		}
	}
	for _, absent := range []string{"notes/embargo.MD", "notes/embargo/index.html", "notes/x.markdown", "about.md.orig", "#about.md#", "notes/notes.docx"} {
		if _, err := os.Stat(filepath.Join(out, absent)); err == nil {
			t.Errorf("%s was published", absent)
		}
	}
	if !strings.Contains(stdout+stderr, "content/notes/notes.docx") || !strings.Contains(stdout+stderr, "not published") {
		t.Errorf("no warning names the unpublished file:\n%s%s", stdout, stderr)
	}
}
