package search

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"os"
	"strings"
	"testing"
	"testing/fstest"
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
// form with data-search-index, the deferred scripts, the module and the
// stylesheet.
var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<link rel="stylesheet" href="/css/search.css">
<script src="/js/search-text.js" defer></script>
<script src="/js/search-engine.js" defer></script>
<script type="module" src="/js/search.js"></script></head>
<body><header><a href="/">Tradeoffs</a>
<form role="search" action="/search/" method="get" data-search-index="/{{.Entry}}">
<label for="site-search">Search</label>
<input type="search" id="site-search" name="q" placeholder="Search"></form></header>
<main><h1>{{.Title}}</h1>
{{if .Results}}<div id="search-results"><p>Search needs JavaScript. Browse the <a href="/tags/">tags</a>.</p></div>{{end}}
{{range .Blocks}}{{if .Anchor}}<h2 id="{{.Anchor}}">{{.Heading}}</h2>{{end}}<p>{{.Text}}</p>
{{end}}<input type="text" id="other-input" aria-label="another input"></main></body></html>
`))

type pageData struct {
	Title   string
	Entry   string
	Results bool
	Blocks  []Block
}

// siteFS returns a small site: one page per doc, a home page, the results
// page, the client script and stylesheet and the index files.
func siteFS(t testing.TB, docs []Doc, files Files) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	render := func(path string, d pageData) {
		var sb strings.Builder
		d.Entry = files.Entry
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
	for _, name := range []string{"js/search-text.js", "js/search-engine.js", "js/search.js", "js/dom.js", "css/search.css"} {
		b, err := os.ReadFile("../theme/static/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
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
