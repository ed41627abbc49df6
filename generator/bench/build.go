package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/bench/internal/proc"
	"github.com/tradeoffs/tradeoffs/generator/bench/internal/stats"
)

// runBuild times full builds of each corpus, ours and Hugo's in
// alternation, then our rebuild with one page changed.
func runBuild(b *bench) error {
	hugo, err := b.hugo()
	if err != nil {
		return err
	}
	b.section("Full build: ours vs Hugo", "go run ./generator/bench build"+b.flagsLine())
	b.table("pages", "tool", "runs", "wall s", "CPU s", "peak RSS MiB", "output files", "output bytes")
	var ratios [][]string
	for _, n := range b.o.sizes {
		ours, hg, warm, err := b.buildOne(hugo, n)
		if err != nil {
			return err
		}
		for _, c := range []*contender{ours, hg} {
			files, bytes, _ := dirSize(c.out)
			b.row(thousands(int64(n)), c.name, fmt.Sprintf("%d (+1)", len(c.runs.wall)), spread(c.runs.wall, 3), spread(c.runs.cpu, 3), spread(c.runs.rss, 1), thousands(int64(files)), thousands(bytes))
		}
		b.row(thousands(int64(n)), "ours, rebuild with 1 page changed (.cache/ kept: build cache and state)", fmt.Sprint(len(warm.wall)), spread(warm.wall, 3), spread(warm.cpu, 3), spread(warm.rss, 1), "", "")
		ratios = append(ratios, []string{thousands(int64(n)),
			stats.Ratio(median(ours.runs.wall), median(hg.runs.wall)), stats.Ratio(median(stats.PairRatios(ours.runs.wall, hg.runs.wall)), 1),
			stats.Ratio(median(ours.runs.cpu), median(hg.runs.cpu)), stats.Ratio(median(ours.runs.rss), median(hg.runs.rss)),
			stats.Ratio(median(warm.wall), median(ours.runs.wall)), stats.Ratio(median(warm.wall), median(hg.runs.wall))})
	}
	b.note("Ratios ours / Hugo (below 1× means we are faster or smaller):\n")
	b.table("pages", "wall (medians)", "wall (pair by pair, median)", "CPU", "peak RSS", "our rebuild / our full build", "our rebuild / Hugo's full build")
	for _, r := range ratios {
		b.row(r...)
	}
	b.cleanSites()
	return nil
}

// buildOne times both builds of the n-page corpus, then our rebuild.
func (b *bench) buildOne(hugo string, n int) (ours, hg *contender, warm series, err error) {
	root, err := b.corpus(n)
	if err != nil {
		return nil, nil, warm, err
	}
	ours, err = b.oursBuild(root, n, "--quiet")
	if err != nil {
		return nil, nil, warm, err
	}
	hg, err = b.hugoBuild(hugo, root, n)
	if err != nil {
		return nil, nil, warm, err
	}
	if err := b.alternate(b.o.runsFor(n), ours, hg); err != nil {
		return nil, nil, warm, err
	}
	warm, err = b.rebuild(ours, root, min(b.o.runsFor(n), 3))
	return ours, hg, warm, err
}

// oursBuild is our build of the corpus at root into a fresh folder.
func (b *bench) oursBuild(root string, n int, extra ...string) (*contender, error) {
	out, err := b.site("ours-n" + strconv.Itoa(n))
	if err != nil {
		return nil, err
	}
	args := append([]string{b.generator, "build", "--root", root}, extra...)
	args = append(args, "--out", out, "--quiet")
	// Every timed run is cold: the build cache under root is removed too,
	// or the highlighting of earlier runs would be reused.
	return &contender{name: "ours", pre: removeDirs(out, filepath.Join(root, ".cache")), args: args, out: out}, nil
}

