package reuse

import "encoding/binary"

// Memo keeps one result of a build for the next build of the same Builder
// (the preview server's), with the key of what it was made from. A Memo
// that is Off keeps nothing: a build that runs once lets go of what it
// made, and its steps need not ask which kind of build they are in.
type Memo[V any] struct {
	Off bool
	key Key
	v   V
	ok  bool
}

// Get returns the result kept under k, if there is one.
func (m *Memo[V]) Get(k Key) (V, bool) {
	if m.ok && m.key == k {
		return m.v, true
	}
	var zero V
	return zero, false
}

// Put keeps v under k, unless the Memo is Off.
func (m *Memo[V]) Put(k Key, v V) {
	if !m.Off {
		m.key, m.v, m.ok = k, v, true
	}
}

// Table is a Memo per name: one result per section, per page.
type Table[V any] struct {
	Off bool
	m   map[string]Memo[V]
}

// Get returns the result kept for name under k, if there is one.
func (t *Table[V]) Get(name string, k Key) (V, bool) {
	m := t.m[name]
	return m.Get(k)
}

// Put keeps v for name under k, unless the Table is Off.
func (t *Table[V]) Put(name string, k Key, v V) {
	if t.Off {
		return
	}
	if t.m == nil {
		t.m = map[string]Memo[V]{}
	}
	t.m[name] = Memo[V]{key: k, v: v, ok: true}
}

// Sum is the key of a result of kind made from inputs already reduced to
// 64-bit sums (see Derive).
func Sum(kind string, sums ...uint64) Key {
	b := make([]byte, 0, 8*len(sums))
	for _, s := range sums {
		b = binary.LittleEndian.AppendUint64(b, s)
	}
	return Derive(kind, b)
}
