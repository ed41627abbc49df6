package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/scaffold"
)

func runNew(_ context.Context, env Env, args []string) int {
	fs := newFlags(env, "new", `new KIND "Title" [flags]`, `
Write a new page with every front matter field of its kind, each explained,
and the skeleton of the sections a good page has. KIND is case-study,
checklist, pattern or decision. The file name comes from the title:
  go run ./generator new case-study "Segment: goodbye microservices"
writes content/case-studies/segment-goodbye-microservices.md. A decision
record is numbered after the highest record in content/decisions/:
  go run ./generator new decision "Use PostgreSQL for the order store"
writes content/decisions/0001-use-postgresql-for-the-order-store.md (MADR's
format). An existing page is never overwritten.`)
	root := fs.String("root", ".", "folder holding the site's content/")
	// Flags may come after the kind and title: parse them wherever they are.
	var pos []string
	rest := args
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, errHelp) {
				return 0
			}
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(pos) != 2 {
		fmt.Fprintf(env.Stderr, "usage: go run ./generator new KIND \"Title\" (KIND is %s)\n", kindNames())
		return 2
	}
	path, err := scaffold.Write(*root, pos[0], pos[1], time.Now())
	if err != nil {
		fmt.Fprintf(env.Stderr, "new: %v\n", err)
		if errors.Is(err, scaffold.ErrExists) {
			return 1
		}
		return 2
	}
	rel, _ := filepath.Rel(*root, path)
	fmt.Fprintf(env.Stdout, "wrote %s\nnext: fill in the front matter and the sections, then\n  go run ./generator check   to see what is missing\n  go run ./generator serve   to preview it\n", filepath.ToSlash(rel))
	return 0
}

func kindNames() string {
	var names []string
	for _, k := range scaffold.Kinds() {
		names = append(names, k.Name)
	}
	return strings.Join(names, ", ")
}
