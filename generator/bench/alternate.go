package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/tradeoffs/tradeoffs/generator/bench/internal/proc"
)

// contender is one command timed in alternation with others.
type contender struct {
	name string
	pre  func() error // untimed, before every run (e.g. remove the output)
	dir  string
	args []string
	out  string // the folder it writes, if any
	// stdouts are the timed runs' standard outputs.
	stdouts []string
	runs    series
	last    proc.Sample
}

// alternate runs the contenders in turn, A B A B, one warm-up each first
// and then runs timed rounds, so that the machine's drift over the run
// touches all of them alike.
func (b *bench) alternate(runs int, cs ...*contender) error {
	for round := 0; round <= runs; round++ {
		for _, c := range cs {
			if c.pre != nil {
				if err := c.pre(); err != nil {
					return fmt.Errorf("%s: before the run: %w", c.name, err)
				}
			}
			s, err := proc.Run(b.ctx, c.dir, c.args[0], c.args[1:]...)
			if err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
			c.last = s
			what := "warm-up"
			if round > 0 {
				c.runs.add(s)
				c.stdouts = append(c.stdouts, s.Stdout)
				what = fmt.Sprintf("run %d/%d", round, runs)
			}
			b.logf("%s %s: %.2f s wall, %.2f s CPU, %.0f MiB", c.name, what, s.Wall.Seconds(), s.CPU().Seconds(), float64(s.MaxRSS)/(1<<20))
		}
	}
	return nil
}

// removeDir is a pre step that removes a previous output.
func removeDir(dir string) func() error { return removeDirs(dir) }

// removeDirs is a pre step that removes folders a run must not find.
func removeDirs(dirs ...string) func() error {
	return func() error {
		for _, d := range dirs {
			if err := os.RemoveAll(d); err != nil {
				return err
			}
		}
		return nil
	}
}

// commandLine shows a command with the output folder's paths shortened.
func (b *bench) commandLine(args []string) string {
	s := filepath.Base(args[0])
	for _, a := range args[1:] {
		if rel, err := filepath.Rel(b.out, a); err == nil && filepath.IsAbs(a) && !startsWithDotDot(rel) {
			a = "$OUT/" + rel
		} else if rel, err := filepath.Rel(b.kit, a); err == nil && filepath.IsAbs(a) && !startsWithDotDot(rel) {
			a = "$KIT/" + rel
		}
		s += " " + a
	}
	return s
}

func startsWithDotDot(rel string) bool { return len(rel) >= 2 && rel[:2] == ".." }
