package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/tradeoffs/tradeoffs/generator/internal/editorfiles"
)

// notifier watches with the system's notifications (inotify on Linux).
// fsnotify watches one folder at a time, so it watches every folder under the
// roots, and the nearest existing folder above each root ("guards"), to see
// roots appear, vanish or be replaced.
type notifier struct {
	*engine
	fsw     *fsnotify.Watcher
	add     func(path string) error
	watched map[string]bool // folders watched, by slash path
	limited bool            // a *LimitError was reported: report it once
	in      chan item
	timer   *time.Timer
}

// startNotifier watches the roots, reads the starting state and starts the
// goroutines; it returns what releases the system's watches.
func startNotifier(w *Watcher, e *engine, h hooks) (func() error, error) {
	newFsw := h.newFsnotify
	if newFsw == nil {
		newFsw = fsnotify.NewWatcher
	}
	fsw, err := newFsw()
	if err != nil {
		if le := asLimit("", err); le != nil {
			return nil, le
		}
		return nil, fmt.Errorf("watch: cannot start watching files: %w; run with --poll", err)
	}
	n := &notifier{engine: e, fsw: fsw, add: fsw.Add, watched: map[string]bool{}, in: make(chan item)}
	if h.add != nil {
		n.add = func(p string) error { return h.add(fsw, p) }
	}
	// Watch first, then read the starting state: a change in between is
	// either in the state or reported. Hitting a system limit fails New, so
	// that the command can say so at once; a folder that cannot be read is
	// reported on Errors, and the rest is watched.
	for _, r := range e.tree.roots {
		err := n.ensureRoot(r.Path)
		if le := asLimit("", err); le != nil {
			_ = fsw.Close()
			return nil, le
		}
		n.fail(err)
	}
	e.tree.files, e.tree.dirs, _ = e.tree.scanAll(nil)
	n.timer = time.NewTimer(time.Hour)
	n.timer.Stop()
	w.goRun(func() { pump(w.done, fsw.Events, fsw.Errors, n.in) })
	w.goRun(func() { n.run(w.done, w.batches, w.errs) })
	return fsw.Close, nil
}

func (n *notifier) run(done <-chan struct{}, batches chan<- Batch, errs chan<- error) {
	for {
		out, b := n.batch.outbox(batches)
		errOut, err := n.errbox(errs)
		select {
		case <-done:
			return
		case it := <-n.in:
			n.receive(it)
			n.arm()
		case <-n.timer.C:
			now := time.Now()
			if !n.batch.overdue(now) && n.drain() {
				n.arm()
				continue
			}
			if !n.batch.flush(n.tree, now) {
				n.arm()
			}
		case out <- b:
			n.batch.pending = nil
		case errOut <- err:
			n.sentErr()
		}
	}
}

// drain handles the events already waiting, and reports whether there were
// any. When the process was stalled (a loaded machine), the timer can fire
// with events queued behind it: they arrived within the quiet period, so
// the batch is not complete yet.
func (n *notifier) drain() bool {
	for i := range maxDrain {
		select {
		case it := <-n.in:
			n.receive(it)
		default:
			return i > 0
		}
	}
	return true
}

// maxDrain bounds one drain, so that a flood of events cannot hold back a
// batch past MaxDelay for long.
const maxDrain = 4096

// arm sets the timer for the next look at the marked paths.
func (n *notifier) arm() {
	if len(n.batch.dirty) > 0 {
		n.timer.Reset(time.Until(n.batch.due()))
	}
}

func (n *notifier) receive(it item) {
	switch {
	case errors.Is(it.err, fsnotify.ErrEventOverflow):
		n.rescan()
	case it.err != nil:
		n.report(fmt.Errorf("watch: file notifications failed: %w; if changes go unnoticed, restart with --poll", it.err))
	default:
		n.handle(it.ev)
	}
}

// handle marks the paths an event may have changed and keeps the watches
// in step with the folders: a folder removed or renamed loses its watches
// (before any new folder is watched: inotify reuses the watch of a moved
// folder, under its old name), a folder created is watched with all it holds.
func (n *notifier) handle(ev fsnotify.Event) {
	rel, ok := n.tree.rel(ev.Name)
	if !ok || editorfiles.Match(path.Base(rel)) {
		return
	}
	now := time.Now()
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		n.unwatch(rel)
	}
	if _, in := n.tree.roots.match(rel); in {
		if ev.Has(fsnotify.Create) {
			n.fail(n.watchTree(rel))
		}
		n.batch.mark(rel, ev.Has(fsnotify.Write) || ev.Has(fsnotify.Create), now)
	}
	for _, r := range n.tree.roots.under(rel) {
		n.fail(n.ensureRoot(r))
		n.batch.mark(r, false, now)
	}
}

// rescan recovers from lost events (the system's queue overflowed): watch
// everything again and compare every file with the snapshot.
func (n *notifier) rescan() {
	n.watched = map[string]bool{}
	now := time.Now()
	for _, r := range n.tree.roots {
		n.fail(n.ensureRoot(r.Path))
	}
	for _, r := range n.tree.roots.tops() {
		n.batch.mark(r, false, now)
	}
}

func (n *notifier) fail(err error) {
	if err == nil {
		return
	}
	if le := asLimit("", err); le != nil {
		if n.limited {
			return
		}
		n.limited = true
	}
	n.report(err)
}

// ensureRoot watches root r and the nearest existing folder above it.
func (n *notifier) ensureRoot(r string) error {
	for p := parentOf(r); r != ""; p = parentOf(p) {
		if fi, err := os.Stat(n.tree.abs(p)); err == nil && fi.IsDir() {
			if err := n.watchDir(p); err != nil {
				return err
			}
			break
		}
		if p == "" {
			break
		}
	}
	return n.watchTree(r)
}

// watchTree watches folder rel and every folder under it; it does nothing if
// rel is not a folder.
func (n *notifier) watchTree(rel string) error {
	var first error
	_ = filepath.WalkDir(n.tree.abs(rel), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		r, ok := n.tree.rel(p)
		if !ok || (r != rel && editorfiles.Match(d.Name())) {
			return filepath.SkipDir
		}
		if err := n.watchDir(r); err != nil {
			first = err
			return filepath.SkipAll
		}
		return nil
	})
	return first
}

// watchDir watches folder rel. It always asks the system, even for a folder
// watched before: a folder replaced by another of the same name needs a new
// watch, and asking again for the same one costs one system call.
func (n *notifier) watchDir(rel string) error {
	if err := n.add(n.tree.abs(rel)); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // gone already: its parent's watch reports it
		}
		name := rel
		if name == "" {
			name = "."
		}
		if le := asLimit(name, err); le != nil {
			return le
		}
		return fmt.Errorf("%s: cannot watch this folder: %w", name, err)
	}
	n.watched[rel] = true
	return nil
}

// unwatch drops the watches of folder rel and the folders under it.
func (n *notifier) unwatch(rel string) {
	if !n.watched[rel] {
		return
	}
	for p := range n.watched {
		if within(p, rel) {
			// An error means the system dropped the watch with the folder.
			_ = n.fsw.Remove(n.tree.abs(p))
			delete(n.watched, p)
		}
	}
}
