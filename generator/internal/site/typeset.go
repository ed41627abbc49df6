package site

import (
	"strings"
	"unicode"
)

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
