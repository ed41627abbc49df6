package markdown

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// headingAttributes are the attributes a heading may be given with
// {#id .class}: content is untrusted, so no style and no event handlers.
var headingAttributes = util.NewBytesFilter([]byte("id"), []byte("class"))

// nodeRenderer writes headings with anchor links, and the HTML the
// transformer prepared. It holds no state: everything per-document was
// decided by the transformer.
type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
	reg.Register(kindEmbedded, renderEmbedded)
	reg.Register(ast.KindHTMLBlock, renderFiltered)
	reg.Register(ast.KindRawHTML, renderFiltered)
	reg.Register(extast.KindFootnoteBacklink, renderBacklink)
	reg.Register(extast.KindTable, renderTable)
	reg.Register(extast.KindTableCell, renderTableCell)
	reg.Register(kindFootnoteSep, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(`<sup class="fn-sep">,</sup>`)
		}
		return ast.WalkContinue, nil
	})
	reg.Register(kindDirective, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
}

// renderHeading writes a heading followed by a link to it. The link sits
// beside the heading, not inside, so the heading's accessible name stays
// its text; the "#" is decoration and the link's name says where it goes.
func renderHeading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	if entering {
		fmt.Fprintf(w, `<div class="heading h%d"`, n.Level)
		if alias, ok := n.AttributeString(string(attrAlias)); ok {
			if b, ok := alias.([]byte); ok {
				fmt.Fprintf(w, ` id="%s"`, util.EscapeHTML(b))
			}
		}
		fmt.Fprintf(w, `><h%d`, n.Level)
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, headingAttributes)
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	fmt.Fprintf(w, "</h%d>", n.Level)
	if id, ok := n.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok {
			fmt.Fprintf(w, `<a class="anchor" href="#%s"><span aria-hidden="true">#</span><span class="sr-only">Section titled “%s”</span></a>`,
				util.EscapeHTML(b), util.EscapeHTML([]byte(plainText(n, src))))
		}
	}
	w.WriteString("</div>\n")
	return ast.WalkContinue, nil
}

// renderBacklink writes one "↩" per footnote, back to its first reference:
// a source cited fifteen times must not end in fifteen arrows. Its name
// says which reference it returns to, so a list of links read out of
// context ("Back to reference 3") tells them apart.
func renderBacklink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*extast.FootnoteBacklink)
	if entering && n.RefIndex == 0 {
		fmt.Fprintf(w, `&#160;<a href="#fnref:%d" class="footnote-backref" role="doc-backlink" aria-label="Back to reference %d">↩</a>`, n.Index, n.Index)
	}
	return ast.WalkSkipChildren, nil
}

// renderTable writes a table inside a box of its own that scrolls
// sideways when the table is wider than the column, so no word is ever
// broken to make it fit. The box can be focused and scrolled from the
// keyboard, and is a region named by the table's column headers.
func renderTable(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.WriteString("</table>\n</div>\n")
		return ast.WalkContinue, nil
	}
	var names []string
	if head := node.FirstChild(); head != nil && head.Kind() == extast.KindTableHeader {
		for c := head.FirstChild(); c != nil; c = c.NextSibling() {
			if t := strings.TrimSpace(plainText(c, src)); t != "" {
				names = append(names, t)
			}
		}
	}
	label := "Table"
	if len(names) > 0 {
		label += ": " + strings.Join(names, ", ")
	}
	if r := []rune(label); len(r) > 120 {
		label = string(r[:119]) + "…"
	}
	fmt.Fprintf(w, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"%s\">\n<table>\n", util.EscapeHTML([]byte(label)))
	return ast.WalkContinue, nil
}

// renderTableCell writes a cell as goldmark's table extension does (the
// alignment is a class, see the transformer), except that an empty cell of
// the header row is a plain cell: a header with no name names nothing.
func renderTableCell(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	tag := "td"
	if node.Parent().Kind() == extast.KindTableHeader && node.HasChildren() {
		tag = "th"
	}
	if !entering {
		fmt.Fprintf(w, "</%s>\n", tag)
		return ast.WalkContinue, nil
	}
	w.WriteString("<" + tag)
	if node.Attributes() != nil {
		html.RenderAttributes(w, node, cellAttributes)
	}
	w.WriteByte('>')
	return ast.WalkContinue, nil
}

// cellAttributes are the attributes a table cell may carry: its alignment
// class.
var cellAttributes = util.NewBytesFilter([]byte("class"))

// renderFiltered writes raw HTML as the filter left it (rawhtml.go).
func renderFiltered(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if v, ok := node.AttributeString(string(attrFiltered)); ok {
			if b, ok := v.([]byte); ok {
				w.Write(b)
			}
		}
	}
	return ast.WalkSkipChildren, nil
}

func renderEmbedded(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.Write(node.(*embedded).HTML)
		w.WriteByte('\n')
	}
	return ast.WalkSkipChildren, nil
}

// footnoteSep separates two footnote references that follow each other
// ("cited.[^a][^b]" reads 1,2), and only those: references with text
// between them need no comma.
type footnoteSep struct{ ast.BaseInline }

var kindFootnoteSep = ast.NewNodeKind("FootnoteSep")

func (n *footnoteSep) Kind() ast.NodeKind { return kindFootnoteSep }

func (n *footnoteSep) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }
