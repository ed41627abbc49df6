package calc

import (
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// source is one definition's text and where it sits in its file, so every
// position is reported in the original file: a calculator file starts at
// line 1; a fenced block in a page starts at the block's first body line.
type source struct {
	file  string
	src   []byte
	lines []string // src split at "\n", without the line endings
	line0 int      // file line of src's first line, minus 1
	diags diag.List

	// Positions found while checking the YAML shape, by path such as
	// "outputs[2].formula": the key, the value node, and for list items
	// the item's first key.
	keys  map[string]diag.Pos
	vals  map[string]ast.Node
	items map[string]diag.Pos
}

func newSource(file string, src []byte, firstLine int) *source {
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return &source{
		file: file, src: src, lines: lines, line0: firstLine - 1,
		keys: map[string]diag.Pos{}, vals: map[string]ast.Node{}, items: map[string]diag.Pos{},
	}
}

func (s *source) errorf(pos diag.Pos, format string, args ...any) {
	s.diags.Errorf(pos, format, args...)
}

// at converts a 1-based line and rune column of src to a file position,
// clamped to the text: the YAML parser places some errors (a missing value
// at the end of the file, say) one past the end.
func (s *source) at(line, col int) diag.Pos {
	line = max(1, min(line, len(s.lines)))
	col = max(1, min(col, utf8.RuneCountInString(s.lines[line-1])+1))
	return diag.Pos{File: s.file, Line: line + s.line0, Col: col}
}

func (s *source) tokPos(t *token.Token) diag.Pos {
	if t == nil || t.Position == nil {
		return s.at(1, 1)
	}
	return s.at(t.Position.Line, t.Position.Column)
}

// nodePos is where a value starts: a mapping at its first key (the parser
// locates it at the first ":"), a block scalar (| or >) at its indicator.
func (s *source) nodePos(n ast.Node) diag.Pos {
	if m, ok := n.(*ast.MappingNode); ok && m.IsFlowStyle {
		return s.tokPos(m.Start) // the "{"
	}
	return s.tokPos(itemStart(n).GetToken())
}

// valuePos is the position of the value at path, or else of its key, or
// else of the item holding it, or else the start of the definition.
func (s *source) valuePos(path string) diag.Pos {
	if n, ok := s.vals[path]; ok {
		return s.nodePos(n)
	}
	return s.keyPos(path)
}

// keyPos is the position of the key at path, falling back like valuePos.
func (s *source) keyPos(path string) diag.Pos {
	if p, ok := s.keys[path]; ok {
		return p
	}
	for path != "" {
		if p, ok := s.items[path]; ok {
			return p
		}
		path = parentPath(path)
	}
	return s.at(1, 1)
}

func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// textPos maps byte offset off of the string value at path to a file
// position, exactly for a single-line plain or quoted scalar without
// escapes and for a literal block (|); otherwise it falls back to the
// start of the value.
func (s *source) textPos(path string, value string, off int) diag.Pos {
	n, ok := s.vals[path]
	if !ok {
		return s.valuePos(path)
	}
	off = max(0, min(off, len(value)))
	t := n.GetToken()
	if lit, ok := n.(*ast.LiteralNode); ok && strings.HasPrefix(lit.Start.Value, "|") {
		return s.blockPos(t.Position.Line, value, off)
	}
	if strings.Contains(value, "\n") || t.Position == nil {
		return s.nodePos(n)
	}
	line, col := t.Position.Line, t.Position.Column
	if line < 1 || line > len(s.lines) {
		return s.nodePos(n)
	}
	rest := runeSuffix(s.lines[line-1], col-1)
	switch {
	case strings.HasPrefix(rest, value):
	case (strings.HasPrefix(rest, `"`) || strings.HasPrefix(rest, `'`)) && strings.HasPrefix(rest[1:], value):
		col++
	default:
		return s.nodePos(n)
	}
	return s.at(line, col+utf8.RuneCountInString(value[:off]))
}

// blockPos locates offset off of a literal block whose indicator is on
// line ind: content line i is source line ind+1+i, after the block's
// indentation (that of its first non-blank line).
func (s *source) blockPos(ind int, value string, off int) diag.Pos {
	li := strings.Count(value[:off], "\n")
	lineStart := strings.LastIndex(value[:off], "\n") + 1
	if ind+1+li > len(s.lines) {
		return s.at(ind, 1)
	}
	indent := 0
	for _, text := range s.lines[ind:] {
		if trimmed := strings.TrimLeft(text, " "); trimmed != "" {
			indent = len(text) - len(trimmed)
			break
		}
	}
	return s.at(ind+1+li, indent+1+utf8.RuneCountInString(value[lineStart:off]))
}

// runeSuffix drops the first n runes of s.
func runeSuffix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[i:]
		}
		n--
	}
	return ""
}
