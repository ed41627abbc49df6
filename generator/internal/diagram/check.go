package diagram

import (
	"strings"

	"oss.terrastruct.com/d2/d2ast"
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
