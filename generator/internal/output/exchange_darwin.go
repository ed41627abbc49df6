package output

import "golang.org/x/sys/unix"

// exchangeDirs swaps two paths atomically (renamex_np with RENAME_SWAP,
// macOS 10.12 and later on APFS and HFS+).
func exchangeDirs(a, b string) error {
	return unix.RenamexNp(a, b, unix.RENAME_SWAP)
}
