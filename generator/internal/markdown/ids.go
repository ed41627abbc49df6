package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/tradeoffs/tradeoffs/generator/internal/slug"
)

// Heading ids are GitHub's for the same text (slug.GitHub: "What's new?"
// → "whats-new", "A & B" → "a--b", "Café" → "café"), numbered -1, -2 ...
// when repeated, so links written for a README on GitHub find the heading
// here. An id given explicitly ({#id}) is kept and reserved first.
//
// Until December 2026 ids were made otherwise (slug.Make of the heading's
// markdown source: accents folded, runs of punctuation one hyphen). Where
// that id differs, the heading keeps it as a second id (Heading.Alias, on
// the heading's wrapper), so links to the old ids, in pages and from
// other sites, still land on the heading.

// ids hands out unique ids, GitHub's way. Extensions that need ids (the
// checklist's questions) get theirs from it too, through the parser
// context, after the headings'.
type ids struct {
	used map[string]bool
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Generate returns a unique id for text (a heading's text as a reader sees
// it).
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	return []byte(unique(s.used, slug.GitHub(string(value))))
}

// Put records an id given explicitly.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// unique returns base, or base-1, base-2 ... the first not in used, and
// records it. An empty base is "section".
func unique(used map[string]bool, base string) string {
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	used[id] = true
	return id
}

// legacyID is the id the heading had before ids were GitHub's: slug.Make
// of its last source line, deduplicated the same way.
func legacyID(used map[string]bool, n *ast.Heading, src []byte) string {
	var line []byte
	if last := n.Lines().Len() - 1; last >= 0 {
		seg := n.Lines().At(last)
		line = seg.Value(src)
	}
	return unique(used, slug.Make(string(line)))
}

// headingIDs gives headings their ids, before any other transformer looks
// at them. It runs on the parsed tree rather than while parsing, because
// GitHub's id comes from the text a reader sees ("See [the docs](url)" →
// "see-the-docs"), which only the inline tree has.
type headingIDs struct{}

// attrAlias is the heading attribute that holds the old id; the renderer
// writes it on the heading's wrapper.
var attrAlias = []byte("alias")

func (headingIDs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var headings []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			headings = append(headings, h)
		}
		return ast.WalkContinue, nil
	})
	legacy := map[string]bool{}
	for _, h := range headings {
		if id, ok := explicitID(h); ok {
			pc.IDs().Put(id)
		}
	}
	olds := make([]string, len(headings))
	for i, h := range headings {
		if id, ok := explicitID(h); ok {
			legacy[string(id)] = true
			continue
		}
		olds[i] = legacyID(legacy, h, src)
		h.SetAttribute([]byte("id"), pc.IDs().Generate([]byte(plainText(h, src)), ast.KindHeading))
	}
	// An old id that another heading now has is that heading's: an id
	// names one element.
	taken := func(id string) bool { return false }
	if own, ok := pc.IDs().(*ids); ok {
		taken = func(id string) bool { return own.used[id] }
	}
	for i, h := range headings {
		if olds[i] != "" && !taken(olds[i]) {
			h.SetAttribute(attrAlias, []byte(olds[i]))
		}
	}
}

func explicitID(h *ast.Heading) ([]byte, bool) {
	if v, ok := h.AttributeString("id"); ok {
		b, ok := v.([]byte)
		return b, ok
	}
	return nil, false
}
