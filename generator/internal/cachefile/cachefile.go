// Package cachefile owns how the files of the build's cache folder (.cache/)
// are written and read back. The folder outlives builds, is restored by CI
// hosts, and can be damaged by a crash, a full disk or a person; what a
// build reads from it goes into a site served with year-long cache headers.
// So every byte read back is checked before it is used, and a file or part
// that does not check out is not used at all (the build makes what it held
// again).
//
// Each file is sealed (Write or WriteBytes, then Read or Decode): the bytes
// written, then their Sum. Read and Decode give them back only if they still have that
// Sum, else ErrDamaged.
//
// A Sum is the length and the 64-bit xxhash of the bytes: random damage
// (a flipped bit, a torn write, a file cut short or grown) passes it with
// odds of 1 in 2⁶⁴. It is no defence against someone who writes the cache
// folder on purpose: what reads a file also checks it belongs to this
// generator and site.
//
// Every file is written into a temporary file renamed over the previous one
// once complete: a reader never sees half a file, and a write that fails
// leaves the previous file as it was.
//
// cachefile imports xxhash and the standard library.
package cachefile

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/cespare/xxhash/v2"
)

// Sum is what a run of bytes must be to be used: its length and hash.
type Sum struct {
	Len, Hash uint64
}

// SumOf returns the Sum of b.
func SumOf(b []byte) Sum { return Sum{uint64(len(b)), xxhash.Sum64(b)} }

// Holds reports whether b has Sum s.
func (s Sum) Holds(b []byte) bool { return SumOf(b) == s }

// ErrDamaged is what Read returns for a file whose bytes are not as they
// were written.
var ErrDamaged = errors.New("damaged: its checksum does not match what was written")

// sealSize is the size of a sealed file's seal: its Sum.
const sealSize = 16

// Write writes the sealed file name in dir (made if need be): what write
// writes, then its Sum.
func Write(dir, name string, write func(w io.Writer) error) error {
	return create(dir, name, func(w io.Writer) error {
		h := &summer{w: w, d: xxhash.New()}
		if err := write(h); err != nil {
			return err
		}
		_, err := w.Write(seal(Sum{h.n, h.d.Sum64()}))
		return err
	})
}

// WriteBytes writes the sealed file name in dir (made if need be) holding
// data, as Write does, in two writes and without a buffer: for the many
// small files of a folder of entries.
func WriteBytes(dir, name string, data []byte) error {
	return replace(dir, name, func(f *os.File) error {
		if _, err := f.Write(data); err != nil {
			return err
		}
		_, err := f.Write(seal(SumOf(data)))
		return err
	})
}

// seal returns the bytes that end a sealed file with Sum s.
func seal(s Sum) []byte {
	return binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(nil, s.Len), s.Hash)
}

// summer passes what is written on to w, counting and hashing it.
type summer struct {
	w io.Writer
	d *xxhash.Digest
	n uint64
}

func (s *summer) Write(p []byte) (int, error) {
	s.d.Write(p)
	s.n += uint64(len(p))
	return s.w.Write(p)
}

// Read returns what Write wrote into the file name in dir, if it still
// has the Sum it was written with, else ErrDamaged naming the file.
func Read(dir, name string) ([]byte, error) {
	path := filepath.Join(dir, name)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) >= sealSize {
		body, seal := data[:len(data)-sealSize], data[len(data)-sealSize:]
		sum := Sum{binary.LittleEndian.Uint64(seal), binary.LittleEndian.Uint64(seal[8:])}
		if sum.Holds(body) {
			return body[:len(body):len(body)], nil
		}
	}
	return nil, fmt.Errorf("%s is %w", path, ErrDamaged)
}

// Decode calls decode with what Read returns, and returns decode's error.
func Decode(dir, name string, decode func(data []byte) error) error {
	data, err := Read(dir, name)
	if err != nil {
		return err
	}
	return decode(data)
}

// create writes the file name in dir (made if need be) through write,
// buffered, into a temporary file renamed over the previous one once
// complete.
func create(dir, name string, write func(w io.Writer) error) error {
	return replace(dir, name, func(f *os.File) error {
		w := bufio.NewWriterSize(f, 1<<20)
		if err := write(w); err != nil {
			return err
		}
		return w.Flush()
	})
}

// replace writes the file name in dir (made if need be) through write,
// into a temporary file renamed over the previous one once complete.
func replace(dir, name string, write func(f *os.File) error) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, name+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, name))
}
