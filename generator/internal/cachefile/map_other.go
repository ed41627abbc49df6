//go:build !linux

package cachefile

import (
	"os"
	"path/filepath"
)

// Map returns the bytes of the file name in dir, unchecked; on Linux they
// are mapped into memory rather than copied (see map_linux.go).
func Map(dir, name string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, name)) }

// mapFile reads the file at path.
func mapFile(path string) ([]byte, func(), error) {
	b, err := os.ReadFile(path)
	return b, func() {}, err
}
