// Package history reads when each file of the site was first and last
// committed from its git history, for the dates pages were published and
// last updated. It runs git once per build, however many pages there are.
//
// A shallow clone (as some CI hosts and deploy services make) has only the
// latest commits, so every file would seem to change at the last one:
// history then reports nothing, and pages fall back to their front matter.
//
// history imports the standard library only. It needs the git command.
package history

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Dates maps a path relative to the site root ("content/x.md") to the times
// of the commits that added it and that last changed it.
type Dates map[string]Span

// Span is when a file was first and last committed. A file moved without
// git seeing the move as such (renames are not followed) starts where it
// was moved to.
type Span struct {
	First, Last time.Time
}

// Equal reports whether two spans are the same times.
func (s Span) Equal(o Span) bool { return s.First.Equal(o.First) && s.Last.Equal(o.Last) }

// Load returns the first and last commit times of every file under dir
// (relative to root) that git tracks. It returns nil, and no error, when root is not in
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

// Stamp returns a value that changes whenever what Load reads may have
// changed, without running git: the size and time of the reflog of HEAD,
// to which git appends on every commit, checkout, reset, merge and pull.
// A process that loads the history again and again (the preview server,
// on every save) runs git only when the stamp differs. ok is false when
// there is no reflog to go by (not in a work tree, a linked work tree,
// reflogs turned off): then Load must run.
func Stamp(root string) (stamp string, ok bool) {
	dir, err := filepath.Abs(root)
	if err != nil {
		return "", false
	}
	for {
		info, err := os.Stat(filepath.Join(dir, ".git"))
		if err == nil {
			if !info.IsDir() {
				return "", false // a linked work tree: its logs live elsewhere
			}
			log, err := os.Stat(filepath.Join(dir, ".git", "logs", "HEAD"))
			if err != nil {
				return "", false
			}
			return fmt.Sprintf("%s %d %d", dir, log.Size(), log.ModTime().UnixNano()), true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func git(ctx context.Context, root string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", root, "-c", "core.quotepath=off"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	return cmd.Output()
}

// parse reads "\x00DATE\n\npath\npath\n..." records, newest first: the
// first date seen for a path is its last change, the last one its first.
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
			s, seen := d[line]
			if !seen {
				s.Last = current
			}
			s.First = current
			d[line] = s
		}
	}
	return d
}
