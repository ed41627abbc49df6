package checklist

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// EvidencePrefix starts the paragraph of a question's guidance that lists
// the cases behind the question.
const EvidencePrefix = "Evidence:"

// findEvidence finds the item's "Evidence:" paragraph, one of the blocks
// after the question, and checks that it links somewhere.
func (s *state) findEvidence(d *draft, src []byte) {
	for c := d.item.FirstChild().NextSibling(); c != nil; c = c.NextSibling() {
		if c.Kind() != ast.KindParagraph && c.Kind() != ast.KindTextBlock {
			continue
		}
		if !strings.HasPrefix(plainText(c, src), EvidencePrefix) {
			continue
		}
		pos := s.pos(src, blockStart(c))
		switch {
		case d.evidence != nil:
			s.diags.Errorf(pos, "a second %q paragraph for this question: list all its cases in one", EvidencePrefix)
		case !hasLink(c):
			s.diags.Errorf(pos, "%q lists no links: link the case studies and trade-off pages behind the question, e.g. %s [Segment](/case-studies/segment-goodbye-microservices/)", EvidencePrefix, EvidencePrefix)
		default:
			d.evidence = c
		}
	}
}

// blockStart is the source offset of a block's first line.
func blockStart(n ast.Node) int {
	if n.Lines().Len() == 0 {
		return 0
	}
	return n.Lines().At(0).Start
}

func hasLink(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (c.Kind() == ast.KindLink || c.Kind() == ast.KindAutoLink) {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// wrapEvidence puts the question's evidence paragraph inside an Evidence.
func wrapEvidence(d *draft) {
	p := d.evidence
	if p == nil || p.Parent() == nil {
		return
	}
	e := &Evidence{}
	e.SetPos(p.Pos())
	parent := p.Parent()
	parent.ReplaceChild(parent, p, e)
	e.AppendChild(e, p)
}
