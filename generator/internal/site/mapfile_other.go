//go:build !linux

package site

import "os"

// readShared returns the bytes of the file at path; on Linux they are
// mapped into memory rather than copied (see mapfile_linux.go).
func readShared(path string) ([]byte, error) { return os.ReadFile(path) }
