package markdown

import (
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// directive is a `::name[arg]{attrs}` line: a widget placed in the page.
type directive struct {
	ast.BaseBlock
	Name  string
	Arg   string
	Attrs string // the {…} block as written, braces included
}

var kindDirective = ast.NewNodeKind("Directive")

func (n *directive) Kind() ast.NodeKind { return kindDirective }

func (n *directive) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name, "Arg": n.Arg}, nil)
}

// directiveLine matches a whole directive line. The name is lower case; the
// argument has no brackets; attributes, if any, are one {…} block.
var directiveLine = regexp.MustCompile(`^::([a-z][a-z0-9-]*)\[([^\]\n]*)\](\{[^}\n]*\})?[ \t]*\r?\n?$`)

// directiveParser parses directive lines. A line that starts with "::" but
// is not a well-formed directive stays a paragraph; the transformer warns
// about it.
type directiveParser struct{}

func (directiveParser) Trigger() []byte { return []byte{':'} }

func (directiveParser) Open(_ ast.Node, reader text.Reader, _ parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	m := directiveLine.FindSubmatch(line)
	if m == nil {
		return nil, parser.NoChildren
	}
	n := &directive{Name: string(m[1]), Arg: string(m[2]), Attrs: string(m[3])}
	n.Lines().Append(seg)
	reader.Advance(seg.Len())
	return n, parser.NoChildren
}

func (directiveParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}

func (directiveParser) Close(ast.Node, text.Reader, parser.Context) {}

func (directiveParser) CanInterruptParagraph() bool { return true }

func (directiveParser) CanAcceptIndentedLine() bool { return false }

// embedded is HTML prepared by the transformer (a highlighted code block or
// a rendered widget), written out as it is.
type embedded struct {
	ast.BaseBlock
	HTML []byte
	// Code is the text of a highlighted code block, for search.
	Code string
}

var kindEmbedded = ast.NewNodeKind("Embedded")

func (n *embedded) Kind() ast.NodeKind { return kindEmbedded }

func (n *embedded) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }
