package output

import (
	"os"
	"path/filepath"
	"sync"
)

// diskSink writes files under a folder as they are added.
type diskSink struct {
	dir  string
	mu   sync.Mutex
	dirs map[string]bool // folders already made
	err  error           // the first write error
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
