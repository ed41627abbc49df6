package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/bench/internal/floor"
	"github.com/tradeoffs/tradeoffs/generator/bench/internal/stats"
)

// floorChildFlag makes the benchmark binary render a corpus and exit: the
// floor is timed as a process of its own so that its rusage is clean.
const floorChildFlag = "-floor-child"

// floorWorkers matches the machine the goals are set for (2 cores).
const floorWorkers = 2

// floorChild renders the corpus at dir and prints what it rendered.
func floorChild(dir string) int {
	res, err := floor.Render(dir, floorWorkers)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		return 1
	}
	fmt.Printf("%d pages, %d code blocks, %d bytes of HTML\n", res.Pages, res.Blocks, res.Bytes)
	return 0
}

// runFloor times our full build beside the floor, in alternation.
func runFloor(b *bench) error {
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("finding the benchmark's own binary: %w", err)
	}
	b.section("Our full build over the goldmark + chroma floor", "go run ./generator/bench floor"+b.flagsLine())
	b.table("pages", "what", "runs", "wall s", "CPU s", "peak RSS MiB")
	var ratios [][]string
	for _, n := range b.o.sizes {
		root, err := b.corpus(n)
		if err != nil {
			return err
		}
		ours, err := b.oursBuild(root, n)
		if err != nil {
			return err
		}
		fl := &contender{name: "floor", args: []string{self, floorChildFlag, filepath.Join(root, "content")}}
		cs := []*contender{ours, fl}
		// The floor writes nothing; writing 200 MB of pages costs seconds
		// of system time on a virtual disk, so the same build into a
		// memory-backed folder shows what is ours and what is the disk's.
		mem := memBuild(ours, n)
		if mem != nil {
			cs = append(cs, mem)
			defer os.RemoveAll(mem.out)
		}
		if err := b.alternate(b.o.runsFor(n), cs...); err != nil {
			return err
		}
		b.logf("floor rendered %s", strings.TrimSpace(fl.last.Stdout))
		for _, c := range []*contender{fl, ours, mem} {
			if c == nil {
				continue
			}
			what := "floor: goldmark + chroma, 2 workers, no templates, no writes"
			switch c {
			case ours:
				what = "ours: full build, search included"
			case mem:
				what = "ours: the same, written to memory (tmpfs)"
			}
			b.row(thousands(int64(n)), what, strconv.Itoa(len(c.runs.wall)), spread(c.runs.wall, 3), spread(c.runs.cpu, 3), spread(c.runs.rss, 1))
		}
		wall := median(stats.PairRatios(ours.runs.wall, fl.runs.wall))
		ratios = append(ratios, []string{thousands(int64(n)), stats.Ratio(median(ours.runs.wall), median(fl.runs.wall)),
			stats.Ratio(median(stats.PairRatios(ours.runs.wall, fl.runs.wall)), 1), stats.Ratio(median(ours.runs.cpu), median(fl.runs.cpu)),
			goalLine(n, wall)})
		if mem != nil {
			ratios = append(ratios, []string{thousands(int64(n)) + ", written to tmpfs", stats.Ratio(median(mem.runs.wall), median(fl.runs.wall)),
				stats.Ratio(median(stats.PairRatios(mem.runs.wall, fl.runs.wall)), 1), stats.Ratio(median(mem.runs.cpu), median(fl.runs.cpu)), ""})
		}
	}
	b.note("Our overhead over the floor (ours / floor):\n")
	b.table("pages", "wall (medians)", "wall (pair by pair, median)", "CPU", "goal ≤ 1.25× wall at 10,000 pages (pair by pair)")
	for _, r := range ratios {
		b.row(r...)
	}
	b.note("PEERS.md's floor at 10,000 pages, for scale: 15.9 s wall, 29.8 CPU-s (another day; compare only figures of one run).")
	b.cleanSites()
	return nil
}

func goalLine(n int, ratio float64) string {
	if n < 10000 {
		return "(goal set at 10,000)"
	}
	return verdict(ratio, ratio <= 1.25)
}

// memBuild is our build of the same corpus into a folder under /dev/shm,
// or nil where there is no such memory-backed folder.
func memBuild(ours *contender, n int) *contender {
	if info, err := os.Stat("/dev/shm"); err != nil || !info.IsDir() {
		return nil
	}
	out := filepath.Join("/dev/shm", "tradeoffs-bench-n"+strconv.Itoa(n))
	args := slices.Clone(ours.args)
	for i, a := range args {
		if a == "--out" && i+1 < len(args) {
			args[i+1] = out
		}
	}
	pre := ours.pre
	return &contender{name: "ours (tmpfs)", pre: func() error {
		if err := pre(); err != nil {
			return err
		}
		return os.RemoveAll(out)
	}, args: args, out: out}
}
