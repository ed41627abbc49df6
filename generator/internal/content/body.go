package content

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// BodyInfo is what a page's markdown says of itself without front matter.
type BodyInfo struct {
	// Title is the text of the first "#" heading (level 1, ATX or setext)
	// at the top level of the document, without markup; "" if there is
	// none.
	Title string
	// TitleLine is the heading's line in the body (1-based), 0 if none.
	TitleLine int
	// Summary is the text of the first paragraph, without markup.
	Summary string
}

// FromBody reads the title and summary of a markdown body, as a page
// without front matter gives them (a README's "# Project" and its first
// paragraph). The body is parsed as CommonMark; what extensions add
// (tables, footnotes) does not change which heading is first.
func FromBody(body []byte) BodyInfo {
	doc := goldmark.DefaultParser().Parse(text.NewReader(body))
	var info BodyInfo
	for n := doc.FirstChild(); n != nil && (info.Title == "" || info.Summary == ""); n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 1 && info.TitleLine == 0 && n.Lines().Len() > 0 {
				info.Title = inlineText(n, body)
				info.TitleLine = 1 + bytes.Count(body[:n.Lines().At(0).Start], []byte("\n"))
			}
		case *ast.Paragraph:
			if info.Summary == "" {
				info.Summary = inlineText(n, body)
			}
		}
	}
	return info
}

// inlineText is what a reader sees of an inline subtree: the text of
// emphasis, links and code, without images or raw HTML.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(src))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.WriteString(html.UnescapeString(string(c.Value)))
			case *ast.AutoLink:
				b.Write(c.Label(src))
			case *ast.RawHTML, *ast.Image:
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}
