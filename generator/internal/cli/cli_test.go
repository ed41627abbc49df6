package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"maps"
	"os"
	"path/filepath"
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
	// A later build writes beside the output only the files that changed
	// and updates the output in place: what it keeps must never leak an
	// old byte.
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
}

// TestSwapPublishesANewFolder: with --swap a rebuild that changed one page
// still puts a whole new folder in the output's place (the default renames
// the changed files into the folder in place).
func TestSwapPublishesANewFolder(t *testing.T) {
	root := writeSite(t, goodSite)
	out := filepath.Join(root, "public")
	run(t, "build", "--root", root, "--quiet")
	edit := func(text string) {
		os.WriteFile(filepath.Join(root, "content/notes/second.md"), []byte("---\ntitle: Second\ndate: 2024-02-01\n---\n"+text+"\n"), 0o644)
	}
	for i, tc := range []struct {
		flags   []string
		sameDir bool
	}{{nil, true}, {[]string{"--swap"}, false}} {
		before, _ := os.Lstat(out)
		text := fmt.Sprintf("Edit number %d.", i)
		edit(text)
		if code, _, errs := run(t, append([]string{"build", "--root", root, "--quiet"}, tc.flags...)...); code != 0 {
			t.Fatalf("build %v failed: %s", tc.flags, errs)
		}
		after, _ := os.Lstat(out)
		if os.SameFile(before, after) != tc.sameDir {
			t.Errorf("build %v: the output is the same folder: %v, want %v", tc.flags, !tc.sameDir, tc.sameDir)
		}
		if b, _ := os.ReadFile(filepath.Join(out, "notes/second/index.html")); !strings.Contains(string(b), text) {
			t.Errorf("build %v: the edited page is not in the output", tc.flags)
		}
	}
}

func TestBuildPrintsSummary(t *testing.T) {
	root := writeSite(t, goodSite)
	code, stdout, _ := run(t, "build", "--root", root)
	if code != 0 {
		t.Fatal("build failed")
	}
	for _, want := range []string{"built 2 pages, 1 section, 1 tag", "into " + filepath.Join(root, "public"), " ms"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary %q lacks %q", stdout, want)
		}
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
