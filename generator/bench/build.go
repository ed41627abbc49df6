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
// alternation (the cold build), then our deploy: a fresh clone with the
// cache folder restored and one page changed.
func runBuild(b *bench) error {
	hugo, err := b.hugo()
	if err != nil {
		return err
	}
	b.section("Full build: ours vs Hugo", "go run ./generator/bench build"+b.flagsLine())
	b.table("pages", "tool", "runs", "wall s", "CPU s", "peak RSS MiB", "output files", "output bytes")
	var ratios [][]string
	for _, n := range b.o.sizes {
		ours, hg, deploy, err := b.buildOne(hugo, n)
		if err != nil {
			return err
		}
		for _, c := range []*contender{ours, hg} {
			files, bytes, _ := dirSize(c.out)
			b.row(thousands(int64(n)), c.name, fmt.Sprintf("%d (+1)", len(c.runs.wall)), spread(c.runs.wall, 3), spread(c.runs.cpu, 3), spread(c.runs.rss, 1), thousands(int64(files)), thousands(bytes))
		}
		b.row(thousands(int64(n)), "ours, deploy: a fresh clone (new file times, no output), .cache/ restored, 1 page changed", fmt.Sprint(len(deploy.wall)), spread(deploy.wall, 3), spread(deploy.cpu, 3), spread(deploy.rss, 1), "", "")
		cold, dep, depMem := median(ours.runs.wall)/median(hg.runs.wall), median(deploy.wall)/median(hg.runs.wall), median(deploy.rss)/median(hg.runs.rss)
		ratios = append(ratios, []string{thousands(int64(n)),
			stats.Ratio(median(ours.runs.wall), median(hg.runs.wall)), stats.Ratio(median(stats.PairRatios(ours.runs.wall, hg.runs.wall)), 1),
			stats.Ratio(median(ours.runs.cpu), median(hg.runs.cpu)), stats.Ratio(median(ours.runs.rss), median(hg.runs.rss)),
			stats.Ratio(median(deploy.wall), median(hg.runs.wall)), stats.Ratio(median(deploy.rss), median(hg.runs.rss)),
			verdict(cold, cold <= 0.6), verdict(dep, dep <= 0.2), verdict(depMem, depMem <= 0.5)})
	}
	b.note("Ratios ours / Hugo (below 1× means we are faster or smaller), and the goals of the cold build and the deploy (set at 10,000 pages; the edit in serve is measured by `serve`):\n")
	b.table("pages", "cold wall (medians)", "cold wall (pair by pair, median)", "cold CPU", "cold peak RSS", "deploy wall / Hugo's full build", "deploy peak RSS / Hugo's",
		"goal: cold wall ≤ 0.6×", "goal: deploy wall ≤ 0.2×", "goal: deploy peak RSS ≤ 0.5×")
	for _, r := range ratios {
		b.row(r...)
	}
	b.cleanSites()
	return nil
}

// buildOne times both builds of the n-page corpus, then our deploy.
func (b *bench) buildOne(hugo string, n int) (ours, hg *contender, deploy series, err error) {
	root, err := b.corpus(n)
	if err != nil {
		return nil, nil, deploy, err
	}
	ours, err = b.oursBuild(root, n, "--quiet")
	if err != nil {
		return nil, nil, deploy, err
	}
	hg, err = b.hugoBuild(hugo, root, n)
	if err != nil {
		return nil, nil, deploy, err
	}
	if err := b.alternate(b.o.runsFor(n), ours, hg); err != nil {
		return nil, nil, deploy, err
	}
	deploy, err = b.deploy(root, n, min(b.o.runsFor(n), 3))
	return ours, hg, deploy, err
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

// deploy times our build as a deploy runs it, with one page changed: see
// deploys.
func (b *bench) deploy(root string, n int, runs int) (series, error) {
	file, _, err := editPage(root)
	if err != nil {
		return series{}, err
	}
	return b.deploys(root, "deploy-n"+strconv.Itoa(n), []string{file}, runs)
}

// deploys times our build as a deploy runs it, runs times: the site at
// root cloned afresh into the bench's folder name (its files copied, so
// every one has a new time; no output folder), the cache folder the last
// cold run left restored beside it, and a line appended to each of files
// (pages under root), a different line each run. The copies are not timed.
func (b *bench) deploys(root, name string, files []string, runs int) (series, error) {
	var s series
	clone, err := b.site(name)
	if err != nil {
		return s, err
	}
	for i := range runs {
		if err := os.RemoveAll(clone); err != nil {
			return s, err
		}
		for _, dir := range []string{"content", "layouts", "static", ".cache"} {
			src := filepath.Join(root, dir)
			if _, err := os.Stat(src); os.IsNotExist(err) {
				continue
			}
			if err := os.CopyFS(filepath.Join(clone, dir), os.DirFS(src)); err != nil {
				return s, fmt.Errorf("cloning the corpus: %w", err)
			}
		}
		if err := exec.CommandContext(b.ctx, "chmod", "-R", "u+w", clone).Run(); err != nil {
			return s, err
		}
		for _, f := range files {
			rel, err := filepath.Rel(root, f)
			if err != nil {
				return s, err
			}
			if err := appendLine(filepath.Join(clone, rel), fmt.Sprintf("deploy-%d", i)); err != nil {
				return s, err
			}
		}
		x, err := proc.Run(b.ctx, "", b.generator, "build", "--root", clone, "--quiet")
		if err != nil {
			return s, fmt.Errorf("our deploy: %w", err)
		}
		s.add(x)
		b.logf("ours deploy %d/%d (fresh clone, .cache/ restored, pages changed: %d): %.2f s wall, %.2f s CPU, %.0f MiB", i+1, runs, len(files),
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
