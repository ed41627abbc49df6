package reuse

import (
	"crypto/sha256"
	"encoding/binary"
	"io"
	"math/rand/v2"
	"os"
	"sync"

	"github.com/cespare/xxhash/v2"
)

// Key identifies a result by what it was made from.
type Key [32]byte

// format changes when the layout of a Store or of what it keeps changes.
const format = "tradeoffs-reuse-1"

// Derive returns the key of a result of kind made from inputs: the hash of
// the generator's version, the kind, and each input with its length (so no
// two lists of inputs run together into the same bytes).
func Derive(kind string, inputs ...[]byte) Key {
	h := sha256.New()
	var n [8]byte
	write := func(b []byte) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	write(Version())
	write([]byte(kind))
	for _, in := range inputs {
		write(in)
	}
	var k Key
	h.Sum(k[:0])
	return k
}

var version struct {
	sync.Once
	v []byte
}

// Version identifies the running generator: the format, and a hash of the
// executable's bytes, since another build of the generator may make
// something else of the same input. When the executable cannot be read,
// it is a value of this process alone, so nothing is reused across runs.
func Version() []byte {
	version.Do(func() {
		version.v = binary.LittleEndian.AppendUint64([]byte(format), exeHash())
	})
	return version.v
}

func exeHash() uint64 {
	exe, err := os.Executable()
	if err == nil {
		var f *os.File
		if f, err = os.Open(exe); err == nil {
			defer f.Close()
			h := xxhash.New()
			if _, err = io.Copy(h, f); err == nil {
				return h.Sum64()
			}
		}
	}
	return rand.Uint64() // unique to this process
}
