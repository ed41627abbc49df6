package site

import (
	"bytes"
	"context"
	"net/url"
	"path"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/suggest"

	"github.com/tradeoffs/tradeoffs/generator/internal/config"
	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/csp"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
	"github.com/tradeoffs/tradeoffs/generator/internal/output"
)

// searchDir is the output folder of the search page and its index.
const searchDir = "search"

// checkLinks reports internal links to pages, files and headings that the
// built site does not have. It runs last, so it sees every output file.
func (s *build) checkLinks(context.Context) {
	if s.files == nil {
		return
	}
	// Each page a fragment is looked up in is read once for the whole
	// check: a page every other page links into (the glossary, whose list
	// of pages that link here grows with the site) would otherwise be read
	// again, and kept, for each of those links. Its bytes are kept only
	// by a Builder that keeps the check for its next build: a one-shot
	// build keeps the ids alone, not every page read back from disk.
	memo := !s.b.oneShot
	targets := &linkTargets{files: s.files, keep: memo, pages: map[string]*targetPage{}, guesses: map[string]string{}}
	sev := diag.Error
	if s.cfg.BrokenLinks == "warning" {
		sev = diag.Warning
	}
	// A page's links check the same as last time when its content is the
	// same, the site publishes the same paths, and the pages its links
	// point into (with a #fragment) are the same: then its last findings
	// are reused, and an edit does not check every link of the site again.
	// The search index's files change with every edit, and no page links
	// to them (the search page itself is checked like any page).
	paths := s.files.PathsKey(searchDir)
	if s.files.Has(searchOut) {
		paths++
	}
	paths ^= s.failed.key()
	fresh := map[string]*linkCheck{}
	for _, p := range s.pages {
		if p.md == nil {
			continue
		}
		imgSrc := strings.Join(s.cfg.ImgSrc, " ")
		if c := s.b.links[p.Source]; c != nil && c.md == p.md && c.paths == paths && c.sev == sev && c.base == s.cfg.BaseURL && c.imgSrc == imgSrc && s.sameTargets(c.targets) {
			s.diags.Append(c.diags)
			fresh[p.Source] = c
			continue
		}
		c := &linkCheck{md: p.md, paths: paths, sev: sev, base: s.cfg.BaseURL, imgSrc: imgSrc}
		for _, l := range p.md.Links {
			if l.External {
				if msg := externalProblem(l, c.base, s.cfg.ImgSrc); msg != "" {
					c.diags.Add(diag.Diagnostic{Pos: l.Pos, Severity: diag.Warning, Msg: msg})
				}
				continue
			}
			msg, target := s.linkProblem(p, l.Href, targets)
			if msg != "" {
				c.diags.Add(diag.Diagnostic{Pos: l.Pos, Severity: sev, Msg: msg, Consequence: true})
			}
			if target != "" && memo {
				c.targets = append(c.targets, linkTarget{target, targets.get(target).data})
			}
		}
		s.diags.Append(c.diags)
		fresh[p.Source] = c
	}
	if memo {
		s.b.links = fresh
	}
}

// linkTargets are what a link check looks up, each once: the output pages
// it looks fragments up in, and the URL nearest to each path where nothing
// is published (a missing page that every page links to is otherwise
// compared with every URL of the site once for each of those links).
type linkTargets struct {
	files   *output.Files
	keep    bool // keep each page's bytes (see linkTarget)
	pages   map[string]*targetPage
	guesses map[string]string // missing path → nearest URL, or ""
}

// targetPage is an output page links look fragments up in: its ids, and
// its bytes as the check read them when they are kept.
type targetPage struct {
	ids  map[string]bool
	data []byte
}

// get returns the page at output path out, reading it the first time.
func (ts *linkTargets) get(out string) *targetPage {
	t, ok := ts.pages[out]
	if !ok {
		f, _ := ts.files.Get(out)
		t = &targetPage{ids: htmlIDs(f.Data)}
		if ts.keep {
			t.data = f.Data
		}
		ts.pages[out] = t
	}
	return t
}

// linkCheck is what checkLinks found in one page's content.
type linkCheck struct {
	md      *markdown.Result
	paths   uint64
	sev     diag.Severity
	base    string // the site's base URL, for images at its own host
	imgSrc  string // the site's img_src, for images from other hosts
	targets []linkTarget
	diags   diag.List
}

// linkTarget is a page a link's fragment was looked for in, as it was.
type linkTarget struct {
	out  string
	data []byte
}

