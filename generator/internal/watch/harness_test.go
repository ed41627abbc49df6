package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// patience is how long a test waits for something that must happen. It only
// fails tests that hang; no test measures speed.
const patience = 10 * time.Second

// implementation is one way of watching; every behaviour test runs on each.
type implementation struct {
	name string
	opts Options
}

// testQuiet is the quiet period of the behaviour tests. The default (20 ms)
// suits a machine where the editor is the only writer; a test machine runs
// other test binaries and browsers at the same time and can stall the test's
// writes for longer than that, which rightly splits one action into two
// batches. The tests check what a batch holds, so they give each action a
// margin that load does not eat; the behaviour does not depend on the value.
const testQuiet = 200 * time.Millisecond

func implementations() []implementation {
	return []implementation{
		{name: "notify", opts: Options{Quiet: testQuiet}},
		// A short interval keeps the tests quick; the behaviour is the same.
		{name: "poll", opts: Options{Poll: true, PollInterval: 25 * time.Millisecond, Quiet: testQuiet}},
	}
}

// harness is a site folder under watch.
type harness struct {
	t     *testing.T
	dir   string
	w     *Watcher
	syncs int
}

// newHarness writes files (slash path → content) into a new site folder,
// then starts watching SiteRoots there.
func newHarness(t *testing.T, opts Options, files map[string]string) *harness {
	t.Helper()
	h := &harness{t: t, dir: t.TempDir()}
	for p, s := range files {
		h.write(p, s)
	}
	w, err := New(h.dir, SiteRoots(), opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { _ = w.Close() })
	h.w = w
	return h
}

func (h *harness) path(rel string) string { return filepath.Join(h.dir, filepath.FromSlash(rel)) }

// write replaces or creates file rel in one visible step: it writes an
// ignored temporary file and renames it over. A plain write is two steps
// (truncate, then write) that a stalled test machine could report as two
// batches; the tests that replay an editor's in-place writes use
// writeInPlace.
func (h *harness) write(rel, content string) {
	h.t.Helper()
	h.writeInPlace(rel+".tmp", content)
	h.rename(rel+".tmp", rel)
}

func (h *harness) writeInPlace(rel, content string) {
	h.t.Helper()
	writeFile(h.t, h.path(rel), content)
}

func (h *harness) mkdir(rel string) {
	h.t.Helper()
	if err := os.MkdirAll(h.path(rel), 0o755); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) rename(from, to string) {
	h.t.Helper()
	if err := os.Rename(h.path(from), h.path(to)); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) remove(rel string) {
	h.t.Helper()
	if err := os.RemoveAll(h.path(rel)); err != nil {
		h.t.Fatal(err)
	}
}

// next returns the next batch; an error from the watcher fails the test.
func (h *harness) next() Batch {
	h.t.Helper()
	select {
	case b, ok := <-h.w.Batches():
		if !ok {
			h.t.Fatal("Batches closed")
		}
		return b
	case err := <-h.w.Errors():
		h.t.Fatalf("unexpected error: %v", err)
	case <-time.After(patience):
		h.t.Fatal("no batch came")
	}
	return Batch{}
}

// expect receives the next batch and checks that it holds exactly want
// ("kind path"), in order.
func (h *harness) expect(want ...string) Batch {
	h.t.Helper()
	b := h.next()
	if got := changeStrings(b.Changes); !slices.Equal(got, want) {
		h.t.Fatalf("batch of %d changes, want %d:\n%s", len(got), len(want), diff(got, want))
	}
	return b
}

// diff lists the lines missing from got and the lines got has in excess,
// at most ten of each.
func diff(got, want []string) string {
	var sb strings.Builder
	for _, l := range []struct {
		sign     string
		from, in []string
	}{{"-", want, got}, {"+", got, want}} {
		n := 0
		for _, s := range l.from {
			if !slices.Contains(l.in, s) && n < 10 {
				fmt.Fprintf(&sb, "\t%s %s\n", l.sign, s)
				n++
			}
		}
	}
	if sb.Len() == 0 {
		return "\tsame changes, wrong order: " + strings.Join(got, ", ")
	}
	return sb.String()
}

// expectAll receives batches until, merged, they hold exactly want. It is
// for actions of several steps, which a loaded machine may stall between
// long enough to make two batches; expect checks what must be one batch.
func (h *harness) expectAll(want ...string) Batch {
	h.t.Helper()
	var got []string
	var merged []Change
	for !slices.Equal(got, want) {
		select {
		case b := <-h.w.Batches():
			merged = mergeChanges(merged, b.Changes)
			got = changeStrings(merged)
		case err := <-h.w.Errors():
			h.t.Fatalf("unexpected error: %v", err)
		case <-time.After(patience):
			h.t.Fatalf("batches hold %d changes, want %d:\n%s", len(got), len(want), diff(got, want))
		}
	}
	return Batch{Changes: merged}
}

// sync moves a new file in (one system call) and expects a batch with that
// file alone: proof that everything done before it was reported already, or
// never will be.
func (h *harness) sync() {
	h.t.Helper()
	h.syncs++
	p := fmt.Sprintf("content/zz-sync-%d.md", h.syncs)
	h.write(p, "sync")
	h.expect("created " + p)
}
