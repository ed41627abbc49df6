package search

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tradeoffs/tradeoffs/generator/internal/assets"
)

// testCorpus reads the small fixed corpus of testdata/corpus.json.
func testCorpus(t testing.TB) []Doc {
	t.Helper()
	b, err := os.ReadFile("testdata/corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var docs []Doc
	if err := json.Unmarshal(b, &docs); err != nil {
		t.Fatalf("testdata/corpus.json: %v", err)
	}
	return docs
}

// pageTmpl is a minimal layout following the search contract: a header
// form with data-search-index, the deferred scripts, the modules and the
// stylesheet.
var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<link rel="stylesheet" href="/css/search.css">
{{range .Scripts}}<script src="{{.}}" defer></script>
{{end}}{{range .Modules}}<script type="module" src="{{.}}"></script>
{{end}}</head>
<body><header><a href="/">Tradeoffs</a>
<form role="search" action="/search/" method="get" data-search-index="/{{.Entry}}">
<label for="site-search">Search</label>
<input type="search" id="site-search" name="q" placeholder="Search"></form></header>
<main><h1>{{.Title}}</h1>
{{if .Results}}<div id="search-results"><noscript><p>Search needs JavaScript. Browse the <a href="/tags/">tags</a>.</p></noscript></div>{{end}}
{{range .Blocks}}{{if .Anchor}}<h2 id="{{.Anchor}}">{{.Heading}}</h2>{{end}}<p>{{.Text}}</p>
{{end}}<input type="text" id="other-input" aria-label="another input"></main></body></html>
`))

type pageData struct {
	Title   string
	Entry   string
	Results bool
	Blocks  []Block
	Scripts []string // URLs of the deferred classic scripts
	Modules []string // URLs of the modules, which run after them
}

// siteFS returns a small site: one page per doc, a home page, the results
// page, the client's scripts (minified, as published) and stylesheet, and
// the index files.
func siteFS(t testing.TB, docs []Doc, files Files) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	// The scripts as the site publishes them: minified, fingerprinted, a
	// module importing its dependencies by their fingerprinted names.
	bundle, err := assets.Build(os.DirFS("../theme"), "static", nil)
	if err != nil {
		t.Fatal(err)
	}
	urls := func(names []string) (scripts, modules []string) {
		for _, name := range names {
			u, ok := bundle.URL("js/" + name)
			switch {
			case !ok:
				t.Fatalf("the theme has no js/%s", name)
			case bundle.Module("js/" + name):
				modules = append(modules, u)
			default:
				scripts = append(scripts, u)
			}
		}
		return scripts, modules
	}
	render := func(path string, d pageData) {
		var sb strings.Builder
		d.Entry = files.Entry
		names := Scripts
		if d.Results {
			names = append(slices.Clone(Scripts), PageScript)
		}
		d.Scripts, d.Modules = urls(names)
		if err := pageTmpl.Execute(&sb, d); err != nil {
			t.Fatal(err)
		}
		fsys[strings.TrimPrefix(path, "/")+"index.html"] = &fstest.MapFile{Data: []byte(sb.String())}
	}
	render("/", pageData{Title: "Home"})
	render("/search/", pageData{Title: "Search", Results: true})
	for _, d := range docs {
		render(d.URL, pageData{Title: d.Title, Blocks: d.Blocks})
	}
	for name, b := range bundle.Files() {
		if strings.HasPrefix(name, "js/") {
			fsys[name] = &fstest.MapFile{Data: b}
		}
	}
	css, err := os.ReadFile("../theme/static/css/search.css")
	if err != nil {
		t.Fatal(err)
	}
	fsys["css/search.css"] = &fstest.MapFile{Data: css}
	fsys["favicon.ico"] = &fstest.MapFile{Data: []byte{}}
	for p, b := range files.Data {
		fsys[p] = &fstest.MapFile{Data: b}
	}
	return fsys
}

func siteHandler(fsys fstest.MapFS) http.Handler { return http.FileServer(http.FS(fsys)) }

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func jsQuery(entry, q string, filters string) string {
	if filters == "" {
		filters = "{}"
	}
	return fmt.Sprintf(`window.tradeoffsSearch.query(%s, %s, %s, 20)`, jsString("/"+entry), jsString(q), filters)
}
