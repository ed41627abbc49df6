package buildcache

import (
	"bytes"
	"encoding/gob"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/cachefile"
	"github.com/tradeoffs/tradeoffs/generator/internal/diagram"
	"github.com/tradeoffs/tradeoffs/generator/internal/highlight"
)

// TestSaveLoad: what is saved is what is loaded, entry for entry.
func TestSaveLoad(t *testing.T) {
	dir := t.TempDir()
	d := &Data{
		Highlight: map[highlight.Key][]byte{{1}: []byte("<pre>a</pre>"), {2}: []byte("<pre>b</pre>")},
		Diagrams:  map[diagram.Key]*diagram.Entry{{3}: {SVG: []byte("<svg/>"), Width: 10, Height: 20}},
	}
	if err := Save(dir, d); err != nil {
		t.Fatal(err)
	}
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Highlight, d.Highlight) || !reflect.DeepEqual(got.Diagrams, d.Diagrams) {
		t.Errorf("loaded %+v, saved %+v", got, d)
	}
}

// TestLoadIgnoresOtherFormats: a cache in an older layout, or cut short, is
// not trusted; a missing one is simply empty.
func TestLoadIgnoresOtherFormats(t *testing.T) {
	dir := t.TempDir()
	if d, err := Load(dir); err != nil || len(d.Highlight) != 0 {
		t.Errorf("missing cache: %v, %v", d, err)
	}
	old := struct {
		Version   string
		Highlight map[highlight.Key][]byte
	}{"tradeoffs-build-cache-1", map[highlight.Key][]byte{{1}: []byte("x")}}
	f, _ := os.Create(filepath.Join(dir, file))
	gob.NewEncoder(f).Encode(old)
	f.Close()
	if d, _ := Load(dir); len(d.Highlight) != 0 {
		t.Errorf("an old-format cache was used: %v", d.Highlight)
	}
	Save(dir, &Data{Highlight: map[highlight.Key][]byte{{1}: []byte("x"), {2}: []byte("y")}})
	full, _ := os.ReadFile(filepath.Join(dir, file))
	os.WriteFile(filepath.Join(dir, file), full[:len(full)-3], 0o644)
	if d, err := Load(dir); err == nil || len(d.Highlight) != 0 {
		t.Errorf("a cut-short cache: %v entries, error %v", len(d.Highlight), err)
	}
}

// TestLoadIgnoresDamage: a cache with a byte that is not as saved (here,
// inside a highlighted block, where the format would still decode) is not
// used, and the error names the file.
func TestLoadIgnoresDamage(t *testing.T) {
	dir := t.TempDir()
	if err := Save(dir, &Data{Highlight: map[highlight.Key][]byte{{1}: []byte("<pre>highlighted</pre>")}}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, file)
	b, _ := os.ReadFile(p)
	i := bytes.Index(b, []byte("highlighted"))
	if i < 0 {
		t.Fatal("the saved cache does not hold the block as it is")
	}
	b[i] ^= 0x20
	os.WriteFile(p, b, 0o644)
	d, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), p) || len(d.Highlight) != 0 {
		t.Errorf("a damaged cache: %d entries, error %v", len(d.Highlight), err)
	}
}

// TestLoadIgnoresEveryDamagedByte: a cache with a bit flipped in any one
// of its bytes (entries, counts, version, seal) is not used. (Package
// cachefile's tests flip every bit of a sealed file.)
func TestLoadIgnoresEveryDamagedByte(t *testing.T) {
	dir := t.TempDir()
	d := &Data{
		Highlight: map[highlight.Key][]byte{{1}: []byte(`<div class="highlight"><span class="nf">Println</span></div>`)},
		Diagrams:  map[diagram.Key]*diagram.Entry{{2}: {SVG: []byte("<svg/>"), Width: 10, Height: 20}},
	}
	if err := Save(dir, d); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, file)
	saved, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for i := range saved {
		b := bytes.Clone(saved)
		b[i] ^= 1 << (i % 8)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if got, err := Load(dir); err == nil || len(got.Highlight)+len(got.Diagrams) != 0 {
			t.Fatalf("bit %d of byte %d flipped: %d entries used, error %v", i%8, i, len(got.Highlight)+len(got.Diagrams), err)
		}
	}
}

// TestCards: a card put is got back; a damaged one is refused with an
// error naming its file; Prune keeps only the cards asked for.
func TestCards(t *testing.T) {
	dir := t.TempDir()
	c := OpenCards(dir)
	keys := []string{"0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"}
	for i, k := range keys {
		if err := c.Put(k, []byte("png "+k)); err != nil {
			t.Fatal(err)
		}
		if got, err := c.Get(k); err != nil || string(got) != "png "+k {
			t.Fatalf("card %d: %q, %v", i, got, err)
		}
	}
	if _, err := c.Get("00000000000000000000000000000000"); !errors.Is(err, ErrNoCard) {
		t.Errorf("a card never put: %v", err)
	}
	for _, bad := range []string{"", "../x", "ABCDEF", "a/b"} {
		if err := c.Put(bad, []byte("x")); err == nil {
			t.Errorf("Put(%q) was accepted", bad)
		}
		if _, err := c.Get(bad); !errors.Is(err, ErrNoCard) {
			t.Errorf("Get(%q): %v", bad, err)
		}
	}
	file := filepath.Join(dir, cardsDir, keys[0]+".png")
	b, _ := os.ReadFile(file)
	b[2] ^= 1
	os.WriteFile(file, b, 0o644)
	if got, err := c.Get(keys[0]); !errors.Is(err, cachefile.ErrDamaged) || got != nil || !strings.Contains(err.Error(), file) {
		t.Errorf("a damaged card: %q, %v", got, err)
	}
	os.WriteFile(filepath.Join(dir, cardsDir, keys[1]+".png.123"), []byte("left by a killed build"), 0o644)
	if err := c.Prune(func(k string) bool { return k == keys[1] }); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, cardsDir, "*"))
	if len(names) != 1 || filepath.Base(names[0]) != keys[1]+".png" {
		t.Errorf("after Prune: %v", names)
	}
	if got, err := c.Get(keys[1]); err != nil || string(got) != "png "+keys[1] {
		t.Errorf("the card kept: %q, %v", got, err)
	}
}