// sameTargets reports whether every target still holds the same bytes
// (the same slice: a page not rendered again keeps its bytes).
func (s *build) sameTargets(ts []linkTarget) bool {
	for _, t := range ts {
		f, ok := s.files.Get(t.out)
		if !ok || len(f.Data) != len(t.data) || len(f.Data) > 0 && &f.Data[0] != &t.data[0] {
			return false
		}
	}
	return true
}

// linkProblem returns what is wrong with an internal link, or "", and the
// output file whose ids it looked the fragment up in, if it did. A link to
// a page that failed is not a problem of its own (see failed).
func (s *build) linkProblem(from *page, href string, targets *linkTargets) (string, string) {
	p, rest := splitFragment(href)
	frag := ""
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		frag = rest[i+1:]
	}
	if p == "" {
		p = from.URL
	}
	if content.IsPage(path.Base(p)) {
		if s.failed.source(path.Join(path.Dir(from.Source), p)) {
			return "", ""
		}
		return "link to " + p + ": no such page: check the path, relative to this file", ""
	}
	if !strings.HasPrefix(p, "/") {
		return "", ""
	}
	if unescaped, err := url.PathUnescape(p); err == nil {
		p = unescaped
	}
	out, ok := s.outputFor(p)
	if !ok && s.failed.url(p) {
		return "", ""
	}
	if !ok {
		msg := "broken link: nothing is published at " + p
		guess, ok := targets.guesses[p]
		if !ok {
			guess = s.closestURL(p)
			targets.guesses[p] = guess
		}
		if guess != "" {
			msg += "; did you mean " + guess + "?"
		}
		return msg, ""
	}
	if frag == "" || !strings.HasSuffix(out, ".html") {
		return "", ""
	}
	if f, err := url.PathUnescape(frag); err == nil && !targets.get(out).ids[f] {
		return "broken link: " + p + " has no heading or element with id \"" + f + "\"", out
	}
	return "", out
}

// outputFor finds the output file that URL path p serves.
func (s *build) outputFor(p string) (string, bool) {
	for _, c := range outputCandidates(p) {
		if s.files.Has(c) {
			return c, true
		}
	}
	return "", false
}

// closestURL suggests the published page URL nearest to p, for typos. A
// page the site knows but did not publish (its layout failed) is no
// suggestion; and so the suggestion depends on the published paths alone,
// which a page's link check is reused by (see checkLinks).
func (s *build) closestURL(p string) string {
	best, bestD := "", 1<<30
	want := strings.TrimSuffix(p, "/") + "/"
	for u := range s.byURL {
		if _, ok := s.outputFor(u); !ok {
			continue
		}
		// Ties go to the first URL in order, so the message is the same
		// in every build.
		if d := suggest.Distance(want, u, bestD+1); d < bestD || d == bestD && u < best {
			best, bestD = u, d
		}
	}
	if bestD <= max(3, len(want)/5) {
		return best
	}
	return ""
}

// htmlIDs collects the values of id="..." attributes in an HTML page. The
// generator writes every attribute quoted, so a byte scan is exact here.
func htmlIDs(b []byte) map[string]bool {
	set := map[string]bool{}
	for {
		i := bytes.Index(b, []byte(` id="`))
		if i < 0 {
			return set
		}
		b = b[i+5:]
		j := bytes.IndexByte(b, '"')
		if j < 0 {
			return set
		}
		set[htmlUnescape(string(b[:j]))] = true
		b = b[j:]
	}
}

// externalProblem reports a malformed external URL (no network is used),
// and an image the site's Content Security Policy keeps readers of a site
// published at base, whose img_src is imgSrc, from seeing.
func externalProblem(l markdown.Link, base string, imgSrc []string) string {
	href := l.Href
	u, err := url.Parse(href)
	switch {
	case err != nil:
		return "malformed link " + href + ": " + err.Error()
	case (u.Scheme == "http" || u.Scheme == "https") && (u.Host == "" || !strings.Contains(u.Hostname(), ".") && u.Hostname() != "localhost"):
		return "malformed link " + href + ": the host name is missing or incomplete"
	case l.Image && !csp.AllowsImage(href, base, imgSrc...):
		msg := "image " + href + " is blocked by the site's Content Security Policy (" + csp.Directive("img-src", imgSrc...) +
			"), so readers would see a broken image: save the image in the page's bundle, beside the page or in static/ and link it by its path"
		if u.Scheme == "https" {
			msg += ", or add https://" + u.Host + " to img_src in " + config.File + " (and to img-src in netlify.toml)"
		}
		return msg
	}
	return ""
}
