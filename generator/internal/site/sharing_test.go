package site

import (
	"bytes"
	"encoding/json"
	"image/png"
	"io/fs"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"github.com/tradeoffs/tradeoffs/generator/internal/search"
	"github.com/tradeoffs/tradeoffs/generator/internal/theme"
)

// sharingPages are the pages of testdata/sharing.txtar, one of each kind,
// with the types of the structured data each must have.
var sharingPages = []struct {
	path  string
	types []string
}{
	{"index.html", []string{"WebSite"}},
	{"case-studies/acme/index.html", []string{"Article", "BreadcrumbList"}},
	{"patterns/sync-vs-queues/index.html", []string{"Article", "BreadcrumbList"}},
	{"checklists/split/index.html", []string{"Article", "BreadcrumbList"}},
	{"calculators/double/index.html", []string{"Article", "BreadcrumbList"}},
	{"about/index.html", []string{"WebPage", "BreadcrumbList"}},
	{"case-studies/index.html", []string{"CollectionPage", "BreadcrumbList"}},
	{"tags/cost/index.html", []string{"CollectionPage", "BreadcrumbList"}},
	{"tags/index.html", []string{"CollectionPage", "BreadcrumbList"}},
	{"search/index.html", nil},
	{"404.html", nil},
}

// buildSharing builds testdata/sharing.txtar, with extra files.
func buildSharing(t *testing.T, extra ...string) (*Site, *txtar.Archive) {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/sharing.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	for i := 0; i+1 < len(extra); i += 2 {
		fsys[extra[i]] = &fstest.MapFile{Data: []byte(extra[i+1])}
	}
	s := buildSite(t, fsys)
	if len(s.Diags) > 0 {
		t.Fatalf("the fixture has problems:\n%v", s.Diags)
	}
	return s, ar
}

// TestSharingMetadata compares the sharing tags of the head of one page
// of each kind (Open Graph, Twitter, article times, structured data) with
// testdata/sharing.txtar, and checks what services require of them: the
// card is a 1200×630 PNG in the output, structured data parses as JSON
// and has the fields search engines need.
func TestSharingMetadata(t *testing.T) {
	s, ar := buildSharing(t)
	wants := map[string]*txtar.File{}
	for i := range ar.Files {
		wants[ar.Files[i].Name] = &ar.Files[i]
	}
	for _, pg := range sharingPages {
		t.Run(pg.path, func(t *testing.T) {
			f, ok := s.Files.Get(pg.path)
			if !ok {
				t.Fatalf("no %s", pg.path)
			}
			head := readHead(t, f.Data)
			got := head.golden()
			name := "want/" + pg.path
			w := wants[name]
			switch {
			case *update && w == nil:
				ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(got)})
			case *update:
				w.Data = []byte(got)
			case w == nil:
				t.Errorf("no %s in testdata/sharing.txtar: run go test -update", name)
			case string(w.Data) != got:
				t.Errorf("the sharing tags differ\n--- got\n%s\n--- want\n%s", got, w.Data)
			}
			checkCard(t, s, head)
			checkStructured(t, head, pg.types)
		})
	}
	if *update {
		if err := os.WriteFile("testdata/sharing.txtar", txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// head is what a page's head says to those who share it.
type head struct {
	canonical string
	meta      [][2]string // property or name, content; in order
	ld        [][]byte    // structured data, as written
}

func (h head) get(key string) string {
	for _, m := range h.meta {
		if m[0] == key {
			return m[1]
		}
	}
	return ""
}

var cardKey = regexp.MustCompile(`social/[0-9a-f]{32}\.png`)

// golden is the head's sharing tags, one a line, structured data indented.
func (h head) golden() string {
	var b strings.Builder
	for _, m := range h.meta {
		b.WriteString(m[0] + " = " + m[1] + "\n")
	}
	for _, ld := range h.ld {
		var out bytes.Buffer
		if err := json.Indent(&out, ld, "", "  "); err != nil {
			out.Write(ld)
		}
		b.WriteString(out.String() + "\n")
	}
	return cardKey.ReplaceAllString(b.String(), "social/KEY.png")
}

// readHead reads the head of a page as a browser would.
func readHead(t *testing.T, page []byte) head {
	t.Helper()
	var h head
	z := html.NewTokenizer(bytes.NewReader(page))
	inLD := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return h
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "body":
				return h
			case "link":
				if attr(tok, "rel") == "canonical" {
					h.canonical = attr(tok, "href")
				}
			case "meta":
				key := attr(tok, "property") + attr(tok, "name")
				if strings.HasPrefix(key, "og:") || strings.HasPrefix(key, "article:") || strings.HasPrefix(key, "twitter:") {
					h.meta = append(h.meta, [2]string{key, attr(tok, "content")})
				}
			case "script":
				inLD = attr(tok, "type") == "application/ld+json"
			}
		case html.TextToken:
			if inLD {
				h.ld = append(h.ld, bytes.Clone(z.Text()))
			}
		case html.EndTagToken:
			inLD = false
		}
	}
}

