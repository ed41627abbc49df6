package site

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/reuse"
	"github.com/tradeoffs/tradeoffs/generator/internal/suggest"
)

// lintContent reports what builds but is likely a mistake: tags that
// differ from another tag only by case or spelling (two tag pages for one
// subject), and two pages with the same title (two search results no one
// can tell apart).
func (s *build) lintContent(context.Context) {
	// Both read only the pages' front matter and where they are.
	key := reuse.Sum("lint", s.frontKey())
	if diags, ok := s.b.lint.Get(key); ok {
		s.diags.Append(diags)
		return
	}
	before := len(s.diags)
	s.lintTags()
	s.lintTitles()
	s.b.lint.Put(key, slices.Clone(s.diags[before:]))
}

// tagUse is one spelling of a tag and where it is used.
type tagUse struct {
	name  string
	slug  string
	pages []*page
}

func (s *build) lintTags() {
	bySpelling := map[string]*tagUse{}
	var uses []*tagUse
	for _, p := range s.pages {
		for _, name := range p.Base().Tags {
			name = strings.TrimSpace(name)
			u := bySpelling[name]
			if u == nil {
				u = &tagUse{name: name, slug: s.b.tagSlug(name)}
				bySpelling[name] = u
				uses = append(uses, u)
			}
			u.pages = append(u.pages, p)
		}
	}
	// The most used spelling of a subject is the one to keep.
	slices.SortFunc(uses, func(a, b *tagUse) int {
		if len(a.pages) != len(b.pages) {
			return len(b.pages) - len(a.pages)
		}
		return strings.Compare(a.name, b.name)
	})
	for i, u := range uses {
		for _, kept := range uses[:i] {
			if why := tagsAlike(u, kept); why != "" {
				for _, p := range u.pages {
					s.diags.Add(diag.Warnf(s.tagPos(p, u.name), "tag %q %s the tag %q (on %d %s): use %q",
						u.name, why, kept.name, len(kept.pages), plural(len(kept.pages), "page", "pages"), kept.name))
				}
				break
			}
		}
	}
}

// tagsAlike says how tag a is too close to tag b, or "".
func tagsAlike(a, b *tagUse) string {
	switch {
	case a.name == b.name:
		return ""
	case strings.EqualFold(a.name, b.name):
		return "differs only by case from"
	case a.slug == b.slug:
		return "is written differently from"
	case a.slug+"s" == b.slug || b.slug+"s" == a.slug || a.slug+"es" == b.slug || b.slug+"es" == a.slug:
		return "is the singular or plural of"
	case len(a.slug) >= 5 && suggest.Distance(a.slug, b.slug, 2) <= 1:
		return "looks like a misspelling of"
	}
	return ""
}

// tagPos finds where a page's front matter lists tag.
func (s *build) tagPos(p *page, tag string) diag.Pos {
	for i, t := range p.Base().Tags {
		if strings.TrimSpace(t) == tag {
			return p.Front.Value(fmt.Sprintf("tags[%d]", i))
		}
	}
	return diag.Pos{File: p.Source}
}

func (s *build) lintTitles() {
	first := map[string]*page{}
	for _, p := range s.pages {
		if p.Kind != content.KindPage {
			continue
		}
		key := strings.ToLower(strings.Join(strings.Fields(p.Title()), " "))
		if other, ok := first[key]; ok {
			s.diags.Add(diag.Warnf(p.Front.Value("title"), "the title %q is also the title of %s: readers cannot tell the two apart in lists and search", p.Title(), other.Source))
			continue
		}
		first[key] = p
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
