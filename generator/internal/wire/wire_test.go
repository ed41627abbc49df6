package wire

import (
	"math"
	"testing"
)

// TestRoundTrip writes one of each kind of value and reads them back.
func TestRoundTrip(t *testing.T) {
	var b Buf
	b.Uvarint(0)
	b.Uvarint(math.MaxUint64)
	b.Varint(-1)
	b.Varint(math.MinInt64)
	b.Int(300)
	b.Byte(7)
	b.Bool(true)
	b.Bool(false)
	b.Raw([]byte("raw"))
	b.Bytes([]byte{1, 2})
	b.Str("é")
	b.Strs([]string{"a", ""})
	b.Strs(nil)
	r := NewReader(b)
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"uvarint 0", r.Uvarint(), uint64(0)},
		{"uvarint max", r.Uvarint(), uint64(math.MaxUint64)},
		{"varint -1", r.Varint(), int64(-1)},
		{"varint min", r.Varint(), int64(math.MinInt64)},
		{"small", r.Small(), 300},
		{"byte", r.Byte(), uint8(7)},
		{"true", r.Bool(), true},
		{"false", r.Bool(), false},
		{"raw", string(r.Fixed(3)), "raw"},
		{"bytes", string(r.Bytes()), "\x01\x02"},
		{"str", r.Shared(), "é"},
		{"strs", len(r.Strs(false)), 2},
		{"no strs", len(r.Strs(true)), 0},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: read %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if !r.Done() || r.Err() != nil {
		t.Errorf("not done after every value: offset %d of %d, %v", r.Offset(), len(b), r.Err())
	}
}

// TestDamaged: every cut of a valid input, and values out of their range,
// are errors that stick.
func TestDamaged(t *testing.T) {
	var b Buf
	b.Str("hello")
	b.Uvarint(1 << 40)
	for n := range len(b) {
		r := NewReader(b[:n])
		r.Str()
		r.Uvarint()
		if r.Done() || r.Err() == nil {
			t.Errorf("input cut at %d of %d bytes read without error", n, len(b))
		}
	}
	for name, read := range map[string]func(*Reader){
		"length past the end": func(r *Reader) { r.Len() },
		"small of 2^40":       func(r *Reader) { r.Str(); r.Small() },
		"eleven-byte varint":  func(r *Reader) { r.Uvarint() },
	} {
		in := []byte(b)
		if name == "eleven-byte varint" {
			in = []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}
		}
		if name == "length past the end" {
			in = []byte{0x7f}
		}
		r := NewReader(in)
		read(r)
		if r.Err() == nil {
			t.Errorf("%s: no error", name)
		}
		if r.Byte() != 0 || r.Str() != "" {
			t.Errorf("%s: reads after an error return values", name)
		}
	}
}

// FuzzReader: no input panics a Reader, and a length never exceeds what
// is left of the input.
func FuzzReader(f *testing.F) {
	var b Buf
	b.Strs([]string{"one", "two"})
	b.Varint(-5)
	f.Add([]byte(b))
	f.Fuzz(func(t *testing.T, in []byte) {
		r := NewReader(in)
		for !r.Done() && r.Err() == nil {
			switch r.Byte() % 5 {
			case 0:
				r.Strs(true)
			case 1:
				r.Varint()
			case 2:
				if n := r.Len(); n > len(in) {
					t.Fatalf("length %d of a %d-byte input", n, len(in))
				}
			case 3:
				r.Fixed(int(r.Small()))
			case 4:
				r.Bool()
			}
		}
	})
}
