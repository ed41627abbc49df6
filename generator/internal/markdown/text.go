package markdown

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// plainText returns the text of an inline subtree: what a reader sees,
// without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	writeText(&b, n, src)
	return strings.TrimSpace(b.String())
}

func writeText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			// The typographer stores its quotes and dashes as entities.
			b.WriteString(html.UnescapeString(string(c.Value)))
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML:
		case *extast.FootnoteLink, *extast.FootnoteBacklink:
		default:
			writeText(b, c, src)
		}
	}
}

// extractText splits the document's text at headings into Blocks, counts
// words and picks the first paragraph as a fallback summary. Headings split
// the text wherever they are, also inside containers an extension adds.
func (st *docState) extractText(doc *ast.Document, src []byte) {
	cur := &Block{}
	var text, code strings.Builder
	flush := func() {
		cur.Text = strings.TrimSpace(text.String())
		cur.Code = strings.TrimSpace(code.String())
		if cur.Text != "" || cur.Code != "" || cur.Anchor != "" {
			st.blocks = append(st.blocks, *cur)
		}
		st.words += len(strings.Fields(cur.Text))
		text.Reset()
		code.Reset()
	}
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Heading:
				flush()
				cur = &Block{Heading: plainText(c, src), Level: c.Level}
				if id, ok := c.AttributeString("id"); ok {
					if b, ok := id.([]byte); ok {
						cur.Anchor = string(b)
					}
				}
			case *embedded:
				code.WriteString(c.Code)
				code.WriteByte('\n')
			default:
				if c.Type() == ast.TypeBlock && c.FirstChild() != nil && c.FirstChild().Type() == ast.TypeInline {
					if _, ok := c.(*ast.Paragraph); ok && st.summary == "" {
						st.summary = plainText(c, src)
					}
					writeText(&text, c, src)
					text.WriteByte(' ')
				} else {
					walk(c)
				}
			}
		}
	}
	walk(doc)
	flush()
}

// TOCEntry is one heading in the table of contents, with the headings
// nested under it.
type TOCEntry struct {
	Level    int
	ID       string
	Text     string
	Children []*TOCEntry
}

// buildTOC nests the headings whose level is within [min, max].
func buildTOC(hs []Heading, min, max int) []*TOCEntry {
	var root []*TOCEntry
	var stack []*TOCEntry
	for _, h := range hs {
		if h.Level < min || h.Level > max || h.ID == "" {
			continue
		}
		e := &TOCEntry{Level: h.Level, ID: h.ID, Text: h.Text}
		for len(stack) > 0 && stack[len(stack)-1].Level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			root = append(root, e)
		} else {
			parent := stack[len(stack)-1]
			parent.Children = append(parent.Children, e)
		}
		stack = append(stack, e)
	}
	return root
}
