package devserver

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"syscall"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/site"
)

// A build that cannot open a file because the process (EMFILE) or the
// system (ENFILE) is out of file descriptors has not seen the site: the
// errors it reports are false, and so are the broken links to the pages it
// could not read. The server reads the site through a descFS, which
// notices such a failure and abandons the build at once; the build is not
// shown, and is tried again after a pause (retryFirst, doubling up to
// retryMax) until descriptors are back, with a Builder that remembers
// nothing the abandoned build read (see site.Builder.Fresh). A save made
// meanwhile is built at once, the same way.
const (
	retryFirst = 100 * time.Millisecond
	retryMax   = time.Second
)

// descFS is the site's folder, watching for opens that fail for lack of
// descriptors.
type descFS struct {
	fsys fs.FS
	mu   sync.Mutex
	// err is the first such failure since watch; cancel abandons the
	// build being watched.
	err    error
	cancel context.CancelFunc
}

// watch starts watching a build, which cancel abandons.
func (d *descFS) watch(cancel context.CancelFunc) {
	d.mu.Lock()
	d.err, d.cancel = nil, cancel
	d.mu.Unlock()
}

// done stops watching and returns the first failure for lack of
// descriptors since watch, if any.
func (d *descFS) done() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.cancel = nil
	return d.err
}

// outOfDescriptors reports whether err is the system refusing a file
// descriptor.
func outOfDescriptors(err error) bool {
	return errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE)
}

func (d *descFS) check(err error) {
	if err == nil || !outOfDescriptors(err) {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.err == nil {
		d.err = err
		if d.cancel != nil {
			d.cancel()
		}
	}
}

func (d *descFS) Open(name string) (fs.File, error) {
	f, err := d.fsys.Open(name)
	d.check(err)
	return f, err
}

func (d *descFS) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(d.fsys, name)
	d.check(err)
	return b, err
}

func (d *descFS) ReadDir(name string) ([]fs.DirEntry, error) {
	e, err := fs.ReadDir(d.fsys, name)
	d.check(err)
	return e, err
}

func (d *descFS) Stat(name string) (fs.FileInfo, error) {
	i, err := fs.Stat(d.fsys, name)
	d.check(err)
	return i, err
}

func (d *descFS) Lstat(name string) (fs.FileInfo, error) {
	i, err := fs.Lstat(d.fsys, name)
	d.check(err)
	return i, err
}

func (d *descFS) ReadLink(name string) (string, error) {
	s, err := fs.ReadLink(d.fsys, name)
	d.check(err)
	return s, err
}

// buildWatched runs one build of the site; starved is the first failure to open a
// file for lack of descriptors, which abandons the build.
func (s *Server) buildWatched(ctx context.Context, opts site.Options) (built *site.Site, err, starved error) {
	s.highlighting.building.Lock()
	defer s.highlighting.building.Unlock()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.fs.watch(cancel)
	built, err = s.builder.Build(ctx, opts)
	return built, err, s.fs.done()
}

// retry is the rebuild put off for lack of descriptors, if any.
type retry struct {
	what  string // what the first put-off build was for
	wait  time.Duration
	timer *time.Timer
}

// putOff abandons the builder of a build that ran out of descriptors and
// makes the build due again after a pause, telling the terminal once.
func (s *Server) putOff(what string, err error) {
	s.builder = s.builder.Fresh()
	s.fresh = true
	r := &s.retry
	if r.what == "" {
		r.what = what
		fmt.Fprintf(s.cfg.Out, "%s: not built: out of file descriptors (%v); trying again in %v, and until it can (close idle programs or raise the limit, ulimit -n, if this lasts)\n", what, err, retryFirst)
	}
	r.wait = min(max(2*r.wait, retryFirst), retryMax)
	if r.timer != nil {
		r.timer.Stop()
	}
	r.timer = time.NewTimer(r.wait)
}

// retryDue is the channel of the put-off build, nil when there is none.
func (s *Server) retryDue() <-chan time.Time {
	if s.retry.timer == nil {
		return nil
	}
	return s.retry.timer.C
}

// retried forgets the put-off build, once a build has run to its end.
func (s *Server) retried() {
	if s.retry.timer != nil {
		s.retry.timer.Stop()
	}
	s.retry = retry{}
}
