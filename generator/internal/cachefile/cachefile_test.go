package cachefile

import (
	"bytes"
	"errors"
	"go/build"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	if err := Write(dir, name, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		t.Fatal(err)
	}
}

// TestSealedFileReadsBack: Read and Decode give back what Write wrote, and
// nothing of a file with any bit flipped, cut short by any number of bytes
// or grown.
func TestSealedFileReadsBack(t *testing.T) {
	dir := t.TempDir()
	data := []byte("the bytes of a cache file, long enough to be cut in many places")
	write(t, dir, "f", data)
	got, err := Read(dir, "f")
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("Read: %q, %v", got, err)
	}
	if err := Decode(dir, "f", func(b []byte) error {
		if !bytes.Equal(b, data) {
			t.Errorf("Decode gave %q", b)
		}
		return errors.New("decode's error")
	}); err == nil || err.Error() != "decode's error" {
		t.Errorf("Decode returned %v, not decode's error", err)
	}
	sealed, err := os.ReadFile(filepath.Join(dir, "f"))
	if err != nil {
		t.Fatal(err)
	}
	damaged := func(what string, b []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "f"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := Read(dir, "f")
		if !errors.Is(err, ErrDamaged) || got != nil || !strings.Contains(err.Error(), filepath.Join(dir, "f")) {
			t.Fatalf("%s: Read returned %q, %v", what, got, err)
		}
		called := false
		if err := Decode(dir, "f", func([]byte) error { called = true; return nil }); !errors.Is(err, ErrDamaged) || called {
			t.Fatalf("%s: Decode returned %v (decode called: %v)", what, err, called)
		}
	}
	for i := range len(sealed) * 8 {
		b := bytes.Clone(sealed)
		b[i/8] ^= 1 << (i % 8)
		damaged("bit flipped", b)
	}
	for n := range len(sealed) {
		damaged("cut short", sealed[:n])
	}
	damaged("grown", append(bytes.Clone(sealed), 0))
	damaged("grown by a seal", append(bytes.Clone(sealed), sealed[len(sealed)-sealSize:]...))
	if _, err := Read(dir, "missing"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}

// TestWriteBytesIsWrite: WriteBytes makes the same file as Write, which
// Read gives back.
func TestWriteBytesIsWrite(t *testing.T) {
	dir := t.TempDir()
	data := []byte("a small entry of a folder of entries")
	write(t, dir, "a", data)
	if err := WriteBytes(dir, "b", data); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "a"))
	b, _ := os.ReadFile(filepath.Join(dir, "b"))
	if !bytes.Equal(a, b) {
		t.Fatalf("WriteBytes wrote %q, Write %q", b, a)
	}
	if got, err := Read(dir, "b"); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("Read: %q, %v", got, err)
	}
	if names, _ := filepath.Glob(filepath.Join(dir, "*")); len(names) != 2 {
		t.Errorf("files left: %v", names)
	}
}

// TestWriteFailureKeepsTheFile: a write that fails leaves the previous
// file as it was, and no temporary file.
func TestWriteFailureKeepsTheFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "f", []byte("first"))
	err := Write(dir, "f", func(w io.Writer) error {
		w.Write([]byte("half of the second"))
		return errors.New("disk full")
	})
	if err == nil {
		t.Fatal("the failed write returned no error")
	}
	if got, err := Read(dir, "f"); err != nil || string(got) != "first" {
		t.Errorf("after a failed write: %q, %v", got, err)
	}
	if names, _ := filepath.Glob(filepath.Join(dir, "*")); len(names) != 1 {
		t.Errorf("files left: %v", names)
	}
}

// TestImports keeps the package doc's claim: cachefile imports xxhash and
// the standard library.
func TestImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		if strings.Contains(strings.Split(imp, "/")[0], ".") && imp != "github.com/cespare/xxhash/v2" {
			t.Errorf("cachefile imports %s", imp)
		}
	}
}
