// Package cli implements the generator's commands: parsing flags, running
// a build, serve or check, and printing diagnostics and summaries. It is
// separate from package main so tests can run commands in-process and read
// their output and exit codes.
//
// cli imports site, devserver, output, diag, rootfs, scaffold and the
// standard library.
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Env is what a command runs with: its output streams and the environment
// variables it reads (GITHUB_ACTIONS for annotations).
type Env struct {
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// IsTerminal reports whether Stderr is a terminal (for progress).
	IsTerminal bool
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	usage   string
	run     func(ctx context.Context, env Env, args []string) int
}

func commands() []command {
	return []command{
		{"build", "build the site into public/", "build [flags]", runBuild},
		{"serve", "build, serve and rebuild on every save (http://127.0.0.1:1313)", "serve [flags]", runServe},
		{"check", "check the site for problems without writing anything", "check [flags]", runCheck},
		{"new", "write a new page: new case-study|checklist|pattern|decision \"Title\"", "new KIND \"Title\" [flags]", runNew},
		{"help", "show help for a command", "help [command]", nil},
	}
}

// Run runs the command named by args[0] and returns the exit code: 0 on
// success, 1 when the site has errors, 2 for a usage error.
func Run(ctx context.Context, env Env, args []string) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if len(args) == 0 {
		usage(env.Stderr)
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		if len(args) > 1 {
			return helpFor(env, args[1])
		}
		usage(env.Stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(ctx, env, args[1:])
		}
	}
	fmt.Fprintf(env.Stderr, "generator: unknown command %q\n\n", name)
	usage(env.Stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Tradeoffs site generator: markdown in content/ to a static site in public/.

Usage:
  go run ./generator <command> [flags]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-7s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run "go run ./generator help <command>" or "<command> -h" for its flags.
`)
}

func helpFor(env Env, name string) int {
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(context.Background(), env, []string{"-h"})
		}
	}
	fmt.Fprintf(env.Stderr, "generator: no command %q\n", name)
	return 2
}

// newFlags returns a flag set that prints the command's usage and flags.
func newFlags(env Env, name, usageLine, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		w := env.Stderr
		fmt.Fprintf(w, "Usage: go run ./generator %s\n\n%s\n\nFlags:\n", usageLine, strings.TrimSpace(description))
		var lines []string
		fs.VisitAll(func(f *flag.Flag) {
			def := ""
			if f.DefValue != "" && f.DefValue != "false" {
				def = fmt.Sprintf(" (default %s)", f.DefValue)
			}
			lines = append(lines, fmt.Sprintf("  --%-12s %s%s", f.Name, f.Usage, def))
		})
		sort.Strings(lines)
		fmt.Fprintln(w, strings.Join(lines, "\n"))
	}
	return fs
}

var errHelp = flag.ErrHelp

// parse parses args; it returns -1 to go on, or the exit code to return
// (0 after -h, 2 on a usage error).
func parse(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "generator %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return 2
	}
	return -1
}
