// Package markdown owns the conversion of a page's markdown body to HTML:
// one configured goldmark (CommonMark, GFM tables, strikethrough, task lists
// and autolinks, footnotes, definition lists, a typographer a page can turn
// off, GitHub's heading ids with anchor links: ids.go), chroma code blocks
// through package highlight, widget embeds (`::name[arg]` lines and fenced
// blocks whose language has an Embedder), raw HTML filtered to the subset
// GitHub keeps (rawhtml.go), and link rewriting.
//
// Besides HTML, a conversion returns what later stages need without parsing
// again: headings (for the table of contents and anchor checks), every link
// with its position (for link checks), the text split at headings (for
// search), and diagnostics positioned in the original file.
//
// goldmark is extended only through its own hooks: an AST transformer does
// the per-document work (it alone has the parser context), node renderers
// only write what the transformer prepared. A Converter is not safe for
// concurrent use; make one per goroutine.
//
// markdown imports diag, highlight, slug (heading ids), goldmark,
// bluemonday (the HTML sanitiser), golang.org/x/net (its HTML tokenizer)
// and the standard library. It defines LinkResolver and Embedder, which the
// site implements, so that it never imports content or the widgets.
package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/highlight"
)

// LinkResolver rewrites link destinations written in a page.
type LinkResolver interface {
	// Rewrite returns the href to write for dest, a destination without a
	// URL scheme found in the page whose file is source: relative .md paths
	// become the target page's URL, files beside a bundle's index.md become
	// root-relative URLs. Anything else comes back unchanged.
	Rewrite(source, dest string) string
}

// Embed is a widget found in a page: a `::kind[arg]{attrs}` line, or a
// fenced block whose language is kind.
type Embed struct {
	Kind  string
	Arg   string // the directive's [argument]; "" for fences
	Attrs []Attr // the directive's {attributes} or the fence's info options
	Body  []byte // the fence's content; nil for directives
	// Pos is where the directive or the fence starts.
	Pos diag.Pos
	// BodyLine is the file line of the fence's first content line.
	BodyLine int
	// Level is the heading level a title inside the widget should have:
	// one below the heading the widget follows (2 right after the h1).
	Level int
	// Source is the page file.
	Source string
}

// Embedder renders one kind of widget. It must be safe for concurrent use:
// pages convert in parallel.
type Embedder interface {
	Embed(e Embed) (html []byte, diags diag.List)
}

// Options configure a Converter.
type Options struct {
	// UnsafeHTML passes raw HTML through as written; otherwise it is
	// filtered to the subset GitHub allows (rawhtml.go).
	UnsafeHTML bool
	// Highlighter highlights code blocks (shared: it caches).
	Highlighter *highlight.Highlighter
	// Embedders render widgets, by directive name and fence language.
	Embedders map[string]Embedder
	// Extenders add goldmark extensions (for example checklists).
	Extenders []goldmark.Extender
	// TOCMin and TOCMax bound the heading levels of the table of contents.
	TOCMin, TOCMax int
	// PlainCode shows code blocks escaped but not highlighted, and lists
	// them in Result.Code, for a first quick preview of a large site whose
	// highlighting follows.
	PlainCode bool
}

// Converter converts markdown to HTML. It is not safe for concurrent use.
type Converter struct {
	md   goldmark.Markdown
	opts Options
}

// New returns a Converter.
func New(opts Options) *Converter {
	if opts.Highlighter == nil {
		opts.Highlighter = highlight.New()
	}
	if opts.TOCMin == 0 {
		opts.TOCMin, opts.TOCMax = 2, 3
	}
	exts := []goldmark.Extender{
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
		extension.Strikethrough,
		extension.TaskList,
		extension.NewLinkify(),
		extension.NewFootnote(extension.WithFootnoteBacklinkHTML("↩")),
		extension.DefinitionList,
		&core{hl: opts.Highlighter, embedders: opts.Embedders, plain: opts.PlainCode, unsafe: opts.UnsafeHTML},
	}
	exts = append(exts, opts.Extenders...)
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAttribute()),
	)
	return &Converter{md: md, opts: opts}
}

// Input is one page to convert.
type Input struct {
	// File is the page's path, for diagnostics: "content/patterns/x.md".
	File string
	// Body is the markdown; BodyLine is the file line where it starts.
	Body     []byte
	BodyLine int
	// Resolver rewrites internal links; nil leaves them as written.
	Resolver LinkResolver
	// TitleLine, if not 0, is the file line of a level-1 heading at the
	// top of the document that the page's title was taken from: it is not
	// shown a second time (its id stays, on an empty element).
	TitleLine int
	// PlainPunctuation leaves quotes, dashes and dots as written, instead
	// of curly quotes, en and em dashes and ellipses.
	PlainPunctuation bool
	// Prepare, if set, is called with the parser context before parsing,
	// so extensions can receive per-page settings.
	Prepare func(pc parser.Context)
	// Inspect, if set, is called with the parser context after rendering,
	// so the caller can collect what extensions found.
	Inspect func(pc parser.Context)
}

// Result is a converted page.
type Result struct {
	HTML     []byte
	Headings []Heading
	TOC      []*TOCEntry
	Links    []Link
	Blocks   []Block
	// Words counts the words of prose (code excluded).
	Words int
	// Summary is the text of the first paragraph, for pages without one.
	Summary string
	// Features names what the page uses: "code" and each embed kind.
	Features []string
	Diags    diag.List
	// Code lists the code blocks shown unhighlighted (Options.PlainCode).
	Code []highlight.Block
}

// Convert converts in.Body.
func (c *Converter) Convert(in Input) *Result {
	st := &docState{
		file:             in.File,
		bodyLine:         max(in.BodyLine, 1),
		lines:            diag.NewLines(in.File, in.Body),
		resolver:         in.Resolver,
		features:         map[string]bool{},
		titleLine:        in.TitleLine,
		plainPunctuation: in.PlainPunctuation,
	}
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	pc.Set(stateKey, st)
	if in.Prepare != nil {
		in.Prepare(pc)
	}
	var buf bytes.Buffer
	buf.Grow(len(in.Body) * 2)
	if err := c.md.Convert(in.Body, &buf, parser.WithContext(pc)); err != nil {
		st.diags.Errorf(diag.Pos{File: in.File, Line: st.bodyLine}, "cannot render the markdown: %v", err)
	}
	if in.Inspect != nil {
		in.Inspect(pc)
	}
	return &Result{
		// A copy of its own length: results are kept, buffers' spare
		// capacity is not worth keeping.
		HTML:     bytes.Clone(buf.Bytes()),
		Headings: st.headings,
		TOC:      buildTOC(st.headings, c.opts.TOCMin, c.opts.TOCMax),
		Links:    st.links,
		Blocks:   st.blocks,
		Words:    st.words,
		Summary:  st.summary,
		Features: sortedKeys(st.features),
		Diags:    st.diags,
		Code:     st.code,
	}
}

var stateKey = parser.NewContextKey()

func (e *core) transformer() *transformer {
	t := &transformer{hl: e.hl, embedders: e.embedders, plain: e.plain}
	if !e.unsafe {
		t.policy = htmlPolicy()
	}
	return t
}

// core is the extension that does this package's own work.
type core struct {
	hl        *highlight.Highlighter
	embedders map[string]Embedder
	plain     bool
	unsafe    bool
}

func (e *core) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(directiveParser{}, 90)),
		parser.WithInlineParsers(util.Prioritized(newSmartPunctuation(), 9999)),
		parser.WithASTTransformers(
			util.Prioritized(headingIDs{}, 100),
			util.Prioritized(e.transformer(), 900),
		),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)))
}
