package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokenize(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hello, World!", []string{"hello", "world"}},
		{"Café CRÈME brûlée", []string{"cafe", "creme", "brulee"}},
		{"don't stop; team’s work", []string{"dont", "stop", "teams", "work"}},
		{"'quoted' words' end", []string{"quoted", "words", "end"}},
		{"a''b", []string{"a", "b"}},
		{"HTTP/2 and S3 cost 90% less: 1,024 GB", []string{"http", "2", "and", "s3", "cost", "90", "less", "1", "024", "gb"}},
		{"snake_case kebab-case camelCase", []string{"snake", "case", "kebab", "case", "camelcase"}},
		{"ﬁle Ｆｕｌｌ", []string{"file", "full"}}, // compatibility forms fold
		{"İstanbul ΟΔΟΣ", []string{"istanbul", "οδοσ"}},
		{"naïve coöperate", []string{"naive", "cooperate"}},
		{"x " + strings.Repeat("a", 41) + " y", []string{"x", "y"}}, // too long: skipped
		{strings.Repeat("b", 40), []string{strings.Repeat("b", 40)}},
		{"日本語 text", []string{"日本語", "text"}},
		{"tab\tnew\nline", []string{"tab", "new", "line"}},
	}
	for _, c := range cases {
		if got := Tokenize(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestStem checks the Porter2 (Snowball English) stems of words whose
// stems the algorithm's published vocabulary gives, plus the rules of this
// index: numbers and non a-z words are kept, stop words are kept.
func TestStem(t *testing.T) {
	cases := map[string]string{
		"consign": "consign", "consigned": "consign", "consignment": "consign",
		"consistency": "consist", "consistently": "consist", "consolation": "consol",
		"consolatory": "consolatori", "consolidated": "consolid", "conspiracy": "conspiraci",
		"conspirators": "conspir", "constable": "constabl", "constancy": "constanc",
		"knackeries": "knackeri", "kneaded": "knead", "kneeling": "kneel", "knightly": "knight",
		"knitting": "knit", "knives": "knive", "knocker": "knocker",
		"generously": "generous", "communication": "communic", "arsenal": "arsenal",
		"happiness": "happi", "running": "run", "hopping": "hop", "hoped": "hope",
		"caresses": "caress", "ponies": "poni", "ties": "tie", "cries": "cri",
		"skies": "sky", "dying": "die", "news": "news", "cats": "cat", "gas": "gas",
		"orchestration": "orchestr", "orchestrated": "orchestr", "scaled": "scale",
		"scaling": "scale", "latency": "latenc", "latencies": "latenc",
		"microservices": "microservic", "the": "the", "being": "being",
		"2023": "2023", "s3": "s3", "café": "café", "ab": "ab",
	}
	for in, want := range cases {
		if got := Stem(in); got != want {
			t.Errorf("Stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	type w = QueryWord
	cases := []struct {
		in   string
		want Query
	}{
		{"", Query{}},
		{"Orch", Query{Words: []w{{"orch", "orch", true, false}}}},
		{"scaling ", Query{Words: []w{{"scaling", "scale", false, false}}}},
		{"circuit breaker.", Query{Words: []w{{"circuit", "circuit", false, false}, {"breaker", "breaker", false, false}}}},
		{`"request price"`, Query{Words: []w{{"request", "request", false, true}, {"price", "price", false, true}},
			Phrases: [][]int{{0, 1}}}},
		{`cost "cold start" lat`, Query{Words: []w{{"cost", "cost", false, false}, {"cold", "cold", false, true},
			{"start", "start", false, true}, {"lat", "lat", true, false}}, Phrases: [][]int{{1, 2}}}},
		{`"unclosed phrase`, Query{Words: []w{{"unclosed", "unclos", false, false}, {"phrase", "phrase", true, false}}}},
		{`“curly quotes”`, Query{Words: []w{{"curly", "cur", false, true}, {"quotes", "quot", false, true}},
			Phrases: [][]int{{0, 1}}}},
		{`"one"`, Query{Words: []w{{"one", "one", false, true}}}},
	}
	for _, c := range cases {
		got := ParseQuery(c.in)
		if !queryEqual(got, c.want) {
			t.Errorf("ParseQuery(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func queryEqual(a, b Query) bool {
	return slices.Equal(a.Words, b.Words) && slices.EqualFunc(a.Phrases, b.Phrases, slices.Equal[[]int])
}

// FuzzTokenize checks that any text tokenizes without panicking into
// words that are non-empty, at most maxWordRunes long, folded (tokenizing
// a word again gives the word), and found in the order of the text.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Hello, World!", "Café don't", "ﬁ ΟΔΟΣ İ", "a'b'c", "\xff\xfe", "x\u0301y", "日本"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st := newStemmer()
		last := -1
		st.tokens(s, func(tw termWord, start, end int) {
			if start < last || end <= start || end > len(s) {
				t.Fatalf("span %d:%d after %d in %q", start, end, last, s)
			}
			last = end
			if tw.word == "" || utf8.RuneCountInString(tw.word) > maxWordRunes {
				t.Fatalf("word %q from %q", tw.word, s[start:end])
			}
			if again := Tokenize(tw.word); len(again) != 1 || again[0] != tw.word {
				if !strings.ContainsFunc(tw.word, func(r rune) bool { return !isWordRune(r) }) {
					t.Fatalf("word %q is not folded: tokenizes to %q", tw.word, again)
				}
			}
			if tw.stem == "" {
				t.Fatalf("empty stem for %q", tw.word)
			}
		})
	})
}

// FuzzParseQuery checks that any query parses without panicking, every
// phrase points at phrase words in order, and only the last word can be a
// prefix.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`"a b" c`, `"unbalanced`, `""`, `“x y”z`, `a"b"c"d`, "\xff\"", strings.Repeat("ab ", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		if len(q.Words) > MaxQuery {
			t.Fatalf("%d words from a query of at most %d units", len(q.Words), MaxQuery)
		}
		for i, w := range q.Words {
			if w.Word == "" || w.Stem == "" {
				t.Fatalf("empty word %+v", w)
			}
			if w.Prefix && (i != len(q.Words)-1 || w.Phrase) {
				t.Fatalf("word %d of %d is a prefix: %+v", i, len(q.Words), q.Words)
			}
		}
		for _, p := range q.Phrases {
			if len(p) < 2 {
				t.Fatalf("phrase of %d words", len(p))
			}
			for k, i := range p {
				if !q.Words[i].Phrase || (k > 0 && i != p[k-1]+1) {
					t.Fatalf("phrase %v over %+v", p, q.Words)
				}
			}
		}
	})
}
