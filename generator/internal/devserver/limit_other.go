//go:build !unix

package devserver

// fileLimit returns the process's limit on open files, 0 if unknown.
func fileLimit() uint64 { return 0 }
