package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"testing"
)

// A reader of the index files, written from the format in the package
// documentation, for tests that check what the files say.

type reader struct {
	b []byte
	i int
}

func (r *reader) u() int {
	x, s := 0, 0
	for {
		c := r.b[r.i]
		r.i++
		x |= int(c&127) << s
		s += 7
		if c < 128 {
			return x
		}
	}
}

func (r *reader) byte() byte { r.i++; return r.b[r.i-1] }
func (r *reader) str() string {
	n := r.u()
	r.i += n
	return string(r.b[r.i-n : r.i])
}
func (r *reader) strs() []string {
	out := make([]string, r.u())
	for i := range out {
		out[i] = r.str()
	}
	return out
}

type decodedTerm struct {
	Stem    string
	Words   []string
	DF      int
	Stop    bool
	IDs     []int
	Weights []byte
	Blocks  []byte
	Top     []decodedRecord
	Pos     [][]int // per posting
}

type decodedRecord struct {
	ID     int
	Weight byte
	Subs   []decodedSub
}

// decodedSub is one place of a page a top-list record shows: a block
// (pageLevel: the page as a whole), its anchor and heading, an excerpt.
type decodedSub struct {
	Block                    byte
	Anchor, Heading, Excerpt string
}

type decodedShard struct {
	Pos   string
	Docs  map[int][3]string // id → url, title, date
	Terms []decodedTerm
}

func gunzip(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func decodeEntry(t testing.TB, f Files) entry {
	t.Helper()
	var e entry
	if err := json.Unmarshal(f.Data[f.Entry], &e); err != nil {
		t.Fatalf("entry: %v", err)
	}
	return e
}

func decodeShard(t testing.TB, f Files, e entry, i int) decodedShard {
	t.Helper()
	dir := f.Entry[:len(f.Entry)-len(base(f.Entry))]
	r := &reader{b: gunzip(t, f.Data[dir+e.Shards[i][1]])}
	if v := r.u(); v != formatVersion {
		t.Fatalf("shard version %d", v)
	}
	s := decodedShard{Pos: r.str(), Docs: map[int][3]string{}}
	id := 0
	for n := r.u(); n > 0; n-- {
		id += r.u()
		s.Docs[id] = [3]string{r.str(), r.str(), r.str()}
	}
	for n := r.u(); n > 0; n-- {
		s.Terms = append(s.Terms, decodeTerm(r))
	}
	if r.i != len(r.b) {
		t.Fatalf("shard %d: %d bytes left over", i, len(r.b)-r.i)
	}
	if s.Pos != "" {
		p := &reader{b: gunzip(t, f.Data[dir+s.Pos])}
		if n := p.u(); n != len(s.Terms) {
			t.Fatalf("positions of shard %d: %d terms, want %d", i, n, len(s.Terms))
		}
		for k := range s.Terms {
			end := p.u() + p.i
			if p.i == end {
				continue
			}
			for range s.Terms[k].DF {
				var ps []int
				x := 0
				for c := p.u(); c > 0; c-- {
					x += p.u()
					ps = append(ps, x)
				}
				s.Terms[k].Pos = append(s.Terms[k].Pos, ps)
			}
			if p.i != end {
				t.Fatalf("positions of %q: length mismatch", s.Terms[k].Stem)
			}
		}
	}
	return s
}

func decodeTerm(r *reader) decodedTerm {
	t := decodedTerm{Stem: r.str(), Words: r.strs(), DF: r.u()}
	t.Stop = r.byte() == 1
	if !t.Stop {
		id := 0
		for range t.DF {
			id += r.u()
			t.IDs = append(t.IDs, id)
		}
		t.Weights = r.b[r.i : r.i+t.DF]
		r.i += t.DF
		t.Blocks = r.b[r.i : r.i+t.DF]
		r.i += t.DF
	}
	for n := r.u(); n > 0; n-- {
		rec := decodedRecord{ID: r.u(), Weight: r.byte()}
		for m := r.u(); m > 0; m-- {
			s := decodedSub{Block: r.byte()}
			if s.Block != pageLevel {
				s.Anchor, s.Heading = r.str(), r.str()
			}
			s.Excerpt = r.str()
			rec.Subs = append(rec.Subs, s)
		}
		t.Top = append(t.Top, rec)
	}
	return t
}

// decodeAll returns every term of the index by stem, and the shard index
// of each.
func decodeAll(t testing.TB, f Files) (map[string]decodedTerm, map[string]int) {
	t.Helper()
	e := decodeEntry(t, f)
	terms, where := map[string]decodedTerm{}, map[string]int{}
	for i := range e.Shards {
		for _, dt := range decodeShard(t, f, e, i).Terms {
			terms[dt.Stem] = dt
			where[dt.Stem] = i
		}
	}
	return terms, where
}
