package reuse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sync"

	"github.com/tradeoffs/tradeoffs/generator/internal/cachefile"
	"github.com/tradeoffs/tradeoffs/generator/internal/wire"
)

// storeFile is the Store's name inside the cache folder.
const storeFile = "reuse.bin"

// Store holds results by key between processes. Its methods may be called
// from several goroutines.
type Store struct {
	dir  string
	mu   sync.Mutex
	old  map[Key][]byte // as loaded
	next map[Key][]byte // used or made by this build: what Save keeps
}

// Open reads the Store in dir. A missing Store, or one written by another
// version of the generator, is empty; a damaged one is empty, with an
// error that says so (it only costs time: report it and go on).
func Open(dir string) (*Store, error) {
	st := &Store{dir: dir, old: map[Key][]byte{}, next: map[Key][]byte{}}
	if dir == "" {
		return st, nil
	}
	data, err := cachefile.Read(dir, storeFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return st, nil
	case err != nil:
		return st, fmt.Errorf("the reuse store %w; it was not used", err)
	}
	d := wire.NewReader(data)
	if !bytes.Equal(d.Bytes(), Version()) {
		return st, nil // another generator's: not trusted
	}
	old := map[Key][]byte{}
	for d.Err() == nil && d.Offset() < len(data) {
		var k Key
		copy(k[:], d.Fixed(len(k)))
		old[k] = d.Bytes() // a later entry of the same key wins
	}
	if !d.Done() {
		return st, fmt.Errorf("the reuse store in %s does not decode; it was not used", dir)
	}
	st.old = old
	return st, nil
}

// Len is how many entries the Store held when opened.
func (st *Store) Len() int { return len(st.old) }

// Get returns what was kept under k, and keeps it for the next build.
// The bytes must not be changed.
func (st *Store) Get(k Key) ([]byte, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	v, ok := st.old[k]
	if ok {
		st.next[k] = v
	}
	return v, ok
}

// Put keeps v under k for the next build.
func (st *Store) Put(k Key, v []byte) {
	st.mu.Lock()
	st.next[k] = v
	st.mu.Unlock()
}

// Save writes what the build used or made (see Get and Put), then what
// more gives to its put (nil: nothing), in place of the Store's file, in
// one step. Entries from more are written as they come, not held: a
// build keeps the results it made in their own form until then. Of two
// entries with the same key, the later wins.
func (st *Store) Save(more func(put func(Key, []byte) error) error) error {
	if st.dir == "" {
		return nil
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	return cachefile.Write(st.dir, storeFile, func(w io.Writer) error {
		var head wire.Buf
		head.Bytes(Version())
		if _, err := w.Write(head); err != nil {
			return err
		}
		var e wire.Buf
		put := func(k Key, v []byte) error {
			e = append(e[:0], k[:]...)
			e.Bytes(v)
			_, err := w.Write(e)
			return err
		}
		for k, v := range st.next {
			if err := put(k, v); err != nil {
				return err
			}
		}
		if more == nil {
			return nil
		}
		return more(put)
	})
}
