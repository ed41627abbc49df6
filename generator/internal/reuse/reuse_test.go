package reuse

import (
	"go/build"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
)

// fullConversion has every field a Conversion keeps set.
func fullConversion() *Conversion {
	pos := diag.Pos{File: "content/notes/a.md", Line: 7, Col: 3}
	res := &markdown.Result{
		HTML:     []byte("<h2 id=why>Why</h2>"),
		Headings: []markdown.Heading{{Level: 2, ID: "why", Text: "Why", Pos: pos}},
		TOC:      []*markdown.TOCEntry{{Level: 2, ID: "why", Text: "Why", Children: []*markdown.TOCEntry{{Level: 3, ID: "how", Text: "How"}}}},
		Links:    []markdown.Link{{Dest: "b.md#x", Href: "/notes/b/#x", Image: true, External: true, Pos: pos}},
		Blocks:   []markdown.Block{{Anchor: "why", Heading: "Why", Level: 2, Text: "Because.", Code: "x := 1"}},
		Words:    412,
		Summary:  "A summary.",
		Features: []string{"code", "d2"},
		Diags:    diag.List{{Pos: pos, Severity: diag.Warning, Msg: "a warning"}},
	}
	return &Conversion{Result: res, Definitions: [32]byte{3}, Rewrites: []Rewrite{{"b.md#x", "/notes/b/#x"}},
		Extras: []File{{"notes/a/d.svg", []byte("<svg/>")}}}
}

// TestConversionRoundTrip checks that a conversion reads back as written,
// and that the test sets every field of a markdown result but the plain
// code, which is never kept: a field added to markdown.Result must be added
// to the codec.
func TestConversionRoundTrip(t *testing.T) {
	c := fullConversion()
	v := reflect.ValueOf(*c.Result)
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if v.Field(i).IsZero() != (name == "Code") {
			t.Errorf("markdown.Result.%s is not set by this test, or is and should not be: add it to the codec (conversion.go) and here", name)
		}
	}
	b := c.Encode()
	got, err := DecodeConversion(b)
	if err != nil || !reflect.DeepEqual(got, c) {
		t.Fatalf("read back as %+v, %v\nwant %+v", got, err, c)
	}
	for n := range len(b) {
		if _, err := DecodeConversion(b[:n]); err == nil {
			t.Fatalf("a conversion cut at %d of %d bytes was read", n, len(b))
		}
	}
}

// FuzzConversion: no bytes, however damaged, panic the decoder.
func FuzzConversion(f *testing.F) {
	f.Add(fullConversion().Encode())
	f.Fuzz(func(t *testing.T, b []byte) {
		if c, err := DecodeConversion(b); err == nil {
			c.Encode()
		}
	})
}

// TestStoreKeepsWhatWasUsed: a Store gives back what was put, and a
// second build keeps what it used or made, not the rest.
func TestStoreKeepsWhatWasUsed(t *testing.T) {
	dir := t.TempDir()
	a, b, c := Derive("t", []byte("a")), Derive("t", []byte("b")), Derive("t", []byte("c"))
	st, err := Open(dir)
	if err != nil || st.Len() != 0 {
		t.Fatalf("a missing store: %d entries, %v", st.Len(), err)
	}
	st.Put(a, []byte("A"))
	st.Put(b, []byte("B"))
	if err := st.Save(nil); err != nil {
		t.Fatal(err)
	}
	st, err = Open(dir)
	if err != nil || st.Len() != 2 {
		t.Fatalf("reopened: %d entries, %v", st.Len(), err)
	}
	if v, ok := st.Get(a); !ok || string(v) != "A" {
		t.Fatalf("Get(a) = %q, %v", v, ok)
	}
	st.Put(c, []byte("C"))
	if err := st.Save(nil); err != nil {
		t.Fatal(err)
	}
	st, _ = Open(dir)
	if _, ok := st.Get(b); ok || st.Len() != 2 {
		t.Errorf("an entry the last build did not use was kept (%d entries)", st.Len())
	}
	// What Save's more gives is kept too, and wins over a used entry of
	// the same key.
	err = st.Save(func(put func(Key, []byte) error) error {
		if err := put(b, []byte("B2")); err != nil {
			return err
		}
		return put(c, []byte("C2"))
	})
	if err != nil {
		t.Fatal(err)
	}
	st, _ = Open(dir)
	for k, want := range map[Key]string{b: "B2", c: "C2"} {
		if v, ok := st.Get(k); !ok || string(v) != want {
			t.Errorf("Get = %q, %v; want %q", v, ok, want)
		}
	}
}

