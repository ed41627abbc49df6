package houserules

import (
	"net/url"
	"path"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// What the rules ask of a page: where things are, what it links to and
// whether a citation counts.

func (p *page) pos(off int) diag.Pos {
	if off < 0 {
		return diag.Pos{File: p.File, Line: max(p.BodyLine, 1), Col: 1}
	}
	pos := p.lines.Pos(off)
	pos.Line += max(p.BodyLine, 1) - 1
	return pos
}

// linePos returns the position of the start of the line holding off.
func (p *page) linePos(off int) diag.Pos {
	pos := p.pos(off)
	pos.Col = 1
	return pos
}

// find returns the index of the level-2 section titled title, or -1.
func (p *page) find(title string) int {
	for i, s := range p.sections {
		if s.level == 2 && strings.EqualFold(s.title, title) {
			return i
		}
	}
	return -1
}

// hasContent reports whether section i, or a subsection of it, has content.
func (p *page) hasContent(i int) bool {
	for j := i; j < len(p.sections); j++ {
		if j > i && p.sections[j].level <= p.sections[i].level {
			break
		}
		if p.sections[j].content {
			return true
		}
	}
	return false
}

// at returns where the section titled title starts, or the body's start.
func (p *page) at(title string) diag.Pos {
	if i := p.find(title); i >= 0 {
		return p.linePos(p.sections[i].off)
	}
	return p.pos(-1)
}

// targets returns the pages of section that the page links to, by slug.
func (p *page) targets(section string) map[string]bool {
	out := map[string]bool{}
	for _, l := range p.links {
		if slug := pageIn(section, p.File, l.dest); slug != "" {
			out[slug] = true
		}
	}
	return out
}

// pageIn returns the slug of the page of section that dest, a link
// written in file, leads to, or "". It understands site URLs
// (/patterns/x/) and relative paths to markdown files (../patterns/x.md).
func pageIn(section, file, dest string) string {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return ""
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = strings.TrimPrefix(path.Join(path.Dir(file), p), "content")
		p = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(p, ".md"), "/index"), "/_index")
	}
	rest, ok := strings.CutPrefix(p, "/"+section+"/")
	if !ok {
		return ""
	}
	slug, _, _ := strings.Cut(rest, "/")
	return slug
}

// citesListed reports whether marks hold a citation the rules accept: a
// footnote to a listed source or starting "Our calculation", or a shared
// figure (its note cites it).
func (p *page) citesListed(marks []mark) bool {
	for _, m := range marks {
		if m.figure != nil {
			return true
		}
		if f := p.footnotes[m.footnote]; f != nil && (p.listed(f) || ours(f)) {
			return true
		}
	}
	return false
}

// listed reports whether a footnote links to a source of the front
// matter. A page without listed sources accepts any footnote.
func (p *page) listed(f *footnote) bool {
	if p.Sources == nil {
		return true
	}
	for _, u := range f.urls {
		for _, s := range p.Sources {
			if sameURL(u, s.URL) {
				return true
			}
		}
	}
	return false
}

// ours reports whether a footnote marks the site's own calculation.
func ours(f *footnote) bool {
	return len(f.text) >= len("our calculation") && strings.EqualFold(f.text[:len("our calculation")], "our calculation")
}

func sameURL(a, b string) bool {
	norm := func(s string) string {
		s, _, _ = strings.Cut(strings.TrimSpace(s), "#")
		return strings.TrimSuffix(s, "/")
	}
	return norm(a) == norm(b)
}

// labels lists the footnotes among marks: "[^a] and [^b]".
func (p *page) labels(marks []mark) string {
	var l []string
	for _, m := range marks {
		if f := p.footnotes[m.footnote]; f != nil {
			l = append(l, "[^"+f.label+"]")
		}
	}
	if len(l) == 1 {
		return l[0]
	}
	if len(l) == 0 {
		return ""
	}
	return strings.Join(l[:len(l)-1], ", ") + " and " + l[len(l)-1]
}

// excerpt shortens a sentence for a message.
func excerpt(s string) string {
	const n = 60
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}
