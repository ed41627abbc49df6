package slug

import (
	"strings"
	"unicode"
)

// GitHub returns the fragment id GitHub gives a heading with this text (the
// text a reader sees, without markup): lower-cased; every character that
// is not a letter, a mark, a decimal digit, a connector (underscore), a
// hyphen or a space removed; each space then a hyphen. "What's new?" →
// "whats-new", "A & B" → "a--b", "Café" → "café". Unlike Make, runs of
// hyphens are kept and letters of every script stay as they are, so links
// written for a README on GitHub find the same heading here. Duplicates
// are the caller's (GitHub appends -1, -2, ...). It returns "" for a text
// with no such character.
func GitHub(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(text)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-', unicode.IsLetter(r), unicode.IsMark(r), unicode.Is(unicode.Nd, r), unicode.Is(unicode.Pc, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
