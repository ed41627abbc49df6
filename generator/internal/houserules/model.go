package houserules

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/figures"
	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
)

// transformerPriority runs the rules after every other transformer
// (goldmark runs lower numbers first): after links are rewritten (900), the
// footnote list is appended (999) and the figure notes (1001).
const transformerPriority = 1100

// Extension checks the house rules of the pages Enable is called for. It
// changes nothing in the document.
type Extension struct{}

// Extend implements goldmark.Extender.
func (Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, transformerPriority)))
}

// Page is what the rules need to know of a page besides its body.
type Page struct {
	// File is the page's path: "content/case-studies/x.md".
	File string
	// BodyLine is the file line where the markdown starts.
	BodyLine int
	// Section is the page's section, which decides the rules, with
	// Format where a section's pages come in several (a decision record's
	// "nygard").
	Section string
	Format  string
	// Sources are the sources its front matter lists.
	Sources []Source
}

// Source is a source listed in the front matter.
type Source struct {
	URL string
	// Pos is where the URL is written.
	Pos diag.Pos
}

var stateKey = parser.NewContextKey()

type state struct {
	page  Page
	rules *Section
	diags diag.List
}

// Enable makes the next conversion with pc check the house rules of p's
// section. It does nothing for a section without rules.
func Enable(pc parser.Context, p Page) {
	if s := ForFormat(p.Section, p.Format); s != nil {
		pc.Set(stateKey, &state{page: p, rules: s})
	}
}

// Result returns what the conversion with pc found against the rules.
func Result(pc parser.Context) diag.List {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return nil
	}
	return st.diags
}

type transformer struct{}

func (transformer) Transform(d *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return
	}
	doc := read(d, reader.Source(), st.page)
	for _, r := range st.rules.Rules {
		for _, p := range r.Check(doc, st.rules) {
			st.diags.Errorf(p.pos, "[%s] %s", r.Name, p.msg)
		}
	}
}

// page is the document as the rules see it.
type page struct {
	Page
	lines     *diag.Lines
	sections  []section
	units     []unit
	links     []link
	footnotes map[int]*footnote
}

// section is a top-level heading and whether anything follows it.
type section struct {
	level   int
	title   string
	off     int
	content bool
}

// unit is a paragraph, list item or table row. covered is true when a
// cited lead-in ("...:[^post]") or a cited table header vouches for it.
type unit struct {
	sentences []sentence
	covered   bool
}

type link struct {
	dest string
	off  int
}

// footnote is a footnote definition: its label, links and text.
type footnote struct {
	label string
	urls  []string
	text  string
}

// read builds the rules' view of a converted document.
func read(d *ast.Document, src []byte, pg Page) *page {
	p := &page{Page: pg, lines: diag.NewLines(pg.File, src), footnotes: map[int]*footnote{}}
	// Footnotes first: whether a lead-in or a table row cites a listed
	// source is decided while reading the blocks.
	for c := d.FirstChild(); c != nil; c = c.NextSibling() {
		if list, ok := c.(*extast.FootnoteList); ok {
			p.readFootnotes(list, src)
		}
	}
	for c := d.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Heading:
			off := -1
			if c.Lines().Len() > 0 {
				off = c.Lines().At(0).Start
			}
			p.sections = append(p.sections, section{level: c.Level, title: plain(c, src), off: off})
		case *extast.FootnoteList:
			continue
		default:
			if isContent(c) && len(p.sections) > 0 {
				p.sections[len(p.sections)-1].content = true
			}
		}
		p.readBlock(c, src, false)
	}
	p.readLinks(d, src)
	return p
}

// isContent reports whether a top-level block shows something: a comment
// or raw HTML does not, and neither do the figure notes.
func isContent(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindHTMLBlock, extast.KindFootnoteList:
		return false
	}
	return !figures.IsNotes(n)
}

// readBlock collects the prose units under a block.
func (p *page) readBlock(n ast.Node, src []byte, covered bool) {
	switch n := n.(type) {
	case *ast.Heading, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		return
	case *extast.Table:
		p.readTable(n, src, covered || leadIn(n, p))
		return
	case *ast.List:
		covered = covered || leadIn(n, p)
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			for c := item.FirstChild(); c != nil; c = c.NextSibling() {
				p.readBlock(c, src, covered)
			}
		}
		return
	}
	if fc := n.FirstChild(); n.Type() == ast.TypeBlock && fc != nil && fc.Type() == ast.TypeInline {
		var t prose
		t.inline(n, src)
		p.units = append(p.units, unit{sentences: t.sentences(), covered: covered})
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p.readBlock(c, src, covered)
	}
}

// readTable makes each row a unit, each cell its own sentences. A
// citation anywhere in a row covers the row; a cited header row, the table.
func (p *page) readTable(n *extast.Table, src []byte, covered bool) {
	first := len(p.units)
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		u := unit{covered: covered}
		var cites []mark
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			var t prose
			t.inline(cell, src)
			u.sentences = append(u.sentences, t.sentences()...)
			cites = append(cites, t.cites...)
		}
		if p.citesListed(cites) {
			u.covered = true
			if _, header := row.(*extast.TableHeader); header {
				covered = true
			}
		}
		p.units = append(p.units, u)
	}
	for i := first; i < len(p.units); i++ {
		p.units[i].covered = p.units[i].covered || covered
	}
}

// leadIn reports whether the paragraph before n introduces it with a
// citation: "The filing's figures:[^s1]".
func leadIn(n ast.Node, p *page) bool {
	// The paragraph was read just before n: it is the last unit.
	if _, ok := n.PreviousSibling().(*ast.Paragraph); !ok || len(p.units) == 0 {
		return false
	}
	last := p.units[len(p.units)-1].sentences
	if len(last) == 0 {
		return false
	}
	s := last[len(last)-1]
	return strings.HasSuffix(s.text, ":") && p.citesListed(s.cites)
}

// readLinks records every link of the document, footnotes included.
func (p *page) readLinks(d *ast.Document, src []byte) {
	_ = ast.Walk(d, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			p.links = append(p.links, link{dest: string(n.Destination), off: markdown.Offset(n)})
		case *ast.AutoLink:
			p.links = append(p.links, link{dest: string(n.URL(src)), off: markdown.Offset(n)})
		}
		return ast.WalkContinue, nil
	})
}

// readFootnotes records each footnote definition's links and text.
func (p *page) readFootnotes(list *extast.FootnoteList, src []byte) {
	for c := list.FirstChild(); c != nil; c = c.NextSibling() {
		fn, ok := c.(*extast.Footnote)
		if !ok {
			continue
		}
		f := &footnote{label: string(fn.Ref)}
		var t strings.Builder
		_ = ast.Walk(fn, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n := n.(type) {
			case *ast.Link:
				f.urls = append(f.urls, string(n.Destination))
			case *ast.AutoLink:
				f.urls = append(f.urls, string(n.URL(src)))
			case *ast.Text:
				t.Write(n.Segment.Value(src))
			}
			return ast.WalkContinue, nil
		})
		f.text = strings.TrimSpace(t.String())
		p.footnotes[fn.Index] = f
	}
}

// plain returns the text of a heading.
func plain(n ast.Node, src []byte) string {
	var t prose
	t.inline(n, src)
	return strings.Join(strings.Fields(t.b.String()), " ")
}
