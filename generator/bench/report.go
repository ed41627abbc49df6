package main

import (
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/bench/internal/proc"
	"github.com/tradeoffs/tradeoffs/generator/bench/internal/stats"
)

// series collects the figures of repeated runs of one command.
type series struct {
	wall, cpu, rss []float64 // seconds, seconds, MiB
}

func (s *series) add(x proc.Sample) {
	s.wall = append(s.wall, x.Wall.Seconds())
	s.cpu = append(s.cpu, x.CPU().Seconds())
	s.rss = append(s.rss, float64(x.MaxRSS)/(1<<20))
}

// spread formats min / **median** / max, the median in bold as PEERS.md
// quotes it.
func spread(xs []float64, decimals int) string {
	if len(xs) == 0 {
		return "—"
	}
	s := stats.Summarize(xs)
	if s.N == 1 {
		return fmt.Sprintf("**%.*f**", decimals, s.Median)
	}
	return fmt.Sprintf("%.*f / **%.*f** / %.*f", decimals, s.Min, decimals, s.Median, decimals, s.Max)
}

// ms formats latencies in milliseconds: min, median, p90, max.
func msSummary(xs []float64) string {
	if len(xs) == 0 {
		return "—"
	}
	s := stats.Summarize(xs)
	return fmt.Sprintf("min %.0f, **median %.0f**, **p90 %.0f**, max %.0f (n=%d)", s.Min, s.Median, s.P90, s.Max, s.N)
}

// table prints a markdown table, so the report pastes into the README.
func (b *bench) table(header ...string) {
	fmt.Fprintf(b.w, "| %s |\n|%s\n", strings.Join(header, " | "), strings.Repeat(" --- |", len(header)))
}

func (b *bench) row(cells ...string) {
	fmt.Fprintf(b.w, "| %s |\n", strings.Join(cells, " | "))
}

// section starts the report of one subcommand with the machine line: a
// figure means nothing without the machine it was taken on.
func (b *bench) section(title, command string) {
	fmt.Fprintf(b.w, "\n## %s\n\n%s\n\ncommand: `%s`\n\n", title, b.machineLine(), command)
}

func (b *bench) note(format string, args ...any) {
	fmt.Fprintf(b.w, "\n"+format+"\n", args...)
}

// dirSize counts the files and bytes under dir.
func dirSize(dir string) (files int, bytes int64, err error) {
	err = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		bytes += info.Size()
		return nil
	})
	return files, bytes, err
}

// thousands formats 10036 as "10,036".
func thousands(n int64) string {
	s := fmt.Sprint(n)
	var out []byte
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	return string(out)
}

// median of xs, NaN when empty.
func median(xs []float64) float64 { return stats.Median(xs) }

// ok reports a goal as met or missed, "not measured" when x is NaN.
func verdict(x float64, met bool) string {
	if math.IsNaN(x) {
		return "not measured"
	}
	return stats.Goal(met)
}
