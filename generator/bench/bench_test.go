package main

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/cli"
)

// The suite itself is a command (go run ./generator/bench), minutes long;
// these tests cover only its pure parts.

func TestSearchSharesReadsOurVerboseBuildOutput(t *testing.T) {
	out := "built 10000 pages, 3 sections, 30 tags (10999 files, 209.8 MB) into /x in 56.15 s\n" +
		"  config      0 ms\n  markdown    40.40 s\n  search      0 ms\n  pages       2.16 s\n  search wait 300 ms\n" +
		"  publish     0 ms\n  index       2.47 s (the search index, made while the pages rendered)\n"
	fast := "built 200 pages, 3 sections, 30 tags (441 files, 5.0 MB) into /x in 800 ms\n  search      0 ms\n  index       80 ms (the search index, made while the pages rendered)\n"
	st, err := searchShares(&contender{stdouts: []string{out, fast}})
	if err != nil {
		t.Fatal(err)
	}
	if st.search[0] != 2.47 || st.search[1] != 0.08 {
		t.Errorf("search step = %v, want [2.47 0.08]", st.search)
	}
	if math.Abs(st.share[0]-2.47/56.15) > 1e-9 || math.Abs(st.share[1]-0.1) > 1e-9 {
		t.Errorf("share = %v", st.share)
	}
	if _, err := searchShares(&contender{stdouts: []string{"built in a new format"}}); err == nil || !strings.Contains(err.Error(), "format changed") {
		t.Errorf("a changed format should say so, got %v", err)
	}
}

// TestSearchSharesReadsTheRealOutput reads the real --verbose output, so a
// change of its format fails here and not minutes into a benchmark run.
func TestSearchSharesReadsTheRealOutput(t *testing.T) {
	out := ourVerboseBuild(t)
	st, err := searchShares(&contender{stdouts: []string{out}})
	if err != nil {
		t.Fatal(err)
	}
	if st.search[0] < 0 || st.share[0] < 0 || st.share[0] > 1 {
		t.Errorf("search %v s, share %v, from:\n%s", st.search, st.share, out)
	}
}

// ourVerboseBuild builds a small site with the generator's own command
// line and returns what build --verbose printed.
func ourVerboseBuild(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	pages := map[string]string{
		"content/_index.md":    "---\ntitle: Home\n---\nWelcome. See [one](/notes/one/#part).\n",
		"content/notes/one.md": "---\ntitle: One\n---\n## Part\n\nThe first note, about latency.\n",
		"content/notes/two.md": "---\ntitle: Two\n---\nThe second note, about throughput.\n",
	}
	for name, text := range pages {
		os.MkdirAll(filepath.Join(root, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr strings.Builder
	env := cli.Env{Stdout: &stdout, Stderr: &stderr}
	if code := cli.Run(context.Background(), env, []string{"build", "--root", root, "--verbose", "--no-cache"}); code != 0 {
		t.Fatalf("build failed (%d): %s", code, stderr.String())
	}
	return stdout.String()
}

func TestParseSizes(t *testing.T) {
	tests := []struct {
		in   string
		want []int
		bad  bool
	}{
		{in: "1000,10000", want: []int{1000, 10000}},
		{in: "10_000", want: []int{10000}},
		{in: " 500 ", want: []int{500}},
		{in: "1k", bad: true},
		{in: "0", bad: true},
		{in: "", bad: true},
	}
	for _, tt := range tests {
		got, err := parseSizes(tt.in)
		if tt.bad != (err != nil) || !slices.Equal(got, tt.want) {
			t.Errorf("parseSizes(%q) = %v, %v; want %v (error expected: %v)", tt.in, got, err, tt.want, tt.bad)
		}
	}
}

func TestDefaultsByCorpusSize(t *testing.T) {
	o, err := parseOptions("build", nil)
	if err != nil {
		t.Fatal(err)
	}
	if o.runsFor(1000) != 5 || o.runsFor(10000) != 3 || o.startsFor(1000) != 3 || o.startsFor(10000) != 1 {
		t.Errorf("defaults: runs %d/%d starts %d/%d", o.runsFor(1000), o.runsFor(10000), o.startsFor(1000), o.startsFor(10000))
	}
	q, _ := parseOptions("build", []string{"-quick"})
	if len(q.sizes) != 1 || q.sizes[0] != 1000 || q.runsFor(1000) != 1 || q.edits != 5 {
		t.Errorf("-quick = %+v", q)
	}
	if _, err := parseOptions("build", []string{"-runs", "-1"}); err == nil {
		t.Error("negative -runs accepted")
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 184043342: "184,043,342"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestOurSearchFilesAreTheIndexAndScriptsNotTheResultsPage(t *testing.T) {
	for p, want := range map[string]bool{
		"/search/entry.abc.json": true, "/search/t.x.bin": true, "/js/search.js": true, "/js/search-engine.js": true,
		"/search/": false, "/js/live.js": false, "/": false, "/css/site.css": false,
	} {
		if got := isOurSearchFile(p); got != want {
			t.Errorf("isOurSearchFile(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestEditPageIsTheFirstPageOfTheFirstSection(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"content/_index.md", "content/articles/_index.md", "content/articles/b-2.md", "content/articles/a-1.md", "content/guides/a.md"} {
		os.MkdirAll(filepath.Join(root, filepath.Dir(f)), 0o755)
		os.WriteFile(filepath.Join(root, f), []byte("x"), 0o644)
	}
	file, url, err := editPage(root)
	if err != nil || file != filepath.Join(root, "content/articles/a-1.md") || url != "/articles/a-1/" {
		t.Fatalf("editPage = %s, %s, %v", file, url, err)
	}
	if err := appendLine(file, "m1"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(file); string(b) != "x\nAppended line m1.\n" {
		t.Errorf("after appendLine: %q", b)
	}
}
