// Package output owns the built site as a set of files (path → bytes, in
// memory or written to disk as they are made) and publishing it: the files
// are written into a new folder beside the output folder, which replaces
// the output folder in one step only once every file is there (see
// publish.go). A failed build never touches the last good site, and a
// reader of the output folder sees the old site or the new one, never
// some of each, whenever a build is killed.
//
// output imports diag, xxhash, golang.org/x/sys (the atomic folder
// exchange and the lock of a folder being built) and the standard library.
package output

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/cespare/xxhash/v2"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// File is one output file.
type File struct {
	// Path is slash-separated, relative to the site root: "patterns/x/index.html".
	Path string
	Data []byte
	// Source is the file it was made from, for messages ("" if generated).
	Source string
	// Size is len(Data), also when the data lives on disk only.
	Size int
}

// Files is a built site. It is safe for concurrent use. Files made with
// NewFiles hold the data in memory (the preview server serves from it);
// files made with OnDisk write each file as it is added and keep only its
// name and size, so a large build's pages are written while others are
// still being rendered and never all sit in memory.
type Files struct {
	mu   sync.RWMutex
	m    map[string]*File
	disk *diskSink
}

// NewFiles returns an empty set in memory.
func NewFiles() *Files { return &Files{m: map[string]*File{}} }

// NewFilesSize returns an empty set in memory with room for n files, so a
// rebuild of a large site does not grow its map step by step.
func NewFilesSize(n int) *Files { return &Files{m: make(map[string]*File, n)} }

// Add adds a file. Two sources writing the same path is an error naming
// both; the first one is kept.
func (fs *Files) Add(path string, data []byte, source string) error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if old, ok := fs.m[path]; ok {
		return diag.Errorf(diag.Pos{File: source}, "%s and %s would both be written to /%s: rename or move one of them",
			orGenerated(old.Source), orGenerated(source), path)
	}
	return fs.store(path, data, source)
}

// store records a file, writing it out for files on disk. The caller
// holds the lock; the disk write happens outside it.
func (fs *Files) store(path string, data []byte, source string) error {
	f := &File{Path: path, Data: data, Source: source, Size: len(data)}
	if fs.disk == nil {
		fs.m[path] = f
		return nil
	}
	f.Data = nil
	fs.m[path] = f
	fs.mu.Unlock()
	err := fs.disk.write(path, data)
	fs.mu.Lock()
	return err
}

// Put adds or replaces a file.
func (fs *Files) Put(path string, data []byte, source string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if err := fs.store(path, data, source); err != nil {
		fs.disk.fail(err)
	}
}

// Delete removes a file.
func (fs *Files) Delete(path string) {
	fs.mu.Lock()
	delete(fs.m, path)
	fs.mu.Unlock()
	if fs.disk != nil {
		fs.disk.remove(path)
	}
}

func orGenerated(s string) string {
	if s == "" {
		return "a generated file"
	}
	return s
}

// Get returns the file at path. For files on disk, its data is read back.
func (fs *Files) Get(path string) (*File, bool) {
	fs.mu.RLock()
	f, ok := fs.m[path]
	fs.mu.RUnlock()
	if ok && fs.disk != nil {
		c := *f
		c.Data = fs.disk.read(path)
		return &c, true
	}
	return f, ok
}

// Source returns the source of the file at path.
func (fs *Files) Source(path string) (string, bool) {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	f, ok := fs.m[path]
	if !ok {
		return "", false
	}
	return f.Source, true
}

// Has reports whether there is a file at path, without reading it.
func (fs *Files) Has(path string) bool {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	_, ok := fs.m[path]
	return ok
}

// Paths returns every path, sorted.
func (fs *Files) Paths() []string {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	return slices.Sorted(maps.Keys(fs.m))
}

// PathsKey hashes the set of paths, in no order, leaving out those under
// skip/ (unless skip is ""): two sets with the same key hold the same
// paths, to a 64-bit hash's certainty.
func (fs *Files) PathsKey(skip string) uint64 {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	var k, n uint64
	for p := range fs.m {
		if skip != "" && strings.HasPrefix(p, skip+"/") {
			continue
		}
		k += xxhash.Sum64String(p)
		n++
	}
	return k ^ n
}

// All returns every file, in no order: for a caller that looks at each
// and does not need them sorted (sorting 10,000 paths costs milliseconds).
func (fs *Files) All() []*File {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	out := make([]*File, 0, len(fs.m))
	for _, f := range fs.m {
		out = append(out, f)
	}
	return out
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
		n += int64(f.Size)
	}
	return n
}

// Clone returns a copy sharing the file contents (which are never mutated).
func (fs *Files) Clone() *Files {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	return &Files{m: maps.Clone(fs.m)}
}
