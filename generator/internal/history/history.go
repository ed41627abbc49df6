// Package history reads when each file of the site last changed from its
// git history, for the "last updated" date of pages. It runs git once per
// build, however many pages there are.
//
// A shallow clone (as some CI hosts and deploy services make) has only the
// latest commits, so every file would seem to change at the last one:
// history then reports nothing, and pages fall back to their front matter.
//
// history imports the standard library only, and needs the git command.
package history

import (
	"bufio"
	"bytes"
	"context"
	"os/exec"
	"strings"
	"time"
)

// Dates maps a path relative to the site root ("content/x.md") to the time
// of the last commit that changed it.
type Dates map[string]time.Time

// Load returns the last commit time of every file under dir (relative to
// root) that git tracks. It returns nil, and no error, when root is not in
// a git work tree, git is not installed or the clone is shallow.
func Load(ctx context.Context, root, dir string) (Dates, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, nil
	}
	shallow, err := git(ctx, root, "rev-parse", "--is-shallow-repository")
	if err != nil || strings.TrimSpace(string(shallow)) != "false" {
		return nil, nil // not a work tree, or a shallow clone
	}
	out, err := git(ctx, root, "log", "--relative", "--format=%x00%cI", "--name-only", "--no-renames", "--", dir)
	if err != nil {
		return nil, err
	}
	return parse(out), nil
}

func git(ctx context.Context, root string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", root, "-c", "core.quotepath=off"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	return cmd.Output()
}

// parse reads "\x00DATE\n\npath\npath\n..." records, newest first: the
// first date seen for a path is its last change.
func parse(out []byte) Dates {
	d := Dates{}
	var current time.Time
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "\x00"):
			t, err := time.Parse(time.RFC3339, line[1:])
			if err == nil {
				current = t
			}
		case line == "" || current.IsZero():
		default:
			if _, seen := d[line]; !seen {
				d[line] = current
			}
		}
	}
	return d
}
