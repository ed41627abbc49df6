package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/fsnotify/fsnotify"
)

// Watcher watches the roots of a site and delivers batches of changes.
// Receive from Batches and Errors until Close; neither channel is buffered,
// and changes found while nobody receives are merged into the batch that
// waits, so a slow receiver gets one batch with everything since the last.
type Watcher struct {
	batches chan Batch
	errs    chan error
	done    chan struct{}
	wg      sync.WaitGroup

	closeOnce sync.Once
	closeErr  error
	stop      func() error // releases the system's watches, after the goroutines end
}

// New starts watching roots under the site folder dir. Changes made after New
// returns are reported; the files present then are the starting point. It
// fails if dir is not a folder, a root is outside dir, or the system refuses
// to watch (a *LimitError says which limit and how to raise it).
func New(dir string, roots []Root, opts Options) (*Watcher, error) {
	return newWatcher(dir, roots, opts, hooks{})
}

// hooks replace system calls in tests, to play a system that refuses.
type hooks struct {
	newFsnotify func() (*fsnotify.Watcher, error)              // default fsnotify.NewWatcher
	add         func(fsw *fsnotify.Watcher, path string) error // default fsw.Add
}

func newWatcher(dir string, roots []Root, opts Options, h hooks) (*Watcher, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	rs, err := newRootSet(roots)
	if err != nil {
		return nil, err
	}
	abs, err := siteDir(dir)
	if err != nil {
		return nil, err
	}
	w := &Watcher{batches: make(chan Batch), errs: make(chan error), done: make(chan struct{})}
	e := &engine{tree: newTree(abs, rs), batch: newBatcher(opts), reported: map[string]bool{}}
	if opts.Poll {
		w.stop = startPoller(w, e, opts.PollInterval)
		return w, nil
	}
	if w.stop, err = startNotifier(w, e, h); err != nil {
		return nil, err
	}
	return w, nil
}

func siteDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("watch: %s: %w", dir, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("watch: site folder %w; give the folder that holds content/", err)
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("watch: site folder %s is a file; give the folder that holds content/", dir)
	}
	return abs, nil
}

// Batches returns the channel of batches. Every batch has at least one
// change. It is closed by Close.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors returns the channel of errors met while watching: a folder that
// could not be watched (a *LimitError when a system limit is reached, sent
// once), or a failure of the system's notifications. Watching goes on after
// an error. It is closed by Close.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching, waits for the watcher's goroutines to end and closes
// the Batches and Errors channels; changes not yet received are dropped. It
// may be called more than once, from any goroutine.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.done)
		w.wg.Wait()
		w.closeErr = w.stop()
		close(w.batches)
		close(w.errs)
	})
	return w.closeErr
}

// goRun runs f on a goroutine that Close waits for.
func (w *Watcher) goRun(f func()) {
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		f()
	}()
}

// engine is the state shared by both ways of watching. It belongs to the
// watcher's one working goroutine: no locks.
type engine struct {
	tree  *tree
	batch *batcher

	errs     []error         // not yet received
	reported map[string]bool // messages already queued, to send each once
}

// report queues err for the Errors channel, unless the same message was
// already queued: a folder that cannot be watched fails on every event.
func (e *engine) report(err error) {
	msg := err.Error()
	if e.reported[msg] {
		return
	}
	e.reported[msg] = true
	e.errs = append(e.errs, err)
}

// errbox returns the channel to send the first queued error on, nil when
// there is none.
func (e *engine) errbox(out chan<- error) (chan<- error, error) {
	if len(e.errs) == 0 {
		return nil, nil
	}
	return out, e.errs[0]
}

func (e *engine) sentErr() { e.errs = e.errs[1:] }
