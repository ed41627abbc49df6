package site

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// damageCache damages a file of the cache folder dir, picked at random, at
// a random place: a bit flipped, the file cut short or grown. A folder of
// the cache (the social cards) counts as one file, one of its own picked
// at random. It says what it did, or "" if the folder has no file.
func damageCache(t testing.TB, r *rand.Rand, dir string) string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(names) == 0 {
		return ""
	}
	slices.Sort(names)
	p := names[r.IntN(len(names))]
	if inside, _ := filepath.Glob(filepath.Join(p, "*")); len(inside) > 0 {
		slices.Sort(inside)
		p = inside[r.IntN(len(inside))]
	}
	b, err := os.ReadFile(p)
	if err != nil || len(b) == 0 {
		return ""
	}
	var what string
	switch r.IntN(4) {
	case 0:
		n := r.IntN(len(b))
		b, what = b[:n], fmt.Sprintf("cut to %d bytes of %d", n, len(b))
	case 1:
		b, what = append(b, byte(r.IntN(256))), "a byte appended"
	default:
		off := r.IntN(len(b))
		b[off] ^= 1 << r.IntN(8)
		what = fmt.Sprintf("a bit of byte %d of %d flipped", off, len(b))
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(dir, p)
	return filepath.ToSlash(rel) + ": " + what
}

// The files of the cache folder, as FuzzDamagedCache takes them.
var cacheFiles = []string{"reuse.bin", "build-cache.gob"}

// FuzzDamagedCache gives a build the files of the cache folder damaged in
// any way, and builds as the build command does: the build must publish
// byte for byte what a build without a cache publishes, and not crash. The
// site has no diagram (drawing one takes seconds with the fuzzer's
// instrumentation); TestDamagedCacheBuildsAsNoCache in package cli has one.
func FuzzDamagedCache(f *testing.F) {
	root, out := f.TempDir(), filepath.Join(f.TempDir(), "public")
	cache := filepath.Join(root, ".cache")
	for name, data := range map[string]string{
		"content/_index.md":       "---\ntitle: Home\n---\nWelcome.\n",
		"content/notes/a.md":      "---\ntitle: A\ntags: [x]\n---\n## Part\n\nAbout latency. See [b](b.md#part).\n",
		"content/notes/b.md":      "---\ntitle: B\n---\n## Part\n\nAbout queues.\n\n```go\nx := 1\n```\n",
		"content/notes/c.md":      "---\ntitle: C\ntags: [x]\n---\nMore code.\n\n```yaml\nreplicas: 3\n```\n",
		"content/notes/_index.md": "---\ntitle: Notes\n---\nAll notes.\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	opts := Options{FS: os.DirFS(root), Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}
	full, err := NewBuilder().Build(context.Background(), opts)
	if err != nil || full.Diags.HasErrors() {
		f.Fatal(err, full.Diags)
	}
	if msg, _ := warmStep(f, opts, out, cache, full); msg != "" {
		f.Fatal(msg)
	}
	var written [][]byte
	for _, name := range cacheFiles {
		b, err := os.ReadFile(filepath.Join(cache, name))
		if err != nil {
			f.Fatal(err)
		}
		written = append(written, b)
	}
	f.Add(written[0], written[1])
	// The kept conversions with a byte flipped at every 16th of their
	// length.
	for i := range 16 {
		kept := slices.Clone(written[0])
		kept[i*len(kept)/16] ^= 0xff
		f.Add(kept, written[1])
	}
	gob := slices.Clone(written[1])
	gob[len(gob)/2] ^= 1
	f.Add(written[0][:len(written[0])/2], gob)

	f.Fuzz(func(t *testing.T, kept, gob []byte) {
		os.RemoveAll(cache)
		if err := os.MkdirAll(cache, 0o755); err != nil {
			t.Fatal(err)
		}
		for i, b := range [][]byte{kept, gob} {
			if err := os.WriteFile(filepath.Join(cache, cacheFiles[i]), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if msg, _ := warmStep(t, opts, out, cache, full); msg != "" {
			t.Fatalf("a build from the damaged cache differs from a build without one: %s", msg)
		}
	})
}
