package search

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestShardLayout checks on a 2,000-page corpus that every term sits in
// the shard the client looks in, that large terms get shards of their own,
// and that the file count stays within its bound.
func TestShardLayout(t *testing.T) {
	files, err := Build(syntheticDocs(2000, 5), Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := decodeEntry(t, files)
	if e.Docs != 2000 || e.Shards[0][0] != "" {
		t.Fatalf("entry: %d docs, first shard starts at %q", e.Docs, e.Shards[0][0])
	}
	for i := 1; i < len(e.Shards); i++ {
		if strings.Compare(e.Shards[i-1][0], e.Shards[i][0]) >= 0 {
			t.Fatalf("shards out of order: %q then %q", e.Shards[i-1][0], e.Shards[i][0])
		}
	}
	lookup := func(term string) int { // what the client does: the last shard starting at or before term
		i := 0
		for j, s := range e.Shards {
			if s[0] <= term {
				i = j
			}
		}
		return i
	}
	terms, where := decodeAll(t, files)
	for stem, i := range where {
		if got := lookup(stem); got != i {
			t.Errorf("term %q is in shard %d, the client looks in shard %d", stem, i, got)
		}
	}
	for _, w := range []string{"latency", "the", "consensus", "zenith", "999"} {
		if _, ok := terms[stem(w)]; !ok {
			t.Errorf("%q (term %q) is not in the index", w, stem(w))
		}
	}
	if where["latenc"] == where["the"] {
		t.Error("two of the most common terms share a shard")
	}
	if !terms["the"].Stop || terms["latenc"].Stop || len(terms["latenc"].IDs) != terms["latenc"].DF {
		t.Error("stop words must list only their best pages, other terms all their postings")
	}
	if got := len(terms["latenc"].Top); got != 12 {
		t.Errorf("latency lists %d best pages, want the default 12", got)
	}
	if len(e.Meta)*e.MetaSize < e.Docs || (len(e.Meta)-1)*e.MetaSize >= e.Docs {
		t.Errorf("%d meta files of %d pages for %d pages", len(e.Meta), e.MetaSize, e.Docs)
	}
	if n := len(files.Data); n > 1000 || len(e.Shards) > maxTermShards {
		t.Errorf("%d files, %d term shards", n, len(e.Shards))
	}
}

// TestGroupShardsBound: however many terms and however skewed their sizes,
// the terms fit in at most maxTermShards shards, none split.
func TestGroupShardsBound(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, n := range []int{1, 10, 1000, 100000} {
		terms := make([]*term, n)
		total := 0
		for i := range terms {
			size := 1 + r.IntN(200)
			if r.IntN(50) == 0 {
				size = 100000 + r.IntN(400000) // a very common word
			}
			terms[i] = &term{stem: string(rune('a' + i%26)), rec: make([]byte, size)}
			total += size
		}
		groups := groupShards(terms)
		count := 0
		for _, g := range groups {
			if len(g) == 0 {
				t.Fatal("an empty shard")
			}
			count += len(g)
		}
		if len(groups) > maxTermShards || count != n {
			t.Errorf("%d terms: %d shards holding %d terms", n, len(groups), count)
		}
	}
}
