package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// diskSink writes files under a folder as they are added.
type diskSink struct {
	dir string
	// target is the folder dir is published in, for files from Stage.
	target string
	// prev, if set, is the site in target: a file made again with the
	// same bytes is linked from there instead of written (see Stage).
	prev string
	// lock holds dir while the build writes in it (see lockDir).
	lock *os.File
	mu   sync.Mutex
	dirs map[string]bool // folders already made
	// busy holds the paths being written, each with a channel closed
	// when its write is done (see claim).
	busy map[string]chan struct{}
	err  error // the first write error
	done bool  // published or discarded
}

// OnDisk returns an empty set whose files are written under dir (which
// must exist) as they are added, and nothing else: Stage makes files that
// are published. Err reports the first write error.
func OnDisk(dir string) *Files {
	return &Files{m: map[string]*File{}, disk: &diskSink{dir: dir, dirs: map[string]bool{}}}
}

// Err returns the first error writing files to disk.
func (fs *Files) Err() error {
	if fs.disk == nil {
		return nil
	}
	fs.disk.mu.Lock()
	defer fs.disk.mu.Unlock()
	return fs.disk.err
}

// finish marks the files published or discarded; it reports false if
// they already were.
func (d *diskSink) finish() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.done {
		return false
	}
	d.done = true
	return true
}

// stillLocked checks that the folder being written is the one locked.
func (d *diskSink) stillLocked() error {
	if d.lock == nil {
		return nil
	}
	return sameDir(d.lock, d.dir)
}

func (d *diskSink) write(path string, data []byte) error {
	if !localPath(path) {
		err := fmt.Errorf("refusing to write %q: output paths must stay inside the output folder", path)
		d.fail(err)
		return err
	}
	defer d.claim(path)()
	full := filepath.Join(d.dir, filepath.FromSlash(path))
	if err := d.mkdir(filepath.Dir(full)); err != nil {
		d.fail(err)
		return err
	}
	// A rebuild of a large site mostly makes the same pages again:
	// comparing them with the last build's costs reads, which are cheap,
	// instead of writes, which on some disks cost seconds.
	if d.prev != "" {
		if old := filepath.Join(d.prev, filepath.FromSlash(path)); holds(old, data) && link(old, full) == nil {
			step("link " + path)
			return nil
		}
	}
	err := create(full, data)
	if err != nil {
		d.fail(err)
	}
	step("write " + path)
	return err
}

// claim waits until no other write of path is under way and returns the
// function that ends this one. Pages converted on several cores put the
// same file at once (a diagram two pages draw alike is one file, named
// by its content): one after the other, each replaces the last.
func (d *diskSink) claim(path string) (release func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for d.busy[path] != nil {
		wait := d.busy[path]
		d.mu.Unlock()
		<-wait
		d.mu.Lock()
	}
	if d.busy == nil {
		d.busy = map[string]chan struct{}{}
	}
	done := make(chan struct{})
	d.busy[path] = done
	return func() {
		d.mu.Lock()
		delete(d.busy, path)
		d.mu.Unlock()
		close(done)
	}
}

// create writes data to a new file at p. A file already at p is replaced,
// never written through: it may be a link to a file of the published site.
func create(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		if err := os.Remove(p); err != nil {
			return err
		}
		f, err = os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// link makes new a hard link to old, replacing what is at new.
func link(old, new string) error {
	err := os.Link(old, new)
	if errors.Is(err, fs.ErrExist) {
		if err := os.Remove(new); err != nil {
			return err
		}
		err = os.Link(old, new)
	}
	return err
}

func (d *diskSink) mkdir(dir string) error {
	d.mu.Lock()
	done := d.dirs[dir]
	d.mu.Unlock()
	if done {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	d.mu.Lock()
	d.dirs[dir] = true
	d.mu.Unlock()
	return nil
}

func (d *diskSink) read(path string) []byte {
	b, _ := os.ReadFile(filepath.Join(d.dir, filepath.FromSlash(path)))
	return b
}

func (d *diskSink) remove(path string) {
	os.Remove(filepath.Join(d.dir, filepath.FromSlash(path)))
}

func (d *diskSink) fail(err error) {
	d.mu.Lock()
	if d.err == nil {
		d.err = err
	}
	d.mu.Unlock()
}

// compareBuf is the buffer holds reads into.
var compareBuf = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// holds reports whether p is a regular file holding exactly data.
func holds(p string, data []byte) bool {
	info, err := os.Lstat(p)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	bp := compareBuf.Get().(*[]byte)
	defer compareBuf.Put(bp)
	buf := *bp
	for len(data) > 0 {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data))])
		if err != nil || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	// The file may have grown since Lstat.
	n, _ := f.Read(buf[:1])
	return n == 0
}
