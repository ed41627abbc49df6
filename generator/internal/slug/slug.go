// Package slug turns titles, names and headings into URL path elements and
// fragment ids, the same way everywhere: page slugs suggested for file
// names and tag URLs come from Make; the URL elements of the files and
// folders of generic sections from Path (any name gives one); heading ids
// from GitHub, as GitHub makes them.
//
// slug imports golang.org/x/text (for Unicode normalisation) and the
// standard library.
package slug

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Make lower-cases s, folds accents ("Café" → "cafe"), drops apostrophes
// ("Conway's law" → "conways-law") and joins runs of anything that is not an
// ASCII letter or digit with single hyphens, trimmed at both ends.
func Make(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '\u2019':
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(r))
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

var valid = regexp.MustCompile(`^[a-z0-9]+(?:[-_][a-z0-9]+)*$`)

// Valid reports whether s may be used as a URL path element as it is:
// lower-case ASCII letters and digits joined by single hyphens or
// underscores.
func Valid(s string) bool { return valid.MatchString(s) }
