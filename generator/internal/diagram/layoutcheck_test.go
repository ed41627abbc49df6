package diagram

import (
	"fmt"
	"testing"
)

// TestWhatDagreCannotLayOut checks that a diagram dagre cannot lay out is
// refused before layout, at the line and column of its cause, with what to
// do: drawn anyway, it came out wrong or empty ("the diagram's SVG has no
// size"), or dagre failed with a JavaScript error that names no line.
func TestWhatDagreCannotLayOut(t *testing.T) {
	const (
		descendant = "a connection between a container and a shape inside it cannot be laid out (the layout engine, dagre, does not support it): connect the shape to another shape in the container, or move one of them out"
		selfLoop   = "a connection from a container to itself cannot be laid out (the layout engine, dagre, does not support it): connect two shapes inside the container instead"
		code       = "a connected shape's name cannot contain ` or ${ (the layout engine would read it as code): give the shape a plain name and put the text in its label, e.g. x: \"text\""
	)
	tests := []struct {
		name, src string
		want      []Problem
	}{
		{"a container connected to its child", "a: {\n  b\n}\na -> a.b\n", []Problem{{4, 1, descendant}}},
		{"a child connected to its container", "x\na.b -> a: up\n", []Problem{{2, 1, descendant}}},
		{"a container connected to a grandchild", "a.b.c -> d\nd -> a\na -> a.b.c\n", []Problem{{3, 1, descendant}}},
		{"a container connected to itself", "a: {\n  b -> c\n}\na -> a\n", []Problem{{4, 1, selfLoop}}},
		{"width on a container", "a: {\n  width: 300\n  b\n}\n", []Problem{{2, 3, "width and height cannot be set on a container (the layout engine, dagre, sizes it to what it holds): remove them"}}},
		{"top on a shape", "a: {top: 10}\nb\n", []Problem{{1, 5, "top and left cannot be set in a diagram (the layout engine, dagre, places every shape): remove them"}}},
		{"near another shape", "a\nb: {near: a}\n", []Problem{{2, 1, "near can only be a place such as top-center in a diagram, not another shape (the layout engine, dagre, cannot place a shape near another): remove it, or connect the two shapes"}}},
		{"code in a connected name", "\"${(function(){throw new Error('ran')})()}\" -> b\n", []Problem{{1, 1, code}}},
		{"a backquote in a connected name", "\"a`b\" -> c\n", []Problem{{1, 1, code}}},
		{"what dagre can lay out", "a: {\n  b -> c\n}\nx -> a\na -> y: out\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, probs := New().Render([]byte(tt.src))
			if fmt.Sprint(probs) != fmt.Sprint(tt.want) {
				t.Errorf("problems:\n%v\nwant:\n%v", probs, tt.want)
			}
			if (e == nil) != (len(tt.want) > 0) {
				t.Errorf("rendered: %v, want %v", e != nil, len(tt.want) == 0)
			}
		})
	}
}

// TestLayoutErrorMessage checks what an author reads when dagre fails in
// its JavaScript on a diagram the checks let through: the failure itself,
// not the place in dagre's code ("at <eval>:218:1039"), and what to try.
// The failure is provoked by a name that throws in the layout engine, which
// the checks refuse before layout, so draw is called directly.
func TestLayoutErrorMessage(t *testing.T) {
	const src = "\"${(function(){throw new TypeError('Cannot convert undefined or null to object')})()}\" -> x\n"
	_, err := New().draw(src)
	want := "the layout engine (dagre) failed on this diagram (TypeError: Cannot convert undefined or null to object): " + layoutAdvice
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %q", err, want)
	}
}
