package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// smartPunctuation is goldmark's typographer (curly quotes, "--" as an en
// dash, "..." as an ellipsis) with a switch per document: a section can
// turn it off (Input.PlainPunctuation), so that "--flag" in its prose
// stays two hyphens. One converter serves both kinds of page.
type smartPunctuation struct {
	inner parser.InlineParser
}

func newSmartPunctuation() smartPunctuation {
	return smartPunctuation{inner: extension.NewTypographerParser()}
}

func (p smartPunctuation) Trigger() []byte { return p.inner.Trigger() }

func (p smartPunctuation) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if plainPunctuation(pc) {
		return nil
	}
	return p.inner.Parse(parent, block, pc)
}

func (p smartPunctuation) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	if cb, ok := p.inner.(parser.CloseBlocker); ok && !plainPunctuation(pc) {
		cb.CloseBlock(parent, block, pc)
	}
}

func plainPunctuation(pc parser.Context) bool {
	st, _ := pc.Get(stateKey).(*docState)
	return st != nil && st.plainPunctuation
}
