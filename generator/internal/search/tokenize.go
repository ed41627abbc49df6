package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// maxWordRunes is the longest folded word that is indexed; longer runs of
// letters and digits (hashes, base64, URLs glued together) are skipped.
// The browser client applies the same limit.
const maxWordRunes = 40

// token is one word of a text: its folded form and its byte span in the
// original text.
type token struct {
	word       string // folded: lower case, no accents, apostrophes removed
	start, end int    // byte offsets in the source text
}

// isWordRune reports whether r belongs to a word: letters, decimal digits and
// the combining marks that decomposed accents leave behind.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// asciiWord marks the ASCII word characters: letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// isApostrophe reports the characters dropped inside words ("don't" is
// "dont", "team's" is "teams").
func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' }

// scan calls f for each word of s (not yet folded) with its byte span.
// Words are maximal runs of word runes; an apostrophe between two word
// runes is part of the word.
func scan(s string, f func(raw string, start, end int)) {
	start := -1
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && isApostrophe(r) && i+size < len(s) && nextIsWord(s[i+size:]):
			// inside a word: keep going
		default:
			if start >= 0 {
				f(s[start:i], start, i)
				start = -1
			}
		}
		i += size
	}
	if start >= 0 {
		f(s[start:], start, len(s))
	}
}

func nextIsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// fold returns the search form of a raw word: compatibility decomposition
// (NFKD), lower case, combining marks and apostrophes removed, final sigma
// made plain. "Café" and "CAFE" both fold to "cafe". It returns "" for a
// word longer than maxWordRunes once folded.
func fold(raw string) string {
	if w, ok := foldASCII(raw); ok {
		return w
	}
	s := strings.ToLower(norm.NFKD.String(raw))
	var b strings.Builder
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) || isApostrophe(r) {
			continue
		}
		if r == 'ς' {
			r = 'σ'
		}
		b.WriteRune(r)
		n++
	}
	if n > maxWordRunes {
		return ""
	}
	return b.String()
}

// foldASCII is the fast path of fold for plain ASCII words, the vast
// majority of an English site.
func foldASCII(raw string) (string, bool) {
	lower := true
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c >= utf8.RuneSelf {
			return "", false
		}
		if ('A' <= c && c <= 'Z') || c == '\'' {
			lower = false
		}
	}
	if len(raw) > maxWordRunes && !strings.Contains(raw, "'") {
		return "", true
	}
	if lower {
		return raw, true
	}
	b := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '\'':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	if len(b) > maxWordRunes {
		return "", true
	}
	return string(b), true
}

// isStopWord reports the English stop words (the Snowball list): they are
// searchable on their own but ignored inside longer queries.
func isStopWord(word string) bool { return english.IsStopWord(word) }

// stem returns the index term of a folded word: the Porter2 (Snowball
// English) stem of a word made only of the letters a-z, the word itself
// otherwise (numbers, words with other letters, stop words).
func stem(word string) string {
	for i := 0; i < len(word); i++ {
		if c := word[i]; c < 'a' || c > 'z' {
			return word
		}
	}
	return english.Stem(word, false)
}

// stemmer folds and stems words, remembering the answers in an
// open-addressing table keyed by the raw word: a site has a few thousand
// distinct words and millions of occurrences, and this lookup is the
// tokenizer's hot path. Not safe for concurrent use; each worker has its
// own.
type stemmer struct {
	slots []cacheSlot // power-of-two size, at most half full
	used  int
	ids   map[string]int32 // stem → id, dense from 0
	stems []string         // id → stem
}

type cacheSlot struct {
	raw string
	tw  termWord
	set bool
}

// termWord is a folded word, its stem, the stemmer's id for the stem and
// whether the stem is a stop word.
type termWord struct {
	word, stem string
	id         int32
	stop       bool
}

func newStemmer() *stemmer {
	return &stemmer{slots: make([]cacheSlot, 1<<12), ids: make(map[string]int32, 1<<11)}
}

// hashWord is FNV-1a over the bytes of raw.
func hashWord(raw string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(raw); i++ {
		h = (h ^ uint32(raw[i])) * 16777619
	}
	return h
}

// lookup folds and stems one raw word; ok is false when the word is not
// indexed (too long once folded).
func (s *stemmer) lookup(raw string) (termWord, bool) {
	mask := uint32(len(s.slots) - 1)
	for i := hashWord(raw) & mask; ; i = (i + 1) & mask {
		sl := &s.slots[i]
		if !sl.set {
			break
		}
		if sl.raw == raw {
			return sl.tw, sl.tw.word != ""
		}
	}
	tw := s.compute(raw)
	s.store(strings.Clone(raw), tw)
	return tw, tw.word != ""
}

func (s *stemmer) compute(raw string) termWord {
	w := fold(raw)
	if w == "" {
		return termWord{}
	}
	tw := termWord{word: w, stem: stem(w)}
	tw.stop = isStopWord(tw.stem)
	id, ok := s.ids[tw.stem]
	if !ok {
		id = int32(len(s.ids))
		s.ids[tw.stem] = id
		s.stems = append(s.stems, tw.stem)
	}
	tw.id = id
	return tw
}

func (s *stemmer) store(raw string, tw termWord) {
	if 2*(s.used+1) > len(s.slots) {
		old := s.slots
		s.slots, s.used = make([]cacheSlot, 2*len(old)), 0
		for _, sl := range old {
			if sl.set {
				s.store(sl.raw, sl.tw)
			}
		}
	}
	mask := uint32(len(s.slots) - 1)
	i := hashWord(raw) & mask
	for s.slots[i].set {
		i = (i + 1) & mask
	}
	s.slots[i] = cacheSlot{raw: raw, tw: tw, set: true}
	s.used++
}

// tokens calls f with the indexed words of text and their spans.
func (s *stemmer) tokens(text string, f func(tw termWord, start, end int)) {
	scan(text, func(raw string, start, end int) {
		if tw, ok := s.lookup(raw); ok {
			f(tw, start, end)
		}
	})
}

// Tokenize returns the folded words of text in order, as the index and the
// browser client see them (before stemming). It exists for tests and tools.
func Tokenize(text string) []string {
	var out []string
	scan(text, func(raw string, _, _ int) {
		if w := fold(raw); w != "" {
			out = append(out, w)
		}
	})
	return out
}

// Stem returns the index term for a folded word (see Tokenize): its Porter2
// stem, or the word itself for numbers, stop words and non a-z words.
func Stem(word string) string { return stem(word) }
