package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/tradeoffs/tradeoffs/generator/bench/internal/stats"
)

// realSizes are the real corpus's default sizes, in copies: the goal is
// set from 1,000 to 2,000, and 10,000 is the size the memory budget is
// set at.
var realSizes = []int{1000, 2000, 10000}

// linearSlack is how much more than the pages a figure may grow and still
// count as growing with them: 2.2× for twice the pages.
const linearSlack = 1.1

// hugoMemoryShare is the README's memory goal: a cold full build's peak
// memory at most half of Hugo's on the same content.
const hugoMemoryShare = 0.5

// realCopiesScript is the kit's script that makes the real corpus.
const realCopiesScript = "realcopies.sh"

// runReal builds copies of a real case study (the kit's realcopies.sh:
// the repository's own site with N copies of its Prime Video case study,
// every footnote, glossary link and cross-link kept), ours and Hugo's in
// alternation, then our deploy with three pages changed (a fresh clone,
// .cache/ restored), and prints how
// time and memory grow with the pages. The synthetic corpus has 3-8 links
// a page; a real case study has dozens, into pages every copy links to.
func runReal(b *bench) error {
	hugo, err := b.hugo()
	if err != nil {
		return err
	}
	sizes := b.o.realSizes()
	b.section("Real pages: copies of a case study, ours vs Hugo", "go run ./generator/bench real"+b.flagsLineFor(sizes))
	var rs []realResult
	for _, n := range sizes {
		r, err := b.realOne(hugo, n)
		if err != nil {
			return err
		}
		rs = append(rs, r)
	}
	b.reportReal(rs)
	b.cleanSites()
	return nil
}

// realResult is what one size measured.
type realResult struct {
	n           int
	ours, hugo  *contender
	links       []float64 // our link check, seconds, from --verbose
	deploy      series    // ours, fresh clone, .cache/ restored, three pages changed
	files       int
	outputBytes int64
}

func (b *bench) realOne(hugo string, n int) (realResult, error) {
	r := realResult{n: n}
	root, err := b.realCorpus(n)
	if err != nil {
		return r, err
	}
	if r.ours, err = b.oursBuild(root, n, "--verbose"); err != nil {
		return r, err
	}
	if r.hugo, err = b.hugoBuild(hugo, root, n); err != nil {
		return r, err
	}
	if err := b.alternate(b.o.runsFor(n), r.ours, r.hugo); err != nil {
		return r, err
	}
	for _, out := range r.ours.stdouts {
		s, err := seconds(linksStepLine.FindStringSubmatch(out))
		if err != nil {
			return r, fmt.Errorf("cannot read the link check's time in our build --verbose output (has its format changed?):\n%s", out)
		}
		r.links = append(r.links, s)
	}
	if r.files, r.outputBytes, err = dirSize(r.ours.out); err != nil {
		return r, err
	}
	r.deploy, err = b.deploys(root, "deploy-real-n"+strconv.Itoa(n), changedCopies(root, 3), min(b.o.runsFor(n), 3))
	return r, err
}

// linksStepLine is the link check's line in our build's --verbose output.
var linksStepLine = regexp.MustCompile(`(?m)^\s+links\s+([0-9.]+) (ms|s)$`)

// realCorpus returns a site root holding the repository's content,
// layouts and static files with n copies of the case study added by the
// kit's realcopies.sh, made afresh once per invocation.
func (b *bench) realCorpus(n int) (string, error) {
	if root, ok := b.real[n]; ok {
		return root, nil
	}
	script := filepath.Join(b.kit, realCopiesScript)
	if _, err := os.Stat(script); err != nil {
		return "", fmt.Errorf("the peer kit at %s has no %s, which makes the real corpus: update the kit or pass -kit DIR", b.kit, realCopiesScript)
	}
	root := filepath.Join(b.out, "corpora", "real-n"+strconv.Itoa(n))
	if err := os.RemoveAll(root); err != nil {
		return "", err
	}
	for _, dir := range []string{"content", "layouts", "static"} {
		src := filepath.Join(b.repo, dir)
		if _, err := os.Stat(src); os.IsNotExist(err) {
			continue
		}
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(src)); err != nil {
			return "", fmt.Errorf("copying the site's %s/: %w", dir, err)
		}
	}
	b.logf("making the real corpus: %s %d copies", realCopiesScript, n)
	if msg, err := exec.CommandContext(b.ctx, "bash", script, root, strconv.Itoa(n)).CombinedOutput(); err != nil {
		return "", fmt.Errorf("%s %s %d: %w\n%s", script, root, n, err, msg)
	}
	b.real[n] = root
	return root, nil
}