// TestDamagedStoreIsNotUsed: a Store with any byte not as written is
// empty, with an error naming the file.
func TestDamagedStoreIsNotUsed(t *testing.T) {
	dir := t.TempDir()
	st, _ := Open(dir)
	st.Put(Derive("t", []byte("a")), []byte("A value long enough to damage"))
	if err := st.Save(nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, storeFile)
	good, _ := os.ReadFile(path)
	for off := range good {
		bad := append([]byte(nil), good...)
		bad[off] ^= 0x10
		os.WriteFile(path, bad, 0o644)
		st, err := Open(dir)
		if err == nil || st.Len() != 0 {
			t.Fatalf("a bit flipped at %d of %d: %d entries used, error %v", off, len(good), st.Len(), err)
		}
	}
}

// TestDeriveSeparatesInputs: inputs that run together into the same bytes
// do not make the same key, nor do kinds.
func TestDeriveSeparatesInputs(t *testing.T) {
	keys := map[Key]string{}
	for name, k := range map[string]Key{
		"ab|c": Derive("t", []byte("ab"), []byte("c")),
		"a|bc": Derive("t", []byte("a"), []byte("bc")),
		"abc":  Derive("t", []byte("abc")),
		"u:ab": Derive("u", []byte("ab"), []byte("c")),
	} {
		if other, ok := keys[k]; ok {
			t.Errorf("%s and %s have the same key", name, other)
		}
		keys[k] = name
	}
}

// TestMemo: a Memo gives back what was put under the same key only, and
// one that is Off keeps nothing.
func TestMemo(t *testing.T) {
	a, b := Sum("t", 1), Sum("t", 2)
	var m Memo[string]
	m.Put(a, "A")
	if v, ok := m.Get(a); !ok || v != "A" {
		t.Errorf("Get(a) = %q, %v", v, ok)
	}
	if _, ok := m.Get(b); ok {
		t.Error("a result was given for another key")
	}
	off := Memo[string]{Off: true}
	off.Put(a, "A")
	if _, ok := off.Get(a); ok {
		t.Error("a Memo that is Off kept a result")
	}
	var tab Table[int]
	tab.Put("x", a, 1)
	if v, ok := tab.Get("x", a); !ok || v != 1 {
		t.Errorf("Table.Get(x, a) = %v, %v", v, ok)
	}
	if _, ok := tab.Get("y", a); ok {
		t.Error("a Table gave a result for another name")
	}
	offTab := Table[int]{Off: true}
	if offTab.Put("x", a, 1); len(offTab.m) != 0 {
		t.Error("a Table that is Off kept a result")
	}
}

// TestImports keeps the package doc's claim of what reuse imports.
func TestImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{
		"github.com/cespare/xxhash/v2":                                true,
		"github.com/tradeoffs/tradeoffs/generator/internal/cachefile": true,
		"github.com/tradeoffs/tradeoffs/generator/internal/diag":      true,
		"github.com/tradeoffs/tradeoffs/generator/internal/markdown":  true,
		"github.com/tradeoffs/tradeoffs/generator/internal/wire":      true,
	}
	for _, imp := range pkg.Imports {
		if strings.Contains(strings.Split(imp, "/")[0], ".") && !allowed[imp] {
			t.Errorf("reuse imports %s, which its package doc does not name", imp)
		}
	}
}
