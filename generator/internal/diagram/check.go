package diagram

import (
	"strings"

	"oss.terrastruct.com/d2/d2ast"
	"oss.terrastruct.com/d2/d2graph"
)

// refusal says why a diagram may not use a D2 keyword, and what to do
// instead; ok is false for the keywords it may use.
func refusal(keyword string) (msg string, ok bool) {
	switch keyword {
	case "icon":
		return "icons are not allowed in diagrams (an icon is an image on another host, which the build does not fetch): describe the thing in the label instead", true
	case "link":
		return "links are not allowed in diagrams (a diagram is shown as a picture, where links cannot be followed): link from the text around the diagram instead", true
	case "tooltip":
		return "tooltips are not allowed in diagrams (a diagram is shown as a picture, which shows no tooltips): put the text in a label or the caption instead", true
	case "layers", "scenarios", "steps":
		return keyword + " are not allowed in diagrams (only one board is shown): write a separate d2 block for each board", true
	}
	return "", false
}

// check finds what diagrams may not use, before anything is laid out:
// imports and the refused keywords. It goes by the syntax tree, so each
// problem points at the key that causes it.
func check(ast *d2ast.Map, src []byte) []Problem {
	var probs []Problem
	d2ast.Walk(ast, func(n d2ast.Node) bool {
		switch n := n.(type) {
		case *d2ast.Import:
			probs = append(probs, problemAt(n.Range, errNoImports.Error(), src))
		case *d2ast.Key:
			probs = append(probs, checkPath(n.Key, src)...)
			probs = append(probs, checkPath(n.EdgeKey, src)...)
		}
		return true
	})
	return probs
}

// checkPath reports the refused keywords in a key path such as x.icon or
// (a -> b)[0].link. D2 takes a keyword unquoted and in any case.
func checkPath(kp *d2ast.KeyPath, src []byte) []Problem {
	if kp == nil {
		return nil
	}
	var probs []Problem
	for _, sb := range kp.Path {
		s := sb.Unbox()
		if s == nil || !s.IsUnquoted() {
			continue
		}
		if msg, ok := refusal(strings.ToLower(s.ScalarString())); ok {
			probs = append(probs, problemAt(s.GetRange(), msg, src))
		}
	}
	return probs
}

// checkNames refuses connections whose ends are named with ` or ${. D2
// hands each connection's name to dagre inside a JavaScript template
// string, unescaped: such a name would be run as code in the layout engine
// (a loop there would hold up the build for ever). The names are checked
// after compiling, once variables are substituted.
func checkNames(g *d2graph.Graph, src []byte) []Problem {
	var probs []Problem
	for _, e := range g.Edges {
		if id := e.AbsID(); !strings.Contains(id, "`") && !strings.Contains(id, "${") {
			continue
		}
		var rng d2ast.Range
		if len(e.References) > 0 && e.References[0].Edge != nil {
			rng = e.References[0].Edge.Range
		}
		probs = append(probs, problemAt(rng, "a connected shape's name cannot contain ` or ${ (the layout engine would read it as code): give the shape a plain name and put the text in its label, e.g. x: \"text\"", src))
	}
	return probs
}

// checkDagre refuses, at their place in the source, what dagre cannot lay
// out; D2's own command refuses the same before running dagre, but a
// layout given to D2 as this package gives it is not checked. Without this
// check such a diagram is drawn wrong, comes out empty, or makes dagre
// fail with a JavaScript error that names no line.
func checkDagre(g *d2graph.Graph, src []byte) []Problem {
	var probs []Problem
	add := func(key *d2ast.Key, msg string) {
		var rng d2ast.Range
		if key != nil {
			rng = key.Range
		}
		probs = append(probs, problemAt(rng, msg, src))
	}
	for _, obj := range g.Objects {
		if a := firstSet(obj.Top, obj.Left); a != nil {
			add(a.MapKey, "top and left cannot be set in a diagram (the layout engine, dagre, places every shape): remove them")
		}
		if a := firstSet(obj.WidthAttr, obj.HeightAttr); a != nil && len(obj.ChildrenArray) > 0 && !obj.IsGridDiagram() {
			add(a.MapKey, "width and height cannot be set on a container (the layout engine, dagre, sizes it to what it holds): remove them")
		}
		if obj.NearKey != nil {
			if _, isKey := g.Root.HasChild(d2graph.Key(obj.NearKey)); isKey {
				add(nearKey(obj), "near can only be a place such as top-center in a diagram, not another shape (the layout engine, dagre, cannot place a shape near another): remove it, or connect the two shapes")
			}
		}
	}
	for _, e := range g.Edges {
		if e.Src.OuterSequenceDiagram() != nil || e.Dst.OuterSequenceDiagram() != nil || !e.Src.IsContainer() && !e.Dst.IsContainer() {
			continue
		}
		var key *d2ast.Key
		if len(e.References) > 0 {
			key = e.References[0].MapKey
		}
		switch {
		case e.Src == e.Dst:
			add(key, "a connection from a container to itself cannot be laid out (the layout engine, dagre, does not support it): connect two shapes inside the container instead")
		case e.Src.IsDescendantOf(e.Dst) || e.Dst.IsDescendantOf(e.Src):
			add(key, "a connection between a container and a shape inside it cannot be laid out (the layout engine, dagre, does not support it): connect the shape to another shape in the container, or move one of them out")
		}
	}
	return probs
}

// firstSet returns the first of two attributes that is set.
func firstSet(a, b *d2graph.Scalar) *d2graph.Scalar {
	if a != nil {
		return a
	}
	return b
}

// nearKey returns the key that sets obj's near, for its position.
func nearKey(obj *d2graph.Object) *d2ast.Key {
	for _, r := range obj.References {
		if r.MapKey != nil {
			return r.MapKey
		}
	}
	return nil
}
