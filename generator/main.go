// Command generator builds the Tradeoffs knowledge base: markdown in
// content/ to a static site in public/. Run "go run ./generator help".
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

	"github.com/tradeoffs/tradeoffs/generator/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, IsTerminal: term.IsTerminal(int(os.Stderr.Fd()))}
	os.Exit(cli.Run(ctx, env, os.Args[1:]))
}
