// Package output owns the built site as a set of files in memory (path →
// bytes) and publishing it: writing to a temporary folder beside the output
// folder and swapping it in only when every file was written, so a failed
// or interrupted build never leaves a half-written site where the last good
// one was.
//
// output imports diag, golang.org/x/sys (for the atomic folder exchange on
// Linux) and the standard library.
package output

import (
	"maps"
	"slices"
	"sync"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// File is one output file.
type File struct {
	// Path is slash-separated, relative to the site root: "patterns/x/index.html".
	Path string
	Data []byte
	// Source is the file it was made from, for messages ("" if generated).
	Source string
}

// Files is a built site. It is safe for concurrent use.
type Files struct {
	mu sync.RWMutex
	m  map[string]*File
}

// NewFiles returns an empty set.
func NewFiles() *Files { return &Files{m: map[string]*File{}} }

// Add adds a file. Two sources writing the same path is an error naming
// both; the first one is kept.
func (fs *Files) Add(path string, data []byte, source string) error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if old, ok := fs.m[path]; ok {
		return diag.Errorf(diag.Pos{File: source}, "%s and %s would both be written to /%s: rename or move one of them",
			orGenerated(old.Source), orGenerated(source), path)
	}
	fs.m[path] = &File{Path: path, Data: data, Source: source}
	return nil
}

// Put adds or replaces a file.
func (fs *Files) Put(path string, data []byte, source string) {
	fs.mu.Lock()
	fs.m[path] = &File{Path: path, Data: data, Source: source}
	fs.mu.Unlock()
}

// Delete removes a file.
func (fs *Files) Delete(path string) {
	fs.mu.Lock()
	delete(fs.m, path)
	fs.mu.Unlock()
}

func orGenerated(s string) string {
	if s == "" {
		return "a generated file"
	}
	return s
}

// Get returns the file at path.
func (fs *Files) Get(path string) (*File, bool) {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	f, ok := fs.m[path]
	return f, ok
}

// Paths returns every path, sorted.
func (fs *Files) Paths() []string {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	return slices.Sorted(maps.Keys(fs.m))
}

// Len returns the number of files.
func (fs *Files) Len() int {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	return len(fs.m)
}

// Size returns the total number of bytes.
func (fs *Files) Size() int64 {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	var n int64
	for _, f := range fs.m {
		n += int64(len(f.Data))
	}
	return n
}

// Clone returns a copy sharing the file contents (which are never mutated).
func (fs *Files) Clone() *Files {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	return &Files{m: maps.Clone(fs.m)}
}
