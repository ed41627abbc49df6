package figures

import (
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/suggest"
)

// Priorities among goldmark's parts (lower runs first). The notes are
// appended after the footnote list (999), so they close the page.
const (
	parserPriority      = 200
	transformerPriority = 1001
	rendererPriority    = 500
)

// Extension adds :figure[id] to a goldmark converter, resolved in Set.
type Extension struct {
	Set *Set
}

// Extend implements goldmark.Extender.
func (e Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(refParser{set: e.Set}, parserPriority)),
		parser.WithASTTransformers(util.Prioritized(notesTransformer{}, transformerPriority)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, rendererPriority)))
}

// Doc tells the extension which page it converts, for diagnostics.
type Doc struct {
	// File is the page's path: "content/patterns/x.md".
	File string
	// BodyLine is the file line where the converted markdown starts.
	BodyLine int
}

// Enable sets the page the next conversion with pc is of. Without it,
// figures still render, and problems are reported without a file.
func Enable(pc parser.Context, d Doc) { pc.Set(stateKey, &state{doc: d}) }

// Result returns the ids the conversion referred to, known or not, in
// order of first use (the page depends on the figures file when there is
// any), and its diagnostics.
func Result(pc parser.Context) (ids []string, diags diag.List) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return nil, nil
	}
	return st.ids, st.diags
}

var stateKey = parser.NewContextKey()

// state is one document's figures: where they are used and what is wrong.
type state struct {
	doc   Doc
	lines *diag.Lines
	ids   []string  // every id referred to, once
	used  []*Figure // the known ones, for the notes
	count map[string]int
	diags diag.List
}

func stateOf(pc parser.Context) *state {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		st = &state{}
		pc.Set(stateKey, st)
	}
	return st
}

func (st *state) pos(src []byte, off int) diag.Pos {
	if st.lines == nil {
		st.lines = diag.NewLines(st.doc.File, src)
	}
	p := st.lines.Pos(off)
	p.Line += max(st.doc.BodyLine, 1) - 1
	return p
}

// Ref is one use of a figure in a page. Its child is the value as text, so
// search and summaries see the number.
type Ref struct {
	ast.BaseInline
	ID string
	// Figure is nil when the id is unknown.
	Figure *Figure
	// N counts the uses of this figure on the page, from 1.
	N int
}

// KindRef is the node kind of Ref.
var KindRef = ast.NewNodeKind("FigureRef")

// Kind implements ast.Node.
func (n *Ref) Kind() ast.NodeKind { return KindRef }

// Dump implements ast.Node.
func (n *Ref) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.ID}, nil)
}

// refPattern matches a use: ":figure[" and whatever is up to "]".
var refPattern = regexp.MustCompile(`^:figure\[([^\]\n]*)\]`)

type refParser struct{ set *Set }

func (refParser) Trigger() []byte { return []byte{':'} }

func (p refParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	m := refPattern.FindSubmatch(line)
	if m == nil {
		return nil
	}
	block.Advance(len(m[0]))
	st := stateOf(pc)
	id := strings.TrimSpace(string(m[1]))
	n := &Ref{ID: id, Figure: p.set.Lookup(id)}
	if !slices.Contains(st.ids, id) {
		st.ids = append(st.ids, id)
	}
	shown := string(m[0])
	if n.Figure == nil {
		st.diags.Errorf(st.pos(block.Source(), seg.Start), "%s", p.unknown(id))
	} else {
		if st.count == nil {
			st.count = map[string]int{}
		}
		st.count[id]++
		n.N = st.count[id]
		if n.N == 1 {
			st.used = append(st.used, n.Figure)
		}
		shown = n.Figure.Value
	}
	n.AppendChild(n, ast.NewString([]byte(shown)))
	return n
}

// unknown says what is wrong with an id that names no figure.
func (p refParser) unknown(id string) string {
	if !idPattern.MatchString(id) {
		return `:figure needs the id of a figure in ` + File + `, e.g. :figure[prime-sfn-standard-month]`
	}
	msg := `no figure "` + id + `" in ` + File
	if best, ok := suggest.Closest(id, slices.Sorted(slices.Values(p.set.IDs())), 3); ok {
		return msg + `: did you mean "` + best + `"?`
	}
	return msg + ": add it there, with its value, text and source"
}

// notes is the list of the page's figures, appended to the document.
type notes struct {
	ast.BaseBlock
	figs []*Figure
}

var kindNotes = ast.NewNodeKind("FigureNotes")

func (n *notes) Kind() ast.NodeKind { return kindNotes }

func (n *notes) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type notesTransformer struct{}

func (notesTransformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil || len(st.used) == 0 {
		return
	}
	doc.AppendChild(doc, &notes{figs: st.used})
}

// IsNotes reports whether n is the list of figure notes the extension
// appends to a page.
func IsNotes(n ast.Node) bool { return n.Kind() == kindNotes }
