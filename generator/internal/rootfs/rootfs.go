// Package rootfs owns the site root as the file system every build reads:
// content/, layouts/, static/ and the site config all come through it, so no
// file from outside the root can reach the output. A symbolic link that
// resolves inside the root is followed; one that leaves it (an absolute
// target, or enough ".." to climb out) cannot be read, and the error names
// the link and its target. The confinement is the operating system's
// (os.Root: each path is resolved one component at a time, beneath the
// root's open folder), not a check made before the read.
package rootfs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// FS is a site root. It implements fs.StatFS, fs.ReadFileFS, fs.ReadDirFS
// and fs.ReadLinkFS; every error on a path that a link takes out of the root
// is an *EscapeError.
type FS struct {
	root *os.Root
	dir  string
}

// Open opens the folder dir as a site root. The folder stays open until
// Close.
func Open(dir string) (*FS, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &FS{root: r, dir: dir}, nil
}

// Close releases the root's folder.
func (f *FS) Close() error { return f.root.Close() }

// EscapeError is a path that a symbolic link takes out of the site root.
type EscapeError struct {
	// Path is the path that was read; Link the symbolic link on the way
	// (Path itself, or one of its folders); Target what Link points to, as
	// written in the link.
	Path, Link, Target string
}

func (e *EscapeError) Error() string {
	what := "points outside the site root"
	if path.IsAbs(e.Target) {
		what = "points to an absolute path"
	}
	msg := fmt.Sprintf("symbolic link %s %s (%s): the build reads only files inside the site; replace the link with the file itself, or make it a relative link to a file inside the site", e.Link, what, e.Target)
	if e.Link != e.Path {
		msg = e.Path + " is read through " + msg
	}
	return msg
}

func (f *FS) Open(name string) (fs.File, error) {
	file, err := f.root.FS().Open(name)
	return file, f.explain(name, err)
}

func (f *FS) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(f.root.FS(), name)
	return b, f.explain(name, err)
}

func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	d, err := fs.ReadDir(f.root.FS(), name)
	return d, f.explain(name, err)
}

func (f *FS) Stat(name string) (fs.FileInfo, error) {
	i, err := fs.Stat(f.root.FS(), name)
	return i, f.explain(name, err)
}

func (f *FS) Lstat(name string) (fs.FileInfo, error) {
	i, err := fs.Lstat(f.root.FS(), name)
	return i, f.explain(path.Dir(name), err)
}

func (f *FS) ReadLink(name string) (string, error) {
	t, err := fs.ReadLink(f.root.FS(), name)
	return t, f.explain(path.Dir(name), err)
}

// explain turns err, returned for name, into an *EscapeError when a link on
// name's way leaves the root. Only then: a missing file stays fs.ErrNotExist.
func (f *FS) explain(name string, err error) error {
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if e := f.escape(name); e != nil {
		return e
	}
	return err
}

// maxLinks bounds the links followed while explaining a path (as the
// kernel's own limit on links in one lookup).
const maxLinks = 40

// escape resolves name one component at a time, reading links (their
// targets only, never a file's content) the way the root does, and returns
// the first link whose target leaves the root, or nil.
func (f *FS) escape(name string) *EscapeError {
	type part struct{ name, link, target string } // link: the link whose target holds it
	var todo []part
	add := func(p, link, target string) {
		var parts []part
		for n := range strings.SplitSeq(p, "/") {
			parts = append(parts, part{n, link, target})
		}
		todo = append(parts, todo...)
	}
	add(name, "", "")
	var done []string // resolved components, inside the root
	for links := 0; len(todo) > 0 && links <= maxLinks; {
		p := todo[0]
		todo = todo[1:]
		switch p.name {
		case "", ".":
			continue
		case "..":
			if len(done) == 0 {
				if p.link == "" {
					return nil // not reached through a link: fs.ValidPath refuses it
				}
				return &EscapeError{Path: name, Link: p.link, Target: p.target}
			}
			done = done[:len(done)-1]
			continue
		}
		cur := path.Join(append(done, p.name)...)
		abs := filepath.Join(f.dir, filepath.FromSlash(cur))
		fi, err := os.Lstat(abs)
		if err != nil {
			return nil
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			done = append(done, p.name)
			continue
		}
		links++
		target, err := os.Readlink(abs)
		if err != nil {
			return nil
		}
		if filepath.IsAbs(target) || path.IsAbs(filepath.ToSlash(target)) {
			return &EscapeError{Path: name, Link: cur, Target: target}
		}
		add(filepath.ToSlash(target), cur, target)
	}
	return nil
}
