package cli

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// cachedSite has what the build cache keeps: pages to search, code to
// highlight and a diagram to draw.
var cachedSite = map[string]string{
	"content/_site.yaml":      "title: Site\n",
	"content/_index.md":       "---\ntitle: Home\n---\nWelcome to the notes on queues.\n",
	"content/notes/_index.md": "---\ntitle: Notes\n---\nAll notes.\n",
	"content/notes/a.md":      "---\ntitle: Latency\ndate: 2024-01-01\ntags: [queues, cost]\n---\n## Part\n\nAbout latency and queues. See [b](b.md#part).\n\n```go\nfunc main() { fmt.Println(\"latency\") }\n```\n",
	"content/notes/b.md":      "---\ntitle: Queues\ndate: 2024-02-01\ntags: [queues]\n---\n## Part\n\nAbout queues and back pressure.\n\n```d2 {alt=\"Client to queue\"}\nclient -> queue\n```\n",
	"content/notes/c.md":      "---\ntitle: Costs\ndate: 2024-03-01\ntags: [cost]\n---\n## Part\n\nAbout cost.\n\n```yaml\nreplicas: 3\n```\n",
}

// cacheDamages lists the ways a cache file of n bytes is damaged: a bit
// flipped at every 32nd of its length and in its last byte, the file cut
// short (to nothing, to half, by one byte) and bytes appended.
func cacheDamages(n int) []struct {
	name   string
	damage func([]byte) []byte
} {
	type damage = struct {
		name   string
		damage func([]byte) []byte
	}
	flip := func(off int) damage {
		return damage{fmt.Sprintf("bit %d of byte %d flipped", off%8, off), func(b []byte) []byte {
			b = slices.Clone(b)
			b[off] ^= 1 << (off % 8)
			return b
		}}
	}
	var ds []damage
	for i := range 32 {
		ds = append(ds, flip(i*n/32))
	}
	ds = append(ds, flip(n-1),
		damage{"emptied", func([]byte) []byte { return nil }},
		damage{"cut to half", func(b []byte) []byte { return b[:len(b)/2] }},
		damage{"cut by a byte", func(b []byte) []byte { return b[:len(b)-1] }},
		damage{"bytes appended", func(b []byte) []byte { return append(slices.Clone(b), "appended bytes"...) }},
	)
	return ds
}

