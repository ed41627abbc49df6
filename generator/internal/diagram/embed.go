package diagram

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
)

// Dir is the output folder of the diagram files.
const Dir = "diagrams"

// Output receives the diagram files. *output.Files implements it.
type Output interface {
	// Put adds or replaces the file at path (slash-separated, relative to
	// the site root); source is the page that uses it.
	Put(path string, data []byte, source string)
}

// Embedder renders the d2 fenced blocks of one build: it is the
// markdown.Embedder for the language "d2". It is safe for concurrent use.
type Embedder struct {
	r    *Renderer
	out  Output
	tmpl *template.Template
	full *template.Template
	lang string
}

// Embedder returns an Embedder that renders with r (and its cache) and
// writes the SVG files to out. Make one per build, with that build's
// output: a cached diagram is written again to every build that uses it.
func (r *Renderer) Embedder(out Output) *Embedder {
	return &Embedder{r: r, out: out, tmpl: template.Must(template.New("figure").Parse(figureHTML)),
		full: template.Must(template.New("full").Parse(fullHTML)), lang: "en"}
}

// WithLanguage sets the language code of the full-size pages ("en" by
// default) and returns e.
func (e *Embedder) WithLanguage(lang string) *Embedder {
	if lang != "" {
		e.lang = lang
	}
	return e
}

// figureHTML is what a page shows. width and height are the picture's own
// size, so the browser reserves the space before the file arrives; the
// stylesheet scales it down to the column, and a link opens the picture
// full size (a wide diagram shrunk to a phone is small): at the end of the
// caption, or under the picture when there is none.
const figureHTML = `{{if .Src -}}
<figure class="diagram"><img src="{{.Src}}" alt="{{.Alt}}" width="{{.Width}}" height="{{.Height}}" loading="lazy" decoding="async">
{{- if .Caption}}<figcaption>{{.Caption}} <a class="diagram-open" href="{{.Page}}">Open full size</a></figcaption>
{{- else}}<p class="diagram-open-line"><a class="diagram-open" href="{{.Page}}">Open the diagram full size</a></p>{{end}}
{{- else -}}
<figure class="diagram diagram-missing"><p>{{.Alt}}</p>{{with .Caption}}<figcaption>{{.}}</figcaption>{{end}}
{{- end}}</figure>`

// fullHTML is the full-size page: the picture at its own size, which a
// phone can pan and zoom. It shows the SVG in an <img> as the article
// does, because the site's Content Security Policy, sent with every file,
// would block the SVG's own styles if the SVG were opened as a page.
const fullHTML = `<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<title>{{with .Caption}}{{.}}{{else}}Diagram{{end}}</title>
</head>
<body>
<main>
<img src="{{.Src}}" alt="{{.Alt}}" width="{{.Width}}" height="{{.Height}}">
</main>
</body>
</html>
`

type figure struct {
	Src, Page, Alt, Caption, Lang string
	Width, Height                 int
}

// options are a d2 block's info-string options.
type options struct {
	alt, caption string
}

// Embed renders one d2 block.
func (e *Embedder) Embed(em markdown.Embed) ([]byte, diag.List) {
	var diags diag.List
	if em.Body == nil {
		diags.Errorf(em.Pos, "::%s is not a widget: write a diagram as a fenced block, ```d2 {alt=\"...\"}", em.Kind)
		return nil, diags
	}
	opts := parseOptions(em, &diags)
	fig := figure{Alt: opts.alt, Caption: opts.caption}
	entry, probs := e.r.Render(em.Body)
	for _, p := range probs {
		diags.Errorf(problemPos(em, p), "%s", p.Msg)
	}
	var b bytes.Buffer
	if entry != nil {
		svg := e.publish(entry, em.Source)
		fig.Src, fig.Page, fig.Width, fig.Height = "/"+svg, "/"+strings.TrimSuffix(svg, ".svg")+".html", entry.Width, entry.Height
		fig.Lang = e.lang
		if err := e.full.Execute(&b, fig); err != nil {
			diags.Errorf(em.Pos, "cannot write the diagram's full-size page: %v", err)
		} else if e.out != nil {
			e.out.Put(strings.TrimPrefix(fig.Page, "/"), bytes.Clone(b.Bytes()), em.Source)
		}
		b.Reset()
	}
	if err := e.tmpl.Execute(&b, fig); err != nil {
		diags.Errorf(em.Pos, "cannot write the diagram's HTML: %v", err)
	}
	return b.Bytes(), diags
}

// publish writes the SVG under a name made from its content, so a changed
// diagram gets a new URL and the files can be cached forever.
func (e *Embedder) publish(entry *Entry, source string) string {
	sum := sha256.Sum256(entry.SVG)
	path := Dir + "/" + hex.EncodeToString(sum[:8]) + ".svg"
	if e.out != nil {
		e.out.Put(path, entry.SVG, source)
	}
	return path
}

func parseOptions(em markdown.Embed, diags *diag.List) options {
	var o options
	for _, a := range em.Attrs {
		switch a.Key {
		case "alt":
			o.alt = strings.TrimSpace(a.Value)
		case "caption":
			o.caption = strings.TrimSpace(a.Value)
		default:
			diags.Warnf(em.Pos, "unknown d2 block option %q: the options are alt and caption", a.Key)
		}
		if a.List {
			diags.Errorf(em.Pos, "d2 block option %s must be a quoted text, not a list", a.Key)
		}
	}
	if o.alt == "" {
		diags.Errorf(em.Pos, `the diagram has no alt text: add {alt="..."} after d2, saying what the diagram shows for readers who cannot see it`)
	}
	return o
}

// problemPos places a problem of the diagram source in the page file.
func problemPos(em markdown.Embed, p Problem) diag.Pos {
	if p.Line <= 0 || em.BodyLine <= 0 {
		return em.Pos
	}
	return diag.Pos{File: em.Pos.File, Line: em.BodyLine + p.Line - 1, Col: p.Col}
}
