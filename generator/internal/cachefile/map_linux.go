package cachefile

import (
	"os"
	"path/filepath"
	"syscall"
)

// Map returns the bytes of the file name in dir, mapped into memory for
// reading only and read ahead by the kernel rather than copied: the build
// state of a 10,000-page site is 140 MB, which os.ReadFile took 80-110 ms
// to copy and this maps in about 5. The bytes are not checked: take them
// through Part.Of, or call Read. The mapping is never unmapped, because
// the build state's records and the search index made from them point into
// it until the build's process ends (only one-shot builds read a state). A
// file cut short by another process while a build reads it would crash
// that build (SIGBUS), before it has published anything; the generator
// only ever appends to these files or replaces them whole.
func Map(dir, name string) ([]byte, error) {
	b, _, err := mapFile(filepath.Join(dir, name))
	return b, err
}

// mapFile maps the file at path, or reads it if it cannot be mapped, and
// returns a function that unmaps it.
func mapFile(path string) ([]byte, func(), error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if fi.Size() == 0 || int64(int(fi.Size())) != fi.Size() {
		b, err := os.ReadFile(path)
		return b, func() {}, err
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_SHARED|syscall.MAP_POPULATE)
	if err != nil {
		b, err := os.ReadFile(path)
		return b, func() {}, err
	}
	return b, func() { syscall.Munmap(b) }, nil
}
