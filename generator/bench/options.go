package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// options are the flags every subcommand shares.
type options struct {
	sizes    []int
	sizesSet bool // -sizes was given
	runs     int  // 0: by size (defaultRuns)
	quick    bool
	kit      string
	out      string
	edits    int
	starts   int // 0: by size
	settle   time.Duration
	words    []string
	pagefind string
	keep     bool
}

func newFlagSet(name string, o *options) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Func("sizes", "corpus sizes in pages, comma-separated (default 1000,10000; search: 10000; real: 1000,2000,10000 copies)", func(s string) error {
		var err error
		o.sizes, err = parseSizes(s)
		o.sizesSet = true
		return err
	})
	fs.IntVar(&o.runs, "runs", 0, "timed runs per tool and size, after one warm-up each (default 5 at 1,000 pages or fewer, 3 above)")
	fs.BoolVar(&o.quick, "quick", false, "a fast smoke run: 1,000 pages unless -sizes (real: 1,000 and 2,000 copies), 1 run, 5 edits, 1 start")
	fs.StringVar(&o.kit, "kit", "", "the peer benchmark kit (default $TRADEOFFS_BENCH_KIT, else ../shared/bench beside the repository)")
	fs.StringVar(&o.out, "out", "", "folder for corpora, outputs and tools (default generator/bench/out in the repository)")
	fs.IntVar(&o.edits, "edits", 20, "serve: edits timed per server")
	fs.IntVar(&o.starts, "starts", 0, "serve: server starts timed per tool (default 3 at 1,000 pages or fewer, 1 above)")
	fs.DurationVar(&o.settle, "settle", 1500*time.Millisecond, "serve: pause after each edit, so rebuilds do not overlap")
	fs.Func("words", "search: words searched, comma-separated (default latency,zenith: common and rare)", func(s string) error {
		o.words = strings.Split(s, ",")
		return nil
	})
	fs.StringVar(&o.pagefind, "pagefind", "", "search: a pagefind_extended binary (default: npm pagefind "+pagefindVersion+", installed into the user cache)")
	fs.BoolVar(&o.keep, "keep", false, "keep the built sites under -out when done (default: removed, they take gigabytes)")
	return fs
}

func parseOptions(cmd string, args []string) (options, error) {
	o := options{words: []string{"latency", "zenith"}}
	fs := newFlagSet(cmd, &o)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q (flags come after the command)", fs.Arg(0))
	}
	if o.sizes == nil {
		o.sizes = []int{1000, 10000}
		if o.quick {
			o.sizes = []int{1000}
		}
	}
	if o.quick {
		o.runs, o.edits, o.starts = max(o.runs, 1), min(o.edits, 5), max(o.starts, 1)
	}
	if o.runs < 0 || o.edits < 1 || o.starts < 0 {
		return o, fmt.Errorf("-runs, -starts must be 0 or more and -edits 1 or more")
	}
	return o, nil
}

// realSizes are the sizes of the real corpus, in copies: -sizes if given,
// else 1,000, 2,000 and 10,000 (-quick: 1,000 and 2,000, the goal's two).
func (o options) realSizes() []int {
	switch {
	case o.sizesSet:
		return o.sizes
	case o.quick:
		return realSizes[:2]
	}
	return realSizes
}

// runsFor is the number of timed runs at n pages.
func (o options) runsFor(n int) int {
	if o.runs > 0 {
		return o.runs
	}
	if n <= 1000 {
		return 5
	}
	return 3
}

// startsFor is the number of timed server starts at n pages.
func (o options) startsFor(n int) int {
	if o.starts > 0 {
		return o.starts
	}
	if n <= 1000 {
		return 3
	}
	return 1
}

func parseSizes(s string) ([]int, error) {
	var sizes []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(strings.ReplaceAll(f, "_", "")))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-sizes %q: want page counts such as 1000,10000", s)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}
