package checklist

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Priorities of this package's parts among goldmark's. The transformer runs
// late (goldmark runs lower numbers first), after transformers that expect
// blocks at the document's top level; it still runs before the footnote
// list is appended (999), so footnotes stay outside the form.
const (
	weightParserPriority = 100
	transformerPriority  = 900
	rendererPriority     = 500
)

// Extension adds checklists to a goldmark converter:
//
//	md := goldmark.New(goldmark.WithExtensions(extension.GFM, checklist.Extension{}))
//
// It needs GFM task lists (extension.GFM or extension.TaskList) on the same
// converter. It changes nothing in documents converted without Enable.
type Extension struct{}

// Extend implements goldmark.Extender.
func (Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(weightParser{}, weightParserPriority)),
		parser.WithASTTransformers(util.Prioritized(transformer{}, transformerPriority)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(newRenderer(), rendererPriority)))
}
