package site

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
)

// TestSharingInBrowser serves the sharing fixture, with a case study whose
// title and summary try to end the structured data's element, with the
// site's Content Security Policy, and checks in Chromium that on every
// kind of page the structured data is data (each block parses, no script
// runs and the policy reports nothing) saying what the head says, and
// that the card the page names loads as a 1200×630 picture.
func TestSharingInBrowser(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sharing.txtar")
	if err != nil {
		t.Fatal(err)
	}
	var acme string
	for _, f := range ar.Files {
		if f.Name == "content/case-studies/acme.md" {
			acme = string(f.Data)
		}
	}
	hostile := strings.NewReplacer(`title: "ACME's billing: from Lambdas to one process"`, `title: "Ends </script><script>window.escaped = 1</script> \"here\""`,
		"summary: ACME merged its functions.", `summary: "</script ><script>window.escaped = 2</script>"`).Replace(acme)
	if hostile == acme {
		t.Fatal("the hostile case study is the fixture's")
	}
	s, _ := buildSharing(t, "content/case-studies/hostile.md", hostile)
	dir := t.TempDir()
	for _, p := range s.Files.Paths() {
		f, _ := s.Files.Get(p)
		out := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(out), 0o755)
		if err := os.WriteFile(out, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := browsertest.ServeDir(t, dir)
	b := browsertest.New(t)
	pages := []string{"case-studies/hostile/index.html"}
	for _, pg := range sharingPages {
		pages = append(pages, pg.path)
	}
	for _, path := range pages {
		t.Run(path, func(t *testing.T) {
			tab := b.NewTab()
			tab.Navigate(base + "/" + path)
			problems := browsertest.Eval[[]string](tab, `(() => {
				const bad = [];
				const meta = (k) => (document.querySelector('meta[property="' + k + '"]') || {}).content;
				if (window.escaped) bad.push("a script in the title ran: " + window.escaped);
				for (const el of document.querySelectorAll('script[type="application/ld+json"]')) {
					let o;
					try { o = JSON.parse(el.textContent); } catch (e) { bad.push("not JSON: " + el.textContent); continue; }
					if (o["@type"] === "Article" && o.headline !== meta("og:title")) bad.push("headline " + o.headline + " is not og:title " + meta("og:title"));
				}
				for (const el of document.querySelectorAll("head script:not([src]):not([type='application/ld+json'])")) bad.push("a script element: " + el.outerHTML);
				return bad;
			})()`)
			for _, p := range problems {
				t.Error(p)
			}
			image := browsertest.Eval[string](tab, `document.querySelector('meta[property="og:image"]').content`)
			u, err := url.Parse(image)
			if err != nil {
				t.Fatal(err)
			}
			browsertest.Eval[bool](tab, `(window.card = Object.assign(new Image(), {src: `+strconvQuote(u.Path)+`}), true)`)
			tab.WaitFor(`window.card && window.card.complete && window.card.naturalWidth > 0`, 10*time.Second)
			if size := browsertest.Eval[[]int](tab, `[window.card.naturalWidth, window.card.naturalHeight]`); size[0] != 1200 || size[1] != 630 {
				t.Errorf("the card %s is %v pixels, want 1200×630", u.Path, size)
			}
		})
	}
}
