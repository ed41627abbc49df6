package output

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// diskSink writes files under a folder as they are added.
type diskSink struct {
	dir string
	// prev, if set, is the last build's output: a file made again with
	// the same bytes is linked from there instead of written (see Reuse).
	prev string
	mu   sync.Mutex
	dirs map[string]bool // folders already made
	err  error           // the first write error
	// same holds the paths whose file in prev is the file made (see
	// Reuse and Keep): neither written nor linked until Commit decides
	// how to publish.
	same map[string]bool
	// listing delivers the files of prev, listed while the build runs.
	listing chan listed
	// swapOnly makes Commit swap the whole folder in (see SwapOnly).
	swapOnly bool
}

type listed struct {
	paths []string
	err   error
}

// OnDisk returns an empty set whose files are written under dir (which
// must exist) as they are added. Err reports the first write error.
func OnDisk(dir string) *Files {
	return &Files{m: map[string]*File{}, disk: &diskSink{dir: dir, dirs: map[string]bool{}}}
}

// Dir returns the folder files on disk are written to, or "".
func (fs *Files) Dir() string {
	if fs.disk == nil {
		return ""
	}
	return fs.disk.dir
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

// Reuse tells the files being written that prev is the output of the last
// build, which they will replace (see Commit): a file made with the same
// bytes as prev's is not written again. A rebuild of a large site mostly
// makes the same pages again: comparing them with the last build's costs
// reads, which are cheap, instead of writes, which on some disks cost
// seconds. Files that differ, and anything in prev that is not a regular
// file, are written as usual.
func (fs *Files) Reuse(prev string) {
	if fs.disk != nil {
		fs.disk.prev = prev
		fs.disk.same = map[string]bool{}
		// Commit needs the files of the last output to find those no
		// longer made: listing them is mostly waiting on the disk, done
		// meanwhile.
		ch := make(chan listed, 1)
		go func() {
			paths, err := listFiles(prev)
			ch <- listed{paths, err}
		}()
		fs.disk.listing = ch
	}
}

// SwapOnly makes Commit publish by swapping the whole staged folder in,
// even when few files changed: the output switches from the last site to
// the new one in one step, with no moment where it holds some of each, at
// the cost of linking every unchanged file into the new folder.
func (fs *Files) SwapOnly() {
	if fs.disk != nil {
		fs.disk.swapOnly = true
	}
}

func (d *diskSink) write(path string, data []byte) error {
	if !localPath(path) {
		d.fail(os.ErrInvalid)
		return os.ErrInvalid
	}
	full := filepath.Join(d.dir, filepath.FromSlash(path))
	if err := d.mkdir(filepath.Dir(full)); err != nil {
		d.fail(err)
		return err
	}
	if d.prev != "" {
		if holds(filepath.Join(d.prev, filepath.FromSlash(path)), data) {
			d.mu.Lock()
			d.same[path] = true
			d.mu.Unlock()
			return nil
		}
	}
	err := os.WriteFile(full, data, 0o644)
	if err != nil {
		d.fail(err)
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
	b, _ := os.ReadFile(filepath.Join(d.where(path), filepath.FromSlash(path)))
	return b
}

func (d *diskSink) remove(path string) {
	d.mu.Lock()
	delete(d.same, path)
	d.mu.Unlock()
	os.Remove(filepath.Join(d.dir, filepath.FromSlash(path)))
}

// where returns the folder holding the file at path: prev for the files
// that are the same as the last build's.
func (d *diskSink) where(path string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.same[path] {
		return d.prev
	}
	return d.dir
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

// Keep adds the file at path as the last build made it, in the folder
// given to Reuse, when that file is a regular file of the size and
// modification time (nanoseconds) given: the caller knows it would make the
// same bytes. It reports whether the file was kept; if not, the caller
// makes it.
func (fs *Files) Keep(path, source string, size, modTime int64) bool {
	d := fs.disk
	if d == nil || d.prev == "" || !localPath(path) {
		return false
	}
	info, err := os.Lstat(filepath.Join(d.prev, filepath.FromSlash(path)))
	if err != nil || !info.Mode().IsRegular() || info.Size() != size || info.ModTime().UnixNano() != modTime {
		return false
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if _, ok := fs.m[path]; ok {
		return false // made twice: let Add report it
	}
	fs.m[path] = &File{Path: path, Source: source, Size: int(size)}
	d.mu.Lock()
	d.same[path] = true
	d.mu.Unlock()
	return true
}