// hugoBuild is the peer kit's Hugo build, the command of run-peers.sh.
func (b *bench) hugoBuild(hugo, root string, n int) (*contender, error) {
	site, err := b.hugoSiteCopy()
	if err != nil {
		return nil, err
	}
	out, err := b.site("hugo-n" + strconv.Itoa(n))
	if err != nil {
		return nil, err
	}
	args := []string{hugo, "--quiet", "-s", site, "--contentDir", filepath.Join(root, "content"), "--destination", out, "--cleanDestinationDir"}
	return &contender{name: "Hugo", pre: removeDir(out), args: args, out: out}, nil
}

// rebuild runs our build again over its previous output with one page
// changed each time: what a persistent cache would make cheap.
func (b *bench) rebuild(ours *contender, root string, runs int) (series, error) {
	file, _, err := editPage(root)
	if err != nil {
		return series{}, err
	}
	orig, err := os.ReadFile(file)
	if err != nil {
		return series{}, err
	}
	defer os.WriteFile(file, orig, 0o644)
	return b.rebuilds(ours, []string{file}, runs)
}

// rebuilds runs our build again over its last output, .cache/ kept, runs
// times, with a line appended to each of files before each run.
func (b *bench) rebuilds(ours *contender, files []string, runs int) (series, error) {
	var s series
	for i := range runs {
		for _, f := range files {
			if err := appendLine(f, fmt.Sprintf("rebuild-%d", i)); err != nil {
				return s, err
			}
		}
		x, err := proc.Run(b.ctx, "", ours.args[0], ours.args[1:]...)
		if err != nil {
			return s, fmt.Errorf("our rebuild: %w", err)
		}
		s.add(x)
		b.logf("ours rebuild %d/%d (pages changed: %d): %.2f s wall, %.2f s CPU, %.0f MiB", i+1, runs, len(files),
			x.Wall.Seconds(), x.CPU().Seconds(), float64(x.MaxRSS)/(1<<20))
	}
	return s, nil
}

// hugoSiteCopy copies the kit's Hugo site into the output folder once:
// Hugo writes a lock file and resources/ into its site folder, and the kit
// may be read-only.
func (b *bench) hugoSiteCopy() (string, error) {
	if b.hugoSite != "" {
		return b.hugoSite, nil
	}
	dst := filepath.Join(b.out, "hugo-site")
	if err := os.RemoveAll(dst); err != nil {
		return "", err
	}
	if err := os.CopyFS(dst, os.DirFS(filepath.Join(b.kit, "hugo-site"))); err != nil {
		return "", fmt.Errorf("copying the kit's Hugo site: %w", err)
	}
	// CopyFS keeps the kit's read-only modes; Hugo needs to write here.
	if err := exec.CommandContext(b.ctx, "chmod", "-R", "u+w", dst).Run(); err != nil {
		return "", fmt.Errorf("making %s writable: %w", dst, err)
	}
	b.hugoSite = dst
	return dst, nil
}

// flagsLine repeats the flags that change what is measured.
func (b *bench) flagsLine() string { return b.flagsLineFor(b.o.sizes) }

// flagsLineFor is flagsLine for a command that measures these sizes only.
func (b *bench) flagsLineFor(sizes []int) string {
	s := " -sizes "
	for i, n := range sizes {
		if i > 0 {
			s += ","
		}
		s += strconv.Itoa(n)
	}
	if b.o.runs > 0 {
		s += " -runs " + strconv.Itoa(b.o.runs)
	}
	if b.o.quick {
		s += " -quick"
	}
	if b.o.edits != 20 {
		s += " -edits " + strconv.Itoa(b.o.edits)
	}
	if b.o.starts > 0 {
		s += " -starts " + strconv.Itoa(b.o.starts)
	}
	if b.o.settle != 1500*time.Millisecond {
		s += " -settle " + b.o.settle.String()
	}
	if w := strings.Join(b.o.words, ","); w != "latency,zenith" {
		s += " -words " + w
	}
	return s
}
