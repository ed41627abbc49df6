package checklist

import (
	_ "embed"
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

//go:embed templates.html
var templatesHTML string

// htmlRenderer renders the checklist nodes through html/template, so every
// attribute and the JSON model are escaped for their context.
type htmlRenderer struct {
	tmpl *template.Template
}

func newRenderer() *htmlRenderer {
	return &htmlRenderer{tmpl: template.Must(template.New("checklist").Parse(templatesHTML))}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindForm, r.renderForm)
	reg.Register(KindQuestion, r.renderQuestion)
	reg.Register(KindGuidance, r.renderGuidance)
	reg.Register(KindEvidence, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		return r.exec(w, "evidence", entering, nil)
	})
	reg.Register(KindWeights, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
}

func (r *htmlRenderer) exec(w util.BufWriter, name string, entering bool, data any) (ast.WalkStatus, error) {
	if entering {
		name += "-start"
	} else {
		name += "-end"
	}
	if err := r.tmpl.ExecuteTemplate(w, name, data); err != nil {
		return ast.WalkStop, fmt.Errorf("rendering checklist %s: %w", name, err)
	}
	return ast.WalkContinue, nil
}

type formView struct {
	ID, FormID string
	Count      int
	Options    []Option
	Model      *Checklist
	HasRules   bool // some question is a gate or a blocker
}

func (r *htmlRenderer) renderForm(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Form)
	v := formView{ID: n.Model.ID, FormID: n.FormID, Count: len(n.Model.Questions), Options: n.Model.Options, Model: n.Model}
	for _, q := range n.Model.Questions {
		v.HasRules = v.HasRules || q.Rule != ""
	}
	return r.exec(w, "form", entering, v)
}

type questionView struct {
	ID, Name, GuidanceID string
	Hint                 string // a checkbox's weights
	Tag                  string // what a gate or blocker is called, shown before its question
	Answers              []answerView
}

type answerView struct {
	Value, Label, Hint string
	RulesOut           string // the options this answer rules out, or ""
}

// ruleTags name gate and blocker questions for the reader.
var ruleTags = map[Rule]string{Gate: "Prerequisite", Blocker: "Hard blocker"}

// answerLabels are the yes / no / not sure choices, in the order shown.
func answerLabels() [3][2]string {
	return [...][2]string{{Yes, "Yes"}, {No, "No"}, {Unsure, "Not sure"}}
}

func (r *htmlRenderer) renderQuestion(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*QuestionNode)
	q := n.Question
	v := questionView{ID: q.ID, Name: inputName(q.ID), GuidanceID: n.GuidanceID, Tag: ruleTags[q.Rule]}
	if q.Kind == Check {
		v.Hint = hint(q.Answers[Yes])
		return r.exec(w, "check", entering, v)
	}
	for _, a := range answerLabels() {
		av := answerView{Value: a[0], Label: a[1], Hint: hint(q.Answers[a[0]])}
		if opts := q.Blocks[a[0]]; len(opts) > 0 {
			av.RulesOut = "rules out " + strings.Join(opts, ", ")
		}
		v.Answers = append(v.Answers, av)
	}
	return r.exec(w, "yesno", entering, v)
}

func (r *htmlRenderer) renderGuidance(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	return r.exec(w, "guidance", entering, node.(*Guidance).ElemID)
}

// inputName is the name of a question's inputs. The prefix keeps a question
// id such as "reset" or "submit" from shadowing the form's own properties.
func inputName(id string) string { return "q-" + id }

// hint shows an answer's weights beside it ("servers +2, serverless -1"), so
// the checklist can be added up on paper.
func hint(ws []Weight) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.Option + " " + formatWeight(w.Value)
	}
	return strings.Join(parts, ", ")
}