// checkCard checks that the page names its card as services need it,
// and that the card is in the output, a PNG of that size.
func checkCard(t *testing.T, s *Site, h head) {
	t.Helper()
	if h.get("twitter:card") != "summary_large_image" || h.get("og:image:width") != "1200" || h.get("og:image:height") != "630" ||
		h.get("og:image:type") != "image/png" || h.get("og:image:alt") == "" || h.get("twitter:image:alt") != h.get("og:image:alt") {
		t.Errorf("the card is not described as a large 1200×630 PNG with a text alternative: %q", h.meta)
	}
	u, err := url.Parse(h.get("og:image"))
	if err != nil || !u.IsAbs() || !strings.HasPrefix(u.String(), "https://kb.example.org/social/") {
		t.Fatalf("og:image %q is not an absolute URL of the site's cards", h.get("og:image"))
	}
	f, ok := s.Files.Get(strings.TrimPrefix(u.Path, "/"))
	if !ok {
		t.Fatalf("og:image %s is not in the output", u)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(f.Data))
	if err != nil || cfg.Width != 1200 || cfg.Height != 630 {
		t.Errorf("the card %s is not a 1200×630 PNG: %+v, %v", u, cfg, err)
	}
}

// ldObject is structured data as search engines read it.
type ldObject map[string]any

func (o ldObject) str(path ...string) string {
	var v any = map[string]any(o)
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = m[p]
	}
	s, _ := v.(string)
	return s
}

// checkStructured checks that each structured data block parses as
// JSON, that the page has the types it should, and that each has the
// fields search engines use.
func checkStructured(t *testing.T, h head, types []string) {
	t.Helper()
	var got []string
	for _, raw := range h.ld {
		var o ldObject
		if err := json.Unmarshal(raw, &o); err != nil {
			t.Errorf("structured data that is not JSON: %v\n%s", err, raw)
			continue
		}
		got = append(got, o.str("@type"))
		if o.str("@context") != "https://schema.org" {
			t.Errorf("%s: @context %q", o.str("@type"), o.str("@context"))
		}
		switch o.str("@type") {
		case "Article":
			checkArticle(t, h, o)
		case "BreadcrumbList":
			checkBreadcrumbs(t, h, o)
		case "WebSite":
			checkWebSite(t, o)
		case "WebPage", "CollectionPage":
			if o.str("name") != h.get("og:title") || o.str("url") != h.canonical {
				t.Errorf("%s: name %q, url %q", o.str("@type"), o.str("name"), o.str("url"))
			}
		}
	}
	if strings.Join(got, " ") != strings.Join(types, " ") {
		t.Errorf("structured data of types %q, want %q", got, types)
	}
}

func checkArticle(t *testing.T, h head, o ldObject) {
	t.Helper()
	for _, f := range [][]string{{"headline"}, {"datePublished"}, {"dateModified"}, {"author", "name"}, {"publisher", "name"}, {"image", "url"}, {"mainEntityOfPage"}, {"description"}} {
		if o.str(f...) == "" {
			t.Errorf("Article has no %s", strings.Join(f, "."))
		}
	}
	if o.str("headline") != h.get("og:title") || o.str("mainEntityOfPage") != h.canonical || o.str("image", "url") != h.get("og:image") {
		t.Errorf("Article: headline %q, page %q, image %q disagree with the head", o.str("headline"), o.str("mainEntityOfPage"), o.str("image", "url"))
	}
	for _, f := range []string{"datePublished", "dateModified"} {
		if _, err := time.Parse(time.RFC3339, o.str(f)); err != nil {
			t.Errorf("Article's %s: %v", f, err)
		}
	}
	if o.str("dateModified") != h.get("article:modified_time") || o.str("datePublished") != h.get("article:published_time") {
		t.Errorf("Article's dates %s, %s disagree with the head's %s, %s", o.str("datePublished"), o.str("dateModified"),
			h.get("article:published_time"), h.get("article:modified_time"))
	}
	if about, _ := o["about"].([]any); len(about) == 0 {
		t.Error("Article says nothing of what it is about")
	}
}

