package checklist

import (
	"github.com/yuin/goldmark/ast"
)

// The node kinds this package adds to goldmark's tree. They are assigned
// once at package initialization and never change.
var (
	// KindForm is a Form: the whole checklist.
	KindForm = ast.NewNodeKind("ChecklistForm")
	// KindQuestion is a QuestionNode: a question's text and its inputs.
	KindQuestion = ast.NewNodeKind("ChecklistQuestion")
	// KindGuidance is a Guidance: the content nested under a question.
	KindGuidance = ast.NewNodeKind("ChecklistGuidance")
	// KindWeights is a Weights: a parsed {...} block, removed again by the
	// transformer.
	KindWeights = ast.NewNodeKind("ChecklistWeights")
	// KindEvidence is an Evidence: the "Evidence:" paragraph of a
	// question's guidance.
	KindEvidence = ast.NewNodeKind("ChecklistEvidence")
)

// Form wraps every block of a checklist document: it renders as the <form>,
// its progress line, its result panel and its JSON model. The blocks stay
// in the tree, so a walk of the tree (ast.Walk) still finds every heading
// and link.
type Form struct {
	ast.BaseBlock
	Model  *Checklist
	FormID string
}

// Kind implements ast.Node.
func (n *Form) Kind() ast.NodeKind { return KindForm }

// Dump implements ast.Node.
func (n *Form) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.Model.ID}, nil)
}

// QuestionNode replaces the first paragraph of a task item. Its children
// are the question's inline content, without the checkbox and the weights.
type QuestionNode struct {
	ast.BaseBlock
	Question   *Question
	Options    []Option
	GuidanceID string // the id of the question's Guidance, or "" when it has none
}

// Kind implements ast.Node.
func (n *QuestionNode) Kind() ast.NodeKind { return KindQuestion }

// Dump implements ast.Node.
func (n *QuestionNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.Question.ID, "Kind": string(n.Question.Kind)}, nil)
}

// Guidance wraps the blocks nested under a question after its first
// paragraph.
type Guidance struct {
	ast.BaseBlock
	ElemID string
}

// Kind implements ast.Node.
func (n *Guidance) Kind() ast.NodeKind { return KindGuidance }

// Dump implements ast.Node.
func (n *Guidance) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ElemID": n.ElemID}, nil)
}

// Evidence wraps the paragraph of a question's guidance that starts with
// "Evidence:": its links are the cases behind the question, which the
// result lists beside the answers that decided it.
type Evidence struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (n *Evidence) Kind() ast.NodeKind { return KindEvidence }

// Dump implements ast.Node.
func (n *Evidence) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, nil, nil)
}

// Weights is a question's {...} block as the inline parser found it. offs
// maps each byte of the block's text to its offset in the source.
type Weights struct {
	ast.BaseInline
	Block  Block
	Failed bool // the block is malformed; its error is already reported
	offs   []int
}

// Kind implements ast.Node.
func (n *Weights) Kind() ast.NodeKind { return KindWeights }

// Dump implements ast.Node.
func (n *Weights) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, nil, nil)
}

// srcOff maps an offset in the block's text to an offset in the source.
func (n *Weights) srcOff(i int) int {
	if len(n.offs) == 0 {
		return 0
	}
	return n.offs[max(0, min(i, len(n.offs)-1))]
}
