package slug

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Path turns a file or folder name, without its extension, into a URL path
// element. Any name gives one, never "": "Other_Doc" → "other-doc",
// "Getting Started" → "getting-started", "Über uns" → "über-uns".
//
// Letters, marks and digits of every script are kept (not transliterated,
// as GitHub keeps them in heading ids), lower-cased, in Unicode's composed
// form (NFC), so a name typed on macOS and on Linux gives the same URL;
// apostrophes are dropped ("Conway's law" → "conways-law"); a dot between
// two of them is kept ("v1.2"); every other run of characters (spaces,
// underscores, punctuation, symbols) becomes one hyphen, and hyphens and
// dots at either end are trimmed. A name with no letter or digit at all
// ("+++", "🚀") is spelled by its code points: "u2b-2b-2b", "u1f680".
//
// A name that is already a valid slug (Valid) is returned as it is.
func Path(name string) string {
	if Valid(name) && !strings.Contains(name, "_") {
		return name
	}
	var b strings.Builder
	// A separator or a dot is written only before the next letter or
	// digit, so none ends the name and a dot next to a separator is one.
	sep, dot := false, false
	for _, r := range norm.NFC.String(name) {
		switch {
		case r == '\'' || r == '\u2019':
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r):
			switch {
			case b.Len() == 0:
			case sep:
				b.WriteByte('-')
			case dot:
				b.WriteByte('.')
			}
			sep, dot = false, false
			b.WriteString(strings.ToLower(string(r)))
		case r == '.' && !sep:
			dot = true
		default:
			sep, dot = true, false
		}
	}
	s := b.String()
	if s != "" {
		return s
	}
	return codePoints(name)
}

// codePoints spells name as its code points in hexadecimal: "u2b-2b".
func codePoints(name string) string {
	var b strings.Builder
	b.WriteByte('u')
	for i, r := range name {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(strconv.FormatInt(int64(r), 16))
	}
	if b.Len() == 1 {
		return "u"
	}
	return b.String()
}
