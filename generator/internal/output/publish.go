package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// A site is published by building it in a new folder beside the output
// folder (see Stage) and, once every file is there, putting that folder in
// the output's place in one step: renameat2(RENAME_EXCHANGE) on Linux,
// renamex_np(RENAME_SWAP) on macOS. A reader of the output folder sees the
// whole old site or the whole new one, never some of each, and a build
// killed at any instant leaves one of them. Where the system cannot
// exchange two folders, the old one is renamed aside and the new one
// renamed in: between those two renames the output folder is absent, and
// a build killed there leaves it absent until the next build or serve puts
// the old site back (see Recover). A first publish, with no output folder
// yet, is one rename: the folder is absent, then complete.
//
// Unchanged files cost no writes: a file made with the same bytes as the
// one in the output folder is hard-linked from it (copied where links are
// not possible). A rebuild that changes one page of 10,000 still links
// every other file into the new folder and removes the old folder's
// entries after the switch; generator/README.md gives the measured cost.

// tmpMarker is part of the name of the folders a publish builds in:
// ".public.building-123" beside public/.
const tmpMarker = ".building-"

// asideSuffix ends the name of an old site moved aside by a publish
// without an exchange.
const asideSuffix = "-old"

// ErrBusy is returned when another build is publishing in the same folder.
var ErrBusy = errors.New("another build is publishing in the same folder")

// step is called after each step of a publish, with the step's name (a
// test stops the publish there).
var step = func(name string) {}

// exchange swaps two paths atomically where the system can (a variable
// for tests).
var exchange = exchangeDirs

// Stage begins publishing a site in dir: it cleans up what killed builds
// left beside dir (see Recover), then returns an empty set whose files are
// written, as they are added, into a new folder beside dir. Files.Publish
// puts that folder in dir's place; Files.Discard removes it and leaves dir
// as it was. When dir holds a site, a file added with the same bytes as
// the file there is linked from it instead of written.
func Stage(dir string) (*Files, error) { return stage(dir, true) }

func stage(dir string, reuse bool) (*Files, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+tmpMarker)
	if err != nil {
		return nil, fmt.Errorf("creating a folder beside %s: %w", dir, err)
	}
	lock, err := lockDir(tmp)
	if err == nil {
		err = os.Chmod(tmp, 0o755)
	}
	if err == nil {
		err = recoverDir(dir, tmp)
	}
	if err != nil {
		os.RemoveAll(tmp)
		lock.Close()
		return nil, err
	}
	fs := OnDisk(tmp)
	fs.disk.target, fs.disk.lock = dir, lock
	if fi, err := os.Lstat(dir); reuse && err == nil && fi.IsDir() {
		fs.disk.prev = dir
	}
	step("staged")
	return fs, nil
}

// Target returns the absolute path of the folder files from Stage are
// published in, or "" for other files.
func (fs *Files) Target() string {
	if fs.disk == nil {
		return ""
	}
	return fs.disk.target
}

// Publish puts the folder the files were written in (see Stage) in the
// place of the output folder, once every file was written. On any error
// the output folder is left as it was.
func (fs *Files) Publish() error {
	d := fs.disk
	if d == nil || d.target == "" {
		return errors.New("output: Publish needs files made with Stage")
	}
	if !d.finish() {
		return errors.New("output: the files were already published or discarded")
	}
	defer d.lock.Close()
	if err := fs.Err(); err != nil {
		os.RemoveAll(d.dir)
		return fmt.Errorf("writing the new site beside %s: %w", d.target, err)
	}
	if err := d.stillLocked(); err != nil {
		return err
	}
	step("complete")
	if err := swap(d.dir, d.target); err != nil {
		os.RemoveAll(d.dir)
		return fmt.Errorf("putting the new site in place of %s: %w", d.target, err)
	}
	return nil
}

// Discard removes the folder the files were written in, if they were not
// published: the output folder is left as it was. It may be deferred
// right after Stage.
func (fs *Files) Discard() {
	if d := fs.disk; d != nil && d.target != "" && d.finish() {
		os.RemoveAll(d.dir)
		d.lock.Close()
	}
}

// Publish writes the files (held in memory) into a new folder beside dir
// and puts it in dir's place, as Files.Publish does. When ctx is cancelled,
// dir is left as it was.
func Publish(ctx context.Context, dir string, files *Files) error {
	staged, err := stage(dir, false)
	if err != nil {
		return err
	}
	defer staged.Discard()
	paths := files.Paths()
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range max(8, runtime.GOMAXPROCS(0)) { // writing waits on the disk more than the CPU
		wg.Go(func() {
			for p := range jobs {
				f, _ := files.Get(p)
				staged.Add(p, f.Data, f.Source) // a write error is kept for Publish
			}
		})
	}
	for _, p := range paths {
		if ctx.Err() != nil {
			break
		}
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return staged.Publish()
}

// swap puts the complete folder tmp in dir's place (see the top of this
// file) and removes the old site.
func swap(tmp, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, dir); err != nil {
			return err
		}
		step("renamed")
		return nil
	}
	if err := exchange(tmp, dir); err == nil {
		step("exchanged")
		removeOld(tmp)
		return nil
	}
	old := tmp + asideSuffix
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("moving the old site aside: %w", err)
	}
	step("aside")
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return fmt.Errorf("%w; the old site is in %s (%v)", err, old, rerr)
		}
		return err
	}
	step("renamed")
	removeOld(old)
	return nil
}

// removeOld removes the old site once the new one is in place. It is
// published by then: a file that cannot be removed only takes space
// until the next build, which removes it (see Recover).
func removeOld(dir string) {
	os.RemoveAll(dir)
	step("removed")
}

// Recover cleans up what builds killed while publishing in dir left
// beside it: folders being built are removed, and an old site moved aside
// by a publish without an exchange goes back in place if dir is absent.
// It returns ErrBusy, and changes nothing, while another build publishes
// in dir. Stage does this first; serve does it at start.
func Recover(dir string) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	return recoverDir(dir, "")
}

// recoverDir is Recover, leaving out own: the folder of the build calling it.
func recoverDir(dir, own string) error {
	parent, prefix := filepath.Dir(dir), "."+filepath.Base(dir)+tmpMarker
	entries, err := os.ReadDir(parent)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	var building, aside []string
	for _, e := range entries {
		p := filepath.Join(parent, e.Name())
		switch {
		case !strings.HasPrefix(e.Name(), prefix) || p == own:
		case strings.HasSuffix(e.Name(), asideSuffix):
			aside = append(aside, p)
		default:
			building = append(building, p)
		}
	}
	for _, p := range building {
		unlock, ok := tryLock(p)
		if !ok {
			return fmt.Errorf("%w: %s is in use: wait for that build to end", ErrBusy, p)
		}
		err := os.RemoveAll(p)
		unlock()
		if err != nil {
			return fmt.Errorf("removing %s, left by a build that was interrupted: %w", p, err)
		}
	}
	for _, p := range aside {
		if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(p, dir); err != nil {
				return fmt.Errorf("a build was interrupted while it replaced %s, whose last site is in %s: %w", dir, p, err)
			}
			continue
		}
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("removing %s, left by a build that was interrupted: %w", p, err)
		}
	}
	return nil
}

// localPath reports whether p is a relative, clean path that stays inside
// the folder it is joined to.
func localPath(p string) bool {
	return p != "" && filepath.IsLocal(filepath.FromSlash(p)) && !strings.Contains(p, "\\")
}
