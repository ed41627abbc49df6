package search

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// rankingQueries are the queries whose ranked results on the test corpus
// are kept in testdata/ranking.golden.
var rankingQueries = []string{
	"monolith", "microservices", "serverless cost", "cost", "orchestration", "orch", "scaling",
	"circuit breaker", "breaker retries", "latency", "cold start", `"cold start"`, "request price",
	`"request price"`, "shared library", "data", "deploy", "team", "monolith microservices",
	"orchestraton", "capacity headroom", "the", "prime video", "90", "café",
}

// TestRanking runs the ranking queries in the browser client and compares
// the ranked links to the golden file, with the sub-results of the first
// three (each heading's link and the start of its excerpt); go test -run
// TestRanking -update rewrites it.
func TestRanking(t *testing.T) {
	b, url, files := browserSite(t)
	tab := openTab(t, b, url+"/")
	var sb strings.Builder
	for _, q := range rankingQueries {
		r := browsertest.Eval[queryResult](tab, jsQuery(files.Entry, q, ""))
		fmt.Fprintf(&sb, "query %q: %d results", q, r.Total)
		if r.Partial {
			sb.WriteString(" (not all words)")
		}
		sb.WriteString("\n")
		for i, x := range r.Results {
			fmt.Fprintf(&sb, "  %d. %s  [%s]\n", i+1, x.Href, x.Section)
			if i >= 3 {
				continue
			}
			if x.Snippet != "" {
				fmt.Fprintf(&sb, "       %s\n", clip(x.Snippet))
			}
			for _, s := range x.Subs {
				fmt.Fprintf(&sb, "     › %s  %s\n       %s\n", s.Heading, s.Href, clip(s.Snippet))
			}
		}
	}
	const golden = "testdata/ranking.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestRanking -update to create it)", err)
	}
	if got := sb.String(); got != string(want) {
		t.Errorf("ranking changed (go test -run TestRanking -update rewrites %s after review):\n%s", golden, lineDiff(string(want), got))
	}
}

// clip returns the first 60 characters of an excerpt.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// lineDiff lists the lines that differ between two texts.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var sb strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			fmt.Fprintf(&sb, "line %d:\n- %s\n+ %s\n", i+1, a, b)
		}
	}
	return sb.String()
}
