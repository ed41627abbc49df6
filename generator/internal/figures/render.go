package figures

import (
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Marks shown after a figure's value.
const (
	markOurs   = "ours"
	markSource = "source"
	titleOurs  = "Our calculation, not a published figure"
)

type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindRef, renderRef)
	reg.Register(kindNotes, renderNotes)
}

// renderRef wraps the value and marks it: "ours" or "source", linking to
// the figure's note.
func renderRef(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Ref)
	f := n.Figure
	if f == nil {
		return ast.WalkContinue, nil // the text as written; the build fails
	}
	if entering {
		class := "figure"
		if f.Ours {
			class += " figure-ours"
		}
		w.WriteString(`<span class="` + class + `">`)
		return ast.WalkContinue, nil
	}
	mark, title := markSource, "Published figure: see the note below"
	if f.Ours {
		mark, title = markOurs, titleOurs
	}
	w.WriteString(`<sup class="figure-mark"><a href="#fig:` + f.ID + `" id="` + refID(f.ID, n.N) +
		`" class="figure-ref" role="doc-noteref" title="` + title + `">` + mark + `</a></sup></span>`)
	return ast.WalkContinue, nil
}

// refID is the id of the nth use of a figure on a page.
func refID(id string, n int) string {
	if n <= 1 {
		return "figref:" + id
	}
	return "figref:" + id + ":" + strconv.Itoa(n)
}

// renderNotes writes the page's figures: what each is, whether it is ours
// and how it was worked out, and what it rests on.
func renderNotes(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	w.WriteString(`<section class="figure-notes" aria-label="Figures on this page"><hr>` + "\n")
	w.WriteString(`<p class="figure-notes-title">Figures on this page</p>` + "\n<ol>\n")
	for i, f := range node.(*notes).figs {
		w.WriteString(`<li id="fig:` + f.ID + `"><p>`)
		w.WriteString(note(f))
		w.WriteString(`&#160;<a href="#` + refID(f.ID, 1) + `" class="footnote-backref" role="doc-backlink" aria-label="Back to figure ` + strconv.Itoa(i+1) + ` in the text">↩</a></p></li>` + "\n")
	}
	w.WriteString("</ol>\n</section>\n")
	return ast.WalkSkipChildren, nil
}

// note is the HTML of one figure's note.
func note(f *Figure) string {
	var b strings.Builder
	b.WriteString("<strong>" + esc(f.Value) + "</strong>: " + esc(sentence(f.Text)))
	if f.Ours {
		b.WriteString(" <em>" + titleOurs + ":</em> " + esc(sentence(f.How)))
	}
	if len(f.Sources) > 0 {
		if f.Ours {
			b.WriteString(" Based on ")
		} else {
			b.WriteString(" Source: ")
		}
		for i, s := range f.Sources {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(`<a href="` + esc(s.URL) + `">` + esc(s.Title) + `</a>`)
			if s.Publisher != "" {
				b.WriteString(", " + esc(s.Publisher))
			}
			if s.Note != "" {
				b.WriteString(" (" + esc(s.Note) + ")")
			}
		}
		b.WriteString(".")
	}
	return b.String()
}

// sentence ends s with a full stop unless it ends with punctuation.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?") {
		return s
	}
	return s + "."
}

func esc(s string) string { return html.EscapeString(s) }
