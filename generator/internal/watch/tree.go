package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/editorfiles"
)

// fileState is what tells two versions of a file apart without reading it.
// The inode catches an atomic save that kept the size within one tick of the
// file system clock.
type fileState struct {
	size  int64
	mtime int64
	ino   uint64
}

func stateOf(fi fs.FileInfo) fileState {
	return fileState{size: fi.Size(), mtime: fi.ModTime().UnixNano(), ino: inode(fi)}
}

// tree is the snapshot of the files under the roots, as last reported: the
// changes of a batch are the differences between it and the disk.
type tree struct {
	dir   string // absolute site folder
	roots rootSet
	files map[string]fileState // by slash path relative to dir
	dirs  map[string]bool      // folders under the roots
}

func newTree(dir string, roots rootSet) *tree {
	return &tree{dir: dir, roots: roots, files: map[string]fileState{}, dirs: map[string]bool{}}
}

func (t *tree) abs(rel string) string { return filepath.Join(t.dir, filepath.FromSlash(rel)) }

// rel returns the slash path of name relative to the site folder, and false
// when name lies outside it.
func (t *tree) rel(name string) (string, bool) {
	if name == t.dir {
		return "", true
	}
	r, ok := strings.CutPrefix(name, t.dir+string(filepath.Separator))
	return filepath.ToSlash(r), ok
}

func (t *tree) known(rel string) bool {
	_, ok := t.files[rel]
	return ok || t.dirs[rel]
}

// scanAll reads the state of every file and folder under the roots. It gives
// up, returning false, as soon as stop is closed.
func (t *tree) scanAll(stop <-chan struct{}) (map[string]fileState, map[string]bool, bool) {
	files := make(map[string]fileState, len(t.files))
	dirs := make(map[string]bool, len(t.dirs))
	for _, r := range t.roots.tops() {
		if !t.scan(r, files, dirs, stop) {
			return nil, nil, false
		}
	}
	return files, dirs, true
}

// scan adds the state of rel and everything under it to files and dirs.
// Paths that vanish or cannot be read while scanning are left out.
func (t *tree) scan(rel string, files map[string]fileState, dirs map[string]bool, stop <-chan struct{}) bool {
	stopped := false
	_ = filepath.WalkDir(t.abs(rel), func(p string, d fs.DirEntry, err error) error {
		if isClosed(stop) {
			stopped = true
			return filepath.SkipAll
		}
		r, ok := t.rel(p)
		if err != nil || !ok || (r != rel && editorfiles.Match(d.Name())) {
			return skip(d)
		}
		if d.IsDir() {
			dirs[r] = true
			return nil
		}
		if d.Type()&(fs.ModeType&^fs.ModeSymlink) != 0 {
			return nil // sockets, pipes, devices: never site sources
		}
		if fi, err := d.Info(); err == nil {
			files[r] = stateOf(fi)
		}
		return nil
	})
	return !stopped
}

// skip leaves out an entry that cannot be read or is ignored, and the folder
// under it.
func skip(d fs.DirEntry) error {
	if d != nil && d.IsDir() {
		return filepath.SkipDir
	}
	return nil
}

// reconcile compares each dirty path with the disk, updates the snapshot and
// returns the changes, sorted by path. A dirty path marked true had a write:
// it is modified even if its size and time look the same (two saves within
// one tick of the file system clock).
func (t *tree) reconcile(dirty map[string]bool) []Change {
	paths := make([]string, 0, len(dirty))
	for p := range dirty {
		paths = append(paths, p)
	}
	// Folders sort before what they hold, so their scan runs first.
	slices.Sort(paths)
	out := make(map[string]Change)
	for _, p := range paths {
		if _, ok := t.roots.match(p); !ok {
			continue
		}
		fi, err := os.Lstat(t.abs(p))
		switch {
		case err != nil:
			t.forget(p, out)
		case fi.IsDir():
			t.refreshDir(p, out)
		default:
			t.refreshFile(p, stateOf(fi), dirty[p], out)
		}
	}
	return sortedChanges(out)
}

// note records a change in out, combined with one already there.
func (t *tree) note(out map[string]Change, p string, k Kind) {
	if old, ok := out[p]; ok {
		var keep bool
		if k, keep = combine(old.Kind, k); !keep {
			delete(out, p)
			return
		}
	}
	out[p] = Change{Path: p, Kind: k, Class: t.roots.class(p)}
}

func (t *tree) refreshFile(p string, st fileState, wrote bool, out map[string]Change) {
	if t.dirs[p] {
		t.forget(p, out) // a folder replaced by a file
	}
	old, known := t.files[p]
	switch {
	case !known:
		t.note(out, p, Created)
	case wrote || old != st:
		t.note(out, p, Modified)
	default:
		return
	}
	t.files[p] = st
}

// refreshDir scans folder p: files found in it are created or modified, known
// files no longer in it are removed.
func (t *tree) refreshDir(p string, out map[string]Change) {
	if _, ok := t.files[p]; ok {
		t.forget(p, out) // a file replaced by a folder
	}
	files, dirs := map[string]fileState{}, map[string]bool{}
	t.scan(p, files, dirs, nil)
	t.forgetUnder(p, func(q string) bool { _, ok := files[q]; return ok || dirs[q] }, out)
	for q, st := range files {
		t.refreshFile(q, st, false, out)
	}
	for q := range dirs {
		t.dirs[q] = true
	}
}

// forget removes p, and everything under it, from the snapshot.
func (t *tree) forget(p string, out map[string]Change) {
	if _, ok := t.files[p]; ok {
		delete(t.files, p)
		t.note(out, p, Removed)
	}
	if t.dirs[p] {
		delete(t.dirs, p)
		t.forgetUnder(p, func(string) bool { return false }, out)
	}
}

// forgetUnder removes the paths under folder p that keep does not keep.
func (t *tree) forgetUnder(p string, keep func(string) bool, out map[string]Change) {
	for q := range t.files {
		if q != p && within(q, p) && !keep(q) {
			delete(t.files, q)
			t.note(out, q, Removed)
		}
	}
	for q := range t.dirs {
		if q != p && within(q, p) && !keep(q) {
			delete(t.dirs, q)
		}
	}
}

// vanished reports whether a path of the snapshot among paths is gone.
func (t *tree) vanished(paths map[string]bool) bool {
	for p := range paths {
		if !t.known(p) {
			continue
		}
		if _, err := os.Lstat(t.abs(p)); errors.Is(err, fs.ErrNotExist) {
			return true
		}
	}
	return false
}

func isClosed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}