func checkBreadcrumbs(t *testing.T, h head, o ldObject) {
	t.Helper()
	items, _ := o["itemListElement"].([]any)
	if len(items) < 2 {
		t.Fatalf("BreadcrumbList of %d items", len(items))
	}
	for i, it := range items {
		c, _ := it.(map[string]any)
		item := ldObject(c)
		if pos, _ := c["position"].(float64); int(pos) != i+1 || item.str("@type") != "ListItem" || item.str("name") == "" {
			t.Errorf("breadcrumb %d: %v", i, c)
		}
		if u, err := url.Parse(item.str("item")); err != nil || !u.IsAbs() {
			t.Errorf("breadcrumb %d links %q", i, item.str("item"))
		}
	}
	last := ldObject(items[len(items)-1].(map[string]any))
	first := ldObject(items[0].(map[string]any))
	if last.str("item") != h.canonical || first.str("item") != "https://kb.example.org/" {
		t.Errorf("the breadcrumbs go from %s to %s, not from the home page to %s", first.str("item"), last.str("item"), h.canonical)
	}
}

// checkWebSite checks the home page's WebSite, whose search action must
// open the search page with the query in the parameter its script
// (search-page.js) reads.
func checkWebSite(t *testing.T, o ldObject) {
	t.Helper()
	if o.str("name") != `Fixture "KB"` || o.str("url") != "https://kb.example.org/" {
		t.Errorf("WebSite %q at %q", o.str("name"), o.str("url"))
	}
	action, _ := o["potentialAction"].(map[string]any)
	a := ldObject(action)
	if a.str("@type") != "SearchAction" || a.str("target", "urlTemplate") != "https://kb.example.org/search/?q={search_term_string}" ||
		a.str("query-input") != "required name=search_term_string" {
		t.Errorf("the search action is %v", action)
	}
	js, err := fs.ReadFile(theme.FS, "static/js/"+search.PageScript)
	if err != nil || !bytes.Contains(js, []byte(`.get("`+searchQuery+`")`)) {
		t.Errorf("the search page does not read its query from %q (%v)", searchQuery, err)
	}
}

// TestStructuredDataCannotEndItsElement: a title, summary and tag holding
// "</script>", an HTML comment, quotes and line separators give
// structured data that is one JSON value per element, whose strings are
// the text as the page shows it, and nothing else in the head.
func TestStructuredDataCannotEndItsElement(t *testing.T) {
	title := `Ends </script><script>alert(1)</script> and <!-- a "quote" 'or' two --> ` + "\u2028 too"
	s := buildSite(t, siteFS(map[string]string{
		"content/notes/x.md": "---\ntitle: " + strconvQuote(title) + "\nsummary: " + strconvQuote("</SCRIPT >"+title) + "\ndate: 2024-01-01\ntags: [" + strconvQuote("</script>") + "]\n---\nBody.\n",
	}))
	f, _ := s.Files.Get("notes/x/index.html")
	h := readHead(t, f.Data)
	if len(h.ld) != 2 {
		t.Fatalf("%d structured data elements, want 2 (Article, BreadcrumbList):\n%s", len(h.ld), f.Data)
	}
	var article ldObject
	if err := json.Unmarshal(h.ld[0], &article); err != nil {
		t.Fatalf("the Article is not JSON: %v\n%s", err, h.ld[0])
	}
	want := typeset(title)
	if article.str("headline") != want || h.get("og:title") != want {
		t.Errorf("the headline is %q (og:title %q), want %q", article.str("headline"), h.get("og:title"), want)
	}
	if !strings.HasPrefix(article.str("description"), "</SCRIPT >") {
		t.Errorf("the description is %q", article.str("description"))
	}
	for _, ld := range h.ld {
		if bytes.Contains(bytes.ToLower(ld), []byte("</script")) || bytes.Contains(ld, []byte("<!--")) {
			t.Errorf("structured data holds markup a browser would act on: %s", ld)
		}
	}
	if n := inlineScripts(f.Data); n != 2 {
		t.Errorf("the page has %d script elements without a src: one broke out of the structured data", n)
	}
}

// inlineScripts counts the script elements of a page that have no src.
func inlineScripts(page []byte) int {
	n := 0
	z := html.NewTokenizer(bytes.NewReader(page))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tok := z.Token(); tt == html.StartTagToken && tok.Data == "script" && attr(tok, "src") == "" {
			n++
		}
	}
	return n
}

// strconvQuote quotes s as a YAML double-quoted string.
func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