// changedCopies are the copies the deploy changes: a contributor's edit
// of a few pages.
func changedCopies(root string, n int) []string {
	var files []string
	for i := 1; i <= n; i++ {
		files = append(files, filepath.Join(root, "content", "bulk", fmt.Sprintf("c%d.md", i)))
	}
	return files
}

func (b *bench) reportReal(rs []realResult) {
	b.table("copies", "what", "runs", "wall s", "CPU s", "peak RSS MiB", "our link check s", "output files", "output bytes")
	for _, r := range rs {
		n := thousands(int64(r.n))
		b.row(n, "ours, cold", fmt.Sprintf("%d (+1)", len(r.ours.runs.wall)), spread(r.ours.runs.wall, 3), spread(r.ours.runs.cpu, 3), spread(r.ours.runs.rss, 1), spread(r.links, 3), thousands(int64(r.files)), thousands(r.outputBytes))
		b.row(n, "Hugo", fmt.Sprintf("%d (+1)", len(r.hugo.runs.wall)), spread(r.hugo.runs.wall, 3), spread(r.hugo.runs.cpu, 3), spread(r.hugo.runs.rss, 1), "", "", "")
		b.row(n, "ours, deploy: a fresh clone, .cache/ restored, 3 pages changed", fmt.Sprint(len(r.deploy.wall)), spread(r.deploy.wall, 3), spread(r.deploy.cpu, 3), spread(r.deploy.rss, 1), "", "", "")
	}
	b.note("How our figures grow with the copies (medians; growing with the pages allows %.1f× the page ratio):\n", linearSlack)
	b.table("copies", "pages ×", "goal ≤", "wall ×", "CPU ×", "peak RSS ×", "link check ×", "deploy peak RSS ×", "goal")
	for i := 1; i < len(rs); i++ {
		a, c := rs[i-1], rs[i]
		g := growthOf(a, c)
		b.row(thousands(int64(a.n))+" → "+thousands(int64(c.n)), fmt.Sprintf("%.1f×", g.pages), fmt.Sprintf("%.1f×", g.limit),
			ratioX(g.wall), ratioX(g.cpu), ratioX(g.rss), ratioX(g.links), ratioX(g.deployRSS), g.verdict())
	}
	b.note("Peak memory against Hugo's on the same copies (goal: at most %s Hugo's, the README's goal for a cold build):\n", "½")
	b.table("copies", "ours MiB", "Hugo MiB", "ours / Hugo", "goal")
	for _, r := range rs {
		o, h := median(r.ours.runs.rss), median(r.hugo.runs.rss)
		b.row(thousands(int64(r.n)), fmt.Sprintf("%.0f", o), fmt.Sprintf("%.0f", h), stats.Ratio(o, h), verdict(o/h, o/h <= hugoMemoryShare))
	}
}

// growth is how the medians of one size grew into the next's.
type growth struct {
	pages, limit                     float64
	wall, cpu, rss, links, deployRSS float64
}

func growthOf(a, c realResult) growth {
	pages := float64(c.n) / float64(a.n)
	over := func(x, y []float64) float64 { return median(y) / median(x) }
	return growth{pages: pages, limit: pages * linearSlack,
		wall: over(a.ours.runs.wall, c.ours.runs.wall), cpu: over(a.ours.runs.cpu, c.ours.runs.cpu),
		rss: over(a.ours.runs.rss, c.ours.runs.rss), links: over(a.links, c.links),
		deployRSS: over(a.deploy.rss, c.deploy.rss)}
}

// verdict judges memory and CPU time: wall time on a shared machine moves
// too much to decide (it is printed beside them), and the link check is
// too small a part to judge on its own.
func (g growth) verdict() string {
	var missed []string
	for _, f := range []struct {
		name string
		x    float64
	}{{"peak RSS", g.rss}, {"CPU", g.cpu}, {"deploy peak RSS", g.deployRSS}} {
		if !(f.x <= g.limit) {
			missed = append(missed, f.name)
		}
	}
	if len(missed) == 0 {
		return stats.Goal(true)
	}
	return fmt.Sprintf("%s (%v)", stats.Goal(false), missed)
}

func ratioX(x float64) string { return stats.Ratio(x, 1) }
