package site

import (
	"slices"
	"strings"
	"unicode"
)

// typesetIn typesets text shown for a page of section, unless the section
// shows punctuation as written (config: sections.<name>.smart_punctuation).
func (s *build) typesetIn(section, text string) string {
	if s.cfg.PlainPunctuation(section) {
		return text
	}
	return typeset(text)
}

// plainSections names the sections that show punctuation as written, in
// order: for the keys of what depends on it.
func (s *build) plainSections() string {
	var out []string
	for name := range s.cfg.Sections {
		if s.cfg.PlainPunctuation(name) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

// typeset gives front matter text (titles, summaries) the punctuation the
// markdown typographer gives the body: curly quotes and apostrophes, en
// dashes for "--" and an ellipsis for "...". Without it a page's title says
// "Prime Video's" above a body that says "Prime Video’s".
func typeset(s string) string {
	if !strings.ContainsAny(s, `'"-.`) {
		return s
	}
	s = strings.ReplaceAll(s, "...", "…")
	s = strings.ReplaceAll(s, "--", "–")
	var b strings.Builder
	b.Grow(len(s) + 8)
	prev := ' '
	for _, r := range s {
		opening := unicode.IsSpace(prev) || strings.ContainsRune("([{“‘–—/", prev)
		switch {
		case r == '\'' && opening:
			b.WriteRune('‘')
		case r == '\'':
			b.WriteRune('’')
		case r == '"' && opening:
			b.WriteRune('“')
		case r == '"':
			b.WriteRune('”')
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}
