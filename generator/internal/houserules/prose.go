package houserules

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/tradeoffs/tradeoffs/generator/internal/figures"
)

// prose is the text of a paragraph, list item or table row as a reader
// sees it, with where each byte came from and the citations in it.
type prose struct {
	b     strings.Builder
	offs  []int // source offset of each byte of b, or -1
	cites []mark
}

// mark is a citation at a place in the text: a footnote reference or a
// shared figure.
type mark struct {
	at       int // byte index in the text the mark follows
	footnote int // the footnote's index, or -1
	figure   *figures.Ref
}

// write appends s, whose first byte is at source offset off (-1: unknown).
func (t *prose) write(s string, off int) {
	for i := range len(s) {
		o := -1
		if off >= 0 {
			o = off + i
		}
		t.offs = append(t.offs, o)
	}
	t.b.WriteString(s)
}

// placeholder stands for what is not prose (code, an autolink, a figure's
// value): a word, so that sentences around it still split, without digits.
const placeholder = "item"

// inline appends the text of n's inline children.
func (t *prose) inline(n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			t.write(string(c.Segment.Value(src)), c.Segment.Start)
			if c.SoftLineBreak() || c.HardLineBreak() {
				t.write(" ", -1)
			}
		case *ast.String:
			t.write(html.UnescapeString(string(c.Value)), -1)
		case *ast.CodeSpan, *ast.AutoLink, *ast.Image:
			t.write(placeholder, -1)
		case *ast.RawHTML, *extast.TaskCheckBox:
		case *extast.FootnoteLink:
			t.cites = append(t.cites, mark{at: t.b.Len(), footnote: c.Index})
		case *figures.Ref:
			t.write(placeholder, -1)
			t.cites = append(t.cites, mark{at: t.b.Len(), footnote: -1, figure: c})
		default:
			t.inline(c, src)
		}
	}
}

// sentence is one sentence of a text, with its citations.
type sentence struct {
	text  string
	off   int // source offset of its first byte, or -1
	cites []mark
}

// sentences splits t. A citation right after a sentence's final stop
// belongs to that sentence: "cut cost by 90%.[^post] Then ...".
func (t *prose) sentences() []sentence {
	s := t.b.String()
	var out []sentence
	start := 0
	add := func(end int) {
		seg := s[start:end]
		if strings.TrimSpace(seg) == "" && len(out) > 0 {
			return
		}
		lead := len(seg) - len(strings.TrimLeft(seg, " \t\n"))
		sen := sentence{text: strings.TrimSpace(seg), off: t.firstOffset(start + lead)}
		for _, m := range t.cites {
			if m.at > start && m.at <= end || m.at == start && start == 0 {
				sen.cites = append(sen.cites, m)
			}
		}
		out = append(out, sen)
		start = end
	}
	for i := 0; i < len(s); i++ {
		if end := sentenceEnd(s, i); end > 0 {
			add(end)
			i = end - 1
		}
	}
	if start < len(s) || len(out) == 0 {
		add(len(s))
	}
	return out
}

// firstOffset returns the source offset of the first byte at or after i
// that has one.
func (t *prose) firstOffset(i int) int {
	for ; i < len(t.offs); i++ {
		if t.offs[i] >= 0 {
			return t.offs[i]
		}
	}
	return -1
}

// sentenceEnd returns the index just after the sentence that ends at s[i],
// the stop and any closing quotes or brackets included, or 0 when no
// sentence ends there. A sentence ends at ".", "!" or "?" followed by
// space and a capital, a digit, a currency sign or an opening quote or
// bracket, unless the word before the stop is an abbreviation.
func sentenceEnd(s string, i int) int {
	if !strings.ContainsRune(".!?", rune(s[i])) {
		return 0
	}
	j := i + 1
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !strings.ContainsRune(`"')]”’»`, r) {
			break
		}
		j += n
	}
	k := j
	for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n') {
		k++
	}
	if k == j || k == len(s) {
		return 0 // no space after it, or nothing follows
	}
	next, _ := utf8.DecodeRuneInString(s[k:])
	if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune(`"'“‘([$€£`, next) {
		return 0
	}
	if s[i] == '.' && abbreviation(s[:i]) {
		return 0
	}
	return j
}

var abbreviations = strings.Fields("vs e.g i.e cf etc approx ca no nos vol p pp fig st mr ms mrs dr inc ltd co corp jr sr u.s u.k al")

// abbreviation reports whether before ends in an abbreviation or an
// initial, so the stop after it does not end the sentence.
func abbreviation(before string) bool {
	w := before
	if i := strings.LastIndexAny(before, " \t\n(\"“"); i >= 0 {
		w = before[i+1:]
	}
	if utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0]) {
		return true // an initial: "J. Evans"
	}
	w = strings.ToLower(w)
	for _, a := range abbreviations {
		if w == a {
			return true
		}
	}
	return false
}
