package search

import (
	"unicode/utf16"
	"unicode/utf8"
)

// MaxQuery is the longest query read, in UTF-16 code units (the length the
// browser measures); the rest is ignored.
const MaxQuery = 256

// Query is a search query as the browser client reads it. ParseQuery is
// the reference the client's parser is tested against.
type Query struct {
	Words   []QueryWord
	Phrases [][]int // indexes into Words of each quoted phrase of two words or more
}

// QueryWord is one word of a query.
type QueryWord struct {
	Word   string // folded
	Stem   string // the index term it looks up
	Prefix bool   // the last word, still being typed: completions match too
	Phrase bool   // inside a closed quoted phrase
}

// ParseQuery splits a query into words and phrases. Text between a pair of
// double quotes (straight or curly) is a phrase; an unclosed quote is read
// as plain words. The last word is a prefix when the query ends inside it
// (no space, quote or punctuation after it).
func ParseQuery(q string) Query {
	q = truncateUTF16(q, MaxQuery)
	parts := splitQuotes(q)
	closed := len(parts)%2 == 1
	var out Query
	for i, part := range parts {
		inPhrase := i%2 == 1 && (closed || i < len(parts)-1)
		var group []int
		for _, w := range Tokenize(part) {
			group = append(group, len(out.Words))
			out.Words = append(out.Words, QueryWord{Word: w, Stem: stem(w), Phrase: inPhrase})
		}
		if inPhrase && len(group) > 1 {
			out.Phrases = append(out.Phrases, group)
		}
	}
	if n := len(out.Words); n > 0 && !out.Words[n-1].Phrase {
		r, _ := utf8.DecodeLastRuneInString(q)
		out.Words[n-1].Prefix = isWordRune(r)
	}
	return out
}

// splitQuotes splits s at every double quote, keeping empty parts, as
// JavaScript's split does.
func splitQuotes(s string) []string {
	var parts []string
	start := 0
	for i, r := range s {
		if r == '"' || r == '\u201c' || r == '\u201d' {
			parts = append(parts, s[start:i])
			start = i + utf8.RuneLen(r)
		}
	}
	return append(parts, s[start:])
}

// truncateUTF16 cuts s to its first n UTF-16 code units; a surrogate pair
// cut in half leaves U+FFFD, which no word contains, as the client's lone
// surrogate.
func truncateUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > n {
			if units-utf16.RuneLen(r) < n { // half of a pair fits
				return s[:i] + string(utf8.RuneError)
			}
			return s[:i]
		}
	}
	return s
}
