package site

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/output"
)

// The stage benchmarks build a synthetic knowledge base of the benchmark
// corpus's shape (three sections, ~1,100 words a page, 3-6 headings, a
// table, 1-3 code blocks, 3-8 links, 1-4 of 30 tags) in memory, so each
// stage's cost can be watched on its own:
//
//	go test ./generator/internal/site -run '^$' -bench . -benchtime 3x
//
// BENCH_PAGES sets the size (default 1000). Whole-process comparisons with
// Hugo and the goldmark+chroma floor are in generator/bench.

var benchWords = strings.Fields(`the of and to a in is that for it as with was on be by this are or
from at an but not have which they you were all system service request latency cache index
search build page site content deploy rollback incident outage review checklist pattern owner
team metric alert threshold budget error retry queue worker schedule config template render
markdown heading link anchor section summary tag release version branch commit merge pipeline
storage bucket region replica shard partition leader follower quorum lease timeout deadline`)

var benchTags = strings.Fields(`reliability performance security observability deployment databases
caching networking incident-response capacity testing migrations api-design on-call cost storage
queues kubernetes ci-cd documentation privacy search frontend backend data-pipelines architecture
governance onboarding tooling resilience`)

func benchPages() int {
	var pages int
	if _, err := fmt.Sscan(os.Getenv("BENCH_PAGES"), &pages); err == nil && pages > 0 {
		return pages
	}
	return 1000
}

// corpus returns the synthetic site of n pages, the same for every call.
var corpusCache sync.Map

func corpus(n int) fstest.MapFS {
	if c, ok := corpusCache.Load(n); ok {
		return c.(fstest.MapFS)
	}
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string { return benchWords[int(float64(len(benchWords))*r.Float64()*r.Float64())] }
	sentence := func() string {
		ws := make([]string, 6+r.IntN(12))
		for i := range ws {
			ws[i] = word()
		}
		return strings.ToUpper(ws[0][:1]) + strings.Join(ws, " ")[1:] + "."
	}
	sections := []string{"articles", "guides", "notes"}
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Bench\n---\nHome.\n")}}
	slug := func(i int) string { return fmt.Sprintf("%s/page-%d", sections[i%3], i) }
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: \"Page %d about %s %s\"\ndate: 2024-%02d-%02d\ntags: [%s, %s]\nsummary: \"%s\"\n---\n\n",
			i, word(), word(), 1+r.IntN(12), 1+r.IntN(28), benchTags[r.IntN(30)], benchTags[r.IntN(30)], sentence())
		for h := 0; h < 3+r.IntN(4); h++ {
			fmt.Fprintf(&b, "## %s %s %d\n\n", strings.ToUpper(word()[:1])+word(), word(), h)
			for p := 0; p < 4; p++ {
				for s := 0; s < 4; s++ {
					b.WriteString(sentence() + " ")
				}
				if r.IntN(3) == 0 {
					fmt.Fprintf(&b, "See [page %d](/%s/). ", r.IntN(n), slug(r.IntN(n)))
				}
				b.WriteString("\n\n")
			}
			if h == 1 {
				b.WriteString("| Name | Count | Share |\n| --- | --: | --: |\n| a | 1 | 2 |\n| b | 3 | 4 |\n\n")
			}
			if h%2 == 0 {
				fmt.Fprintf(&b, "```go\nfunc %s%d(ctx context.Context) error {\n\tif err := %s(ctx, %d); err != nil {\n\t\treturn fmt.Errorf(\"%s: %%w\", err)\n\t}\n\treturn nil\n}\n```\n\n",
					word(), r.IntN(1000), word(), r.IntN(100), word())
			}
		}
		fsys["content/"+slug(i)+".md"] = &fstest.MapFile{Data: []byte(b.String())}
	}
	corpusCache.Store(n, fsys)
	return fsys
}

// stagedBuild runs a build's steps up to and including the one named last,
// returning the build state for the next steps.
func stagedBuild(b *testing.B, fsys fstest.MapFS, last string) *build {
	b.Helper()
	s := newBuild(NewBuilder(), Options{FS: fsys, Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
	for _, st := range s.steps() {
		st.run(context.Background())
		if st.name == last {
			return s
		}
	}
	b.Fatalf("no step %q", last)
	return nil
}

func BenchmarkLoad(b *testing.B) {
	fsys := corpus(benchPages())
	for b.Loop() {
		stagedBuild(b, fsys, "content")
	}
}

func BenchmarkMarkdown(b *testing.B) {
	fsys := corpus(benchPages())
	s := stagedBuild(b, fsys, "layouts")
	for b.Loop() {
		s.b.hl = NewBuilder().hl // a cold highlighting cache each time
		s.renderMarkdown(context.Background())
	}
}

func BenchmarkTaxonomies(b *testing.B) {
	s := stagedBuild(b, corpus(benchPages()), "markdown")
	for b.Loop() {
		for _, p := range s.pages {
			p.related, p.backlinks = nil, nil
		}
		s.sections, s.tags = nil, nil
		s.collectTaxonomies(context.Background())
	}
}

func BenchmarkSearchIndex(b *testing.B) {
	s := stagedBuild(b, corpus(benchPages()), "taxonomies")
	for b.Loop() {
		s.b.search = nil
		s.files = output.NewFiles()
		s.buildSearch(context.Background())
	}
}

func BenchmarkPages(b *testing.B) {
	s := stagedBuild(b, corpus(benchPages()), "search")
	for b.Loop() {
		s.files = output.NewFiles()
		s.sectionCache = map[*page][]*page{}
		for _, p := range s.pages {
			p.link, p.memo, p.signed = nil, nil, false
		}
		s.renderPages(context.Background())
	}
}

func BenchmarkWrite(b *testing.B) {
	s := stagedBuild(b, corpus(benchPages()), "links")
	dir := b.TempDir()
	for b.Loop() {
		if err := output.Publish(context.Background(), dir+"/public", s.files); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFullBuild(b *testing.B) {
	fsys := corpus(benchPages())
	for b.Loop() {
		if _, err := Build(context.Background(), Options{FS: fsys}); err != nil {
			b.Fatal(err)
		}
	}
}
