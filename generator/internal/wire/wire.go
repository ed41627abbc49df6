// Package wire is the byte encoding the generator writes: unsigned LEB128
// varints, zigzag varints and length-prefixed strings. The search index
// files (read by the browser), the saved search analyses and the build
// state use it; each lays out its own records with Buf and reads them back
// with Reader.
//
// wire imports the standard library only.
package wire

import (
	"errors"
	"unsafe"
)

// Buf is an append-only byte buffer.
type Buf []byte

// Uvarint appends x as an unsigned LEB128 varint.
func (b *Buf) Uvarint(x uint64) {
	for x >= 0x80 {
		*b = append(*b, byte(x)|0x80)
		x >>= 7
	}
	*b = append(*b, byte(x))
}

// Varint appends x zigzag-encoded, so small negative numbers stay short.
func (b *Buf) Varint(x int64) { b.Uvarint(uint64(x<<1) ^ uint64(x>>63)) }

// Int appends a non-negative int as an unsigned varint.
func (b *Buf) Int(x int) { b.Uvarint(uint64(x)) }

// Byte appends one byte.
func (b *Buf) Byte(x uint8) { *b = append(*b, x) }

// Bool appends 1 or 0.
func (b *Buf) Bool(v bool) {
	if v {
		b.Byte(1)
	} else {
		b.Byte(0)
	}
}

// Raw appends p as it is.
func (b *Buf) Raw(p []byte) { *b = append(*b, p...) }

// Bytes appends p after its length.
func (b *Buf) Bytes(p []byte) { b.Int(len(p)); *b = append(*b, p...) }

// Str appends s after its length.
func (b *Buf) Str(s string) { b.Int(len(s)); *b = append(*b, s...) }

// Strs appends the number of strings, then each with Str.
func (b *Buf) Strs(s []string) {
	b.Int(len(s))
	for _, x := range s {
		b.Str(x)
	}
}

// ErrDamaged is what a Reader reports for bytes that are cut short or
// malformed.
var ErrDamaged = errors.New("damaged or cut short")

// Reader reads what a Buf wrote. The first error sticks: every later read
// returns zero, so a caller reads a whole record and checks Err once. No
// input makes it panic or allocate more than the input's length.
type Reader struct {
	b   []byte
	off int
	err error
}

// NewReader returns a Reader of b.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// Err returns ErrDamaged if a read failed.
func (r *Reader) Err() error { return r.err }

// Done reports whether every byte was read without error.
func (r *Reader) Done() bool { return r.err == nil && r.off == len(r.b) }

// Fail marks the input damaged, for a caller that finds a value out of
// its range.
func (r *Reader) Fail() {
	r.err = ErrDamaged
	r.off = len(r.b)
}

// Offset returns how many bytes were read.
func (r *Reader) Offset() int { return r.off }

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 {
	var x uint64
	for shift := 0; shift < 64; shift += 7 {
		if r.off >= len(r.b) {
			r.Fail()
			return 0
		}
		c := r.b[r.off]
		r.off++
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	r.Fail()
	return 0
}

// Varint reads what Buf.Varint wrote.
func (r *Reader) Varint() int64 {
	x := r.Uvarint()
	return int64(x>>1) ^ -int64(x&1)
}

// Len reads a length or count of things at least a byte long each: it
// must fit in what is left of the input.
func (r *Reader) Len() int {
	x := r.Uvarint()
	if x > uint64(len(r.b)-r.off) {
		r.Fail()
		return 0
	}
	return int(x)
}

// Small reads a number that is not a length, below 2³¹.
func (r *Reader) Small() int {
	x := r.Uvarint()
	if x >= 1<<31 {
		r.Fail()
		return 0
	}
	return int(x)
}

// Byte reads one byte.
func (r *Reader) Byte() uint8 {
	if r.off >= len(r.b) {
		r.Fail()
		return 0
	}
	r.off++
	return r.b[r.off-1]
}

// Bool reads what Buf.Bool wrote.
func (r *Reader) Bool() bool { return r.Byte() != 0 }

// Fixed reads n bytes as they are, sharing the input's memory.
func (r *Reader) Fixed(n int) []byte {
	if n < 0 || n > len(r.b)-r.off {
		r.Fail()
		return nil
	}
	p := r.b[r.off : r.off+n : r.off+n]
	r.off += n
	return p
}

// Bytes reads what Buf.Bytes wrote, sharing the input's memory.
func (r *Reader) Bytes() []byte { return r.Fixed(r.Len()) }

// Str reads what Buf.Str wrote, as a copy.
func (r *Reader) Str() string { return string(r.Bytes()) }

// Shared reads what Buf.Str wrote without copying: the string is the
// input's bytes, which must never change afterwards. For large inputs read
// once and kept (saved search analyses), where copies would double the
// memory.
func (r *Reader) Shared() string {
	p := r.Bytes()
	return unsafe.String(unsafe.SliceData(p), len(p))
}

// Strs reads what Buf.Strs wrote, with Str or, if shared, Shared.
func (r *Reader) Strs(shared bool) []string {
	n := r.Len()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		if shared {
			out[i] = r.Shared()
		} else {
			out[i] = r.Str()
		}
	}
	return out
}
