package search

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
)

// stemWords returns a few thousand words that exercise every step of the
// Porter2 algorithm: the words of both test corpora, common English words,
// and those words with each suffix the algorithm knows appended.
func stemWords(t testing.TB) []string {
	t.Helper()
	set := map[string]bool{}
	for _, d := range append(testCorpus(t), syntheticDocs(30, 1)...) {
		for _, s := range append([]string{d.Title, d.Summary}, blockTexts(d)...) {
			for _, w := range Tokenize(s) {
				set[w] = true
			}
		}
	}
	bases := append(strings.Fields(`run hop hope agree feed sky die lie tie gener commun arsen happy cry
		pony caress cat gas kiwi fluent relate condition rational valence hesitance digit conform
		radical differenti vile analog vietnam predict electr hope sense feud adopt triplic formal
		electric good bright goodness sens allow airline replac adjust depend adopt bomb commun
		yell say toy boy yes you eye ey y a ab abc beauty ugly early only singly idly gently
		proceed exceed succeed inning outing canning herring earring atlas cosmos bias andes
		news howe skis skies dying lying tying`), corpusWords...)
	suffixes := strings.Fields(`s es ed ing ly ness ment ation ational tional izer ization fulness
		ousness iveness biliti ical icate iciti ative alize alism aliti alli ement ance ence able ible
		ant ent ism ate iti ous ive ize ion al er ic eed eedly ingly edly ied ies sses ss us y li
		ogi bli entli ousli fulli lessli anci enci abli ator logi e ee l ll`)
	for _, b := range bases {
		set[b] = true
		for _, s := range suffixes {
			set[b+s] = true
		}
	}
	words := make([]string, 0, len(set))
	for w := range set {
		words = append(words, w)
	}
	slices.Sort(words)
	return words
}

func blockTexts(d Doc) []string {
	var out []string
	for _, b := range d.Blocks {
		out = append(out, b.Heading, b.Text)
	}
	return out
}

// TestBrowserAgreesWithGo: the client folds, tokenizes, stems and parses
// queries exactly as the index does, or searches would miss.
func TestBrowserAgreesWithGo(t *testing.T) {
	b, url, _ := browserSite(t)
	tab := openTab(t, b, url+"/")

	words := stemWords(t)
	if len(words) < 2000 {
		t.Fatalf("only %d words to compare", len(words))
	}
	in, _ := json.Marshal(words)
	got := browsertest.Eval[[]string](tab, `JSON.parse(`+jsString(string(in))+`).map(window.tradeoffsSearch.stem)`)
	bad := 0
	for i, w := range words {
		if want := Stem(w); got[i] != want && bad < 20 {
			bad++
			t.Errorf("stem(%q): browser %q, Go %q", w, got[i], want)
		}
	}
	t.Logf("compared the stems of %d words", len(words))

	texts := []string{"Café CRÈME brûlée", "don't stop; team’s work", "'quoted' words' end", "a''b",
		"HTTP/2 and S3 cost 90% less: 1,024 GB", "ﬁle Ｆｕｌｌ", "İstanbul ΟΔΟΣ", "naïve coöperate",
		"x " + strings.Repeat("a", 41) + " y " + strings.Repeat("é", 40), "日本語 text", "Ǆemal ǅ ǆ", "𝐀𝐁𝐂 maths", "ﷺ"}
	tin, _ := json.Marshal(texts)
	gotTok := browsertest.Eval[[][]string](tab, `JSON.parse(`+jsString(string(tin))+`).map(window.tradeoffsSearch.tokenize)`)
	for i, s := range texts {
		if want := Tokenize(s); !slices.Equal(gotTok[i], want) && !(len(gotTok[i]) == 0 && len(want) == 0) {
			t.Errorf("tokenize(%q): browser %q, Go %q", s, gotTok[i], want)
		}
	}

	queries := []string{"", "Orch", "scaling ", "circuit breaker.", `"request price"`, `cost "cold start" lat`,
		`"unclosed phrase`, `“curly quotes”`, `"one"`, `a"b"c"d`, `""`, `“x y”z`, "CAFÉ crème", "don't",
		strings.Repeat("ab ", 100), strings.Repeat("é", 300), strings.Repeat("x", 255) + "😀y"}
	qin, _ := json.Marshal(queries)
	type jsWord struct {
		Word, Stem     string
		Prefix, Phrase bool
	}
	type jsQuery struct {
		Words   []jsWord
		Phrases [][]int
	}
	gotQ := browsertest.Eval[[]jsQuery](tab, `JSON.parse(`+jsString(string(qin))+`).map(window.tradeoffsSearch.parse)`)
	for i, q := range queries {
		want := ParseQuery(q)
		var g Query
		for _, w := range gotQ[i].Words {
			g.Words = append(g.Words, QueryWord(w))
		}
		g.Phrases = gotQ[i].Phrases
		if !queryEqual(g, want) {
			t.Errorf("parse(%q):\nbrowser %+v\n     Go %+v", q, g, want)
		}
	}
}
