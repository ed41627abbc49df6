package site

import (
	"strings"
	"testing"
)

// TestDiagramProblemsNameTheirLine checks that a diagram the layout engine
// cannot draw is an error at its line in the page, saying what to change:
// it came out empty ("the diagram's SVG has no size") or drawn wrong, and a
// name could run code in the layout engine.
func TestDiagramProblemsNameTheirLine(t *testing.T) {
	tests := []struct {
		name, diagram, want string
	}{
		{"a container connected to its child", "container.first -> container.second: 1->2\ncontainer -> container.second: c->2\n",
			"content/notes/d.md:8:1: a connection between a container and a shape inside it cannot be laid out (the layout engine, dagre, does not support it): connect the shape to another shape in the container, or move one of them out"},
		{"a container connected to itself", "a: {\n  b -> c\n}\na -> a: loop\n",
			"content/notes/d.md:10:1: a connection from a container to itself cannot be laid out (the layout engine, dagre, does not support it): connect two shapes inside the container instead"},
		{"code in a name", "x\n\"${(function(){throw new Error('ran')})()}\" -> x\n",
			"content/notes/d.md:8:1: a connected shape's name cannot contain ` or ${ (the layout engine would read it as code): give the shape a plain name and put the text in its label, e.g. x: \"text\""},
		{"an empty block", "\n",
			"content/notes/d.md:6:1: the d2 block is empty: write a diagram in it, or remove it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "---\ntitle: D\n---\nA diagram:\n\n```d2 {alt=\"A diagram\"}\n" + tt.diagram + "```\n"
			s := buildSite(t, siteFS(map[string]string{"content/notes/d.md": page}))
			if got := strings.TrimSpace(s.Diags.Error()); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
