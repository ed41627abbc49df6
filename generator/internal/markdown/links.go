package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// safeSchemes are the URL schemes a link in content may use. Everything
// else with a scheme (javascript:, data:, vbscript:, file:, ...) is dropped:
// content arrives by pull request and must not be able to run script.
var safeSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true}

// scheme returns the lower-cased URL scheme of dest, or "" when it has none.
// It first removes what browsers ignore (tabs and newlines anywhere, leading
// control characters and spaces), so "java\tscript:" is still caught.
func scheme(dest string) string {
	dest = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, dest)
	dest = strings.TrimLeftFunc(dest, func(r rune) bool { return r <= ' ' })
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case c == ':':
			if i == 0 {
				return ""
			}
			return strings.ToLower(dest[:i])
		case ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z'):
		case i > 0 && (('0' <= c && c <= '9') || c == '+' || c == '-' || c == '.'):
		default:
			return ""
		}
	}
	return ""
}

// link vets, rewrites and records a link or image destination.
func (st *docState) link(n ast.Node, destination []byte, image bool, src []byte) []edit {
	dest := string(destination)
	l := Link{Dest: dest, Href: dest, Image: image, Pos: st.pos(Offset(n))}
	switch s := scheme(dest); {
	case s != "" && !safeSchemes[s]:
		what := "link"
		if image {
			what = "image"
		}
		st.diags.Warnf(l.Pos, "%s to a %s: URL removed: only http, https, mailto and tel links are allowed in content", what, s)
		if image {
			return []edit{func() { n.Parent().RemoveChild(n.Parent(), n) }}
		}
		return []edit{unwrap(n)}
	case s != "":
		l.External = true
	case st.resolver != nil:
		l.Href = st.resolver.Rewrite(st.file, dest)
		setDestination(n, l.Href)
	}
	st.links = append(st.links, l)
	return nil
}

func (st *docState) autoLink(n *ast.AutoLink, src []byte) []edit {
	url := string(n.URL(src))
	if n.AutoLinkType == ast.AutoLinkEmail {
		return nil
	}
	s := scheme(url)
	if s != "" && !safeSchemes[s] {
		st.diags.Warnf(st.pos(Offset(n)), "link to a %s: URL removed: only http, https, mailto and tel links are allowed in content", s)
		return []edit{func() {
			p := n.Parent()
			p.ReplaceChild(p, n, ast.NewString(n.Label(src)))
		}}
	}
	st.links = append(st.links, Link{Dest: url, Href: url, External: s != "", Pos: st.pos(Offset(n))})
	return nil
}

func setDestination(n ast.Node, href string) {
	switch n := n.(type) {
	case *ast.Link:
		n.Destination = []byte(href)
	case *ast.Image:
		n.Destination = []byte(href)
	}
}

// Offset returns the byte offset in the source where an inline node, a
// link in particular, starts: goldmark records it for links; otherwise the
// first text inside, or the enclosing block's first line.
func Offset(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return max(t.Segment.Start-1, 0)
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}
