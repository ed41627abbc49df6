package watch

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// newTestTree writes files under a new site folder and returns a tree whose
// snapshot holds them.
func newTestTree(t *testing.T, files ...string) *tree {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		writeFile(t, filepath.Join(dir, f), "x")
	}
	rs, err := newRootSet(SiteRoots())
	if err != nil {
		t.Fatal(err)
	}
	tr := newTree(dir, rs)
	tr.files, tr.dirs, _ = tr.scanAll(nil)
	return tr
}

func TestReconcile(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, tr *tree)
		dirty  map[string]bool
		want   []string
	}{
		{"write with the same size and time is a change", nil,
			map[string]bool{"content/a.md": true}, []string{"modified content/a.md"}},
		{"event without a write and no difference is none", nil,
			map[string]bool{"content/a.md": false}, nil},
		{"file replaced by a folder", func(t *testing.T, tr *tree) {
			rm(t, tr, "content/a.md")
			writeFile(t, tr.abs("content/a.md/inner.md"), "x")
		}, map[string]bool{"content/a.md": false},
			[]string{"removed content/a.md", "created content/a.md/inner.md"}},
		{"folder replaced by a file", func(t *testing.T, tr *tree) {
			rm(t, tr, "content/d")
			writeFile(t, tr.abs("content/d"), "x")
		}, map[string]bool{"content/d": false},
			[]string{"created content/d", "removed content/d/b.md", "removed content/d/e/c.md"}},
		{"a folder's scan and its file's event agree", func(t *testing.T, tr *tree) {
			writeFile(t, tr.abs("content/n/new.md"), "x")
		}, map[string]bool{"content/n": false, "content/n/new.md": true},
			[]string{"created content/n/new.md"}},
		{"paths outside the roots are not looked at", func(t *testing.T, tr *tree) {
			writeFile(t, tr.abs("public/x.html"), "x")
		}, map[string]bool{"public/x.html": true}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := newTestTree(t, "content/a.md", "content/d/b.md", "content/d/e/c.md")
			if tc.change != nil {
				tc.change(t, tr)
			}
			got := changeStrings(tr.reconcile(tc.dirty))
			if !slices.Equal(got, tc.want) {
				t.Errorf("changes = %q, want %q", got, tc.want)
			}
			// The snapshot now matches the disk: looking again finds nothing.
			if again := tr.reconcile(map[string]bool{"content": false}); len(again) != 0 {
				t.Errorf("second look found %v", again)
			}
		})
	}
}

// A known file that has just vanished gets one more look before it is
// reported removed: an editor may be about to write it again.
func TestFlushLooksTwiceBeforeRemoving(t *testing.T) {
	tr := newTestTree(t, "content/a.md", "content/b.md")
	b := newBatcher(Options{Quiet: time.Hour, MaxDelay: 2 * time.Hour})
	now := time.Now()

	rm(t, tr, "content/a.md")
	b.mark("content/a.md", false, now)
	if b.flush(tr, now) {
		t.Fatal("flushed a removal at the first look")
	}
	writeFile(t, tr.abs("content/a.md"), "written again")
	if !b.flush(tr, now) {
		t.Fatal("did not flush at the second look")
	}
	if got := changeStrings(b.pending); !slices.Equal(got, []string{"modified content/a.md"}) {
		t.Errorf("pending = %q, want the file modified", got)
	}

	b.pending = nil
	rm(t, tr, "content/b.md")
	b.mark("content/b.md", false, now)
	b.flush(tr, now)
	if !b.flush(tr, now) {
		t.Fatal("did not flush at the second look")
	}
	if got := changeStrings(b.pending); !slices.Equal(got, []string{"removed content/b.md"}) {
		t.Errorf("pending = %q, want the file removed", got)
	}
}

// Once MaxDelay has passed, a removal is not held back.
func TestFlushDoesNotHoldAnOverdueRemoval(t *testing.T) {
	tr := newTestTree(t, "content/a.md")
	b := newBatcher(Options{Quiet: time.Hour, MaxDelay: time.Hour})
	start := time.Now()
	rm(t, tr, "content/a.md")
	b.mark("content/a.md", false, start)
	if !b.flush(tr, start.Add(time.Hour)) {
		t.Fatal("held back an overdue batch")
	}
}

func rm(t *testing.T, tr *tree, rel string) {
	t.Helper()
	if err := os.RemoveAll(tr.abs(rel)); err != nil {
		t.Fatal(err)
	}
}

// When the system's event queue overflows, events are lost: the watcher
// rescans and reports every difference from the snapshot.
func TestRescanAfterLostEvents(t *testing.T) {
	tr := newTestTree(t, "content/a.md", "content/b.md", "static/s.css")
	var added []string
	n := &notifier{
		engine:  &engine{tree: tr, batch: newBatcher(Options{Quiet: time.Hour, MaxDelay: 2 * time.Hour}), reported: map[string]bool{}},
		add:     func(p string) error { added = append(added, p); return nil },
		watched: map[string]bool{},
	}
	// Changes whose events were lost.
	writeFile(t, tr.abs("content/a.md"), "a, longer than before")
	rm(t, tr, "content/b.md")
	writeFile(t, tr.abs("layouts/base.html"), "<html>")

	n.receive(item{err: fsnotify.ErrEventOverflow})
	now := time.Now()
	if !n.batch.flush(tr, now) && !n.batch.flush(tr, now) {
		t.Fatal("no batch after the second look")
	}
	want := []string{"modified content/a.md", "removed content/b.md", "created layouts/base.html"}
	if got := changeStrings(n.batch.pending); !slices.Equal(got, want) {
		t.Errorf("changes = %q, want %q", got, want)
	}
	if !slices.Contains(added, tr.abs("layouts")) {
		t.Errorf("the new root layouts/ is not watched after the rescan; watched %q", added)
	}
}

func TestPumpQueueOverflowBecomesRescan(t *testing.T) {
	var q []item
	for range maxQueued {
		q = enqueue(q, item{ev: fsnotify.Event{Name: "x", Op: fsnotify.Write}})
	}
	q = enqueue(q, item{ev: fsnotify.Event{Name: "y", Op: fsnotify.Write}})
	if len(q) != 1 || !errors.Is(q[0].err, fsnotify.ErrEventOverflow) {
		t.Errorf("a full queue became %d items, want one overflow", len(q))
	}
}
