package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// A build over an existing output mostly makes the same files again. Making
// a whole new folder of them (hard links, at best) and removing the old one
// costs about two seconds per 10,000 files on some disks, however few
// changed; so when few did, the output is updated in place instead: the
// changed files, written beside it, are renamed over their targets and the
// files the build no longer makes are removed. That gives up the folder
// swap's all-at-once switch for a few renames' time, so before the first
// rename the list of renames and removals is written (the journal), and a
// build interrupted half way through them is completed by the next one
// (see Stage) before anything else. When many files changed, the new
// folder is completed with links to the unchanged ones and swapped in.

// journalName is the journal's name inside the staged folder.
const journalName = ".tradeoffs-journal"

// inPlaceLimit is the most files an update in place renames and removes
// (a variable for tests).
var inPlaceLimit = 1000

// Commit publishes the staged files (made with OnDisk on a folder from
// Stage) in dir, the folder given to Reuse if any: in place when few files
// changed, else by swapping the staged folder in.
func Commit(files *Files, dir string) error {
	dir = filepath.Clean(dir)
	d := files.disk
	if d == nil {
		return errors.New("output: Commit needs files made with OnDisk")
	}
	if d.prev == "" || filepath.Clean(d.prev) != dir {
		return swap(d.dir, dir)
	}
	if fi, err := os.Lstat(dir); err != nil || !fi.IsDir() {
		return swap(d.dir, dir) // nothing to update: the staged folder is the site
	}
	files.mu.RLock()
	made := make(map[string]bool, len(files.m))
	var written []string
	for p := range files.m {
		made[p] = true
		if !d.same[p] {
			written = append(written, p)
		}
	}
	files.mu.RUnlock()
	l := <-d.listing
	if l.err != nil {
		return l.err
	}
	old := l.paths
	var removed []string
	for _, p := range old {
		if !made[p] {
			removed = append(removed, p)
		}
	}
	if !d.swapOnly && len(written)+len(removed) <= inPlaceLimit && !conflicts(dir, written) {
		slices.Sort(written)
		slices.Sort(removed)
		return updateInPlace(d.dir, dir, written, removed)
	}
	if err := linkSame(d); err != nil {
		return err
	}
	return swap(d.dir, dir)
}

// listFiles lists the regular files and links under dir, slash-separated.
func listFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing the previous %s: %w", dir, err)
	}
	return out, nil
}

// conflicts reports whether a written file's target, or a folder above
// it, is in the way as something other than what it must become: a folder
// where a file goes, or a file where a folder goes. The swap handles those.
func conflicts(dir string, written []string) bool {
	for _, p := range written {
		target := filepath.Join(dir, filepath.FromSlash(p))
		if fi, err := os.Lstat(target); err == nil && fi.IsDir() {
			return true // a rename replaces a file or a link, not a folder
		}
		for parent := filepath.Dir(target); parent != dir && len(parent) > len(dir); parent = filepath.Dir(parent) {
			fi, err := os.Lstat(parent)
			if err == nil {
				if !fi.IsDir() {
					return true
				}
				break
			}
		}
	}
	return false
}

// linkSame completes the staged folder with links to the files of the
// last output that the build made the same.
func linkSame(d *diskSink) error {
	d.mu.Lock()
	same := make([]string, 0, len(d.same))
	for p := range d.same {
		same = append(same, p)
	}
	d.mu.Unlock()
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	n := max(4, runtime.GOMAXPROCS(0))
	for w := range n {
		wg.Go(func() {
			for i := w; i < len(same); i += n {
				p := filepath.FromSlash(same[i])
				full := filepath.Join(d.dir, p)
				err := d.mkdir(filepath.Dir(full))
				if err == nil {
					err = os.Link(filepath.Join(d.prev, p), full)
				}
				if err != nil {
					once.Do(func() { first = err })
				}
			}
		})
	}
	wg.Wait()
	return first
}

// updateInPlace writes the journal of the update into tmp, then applies it.
func updateInPlace(tmp, dir string, written, removed []string) error {
	var b strings.Builder
	for _, p := range removed {
		b.WriteString("D " + p + "\n")
	}
	for _, p := range written {
		b.WriteString("W " + p + "\n")
	}
	b.WriteString("end\n") // a journal cut short is not applied
	j := filepath.Join(tmp, journalName)
	f, err := os.Create(j + ".tmp")
	if err != nil {
		return err
	}
	_, err = f.WriteString(b.String())
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(j+".tmp", j)
	}
	if err != nil {
		return fmt.Errorf("writing the journal of the update of %s: %w", dir, err)
	}
	return applyJournal(tmp, dir)
}

// applyJournal carries out the journal in the staged folder tmp on dir and
// removes tmp. It can be run again after an interruption: a file already
// renamed is no longer in tmp, a file already removed is not in dir.
func applyJournal(tmp, dir string) error {
	data, err := os.ReadFile(filepath.Join(tmp, journalName))
	if err != nil {
		return err
	}
	lines := strings.Split(string(data), "\n")
	if len(lines) < 2 || lines[len(lines)-2] != "end" {
		return fmt.Errorf("the journal in %s is cut short", tmp)
	}
	for _, l := range lines[:len(lines)-2] {
		op, p, ok := strings.Cut(l, " ")
		if !ok || !localPath(p) {
			return fmt.Errorf("the journal in %s holds %q", tmp, l)
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		switch op {
		case "D":
			if err := os.Remove(target); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			removeEmptyParents(dir, filepath.Dir(target))
		case "W":
			src := filepath.Join(tmp, filepath.FromSlash(p))
			if _, err := os.Lstat(src); errors.Is(err, fs.ErrNotExist) {
				continue // renamed before an interruption
			}
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			if err := os.Rename(src, target); err != nil {
				return err
			}
		default:
			return fmt.Errorf("the journal in %s holds %q", tmp, l)
		}
	}
	return os.RemoveAll(tmp)
}

// removeEmptyParents removes folder p and the folders above it, up to dir
// (excluded), while they are empty.
func removeEmptyParents(dir, p string) {
	for len(p) > len(dir) && strings.HasPrefix(p, dir) {
		if os.Remove(p) != nil {
			return
		}
		p = filepath.Dir(p)
	}
}

// finishJournal completes the update of dir that the staged folder tmp
// was making when its build was interrupted, if it had got as far as its
// journal; otherwise tmp is only removed.
func finishJournal(tmp, dir string) error {
	if _, err := os.Lstat(filepath.Join(tmp, journalName)); err != nil {
		return os.RemoveAll(tmp)
	}
	if err := applyJournal(tmp, dir); err != nil {
		return fmt.Errorf("the last build was interrupted while it updated %s, which cannot be completed (%v): remove %s and build again", dir, err, dir)
	}
	return nil
}
