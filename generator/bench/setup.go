package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// bench is one invocation: where things are, and the tools built or found
// for it. Corpora and tools are prepared once per invocation and shared by
// the subcommands of "all".
type bench struct {
	ctx  context.Context
	o    options
	w    io.Writer // the report
	repo string    // repository root
	kit  string    // the peer kit
	out  string    // generator/bench/out

	generator string // our binary, built from the working tree
	gencorpus string
	corpora   map[int]string // pages → site root holding content/
	real      map[int]string // copies → site root of the real corpus
	hugoSite  string         // a writable copy of the kit's Hugo site
	tools     map[string]string
	machine   string
}

func newBench(ctx context.Context, o options) (*bench, error) {
	b := &bench{ctx: ctx, o: o, w: os.Stdout, corpora: map[int]string{}, real: map[int]string{}, tools: map[string]string{}}
	var err error
	if b.repo, err = repoRoot(); err != nil {
		return nil, err
	}
	if b.kit, err = kitDir(b.repo, o.kit); err != nil {
		return nil, err
	}
	b.out = o.out
	if b.out == "" {
		b.out = filepath.Join(b.repo, "generator", "bench", "out")
	}
	if b.out, err = filepath.Abs(b.out); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(b.out, "bin"), 0o755); err != nil {
		return nil, fmt.Errorf("creating the output folder: %w", err)
	}
	b.generator = filepath.Join(b.out, "bin", "generator")
	b.gencorpus = filepath.Join(b.out, "bin", "gencorpus")
	b.logf("building our generator from %s and the kit's gencorpus", b.repo)
	if err := b.goBuild(b.repo, b.generator, "./generator"); err != nil {
		return nil, err
	}
	if err := b.goBuild(filepath.Join(b.kit, "gencorpus"), b.gencorpus, "."); err != nil {
		return nil, err
	}
	return b, nil
}

// repoRoot is the folder of the go.mod of this module, from the working
// directory up.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.Contains(mod, []byte("module github.com/tradeoffs/tradeoffs\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("run the benchmark from inside the repository (no go.mod of github.com/tradeoffs/tradeoffs above %s)", dir)
		}
		dir = parent
	}
}

// kitDir finds the peer kit: the flag, the environment, or ../shared/bench.
func kitDir(repo, flagValue string) (string, error) {
	dir := flagValue
	if dir == "" {
		dir = os.Getenv("TRADEOFFS_BENCH_KIT")
	}
	if dir == "" {
		dir = filepath.Join(repo, "..", "shared", "bench")
	}
	dir, _ = filepath.Abs(dir)
	for _, f := range []string{"gencorpus/main.go", "hugo-site/hugo.toml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return "", fmt.Errorf("the peer kit is not at %s (no %s): pass -kit DIR or set TRADEOFFS_BENCH_KIT", dir, f)
		}
	}
	return dir, nil
}

func (b *bench) goBuild(dir, out, pkg string) error {
	c := exec.CommandContext(b.ctx, "go", "build", "-o", out, pkg)
	c.Dir = dir
	// The kit may be read-only and has its own go.mod: keep this
	// repository's workspace settings out of its build.
	c.Env = append(os.Environ(), "GOWORK=off")
	if msg, err := c.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s in %s: %w\n%s", pkg, dir, err, msg)
	}
	return nil
}

// corpus returns the site root of the n-page corpus (its pages in
// content/), generated afresh once per invocation: earlier runs may have
// left edited pages behind.
func (b *bench) corpus(n int) (string, error) {
	if root, ok := b.corpora[n]; ok {
		return root, nil
	}
	root := filepath.Join(b.out, "corpora", "n"+strconv.Itoa(n))
	if err := os.RemoveAll(root); err != nil {
		return "", err
	}
	b.logf("generating the %d-page corpus (gencorpus -seed 1, default sections)", n)
	c := exec.CommandContext(b.ctx, b.gencorpus, "-n", strconv.Itoa(n), "-out", filepath.Join(root, "content"), "-seed", "1")
	if msg, err := c.CombinedOutput(); err != nil {
		return "", fmt.Errorf("gencorpus -n %d: %w\n%s", n, err, msg)
	}
	b.corpora[n] = root
	return root, nil
}

// site returns a fresh folder for a built site, under out/site/.
func (b *bench) site(name string) (string, error) {
	dir := filepath.Join(b.out, "site", name)
	if err := os.RemoveAll(dir); err != nil {
		return "", fmt.Errorf("cleaning %s: %w", dir, err)
	}
	return dir, os.MkdirAll(filepath.Dir(dir), 0o755)
}

// cleanSites removes the built sites unless -keep: they take gigabytes.
func (b *bench) cleanSites() {
	if !b.o.keep {
		os.RemoveAll(filepath.Join(b.out, "site"))
	}
}

// logf prints progress to stderr, so the report on stdout stays clean.
func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "· "+format+"\n", args...)
}

// editPage is the page every edit benchmark appends to: the first page, in
// name order, of the corpus's first section. It returns the file and the
// page's URL.
func editPage(root string) (file, url string, err error) {
	sections, err := os.ReadDir(filepath.Join(root, "content"))
	if err != nil {
		return "", "", err
	}
	for _, s := range sections {
		if !s.IsDir() {
			continue
		}
		pages, err := os.ReadDir(filepath.Join(root, "content", s.Name()))
		if err != nil {
			return "", "", err
		}
		for _, p := range pages {
			if name, ok := strings.CutSuffix(p.Name(), ".md"); ok && !strings.HasPrefix(name, "_") {
				return filepath.Join(root, "content", s.Name(), p.Name()), "/" + s.Name() + "/" + name + "/", nil
			}
		}
	}
	return "", "", fmt.Errorf("no page to edit in %s/content", root)
}

// setTitle puts marker into the page's title: the page's entry in every
// list that shows it changes, so the edit is not the page's alone.
func setTitle(file, marker string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "title:") {
			lines[i] = fmt.Sprintf("title: \"Retitled %s\"", marker)
			return os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644)
		}
	}
	return fmt.Errorf("%s: no title: line to edit", file)
}

// appendLine appends a marked line to a page.
func appendLine(file, marker string) error {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "\nAppended line %s.\n", marker)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
