package checklist

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// weightParser reads the {...} block at the end of a question's first
// paragraph. It only acts in documents where Enable was called, so elsewhere
// braces stay text.
type weightParser struct{}

func (weightParser) Trigger() []byte { return []byte{'{'} }

// Parse takes a "{" that opens the paragraph's last {...} group, with
// nothing but spaces after its "}", and parses it as weights. Any other
// brace is left to be text: a later "{" or trailing text means this one is
// part of the question.
func (weightParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st := stateOf(pc)
	if st == nil || !isQuestionParagraph(parent) {
		return nil
	}
	rest, offs := readRest(block)
	end := bytes.IndexAny(rest[1:], "{}") + 1
	src := block.Source()
	switch {
	case end == 0:
		st.diags.Errorf(st.pos(src, offs[0]), `unclosed weight block: end it with "}", or write \{ for a literal brace`)
		return &Weights{Failed: true, offs: offs}
	case rest[end] == '{' || len(bytes.TrimSpace(rest[end+1:])) != 0:
		return nil // the caller rewinds the reader
	}
	n := &Weights{offs: offs[:end+1]}
	b, err := ParseBlock(string(rest[:end+1]))
	if err != nil {
		st.diags.Errorf(st.pos(src, n.srcOff(err.Off)), "%s", err.Msg)
		n.Failed = true
	}
	n.Block = b
	return n
}

// readRest consumes the rest of the paragraph and returns its bytes with the
// source offset of each.
func readRest(block text.Reader) ([]byte, []int) {
	var rest []byte
	var offs []int
	for {
		line, seg := block.PeekLine()
		if line == nil {
			return rest, offs
		}
		for i, c := range line {
			rest = append(rest, c)
			offs = append(offs, seg.Start+max(0, i-seg.Padding))
		}
		block.AdvanceLine()
	}
}

// isQuestionParagraph reports whether n is the first paragraph of a task
// list item: the one holding the checkbox and the question.
func isQuestionParagraph(n ast.Node) bool {
	if n == nil || (n.Kind() != ast.KindParagraph && n.Kind() != ast.KindTextBlock) {
		return false
	}
	item, ok := n.Parent().(*ast.ListItem)
	if !ok || item.FirstChild() != n {
		return false
	}
	_, ok = n.FirstChild().(*extast.TaskCheckBox)
	return ok
}
