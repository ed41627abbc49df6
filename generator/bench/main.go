// Command bench measures the generator's speed beside its peers, in one
// run on one machine, and prints the figures with the ratios:
//
//	go run ./generator/bench build    # cold builds, ours vs Hugo, and our deploy: 1k and 10k pages
//	go run ./generator/bench real     # copies of a real case study: 1k, 2k, 10k
//	go run ./generator/bench scenarios # the three scenarios users live, with their goals: build, then serve
//	go run ./generator/bench floor    # ours vs goldmark + chroma alone
//	go run ./generator/bench serve    # live reload and start-up: ours vs hugo server
//	go run ./generator/bench search   # first-search bytes and index cost: ours vs Pagefind
//	go run ./generator/bench all      # the five, in this order
//	go run ./generator/bench profile  # our build in-process under the CPU profiler
//
// The corpora come from the workplace's peer kit (its gencorpus command,
// its realcopies.sh and Hugo site), found with -kit, $TRADEOFFS_BENCH_KIT, or ../shared/bench
// beside the repository. Everything the benchmark writes goes under
// generator/bench/out/ (git-ignored); Pagefind is installed on demand
// with npm into the user's cache folder. The suite takes many minutes,
// so it is a command, not part of go test.
//
// bench owns the measurement. It runs the generator as a built binary, so
// the figures are those of the command users run; profile and search build
// in-process (under the CPU profiler; to measure the search index alone).
// It imports bench/internal/floor, bench/internal/proc, bench/internal/sse,
// bench/internal/stats, bench/internal/ws, chromedp (for the browser),
// site, output and countserve (for the in-process builds and the serving
// they measure) and the standard library.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// The floor's timed child: the same binary, re-executed, so its rusage
	// holds the rendering alone.
	if len(os.Args) == 3 && os.Args[1] == floorChildFlag {
		os.Exit(floorChild(os.Args[2]))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:]))
}

// commands are the subcommands, in the order "all" runs them.
var commands = []struct {
	name, summary string
	run           func(*bench) error
}{
	{"build", "cold build of the corpora: ours vs Hugo (wall, CPU, memory, output), then our deploy from a fresh clone with .cache/ restored", runBuild},
	{"real", "copies of a real case study (links kept): how time and memory grow with the pages; ours vs Hugo, and our deploy", runReal},
	{"floor", "goldmark + chroma alone vs our full build: our overhead over the floor", runFloor},
	{"serve", "preview server: start to first page, edit to update, memory; ours vs hugo server", runServe},
	{"search", "first-search bytes in Chromium, index build time and size: ours vs Pagefind", runSearch},
}

func run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage()
		return 2
	}
	name := args[0]
	var todo []func(*bench) error
	for _, c := range commands {
		if name == c.name || name == "all" {
			todo = append(todo, c.run)
		}
	}
	switch name {
	case "profile":
		todo = append(todo, runProfile)
	case "scenarios":
		// A deploy and a cold build (build), an edit in serve (serve).
		todo = append(todo, runBuild, runServe)
	}
	if len(todo) == 0 {
		fmt.Fprintf(os.Stderr, "bench: unknown command %q\n\n", name)
		usage()
		return 2
	}
	o, err := parseOptions(name, args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 2
	}
	b, err := newBench(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	for _, f := range todo {
		if err := f(b); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return 1
		}
	}
	return 0
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: go run ./generator/bench COMMAND [flags]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(os.Stderr, "  %-7s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(os.Stderr, "  %-7s %s\n", "all", "the five above, in this order")
	fmt.Fprintf(os.Stderr, "  %-7s %s\n", "scenarios", "the three scenarios users live, with their goals: a deploy and a cold build (build), an edit in serve (serve)")
	fmt.Fprintf(os.Stderr, "  %-7s %s\n", "profile", "our build in-process under the CPU profiler: step times and top functions (not in all)")
	fmt.Fprintln(os.Stderr, "\nflags:")
	newFlagSet("COMMAND", new(options)).PrintDefaults()
}
