package scaffold

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the generated reference in CONTRIBUTING.md")

// TestContributingReferenceIsCurrent fails when CONTRIBUTING.md's front
// matter and calculator reference differs from what the Go types accept, so
// the documentation cannot drift from the build.
func TestContributingReferenceIsCurrent(t *testing.T) {
	path := filepath.Join("..", "..", "..", "CONTRIBUTING.md")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(src)
	start := strings.Index(doc, BeginMarker)
	end := strings.Index(doc, EndMarker)
	if start < 0 || end < start {
		t.Fatalf("CONTRIBUTING.md lacks the markers around the generated reference:\n%s\n%s", BeginMarker, EndMarker)
	}
	got := doc[start+len(BeginMarker) : end]
	want := "\n" + Reference() + "\n"
	if got == want {
		return
	}
	if *update {
		doc = doc[:start+len(BeginMarker)] + want + doc[end:]
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("CONTRIBUTING.md's reference is out of date with the schema: run\n  go test ./generator/internal/scaffold -run TestContributingReferenceIsCurrent -update")
}
