package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// printDiags prints each diagnostic as file:line:col: message, with paths
// as seen from the working directory. Under GitHub Actions it also prints
// workflow commands, which GitHub shows as annotations on the pull request.
//
// maxWarnings caps the warnings printed (errors are always all printed),
// so a large site's warnings do not bury its summary; 0 means no cap.
func printDiags(env Env, root string, l diag.List, maxWarnings int) {
	github := env.Getenv("GITHUB_ACTIONS") == "true"
	warnings := 0
	for _, d := range l {
		if d.Severity == diag.Warning {
			warnings++
			if maxWarnings > 0 && warnings > maxWarnings {
				continue
			}
		}
		d.Pos.File = displayPath(root, d.Pos.File)
		fmt.Fprintln(env.Stderr, d.Error())
		if github {
			fmt.Fprintln(env.Stderr, annotation(d))
		}
	}
	if maxWarnings > 0 && warnings > maxWarnings {
		fmt.Fprintf(env.Stderr, "... and %d more warnings: go run ./generator check lists them all\n", warnings-maxWarnings)
	}
}

// buildWarnings is how many warnings build prints.
const buildWarnings = 20

func displayPath(root, file string) string {
	if file == "" || root == "." || root == "" || strings.HasPrefix(file, "generator/internal/") {
		return file
	}
	return filepath.ToSlash(filepath.Join(root, file))
}

// annotation formats d as a GitHub Actions workflow command.
func annotation(d diag.Diagnostic) string {
	kind := "error"
	if d.Severity == diag.Warning {
		kind = "warning"
	}
	var props []string
	if d.Pos.File != "" {
		props = append(props, "file="+escapeProperty(d.Pos.File))
	}
	if d.Pos.Line > 0 {
		props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
	}
	if d.Pos.Col > 0 {
		props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
	}
	return fmt.Sprintf("::%s %s::%s", kind, strings.Join(props, ","), escapeData(d.Msg))
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// progress shows "rendering 1234/10000 pages" on one terminal line while a
// long build runs; it prints nothing when not on a terminal or when quiet.
type progress struct {
	env     Env
	enabled bool
	mu      sync.Mutex
	last    time.Time
	shown   bool
}

func newProgress(env Env, quiet bool) *progress {
	return &progress{env: env, enabled: env.IsTerminal && !quiet}
}

func (p *progress) update(done, total int) {
	if !p.enabled || total < 200 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if time.Since(p.last) < 100*time.Millisecond && done < total {
		return
	}
	p.last = time.Now()
	width := 30
	filled := width * done / total
	fmt.Fprintf(p.env.Stderr, "\rrendering [%s%s] %d/%d pages", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), done, total)
	p.shown = true
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.env.Stderr, "\r\033[K")
	}
}
