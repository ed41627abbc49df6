package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// tmpMarker is part of the name of the temporary folders Publish builds in.
const tmpMarker = ".building-"

// Publish writes files into a new temporary folder beside dir and, when all
// of them are written, puts it in dir's place. On any error, or when ctx is
// cancelled, the temporary folder is removed and dir is left exactly as it
// was.
func Publish(ctx context.Context, dir string, files *Files) (err error) {
	tmp, err := Stage(dir)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			Abort(tmp)
		}
	}()
	if err := writeAll(ctx, tmp, files); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return swap(tmp, filepath.Clean(dir))
}

// Stage creates the temporary folder beside dir that a build writes into
// (see OnDisk and Commit), removing any left by builds that were killed.
func Stage(dir string) (string, error) {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("creating %s: %w", parent, err)
	}
	if err := removeStale(parent, filepath.Base(dir)); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+tmpMarker)
	if err != nil {
		return "", fmt.Errorf("creating a temporary folder beside %s: %w", dir, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	return tmp, nil
}

// Abort removes a staged folder: dir is left as it was.
func Abort(tmp string) { os.RemoveAll(tmp) }

// removeStale deletes temporary folders left by builds that were killed,
// first completing the update in place one of them had begun.
func removeStale(parent, base string) error {
	matches, _ := filepath.Glob(filepath.Join(parent, "."+base+tmpMarker+"*"))
	for _, m := range matches {
		if err := finishJournal(m, filepath.Join(parent, base)); err != nil {
			return err
		}
	}
	return nil
}

// writeAll writes every file under root, in parallel.
func writeAll(ctx context.Context, root string, files *Files) error {
	paths := files.Paths()
	dirs := map[string]bool{}
	for _, p := range paths {
		if !localPath(p) {
			return fmt.Errorf("refusing to write %q: output paths must stay inside the output folder", p)
		}
		dirs[filepath.Dir(filepath.Join(root, filepath.FromSlash(p)))] = true
	}
	for d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	jobs := make(chan string)
	var once sync.Once
	var first error
	var wg sync.WaitGroup
	for range max(8, runtime.GOMAXPROCS(0)) { // writing waits on the disk more than the CPU
		wg.Go(func() {
			for p := range jobs {
				f, _ := files.Get(p)
				if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(p)), f.Data, 0o644); err != nil {
					once.Do(func() { first = err })
				}
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
	if first != nil {
		return first
	}
	return ctx.Err()
}

// localPath reports whether p is a relative, clean path that stays inside
// the folder it is joined to.
func localPath(p string) bool {
	return p != "" && filepath.IsLocal(filepath.FromSlash(p)) && !strings.Contains(p, "\\")
}

// swap puts tmp in dir's place. When dir exists the two are exchanged in
// one atomic step where the system allows it, so there is no moment without
// a site; the old site (now at tmp) is then removed.
func swap(tmp, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		return os.Rename(tmp, dir)
	}
	if err := exchange(tmp, dir); err == nil {
		return os.RemoveAll(tmp)
	}
	old := tmp + "-old"
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("moving the previous %s aside: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		_ = os.Rename(old, dir)
		return fmt.Errorf("putting the new site in place: %w", err)
	}
	return os.RemoveAll(old)
}
