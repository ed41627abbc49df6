//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package output

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// lockDir opens dir and locks it (flock) for as long as the file is open:
// Recover, in another process, leaves a locked folder alone.
func lockDir(dir string) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	// Another build's Recover may have removed the folder between its
	// creation and the lock.
	if err := sameDir(f, dir); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// sameDir checks that dir is still the folder f has open.
func sameDir(f *os.File, dir string) error {
	a, err1 := f.Stat()
	b, err2 := os.Lstat(dir)
	if err1 != nil || err2 != nil || !os.SameFile(a, b) {
		return fmt.Errorf("%s was removed while the build wrote in it (by another build?)", dir)
	}
	return nil
}

// tryLock locks dir if no one holds it; unlock releases it. A folder that
// cannot be opened is not held.
func tryLock(dir string) (unlock func(), ok bool) {
	f, err := os.Open(dir)
	if err != nil {
		return func() {}, true
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); errors.Is(err, unix.EWOULDBLOCK) {
		f.Close()
		return nil, false
	}
	return func() { f.Close() }, true
}
