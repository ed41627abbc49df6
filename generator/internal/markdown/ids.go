package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"

	"github.com/tradeoffs/tradeoffs/generator/internal/slug"
)

// ids generates heading ids: "What it cost them" → "what-it-cost-them",
// accents folded ("Café" → "cafe") so that ids stay readable ASCII, and a
// number appended to repeats ("lessons-1"). Explicit ids ({#id}) are
// reserved first by goldmark calling Put.
type ids struct {
	used map[string]bool
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Generate returns a unique id for a heading's text.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

// Put records an id given explicitly.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }
