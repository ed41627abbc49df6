package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestRecordsAreAppended checks that a rebuild writes only the records of
// the pages that changed, after the last build's, that the file is written
// anew once it holds more dead records than live ones, and that a state
// whose records are not as it says is not used.
func TestRecordsAreAppended(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(t.TempDir(), "public")
	cache := filepath.Join(root, ".cache")
	put := writer(t, root)
	edit := 0
	write := func(name, body string) {
		put(name, "---\ntitle: "+name+"\n---\n"+body+"\n")
		// Dated back, as edits made over time are (see content.Save).
		edit++
		when := time.Now().Add(-time.Hour + time.Duration(edit)*time.Second)
		os.Chtimes(filepath.Join(root, name), when, when)
	}
	for i := range 6 {
		write(fmt.Sprintf("content/notes/n%d.md", i), fmt.Sprintf("## Part\n\nThe text of note %d, about latency and queues.\n", i))
	}
	opts := Options{FS: os.DirFS(root), Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), LinkWarnings: true}
	build := func() int {
		t.Helper()
		full, err := NewBuilder().Build(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		msg, s := warmStep(t, opts, out, cache, full)
		if msg != "" {
			t.Fatalf("after edit %d the output differs from a full build: %s", edit, msg)
		}
		return s.Stats.Kept
	}
	records := func() []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(cache, recordsFile))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	build()
	first := records()
	write("content/notes/n2.md", "## Part\n\nEdited once.\n")
	if kept := build(); kept == 0 {
		t.Fatal("the rebuild kept no page: the state was not used")
	}
	second := records()
	if len(second) <= len(first) || !bytes.Equal(second[:len(first)], first) {
		t.Fatalf("the records file was rewritten (%d then %d bytes), not appended to", len(first), len(second))
	}

	// Edits of one page add dead records until there are more dead bytes
	// than live ones; then the file is written anew, and stays small.
	rewritten := false
	for i := range 30 {
		before := records()
		write("content/notes/n2.md", fmt.Sprintf("## Part\n\nEdited again, %d times.\n", i))
		if kept := build(); kept == 0 {
			t.Fatalf("edit %d: the rebuild kept no page", i)
		}
		after := records()
		if !bytes.HasPrefix(after, before) {
			rewritten = true
			if len(after) > 2*len(first) {
				t.Fatalf("the records file was written anew at %d bytes, %d as first written", len(after), len(first))
			}
		}
	}
	if !rewritten {
		t.Fatalf("30 edits of a page never had the records file written anew: it grew to %d bytes from %d", len(records()), len(first))
	}

	// A record that is not as the state says (an append lost in a crash)
	// makes the state unusable: the next build is a full one.
	b := records()
	b[len(b)-1] ^= 1
	os.WriteFile(filepath.Join(cache, recordsFile), b, 0o644)
	write("content/notes/n4.md", "## Part\n\nAn edit after the damage.\n")
	if kept := build(); kept != 0 {
		t.Fatalf("a build kept %d pages through a state whose records are damaged", kept)
	}
	if kept := build(); kept == 0 {
		t.Fatal("the build after a full one kept no page: it wrote no usable state")
	}
}
