package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/tradeoffs/tradeoffs/generator/internal/site"
)

func runCheck(ctx context.Context, env Env, args []string) int {
	var sf siteFlags
	fs := newFlags(env, "check", "check [flags]", `
Check everything a build checks (front matter, markdown, layouts, links and
anchors) without writing the site. Prints one line per problem as
file:line:col: message, and exits 1 if there is any error.`)
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print the problems as a JSON array instead")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	opts, err := sf.options()
	if err != nil {
		fmt.Fprintf(env.Stderr, "check: %v\n", err)
		return 1
	}
	s, err := site.Build(ctx, opts)
	if err != nil {
		return 1
	}
	errs, warns := s.Diags.Count()
	if *asJSON {
		type problem struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Col      int    `json:"col"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		}
		out := []problem{}
		for _, d := range s.Diags {
			out = append(out, problem{displayPath(sf.root, d.Pos.File), d.Pos.Line, d.Pos.Col, d.Severity.String(), d.Msg})
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	} else {
		printDiags(env, sf.root, s.Diags, 0)
		fmt.Fprintf(env.Stdout, "checked %s: %d %s, %d %s\n", summary(s.Stats), errs, plural(errs, "error", "errors"), warns, plural(warns, "warning", "warnings"))
	}
	if errs > 0 {
		return 1
	}
	return 0
}
