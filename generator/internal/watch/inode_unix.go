//go:build unix

package watch

import (
	"io/fs"
	"syscall"
)

// inode returns the file's inode number, which an atomic save changes.
func inode(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino) // not a uint64 on every system
	}
	return 0
}
