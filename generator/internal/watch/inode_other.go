//go:build !unix

package watch

import "io/fs"

// inode returns 0 where the system exposes no inode number through
// fs.FileInfo; size and modification time still tell versions apart.
func inode(fs.FileInfo) uint64 { return 0 }
