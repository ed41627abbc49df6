package site

import (
	"context"
	"fmt"
	"io/fs"
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

// copyTree copies the files under src to dst with their modification
// times: the state keeps the times of the files a build published.
func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, b, 0o644); err != nil {
			return err
		}
		return os.Chtimes(target, info.ModTime(), info.ModTime())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The files of the cache folder, as FuzzDecodeState takes them.
var cacheFiles = []string{stateFile, recordsFile, "build-cache.gob"}

// FuzzDecodeState gives a build the files of the cache folder damaged in
// any way, and builds as the build command does, into the output the
// files describe: the build must publish byte for byte what a build
// without a cache publishes, and not crash. The state's decoder is also
// given the damaged state as if its seal held (what a damaged file that
// passed the check would be): it must not crash either. The site has no
// diagram (drawing one takes seconds with the fuzzer's instrumentation);
// TestDamagedCacheBuildsAsNoCache in package cli has one.
func FuzzDecodeState(f *testing.F) {
	root, out := f.TempDir(), filepath.Join(f.TempDir(), "public")
	cache := filepath.Join(root, ".cache")
	when := time.Now().Add(-time.Hour)
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
		// Dated back, so that the state keeps the content cache.
		os.Chtimes(p, when, when)
	}
	opts := Options{FS: os.DirFS(root), Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}
	full, err := NewBuilder().Build(context.Background(), opts)
	if err != nil || full.Diags.HasErrors() {
		f.Fatal(err, full.Diags)
	}
	if msg, _ := warmStep(f, opts, out, cache, full); msg != "" {
		f.Fatal(msg)
	}
	keptOut := f.TempDir()
	copyTree(f, out, keptOut)
	var written [][]byte
	for _, name := range cacheFiles {
		b, err := os.ReadFile(filepath.Join(cache, name))
		if err != nil {
			f.Fatal(err)
		}
		written = append(written, b)
	}
	f.Add(written[0], written[1], written[2])
	// The state with a byte flipped at every 16th of its length (the
	// issue's damage: at 10% and 50%, a search file came out corrupt).
	for i := range 16 {
		state := slices.Clone(written[0])
		state[i*len(state)/16] ^= 0xff
		f.Add(state, written[1], written[2])
	}
	records := slices.Clone(written[1])
	records[len(records)/2] ^= 1
	f.Add(written[0], records, written[2])
	// The highlighting cache damaged, read by a build whose state is
	// cut short.
	gob := slices.Clone(written[2])
	gob[len(gob)/2] ^= 1
	f.Add(written[0][:len(written[0])/2], written[1], gob)

	f.Fuzz(func(t *testing.T, state, records, gob []byte) {
		if len(state) >= 16 {
			unsealed := state[:len(state)-16]
			ws, _ := decodeState(unsealed, generatorID(), out, func(id uint64) ([]byte, bool) { return records, isRecordsHead(records, id) })
			if ws != nil {
				<-ws.decoded
			}
		}
		os.RemoveAll(out)
		copyTree(t, keptOut, out)
		os.RemoveAll(cache)
		if err := os.MkdirAll(cache, 0o755); err != nil {
			t.Fatal(err)
		}
		for i, b := range [][]byte{state, records, gob} {
			if err := os.WriteFile(filepath.Join(cache, cacheFiles[i]), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if msg, _ := warmStep(t, opts, out, cache, full); msg != "" {
			t.Fatalf("a build from the damaged cache differs from a build without one: %s", msg)
		}
	})
}
