package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The synthetic corpus mirrors the project's benchmark corpus (the
// gencorpus tool): a Zipf draw over a fixed vocabulary of a few hundred
// words, one page in 25 carrying one of 40 rare words, about 1,100 words of
// prose per page under 3-6 headings, tables of numbers, 1-4 tags of 30.

var corpusWords = strings.Fields(`
the of and to a in is that for it as with was on be by this are or from
at an but not have which they you were all one can has there their been if
more when will would who so no about up out what into than them only other
some could time these two may then first any like now over such our new
system service request latency cache index search build page site content
deploy rollback incident outage review checklist pattern owner team metric
alert threshold budget error retry queue worker schedule config template
render markdown heading link anchor section summary tag taxonomy release
version branch commit merge pipeline artifact storage bucket region replica
shard partition leader follower consensus quorum lease timeout deadline
backoff jitter circuit breaker bulkhead throttle limit quota token session
cookie header payload schema migration backfill snapshot restore backup
audit policy access role permission secret rotation certificate renewal
network gateway proxy balancer upstream downstream client server endpoint
handler middleware router context cancel signal graceful shutdown drain
health probe readiness liveness canary rollout feature flag experiment
dashboard trace span log sample aggregate percentile histogram counter gauge
capacity forecast growth headroom saturation utilization throughput
durable idempotent consistent eventual strong stale fresh warm cold hot
review postmortem blameless timeline impact mitigation remediation action
follow owner date status priority severity escalation pager rotation handoff
document decision record context consequence option tradeoff constraint
assumption risk dependency interface contract boundary module package
library framework runtime compiler linker binary container image registry
cluster node pod volume mount secret configmap namespace operator controller
reconcile desired actual drift converge idempotency webhook admission
careful quickly rarely often always never usually sometimes mostly
however therefore because although while before after during until since
`)

var corpusRare = strings.Fields(`
zephyr quixotic halcyon ephemeral labyrinth obsidian serendipity juxtapose
palimpsest sesquipedalian mellifluous petrichor susurrus vellichor aurora
cynosure defenestration eloquence felicity gossamer hiraeth ineffable
jubilee kaleidoscope lagniappe limerence nadir oblivion penumbra
quintessence sonder tintinnabulation umbra vestige wanderlust xenial
yonder zenith brouhaha flibbertigibbet
`)

var corpusTags = strings.Fields(`reliability performance security observability deployment
databases caching networking incident-response capacity testing migrations api-design
on-call cost storage queues kubernetes ci-cd documentation privacy search frontend
backend data-pipelines architecture governance onboarding tooling resilience`)

var corpusSections = [][2]string{{"case-studies", "Case studies"}, {"checklists", "Checklists"}, {"patterns", "Patterns"}}

type corpusGen struct {
	r   *rand.Rand
	cdf []float64
}

func newCorpusGen(seed uint64) *corpusGen {
	g := &corpusGen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	total := 0.0
	g.cdf = make([]float64, len(corpusWords))
	for i := range corpusWords {
		total += 1 / float64(i+1)
		g.cdf[i] = total
	}
	for i := range g.cdf {
		g.cdf[i] /= total
	}
	return g
}

func (g *corpusGen) intn(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func (g *corpusGen) word() string {
	u := g.r.Float64()
	lo, hi := 0, len(g.cdf)-1
	for lo < hi {
		m := (lo + hi) / 2
		if g.cdf[m] < u {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return corpusWords[lo]
}

func (g *corpusGen) title(n int) string {
	ws := make([]string, n)
	for i := range ws {
		w := g.word()
		for len(w) <= 3 {
			w = g.word()
		}
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}

func (g *corpusGen) sentence(sb *strings.Builder) int {
	n := g.intn(6, 18)
	for i := range n {
		w := g.word()
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			sb.WriteByte(' ')
		}
		sb.WriteString(w)
	}
	sb.WriteString(". ")
	return n
}

// syntheticDocs returns n pages, the same for the same n and seed.
func syntheticDocs(n int, seed uint64) []Doc {
	g := newCorpusGen(seed)
	docs := make([]Doc, n)
	for i := range docs {
		sec := corpusSections[i%len(corpusSections)]
		title := g.title(g.intn(2, 5))
		d := Doc{
			URL:          fmt.Sprintf("/%s/%s-%d/", sec[0], strings.ToLower(strings.ReplaceAll(title, " ", "-")), i),
			Title:        title,
			Section:      sec[0],
			SectionTitle: sec[1],
			Date:         fmt.Sprintf("20%02d-%02d-%02d", 19+g.r.IntN(6), 1+g.r.IntN(12), 1+g.r.IntN(28)),
		}
		for range g.intn(1, 4) {
			t := corpusTags[g.r.IntN(len(corpusTags))]
			if !containsString(d.Tags, t) {
				d.Tags = append(d.Tags, t)
			}
		}
		var sb strings.Builder
		g.sentence(&sb)
		d.Summary = strings.TrimSpace(sb.String())
		target := g.intn(600, 1400)
		rare := ""
		if g.r.IntN(25) == 0 {
			rare = corpusRare[g.r.IntN(len(corpusRare))]
		}
		nh := g.intn(3, 6)
		for h := range nh {
			heading := g.title(g.intn(2, 5))
			bl := Block{Anchor: strings.ToLower(strings.ReplaceAll(heading, " ", "-")), Heading: heading, Level: 2}
			sb.Reset()
			for words := 0; words < target/nh; {
				words += g.sentence(&sb)
			}
			if h == g.r.IntN(nh) { // a table of numbers
				for range g.intn(3, 6) {
					fmt.Fprintf(&sb, "%s %d %d %d ", g.word(), g.r.IntN(1000), g.r.IntN(1000), g.r.IntN(1000))
				}
			}
			if rare != "" && h == nh-1 {
				sb.WriteString("A sentence with " + rare + " in it.")
			}
			bl.Text = strings.TrimSpace(sb.String())
			d.Blocks = append(d.Blocks, bl)
		}
		docs[i] = d
	}
	return docs
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
