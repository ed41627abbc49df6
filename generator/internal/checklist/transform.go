package checklist

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// transformer turns the task items of a checklist document into questions
// and wraps the document in a Form. Documents without Enable are left alone.
type transformer struct{}

// draft is a question on its way into the model, with the nodes it came from.
type draft struct {
	q        *Question
	item     *ast.ListItem
	weights  *Weights
	evidence ast.Node // the "Evidence:" paragraph of the guidance, or nil
	textOff  int      // source offset of the question's text
}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return
	}
	src := reader.Source()
	st.checkConfig()
	drafts := st.collect(doc, src)
	st.assignIDs(drafts, src)
	st.checkWeights(drafts, src)
	for _, d := range drafts {
		st.findEvidence(d, src)
	}
	if !st.diags.HasErrors() {
		// An option left unused by a mistake already reported is no news.
		st.checkUnused(drafts)
	}
	model := &Checklist{ID: st.cfg.ID, Options: st.cfg.Options, Questions: make([]Question, 0, len(drafts))}
	for _, d := range drafts {
		d.q.Anchor = string(pc.IDs().Generate([]byte("q-"+d.q.ID), KindQuestion))
		attach(d, st.cfg.Options)
		model.Questions = append(model.Questions, *d.q)
	}
	st.model = model
	if len(drafts) == 0 {
		st.diags.Warnf(st.pos(src, 0), `this checklist has no questions: write them as task list items, "- [ ] question"`)
		return
	}
	wrap(doc, model)
}

// collect finds every task item in document order and reads its question.
func (s *state) collect(doc *ast.Document, src []byte) []*draft {
	var drafts []*draft
	section := ""
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if h, ok := n.(*ast.Heading); ok {
			section = plainText(h, src)
			return ast.WalkSkipChildren, nil
		}
		if item, ok := n.(*ast.ListItem); ok && isQuestionParagraph(item.FirstChild()) {
			drafts = append(drafts, s.read(item, section, src))
		}
		return ast.WalkContinue, nil
	})
	return drafts
}

// read takes the checkbox and the weight block out of a task item's first
// paragraph; what remains is the question.
func (s *state) read(item *ast.ListItem, section string, src []byte) *draft {
	para := item.FirstChild()
	box := para.FirstChild().(*extast.TaskCheckBox)
	d := &draft{q: &Question{Kind: Check, Section: section}, item: item, textOff: box.Pos()}
	if box.IsChecked {
		s.diags.Warnf(s.pos(src, box.Pos()), `write "[ ]": a checklist question starts unanswered, "[x]" is ignored`)
	}
	para.RemoveChild(para, box)
	if w, ok := para.LastChild().(*Weights); ok {
		para.RemoveChild(para, w)
		d.weights = w
		if w.Block.YesNo {
			d.q.Kind = YesNo
		}
	}
	trimTrailingSpace(para, src)
	if t, ok := para.FirstChild().(*ast.Text); ok {
		d.textOff = t.Segment.Start
	}
	d.q.Text = plainText(para, src)
	d.q.Pos = s.pos(src, d.textOff)
	if d.q.Text == "" {
		s.diags.Errorf(d.q.Pos, `empty question: write the question after "[ ]"`)
	}
	return d
}

// trimTrailingSpace drops the spaces left before a removed weight block.
func trimTrailingSpace(para ast.Node, src []byte) {
	for c := para.LastChild(); c != nil; c = para.LastChild() {
		t, ok := c.(*ast.Text)
		if !ok {
			return
		}
		t.Segment = t.Segment.TrimRightSpace(src)
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		if t.Segment.Len() > 0 {
			return
		}
		para.RemoveChild(para, t)
	}
}

// attach replaces the item's first paragraph by a QuestionNode and wraps the
// rest of the item in a Guidance.
func attach(d *draft, opts []Option) {
	wrapEvidence(d)
	para := d.item.FirstChild()
	qn := &QuestionNode{Question: d.q, Options: opts}
	qn.SetLines(para.Lines())
	qn.SetPos(para.Pos())
	moveChildren(qn, para, nil)
	d.item.ReplaceChild(d.item, para, qn)
	if qn.NextSibling() != nil {
		g := &Guidance{ElemID: d.q.Anchor + "-guidance"}
		moveChildren(g, d.item, qn.NextSibling())
		d.item.AppendChild(d.item, g)
		qn.GuidanceID = g.ElemID
	}
	d.item.SetAttributeString("id", []byte(d.q.Anchor))
	d.item.SetAttributeString("class", []byte("checklist-item"))
	if list := d.item.Parent(); list != nil {
		list.SetAttributeString("class", []byte("checklist-questions"))
	}
}

// moveChildren moves from's children, starting at first (nil: all), to to.
func moveChildren(to, from, first ast.Node) {
	if first == nil {
		first = from.FirstChild()
	}
	for c := first; c != nil; {
		next := c.NextSibling()
		to.AppendChild(to, c)
		c = next
	}
}

// wrap puts every block of the document inside a Form.
func wrap(doc *ast.Document, model *Checklist) {
	form := &Form{Model: model, FormID: "checklist-" + model.ID}
	moveChildren(form, doc, nil)
	doc.AppendChild(doc, form)
}

// plainText is the text of n's inline content, without markup; soft line
// breaks become spaces.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() {
				v = util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(v)))
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			// The typographer writes entities ("&rsquo;") as code strings.
			v := c.Value
			if c.IsCode() {
				v = util.ResolveNumericReferences(util.ResolveEntityNames(v))
			}
			b.Write(v)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}
