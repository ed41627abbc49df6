package markdown

import (
	"slices"

	"github.com/tradeoffs/tradeoffs/generator/internal/highlight"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// docState is the per-document state, kept in the parser context.
type docState struct {
	file     string
	bodyLine int
	lines    *diag.Lines
	resolver LinkResolver
	// titleLine and plainPunctuation are Input's.
	titleLine        int
	plainPunctuation bool
	// raw is the raw HTML filter's state (rawhtml.go).
	raw rawHTML
	// level is the heading level for widgets at the current point.
	level int

	headings []Heading
	links    []Link
	blocks   []Block
	words    int
	summary  string
	features map[string]bool
	diags    diag.List
	code     []highlight.Block // blocks left unhighlighted (PlainCode)
}

// pos converts a byte offset in the body to a position in the file.
func (st *docState) pos(off int) diag.Pos {
	p := st.lines.Pos(off)
	p.Line += st.bodyLine - 1
	return p
}

// lineStart returns the position of the start of the line holding off.
func (st *docState) lineStart(off int) diag.Pos {
	p := st.pos(off)
	p.Col = 1
	return p
}

// Heading is a heading of the page.
type Heading struct {
	Level int
	ID    string
	Text  string
	Pos   diag.Pos
}

// Link is a link or image destination found in the page.
type Link struct {
	// Dest is the destination as written.
	Dest string
	// Href is what the page links to after rewriting.
	Href string
	// Image is true for an image source.
	Image bool
	// External is true for URLs with a scheme (https:, mailto:).
	External bool
	Pos      diag.Pos
}

// Block is the text of the page between two headings, for search.
type Block struct {
	// Anchor is the heading's id; "" for the text before the first heading.
	Anchor  string
	Heading string
	Level   int
	Text    string
	Code    string
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
