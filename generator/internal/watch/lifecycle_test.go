package watch

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// A constant stream of writes never leaves a quiet period, yet batches keep
// coming, capped by MaxDelay.
func TestStreamStillDelivers(t *testing.T) {
	for _, impl := range implementations() {
		t.Run(impl.name, func(t *testing.T) {
			t.Parallel() // the two watchers side by side: a site folder each
			opts := impl.opts
			// Quiet so long that only MaxDelay can end a batch before the
			// stream stops.
			opts.Quiet, opts.MaxDelay = time.Hour, 100*time.Millisecond
			h := newHarness(t, opts, map[string]string{"static/log.txt": ""})
			stop, stopped := make(chan struct{}), make(chan struct{})
			go func() {
				defer close(stopped)
				for i := 0; i < 5000; i++ { // about 5 s at most
					select {
					case <-stop:
						return
					case <-time.After(time.Millisecond):
					}
					writeFile(t, h.path("static/log.txt"), strings.Repeat("x", i%7+1))
				}
			}()
			var b Batch
			select {
			case b = <-h.w.Batches():
			case <-stopped:
				t.Fatal("the stream of writes ended before any batch came")
			}
			close(stop)
			<-stopped
			if len(b.Changes) != 1 || b.Changes[0].Path != "static/log.txt" {
				t.Errorf("batch = %v, want static/log.txt alone", b.Changes)
			}
		})
	}
}

// Close returns, closes the channels and leaves no goroutine behind, even
// with a batch nobody received.
func TestCloseEndsEverything(t *testing.T) {
	for _, impl := range implementations() {
		t.Run(impl.name, func(t *testing.T) {
			h := newHarness(t, impl.opts, map[string]string{"content/page.md": "first"})
			h.write("content/page.md", "second version")
			h.expect("modified content/page.md")
			h.write("content/other.md", "never received")

			closed := make(chan error)
			go func() { closed <- h.w.Close() }()
			select {
			case err := <-closed:
				if err != nil {
					t.Errorf("Close: %v", err)
				}
			case <-time.After(patience):
				t.Fatal("Close did not return")
			}
			if _, ok := <-h.w.Batches(); ok {
				t.Error("Batches still open after Close")
			}
			if _, ok := <-h.w.Errors(); ok {
				t.Error("Errors still open after Close")
			}
			if err := h.w.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
			waitForNoWatcherGoroutines(t)
		})
	}
}

// waitForNoWatcherGoroutines fails if goroutines started by a Watcher or by
// fsnotify are still alive once patience runs out.
func waitForNoWatcherGoroutines(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for {
		left := watcherGoroutines()
		if left == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("goroutines left after Close:\n%s", left)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func watcherGoroutines() string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var left []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "(*Watcher).goRun") || strings.Contains(g, "fsnotify.") {
			left = append(left, g)
		}
	}
	return strings.Join(left, "\n\n")
}

func TestLimitAtStartSaysHowToRaiseIt(t *testing.T) {
	for _, tc := range []struct {
		name string
		h    hooks
		want []string
	}{
		{"watches (ENOSPC)", hooks{add: func(*fsnotify.Watcher, string) error { return syscall.ENOSPC }},
			[]string{"limit of inotify watches", "sudo sysctl fs.inotify.max_user_watches=524288", "/etc/sysctl.d/", "--poll"}},
		{"instances (EMFILE)", hooks{newFsnotify: func() (*fsnotify.Watcher, error) {
			return nil, fmt.Errorf("couldn't initialize inotify: %w", syscall.EMFILE)
		}}, []string{"limit of inotify instances", "fs.inotify.max_user_instances", "/etc/sysctl.d/", "--poll"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir+"/content/page.md", "page")
			w, err := newWatcher(dir, SiteRoots(), Options{}, tc.h)
			if err == nil {
				_ = w.Close()
				t.Fatal("New succeeded; want the limit error")
			}
			var le *LimitError
			if !errors.As(err, &le) {
				t.Fatalf("error %v (%T) is not a *LimitError", err, err)
			}
			for _, s := range tc.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("message %q does not say %q", err, s)
				}
			}
			waitForNoWatcherGoroutines(t)
		})
	}
}

// A limit reached by a folder created while watching is reported on Errors,
// and the rest keeps being watched.
func TestLimitWhileWatchingIsReported(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/content/page.md", "page")
	add := func(fsw *fsnotify.Watcher, p string) error {
		if strings.Contains(p, "huge") {
			return fmt.Errorf("inotify_add_watch: %w", syscall.ENOSPC)
		}
		return fsw.Add(p)
	}
	w, err := newWatcher(dir, SiteRoots(), Options{}, hooks{add: add})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, dir: dir, w: w}
	t.Cleanup(func() { _ = w.Close() })
	h.mkdir("content/huge")
	select {
	case err := <-w.Errors():
		var le *LimitError
		if !errors.As(err, &le) || le.Path != "content/huge" {
			t.Fatalf("error = %v, want a *LimitError for content/huge", err)
		}
		if !strings.Contains(err.Error(), "content/huge: cannot watch this folder") {
			t.Errorf("message %q does not name the folder", err)
		}
	case <-time.After(patience):
		t.Fatal("no error came")
	}
	h.write("content/page.md", "still watched")
	h.expect("modified content/page.md")
}

// The limit is reported once, not once per folder that cannot be watched.
func TestLimitIsReportedOnce(t *testing.T) {
	n := &notifier{engine: &engine{reported: map[string]bool{}}}
	n.fail(&LimitError{Path: "content/a", Err: syscall.ENOSPC})
	n.fail(&LimitError{Path: "content/b", Err: syscall.ENOSPC})
	n.fail(errors.New("content/c: cannot watch this folder: permission denied"))
	n.fail(errors.New("content/c: cannot watch this folder: permission denied"))
	if len(n.errs) != 2 {
		t.Errorf("queued %d errors, want the limit and the other error once each: %v", len(n.errs), n.errs)
	}
}
