package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// writeSite writes files (path → contents) under a new temporary root.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// run runs a command in-process and returns its exit code and output.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code = Run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

// snapshot hashes every file under dir, by slash path (see readFiles).
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	m := map[string][32]byte{}
	for p, b := range readFiles(t, dir) {
		m[p] = sha256.Sum256(b)
	}
	return m
}

var goodSite = map[string]string{
	"content/_index.md":       "---\ntitle: Home\n---\nHello.\n",
	"content/notes/first.md":  "---\ntitle: First\ndate: 2024-01-01\ntags: [a]\n---\n## One\n\nText.\n",
	"content/notes/second.md": "---\ntitle: Second\ndate: 2024-02-01\n---\nSee [first](first.md).\n",
	"static/robots-extra.txt": "hello\n",
}

func TestFailedBuildLeavesPreviousOutputUnchanged(t *testing.T) {
	root := writeSite(t, goodSite)
	out := filepath.Join(root, "public")
	if code, _, errs := run(t, "build", "--root", root, "--quiet"); code != 0 {
		t.Fatalf("first build failed (%d): %s", code, errs)
	}
	before := snapshot(t, out)
	if len(before) < 10 {
		t.Fatalf("first build wrote only %d files", len(before))
	}
	// Break one page and add a new one; the build must fail and change nothing.
	os.WriteFile(filepath.Join(root, "content/notes/second.md"), []byte("---\ntitle: [broken\n---\n"), 0o644)
	os.WriteFile(filepath.Join(root, "content/notes/third.md"), []byte("---\ntitle: Third\n---\nNew.\n"), 0o644)
	code, _, errs := run(t, "build", "--root", root)
	if code != 1 {
		t.Fatalf("broken build exited %d, want 1", code)
	}
	if !strings.Contains(errs, "content/notes/second.md:2:8:") || !strings.Contains(errs, "was not changed") {
		t.Errorf("stderr does not name the problem and say the output is untouched:\n%s", errs)
	}
	after := snapshot(t, out)
	if len(after) != len(before) {
		t.Fatalf("output has %d files after the failed build, had %d", len(after), len(before))
	}
	for p, h := range before {
		if after[p] != h {
			t.Errorf("%s changed after a failed build", p)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(root, ".public.building-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

func TestInterruptedBuildLeavesPreviousOutputUnchanged(t *testing.T) {
	root := writeSite(t, goodSite)
	out := filepath.Join(root, "public")
	if code, _, errs := run(t, "build", "--root", root, "--quiet"); code != 0 {
		t.Fatalf("first build failed: %s", errs)
	}
	before := snapshot(t, out)
	os.WriteFile(filepath.Join(root, "content/notes/third.md"), []byte("---\ntitle: Third\n---\nNew.\n"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // interrupted before it could finish
	var o, e bytes.Buffer
	code := Run(ctx, Env{Stdout: &o, Stderr: &e, Getenv: func(string) string { return "" }}, []string{"build", "--root", root})
	if code != 1 {
		t.Fatalf("interrupted build exited %d, want 1", code)
	}
	after := snapshot(t, out)
	if len(after) != len(before) {
		t.Errorf("output changed by an interrupted build: %d files, was %d", len(after), len(before))
	}
	leftovers, _ := filepath.Glob(filepath.Join(root, ".public.building-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

func TestBuildReplacesOutputCompletely(t *testing.T) {
	root := writeSite(t, goodSite)
	out := filepath.Join(root, "public")
	run(t, "build", "--root", root, "--quiet")
	os.Remove(filepath.Join(root, "content/notes/first.md"))
	os.WriteFile(filepath.Join(root, "content/notes/second.md"), []byte("---\ntitle: Second\n---\nAlone.\n"), 0o644)
	if code, _, errs := run(t, "build", "--root", root, "--quiet"); code != 0 {
		t.Fatalf("second build failed: %s", errs)
	}
	if _, err := os.Stat(filepath.Join(out, "notes/first/index.html")); err == nil {
		t.Error("a deleted page is still in the output after a rebuild")
	}
}

func TestRebuildOverOutputEqualsColdBuild(t *testing.T) {
	root := writeSite(t, goodSite)
	out := filepath.Join(root, "public")
	run(t, "build", "--root", root, "--quiet")
	before, err := os.Lstat(filepath.Join(out, "robots-extra.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dirBefore, _ := os.Lstat(out)
	// A later build links the files that did not change from the last
	// output into a new folder, which takes the output's place whole:
	// what it keeps must never leak an old byte.
	os.WriteFile(filepath.Join(root, "content/notes/second.md"), []byte("---\ntitle: Second\ndate: 2024-02-01\n---\nSee [first](first.md), again.\n"), 0o644)
	if code, _, errs := run(t, "build", "--root", root, "--quiet"); code != 0 {
		t.Fatalf("second build failed: %s", errs)
	}
	cold := filepath.Join(t.TempDir(), "cold")
	if code, _, errs := run(t, "build", "--root", root, "--out", cold, "--no-cache", "--quiet"); code != 0 {
		t.Fatalf("cold build failed: %s", errs)
	}
	warm, fresh := snapshot(t, out), snapshot(t, cold)
	if !maps.Equal(warm, fresh) {
		t.Errorf("the rebuild over the last output differs from a cold build:\nrebuild %v\ncold    %v", warm, fresh)
	}
	after, err := os.Lstat(filepath.Join(out, "robots-extra.txt"))
	if err != nil || !os.SameFile(before, after) {
		t.Errorf("an unchanged file was written again instead of kept from the last build (%v)", err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "notes/second/index.html")); !strings.Contains(string(b), "again.") {
		t.Error("the edited page is not in the rebuilt output")
	}
	if dirAfter, _ := os.Lstat(out); os.SameFile(dirBefore, dirAfter) {
		t.Error("the rebuild changed the output folder in place instead of replacing it whole")
	}
}

// TestLeftoversOfKilledBuildsAreCleanedUp: what builds killed while they
// published left beside the output (a folder being built; an old site
// moved aside where the system cannot swap two folders, the output then
// absent) is cleaned up by serve's start and by the next build.
func TestLeftoversOfKilledBuildsAreCleanedUp(t *testing.T) {
	root := writeSite(t, goodSite)
	out := filepath.Join(root, "public")
	run(t, "build", "--root", root, "--quiet")
	want := snapshot(t, out)
	killed := func() {
		os.MkdirAll(filepath.Join(root, ".public.building-1/notes"), 0o755)
		os.WriteFile(filepath.Join(root, ".public.building-1/notes/index.html"), []byte("half"), 0o644)
		os.MkdirAll(filepath.Join(root, ".public.building-2"), 0o755)
		if err := os.Rename(out, filepath.Join(root, ".public.building-2-old")); err != nil {
			t.Fatal(err)
		}
	}
	check := func(when string) {
		t.Helper()
		if got := snapshot(t, out); !maps.Equal(got, want) {
			t.Errorf("%s: the output is not the last site: %d files, want %d", when, len(got), len(want))
		}
		if left, _ := filepath.Glob(filepath.Join(root, ".public*")); len(left) > 0 {
			t.Errorf("%s: left beside the output: %v", when, left)
		}
	}
	killed()
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // serve starts and stops at once
	var o, e bytes.Buffer
	Run(ctx, Env{Stdout: &o, Stderr: &e, Getenv: func(string) string { return "" }}, []string{"serve", "--root", root, "--port", "0"})
	check("serve started")
	killed()
	if code, _, errs := run(t, "build", "--root", root, "--quiet"); code != 0 {
		t.Fatalf("the next build failed: %s", errs)
	}
	check("built again")
}

func TestBuildPrintsSummary(t *testing.T) {
	root := writeSite(t, goodSite)
	code, stdout, _ := run(t, "build", "--root", root)
	if code != 0 {
		t.Fatal("build failed")
	}
	for _, want := range []string{"built 2 pages, 1 section, 1 tag", "into " + filepath.Join(root, "public")} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary %q lacks %q", stdout, want)
		}
	}
	// The time it took, in whichever unit suits it: a loaded machine may
	// take seconds where a quiet one takes milliseconds.
	if !regexp.MustCompile(` in [0-9]+(\.[0-9]+)? (ms|s)\n?$`).MatchString(stdout) {
		t.Errorf("summary %q does not end with the time the build took", stdout)
	}
}

func TestHelp(t *testing.T) {
	code, stdout, _ := run(t, "help")
	if code != 0 {
		t.Fatalf("help exited %d", code)
	}
	for _, cmd := range []string{"build", "serve", "check"} {
		if !strings.Contains(stdout, "  "+cmd+" ") {
			t.Errorf("help does not list %s:\n%s", cmd, stdout)
		}
	}
	for _, tt := range []struct {
		args  []string
		flags []string
	}{
		{[]string{"build", "-h"}, []string{"--root", "--out", "--drafts", "--base-url", "--preview", "--quiet"}},
		{[]string{"help", "serve"}, []string{"--root", "--bind", "--port", "--drafts", "--allow-host"}},
		{[]string{"check", "--help"}, []string{"--root", "--json", "--drafts"}},
	} {
		code, _, stderr := run(t, tt.args...)
		if code != 0 {
			t.Errorf("%v exited %d", tt.args, code)
		}
		for _, f := range tt.flags {
			if !strings.Contains(stderr, f) {
				t.Errorf("%v does not explain %s:\n%s", tt.args, f, stderr)
			}
		}
	}
	if code, _, stderr := run(t, "frobnicate"); code != 2 || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, stderr %q", code, stderr)
	}
}

func TestCheckAnnotatesOnGitHubActions(t *testing.T) {
	root := writeSite(t, map[string]string{"content/_index.md": "---\ntitle: Home\n---\n[x](/nope/)\n"})
	var out, errb bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
		if k == "GITHUB_ACTIONS" {
			return "true"
		}
		return ""
	}}
	if code := Run(context.Background(), env, []string{"check", "--root", root}); code != 1 {
		t.Fatalf("check exited %d, want 1", code)
	}
	want := "::error file=" + filepath.ToSlash(filepath.Join(root, "content/_index.md")) + ",line=4,col=1::broken link: nothing is published at /nope/"
	if !strings.Contains(errb.String(), want) {
		t.Errorf("no annotation %q in:\n%s", want, errb.String())
	}
}

// --allow-host is repeated or takes names separated by commas; a URL
// given for a name stops serve at the start, naming it.
func TestServeAllowHost(t *testing.T) {
	var l hostList
	l.Set("preview.test, .tunnel.test")
	l.Set("other.test")
	if got := strings.Join(l, " "); got != "preview.test .tunnel.test other.test" {
		t.Errorf("--allow-host \"preview.test, .tunnel.test\" --allow-host other.test = %q", got)
	}
	code, _, stderr := run(t, "serve", "--root", t.TempDir(), "--port", "0", "--no-cache", "--allow-host", "preview.test,http://preview.test/")
	if code != 1 || !strings.Contains(stderr, `--allow-host "http://preview.test/" is not a host name`) {
		t.Errorf("serve --allow-host with a URL: exit %d, stderr %q", code, stderr)
	}
}