// TestDamagedCacheBuildsAsNoCache damages every file of the build cache
// (and a social card) at every region, one damage at a time, and builds again, as a deploy (into
// a new folder, the cache restored) and as a warm rebuild (into the last
// output, with the same content or one page edited): each build must
// succeed and publish byte for byte what a --no-cache build publishes, and
// every compressed file it publishes must be whole.
func TestDamagedCacheBuildsAsNoCache(t *testing.T) {
	root := writeSite(t, cachedSite)
	out := filepath.Join(root, "public")
	fresh := filepath.Join(root, "deploy")
	cacheDir := filepath.Join(root, ".cache")
	edited := filepath.Join(root, "content/notes/a.md")
	original := []byte(cachedSite["content/notes/a.md"])
	edit := bytes.Replace(original, []byte("About latency"), []byte("About tail latency"), 1)
	// Dated back, as files not edited while the build runs are: the cache
	// keeps only entries for files that changed well before it was saved.
	setPage := func(data []byte, age time.Duration) {
		t.Helper()
		if err := os.WriteFile(edited, data, 0o644); err != nil {
			t.Fatal(err)
		}
		when := time.Now().Add(-age)
		if err := os.Chtimes(edited, when, when); err != nil {
			t.Fatal(err)
		}
	}
	for name := range cachedSite {
		when := time.Now().Add(-2 * time.Hour)
		os.Chtimes(filepath.Join(root, filepath.FromSlash(name)), when, when)
	}
	build := func(args ...string) string {
		t.Helper()
		code, stdout, errs := run(t, append([]string{"build", "--root", root}, args...)...)
		if code != 0 {
			t.Fatalf("build %v exited %d: %s", args, code, errs)
		}
		return stdout
	}

	// What a build without a cache publishes, for each version of a.md.
	setPage(edit, time.Hour)
	noCacheEdited := filepath.Join(t.TempDir(), "public")
	build("--no-cache", "--out", noCacheEdited)
	setPage(original, 2*time.Hour)
	noCache := filepath.Join(t.TempDir(), "public")
	build("--no-cache", "--out", noCache)
	want := map[bool]map[string][]byte{false: readFiles(t, noCache), true: readFiles(t, noCacheEdited)}
	for _, files := range want {
		checkGzip(t, "the --no-cache build", files)
	}

	// The first build writes the cache the damage is done to. A rebuild
	// into the same folder leaves a whole cache again (it publishes what
	// a --no-cache build does, and writes what it read anew), so each
	// damage is done to the cache the last rebuild left. A deploy reads a
	// damaged copy of it (--cache).
	build()
	names := []string{"reuse.bin", "build-cache.gob"}
	// And one social card, a file of its own (the first, by name).
	for _, n := range slices.Sorted(maps.Keys(readFiles(t, cacheDir))) {
		if strings.HasPrefix(n, "social/") {
			names = append(names, n)
			break
		}
	}
	if len(names) != 3 {
		t.Fatalf("the build wrote no social card in %s: this test no longer covers them", cacheDir)
	}
	noticed := map[string]bool{}
	deployCache := filepath.Join(t.TempDir(), "cache")
	check := func(what string, edited bool, dir string, args ...string) {
		t.Helper()
		code, stdout, errs := run(t, append([]string{"build", "--root", root, "--verbose"}, args...)...)
		if code != 0 {
			t.Errorf("%s: the build exited %d: %s", what, code, errs)
			return
		}
		for _, name := range names {
			if strings.Contains(stdout, "not used") && strings.Contains(stdout, name) {
				noticed[name] = true
			}
		}
		got := readFiles(t, dir)
		if msg := diffFiles(got, want[edited]); msg != "" {
			t.Errorf("%s: the output differs from a --no-cache build: %s", what, msg)
		}
		checkGzip(t, what, got)
	}
	trial := 0
	for _, name := range names {
		for i := range len(cacheDamages(1)) {
			cache := readFiles(t, cacheDir)
			if cache[name] == nil {
				t.Fatalf("the build wrote no %s in %s: this test no longer covers it", name, cacheDir)
			}
			d := cacheDamages(len(cache[name]))[i]
			damaged := d.damage(cache[name])
			// Builds alternate between the same content and one page
			// edited, so that the damaged cache is read both to keep
			// every page and to redo one.
			trial++
			edited := trial%2 == 0
			if edited {
				setPage(edit, time.Hour)
			} else {
				setPage(original, 2*time.Hour)
			}
			what := fmt.Sprintf("%s %s (page edited: %v)", name, d.name, edited)

			os.RemoveAll(deployCache)
			for n, b := range cache {
				if n == name {
					b = damaged
				}
				writeFile(t, filepath.Join(deployCache, n), b)
			}
			os.RemoveAll(fresh)
			check(what+", deployed into a new folder", edited, fresh, "--out", fresh, "--cache", deployCache)

			writeFile(t, filepath.Join(cacheDir, name), damaged)
			check(what+", rebuilt", edited, out)
			// A rebuild that did not write the file leaves it: it is
			// put back whole, so that each build reads one damage.
			if b, _ := os.ReadFile(filepath.Join(cacheDir, name)); bytes.Equal(b, damaged) {
				writeFile(t, filepath.Join(cacheDir, name), cache[name])
			}
		}
	}
	for _, name := range names {
		if !noticed[name] {
			t.Errorf("no build said it did not use the damaged %s: it was never read, and this test does not cover it", name)
		}
	}
}

// writeFile writes the file at p, making its folder.
func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// readFiles returns the bytes of every file under dir, by slash path.
func readFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// diffFiles describes the first difference between two sets of files, or "".
func diffFiles(got, want map[string][]byte) string {
	var msgs []string
	for p, w := range want {
		if g, ok := got[p]; !ok {
			msgs = append(msgs, "missing "+p)
		} else if !bytes.Equal(g, w) {
			msgs = append(msgs, "content of "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			msgs = append(msgs, "extra "+p)
		}
	}
	slices.Sort(msgs)
	return strings.Join(msgs, ", ")
}

// checkGzip reports every compressed file of files (the search index's
// .bin files, any .gz) that does not decompress.
func checkGzip(t *testing.T, what string, files map[string][]byte) {
	t.Helper()
	n := 0
	for p, b := range files {
		if !strings.HasSuffix(p, ".gz") && !(strings.HasPrefix(p, "search/") && strings.HasSuffix(p, ".bin")) {
			continue
		}
		n++
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err == nil {
			_, err = io.Copy(io.Discard, zr)
		}
		if err != nil {
			t.Errorf("%s: %s is not a valid gzip file: %v", what, p, err)
		}
	}
	if n == 0 {
		t.Fatalf("%s: no compressed file in the output: the test no longer covers the search files", what)
	}
}
