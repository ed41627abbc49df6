package decision

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Extension leaves a record's title heading and the metadata lines under
// it out of the rendered page, for the documents Enable is called for: the
// layout shows them in the record's header. It runs before every other
// transformer, so the table of contents, the summary and the house rules
// never see them.
type Extension struct{}

// Extend implements goldmark.Extender.
func (Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 100)))
}

var enabledKey = parser.NewContextKey()

// Enable marks the next conversion with pc as a decision record's.
func Enable(pc parser.Context) { pc.Set(enabledKey, true) }

type transformer struct{}

func (transformer) Transform(d *ast.Document, reader text.Reader, pc parser.Context) {
	if pc.Get(enabledKey) == nil {
		return
	}
	src := reader.Source()
	var drop []ast.Node
	title := false
	for n := d.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			if h.Level == 2 {
				break
			}
			if h.Level == 1 && !title {
				title = true
				drop = append(drop, n)
			}
			continue
		}
		if isMeta(n, src) {
			drop = append(drop, n)
		}
	}
	for _, n := range drop {
		d.RemoveChild(d, n)
	}
}
