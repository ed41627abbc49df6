package site

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/output"
)

// TestIncrementalEqualsFullBuild edits a site at random, step after step,
// and checks after each step that a Builder reusing its caches gives
// byte-for-byte the same site, and the same problems, as a build from
// scratch.
func TestIncrementalEqualsFullBuild(t *testing.T) {
	quick := 0
	for seed := range uint64(10) {
		// Odd seeds tell the builder which files changed, as the preview
		// server does; even seeds let it find out.
		mode := findChanges
		if seed%2 == 1 {
			mode = toldChanges
		}
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) { quick += incrementalRun(t, seed, mode, nil) })
	}
	if !t.Failed() && quick == 0 {
		t.Error("no build took the quick path: the test no longer covers it")
	}
}

// TestCachedDeployEqualsFullBuild edits a site at random as
// TestIncrementalEqualsFullBuild does, but builds each step as a deploy
// does: a new one-shot build, with the cache folder the last build left,
// every file of the site given a new modification time (a fresh clone),
// then published. After each step the output folder must hold
// byte-for-byte what a build from scratch makes, and a failed build must
// leave it as it was.
//
// Before a third of the builds, a file of the cache folder is damaged at a
// random place (a bit flipped, the file cut short or grown): the builds
// must still publish what a build from scratch does.
func TestCachedDeployEqualsFullBuild(t *testing.T) {
	reused := 0
	ignored := map[string]int{"reuse.bin": 0, "build-cache.gob": 0}
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			reused += incrementalRun(t, seed, throughCache, func(err error) {
				for name := range ignored {
					if strings.Contains(err.Error(), name) {
						ignored[name]++
					}
				}
			})
		})
	}
	if !t.Failed() && reused == 0 {
		t.Error("no build reused a conversion from the cache folder: the test no longer covers it")
	}
	for name, n := range ignored {
		if !t.Failed() && n == 0 {
			t.Errorf("no build read %s damaged: the test no longer covers damage to it", name)
		}
	}
}

// How incrementalRun builds each step.
const (
	findChanges  = iota // a Builder that finds out what changed
	toldChanges         // a Builder told what changed, as the preview server is
	throughCache        // one-shot builds with the cache folder, as a deploy
)

// incrementalRun makes random edits, building after each, and returns how
// many of the builds took the quick path, or, for throughCache, how many
// conversions they took from the cache folder; ignored is given what each of those builds
// says of the cache files it did not use.
func incrementalRun(t *testing.T, seed uint64, mode int, ignored func(error)) (count int) {
	root := t.TempDir()
	out := filepath.Join(t.TempDir(), "public")
	cache := filepath.Join(root, ".cache")
	var changed []string
	remove := func(name string) {
		os.Remove(filepath.Join(root, filepath.FromSlash(name)))
		changed = append(changed, name)
	}
	put := writer(t, root)
	write := func(name, data string) {
		changed = append(changed, name)
		put(name, data)
	}
	page := func(title, tags, body string) string {
		return fmt.Sprintf("---\ntitle: %q\ndate: 2024-01-%02d\ntags: [%s]\n---\n%s\n", title, 1+len(title)%28, tags, body)
	}
	write("content/_site.yaml", "title: Site\n")
	write("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
	write("content/calculators/double.yaml", "title: Double\ninputs:\n  - name: x\n    label: X\n    default: 2\noutputs:\n  - name: y\n    label: Y\n    formula: x * 2\n    format: number\n")
	for i := range 8 {
		write(fmt.Sprintf("content/notes/n%d.md", i), page(fmt.Sprintf("Note %d", i), "a, b", fmt.Sprintf("## Part\n\nText of note %d. See [next](n%d.md#part).\n\n```go\nx := %d\n```\n", i, (i+1)%8, i)))
	}
	write("content/notes/calc.md", page("Calc", "c", "::calculator[double]\n"))
	write("content/_figures.yaml", figuresFile(0))
	write("content/notes/fig.md", page("Fig", "c", "It costs :figure[cost] a month.\n"))
	write("content/case-studies/acme.md", caseStudyPage(0))
	for i := 1; i <= 3; i++ {
		write(fmt.Sprintf("content/decisions/%04d-d%d.md", i, i), decisionPage(i, 0))
	}
	write("static/site.txt", "static\n")
	// A folder as GitHub shows it: no front matter, a README, names
	// with spaces and capitals, links by file, an image, raw HTML.
	write("content/docs/README.md", "# Docs\n\nSee [the guide](Guide%20Page.md#Usage). ![badge](https://img.shields.io/b.svg)\n")
	write("content/docs/Guide Page.md", "# Guide\n\n## Usage\n\n![pic](images/Pic%201.png) <kbd>Ctrl</kbd> [back](./) [other](Sub_Folder/README.md)\n")
	write("content/docs/images/Pic 1.png", "PNG")
	write("content/docs/Sub_Folder/README.md", "Sub folder text.\n")
	if mode == throughCache {
		// A diagram's SVG is a file of its own, which the cache restores
		// with the page's conversion (rendering diagrams is slow, so only
		// this mode has one).
		write("content/notes/diagram.md", page("Diagram", "a", "```d2 {alt=\"A to B\"}\na -> b\n```\n"))
	}

	writeKinds(write)

	r := rand.New(rand.NewPCG(seed, 11))
	edits := []edit{
		{"edit a body", func() {
			i := r.IntN(8)
			write(fmt.Sprintf("content/notes/n%d.md", i), page(fmt.Sprintf("Note %d", i), "a, b", fmt.Sprintf("## Part\n\nEdited %d. [link](n%d.md#part)\n", r.IntN(1000), r.IntN(10))))
		}},
		{"add to a body", func() {
			// What most saves are, and what the quick path takes: the
			// summary, links and anchors stay.
			i := r.IntN(8)
			write(fmt.Sprintf("content/notes/n%d.md", i), page(fmt.Sprintf("Note %d", i), "a, b", fmt.Sprintf("## Part\n\nText of note %d. See [next](n%d.md#part).\n\n```go\nx := %d\n```\n\nAdded %d.\n", i, (i+1)%8, i, r.IntN(1000))))
		}},
		{"rename a heading others link to", func() {
			i := r.IntN(8)
			write(fmt.Sprintf("content/notes/n%d.md", i), page(fmt.Sprintf("Note %d", i), "a, b", fmt.Sprintf("## %s\n\nText of note %d.\n", []string{"Part", "Other"}[r.IntN(2)], i)))
		}},
		{"retitle and retag", func() {
			i := r.IntN(8)
			write(fmt.Sprintf("content/notes/n%d.md", i), page(fmt.Sprintf("Renamed %d", r.IntN(1000)), []string{"a", "b, c", "d"}[r.IntN(3)], "## Part\n\nBody.\n"))
		}},
		{"add a page", func() {
			write(fmt.Sprintf("content/extra/e%d.md", r.IntN(5)), page("Extra", "e", "See [a note](/notes/n1/).\n"))
		}},
		{"delete a page", func() {
			remove(fmt.Sprintf("content/notes/n%d.md", r.IntN(10)))
		}},
		{"change a layout", func() {
			write("layouts/partials/breadcrumbs.html", fmt.Sprintf("<p class=\"crumbs-%d\">{{len .Breadcrumbs}}</p>\n", r.IntN(3)))
		}},
		{"change a shared figure", func() {
			// Pages showing it change, and so may the house rules' verdict
			// on a case study citing it.
			write("content/_figures.yaml", figuresFile(r.IntN(3)))
		}},
		{"edit a case study", func() {
			// Each variant keeps or breaks a different house rule.
			write("content/case-studies/acme.md", caseStudyPage(r.IntN(4)))
		}},
		{"edit a decision record", func() {
			// Its status, supersede links, title and evidence show on the
			// other records and the log; each variant keeps or breaks the
			// links' agreement.
			i := 1 + r.IntN(3)
			write(fmt.Sprintf("content/decisions/%04d-d%d.md", i, i), decisionPage(i, r.IntN(6)))
		}},
		{"change a calculator", func() {
			write("content/calculators/double.yaml", fmt.Sprintf("title: Double %d\ninputs:\n  - name: x\n    label: X\n    default: %d\noutputs:\n  - name: y\n    label: Y\n    formula: x * 2\n    format: number\n", r.IntN(9), r.IntN(9)))
		}},
		{"draft a page", func() {
			write("content/notes/n3.md", fmt.Sprintf("---\ntitle: Three\ndraft: %v\n---\nBody.\n", r.IntN(2) == 0))
		}},
		{"retitle the section", func() {
			// Every page of the section is indexed with its title.
			write("content/notes/_index.md", fmt.Sprintf("---\ntitle: Notes %d\n---\nAll notes.\n", r.IntN(3)))
		}},
		{"change the config", func() {
			write("content/_site.yaml", fmt.Sprintf("title: Site %d\n", r.IntN(3)))
		}},
		{"break front matter", func() {
			write("content/notes/n5.md", "---\ntitle: [\n---\n")
		}},
		{"change the diagram", func() {
			if mode == throughCache {
				write("content/notes/diagram.md", page("Diagram", "a", fmt.Sprintf("```d2 {alt=\"A to B\"}\na -> b%d\n```\n", r.IntN(3))))
			}
		}},
		{"retitle a page by its heading", func() {
			// No front matter: the title is the first heading.
			write("content/docs/Guide Page.md", fmt.Sprintf("# Guide %d\n\n## %s\n\n![pic](images/Pic%%201.png)\n", r.IntN(3), []string{"Usage", "Use"}[r.IntN(2)]))
		}},
		{"edit a README", func() {
			write("content/docs/README.md", fmt.Sprintf("%s\n\nSee [the guide](Guide%%20Page.md#Usage) and <details><summary>more</summary>%d</details>.\n",
				[]string{"# Docs", "# Documentation", "No heading."}[r.IntN(3)], r.IntN(9)))
		}},
		{"add or remove a page beside a README", func() {
			// The folder's README turns from a bundle to a section and back.
			if r.IntN(2) == 0 {
				remove("content/docs/Sub_Folder/Extra Page.md")
			} else {
				write("content/docs/Sub_Folder/Extra Page.md", fmt.Sprintf("# Extra %d\n", r.IntN(3)))
			}
		}},
		{"rename a file to the same URL", func() {
			// Its title, from the file's name, changes; its URL does not.
			if r.IntN(2) == 0 {
				remove("content/docs/other_doc.md")
				write("content/docs/Other_Doc.md", "Text.\n")
			} else {
				remove("content/docs/Other_Doc.md")
				write("content/docs/other_doc.md", "Text.\n")
			}
		}},
		{"link a README to another page", func() {
			// A symbolic link: no page of its own, its URL leads on.
			p := filepath.Join(root, "content", "docs", "Sub_Folder", "LINKED.md")
			os.Remove(p)
			if r.IntN(2) == 0 {
				os.Symlink("../Guide Page.md", p)
			}
			changed = append(changed, "content/docs/Sub_Folder/LINKED.md")
		}},
		{"change an image", func() {
			write("content/docs/images/Pic 1.png", fmt.Sprintf("PNG %d", r.IntN(3)))
		}},
		{"turn smart punctuation off and on", func() {
			write("content/_site.yaml", fmt.Sprintf("title: Site\nsections:\n  docs:\n    smart_punctuation: %v\n", r.IntN(2) == 0))
		}},
		{"allow remote images from an origin, or not", func() {
			// The badge's warning comes and goes.
			write("content/_site.yaml", []string{"title: Site\n", "title: Site\nimg_src: [https://img.shields.io]\n"}[r.IntN(2)])
		}},
		{"add a static file", func() {
			write(fmt.Sprintf("static/s%d.txt", r.IntN(3)), "more\n")
		}},
		{"delete the kept conversions", func() {
			// A person tidying up: the build then reads the
			// highlighting cache alone.
			if mode == throughCache {
				os.Remove(filepath.Join(cache, "reuse.bin"))
			}
		}},
		{"spoil a page of the output", func() {
			// Someone edits the published site by hand: the next build
			// must not keep that file as the last build made it.
			p := filepath.Join(out, "notes", fmt.Sprintf("n%d", r.IntN(8)), "index.html")
			if b, err := os.ReadFile(p); err == nil {
				os.WriteFile(p, bytes.ToUpper(b), 0o644)
			}
		}},
	}
	edits = append(edits, kindEdits(r, write, remove)...)
	b := NewBuilder()
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	var history []string
	for step := range 40 {
		e := edits[r.IntN(len(edits))]
		changed = nil
		e.do()
		if mode == throughCache {
			// A fresh clone: every file has a new time, the edited ones
			// and the others alike.
			when := time.Now().Add(time.Duration(step) * time.Hour)
			filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					os.Chtimes(p, when, when)
				}
				return nil
			})
		}
		if mode == throughCache && r.IntN(3) == 0 {
			// A crash, a full disk or a person damages the cache: the
			// build must not use a byte that is not as the last build
			// wrote it.
			history = append(history, e.name+" + "+damageCache(t, r, cache))
		} else {
			history = append(history, e.name)
		}
		// Broken links are warnings for the build command's runs: a failed
		// build publishes nothing.
		opts := Options{FS: os.DirFS(root), Now: now, LinkWarnings: mode == throughCache}
		if mode == throughCache && r.IntN(4) == 0 {
			// The build command's flags change from one build to the next
			// (a deploy preview after a production build): what the cache
			// keeps must not outlive them.
			opts.Drafts, opts.Preview = r.IntN(2) == 0, r.IntN(2) == 0
			opts.BaseURL = []string{"", "https://preview.example.org/"}[r.IntN(2)]
			opts.Now = now.AddDate(r.IntN(2), 0, 0)
		}
		full, err := NewBuilder().Build(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if mode == throughCache {
			msg, s := warmStep(t, opts, out, cache, full)
			if msg != "" {
				t.Fatalf("step %d (%s) differs from a full build: %s\nedits: %s", step, e.name, msg, strings.Join(history, ", "))
			}
			count += s.Stats.Reused
			if s.CacheIgnored != nil {
				ignored(s.CacheIgnored)
			}
			continue
		}
		incOpts := opts
		if mode == toldChanges && step > 0 {
			// As the preview server builds: told what changed, and the
			// search index added after the pages.
			incOpts.Changed = changed
			incOpts.DeferSearch = true
		}
		inc, err := b.Build(context.Background(), incOpts)
		if err != nil {
			t.Fatal(err)
		}
		inc.Search()
		if len(inc.Stats.Steps) == 1 && inc.Stats.Steps[0].Name == "quick" {
			count++
		}
		if msg := compareSites(inc, full); msg != "" {
			t.Fatalf("step %d (%s) differs from a full build: %s\nedits: %s", step, e.name, msg, strings.Join(history, ", "))
		}
	}
	return count
}

// warmStep builds as the build command does, into out with its cache
// folder cache, and compares every file of the output with full, a build without
// a cache: it returns the first difference, or "", and the build.
func warmStep(t testing.TB, opts Options, out, cache string, full *Site) (string, *Site) {
	t.Helper()
	before := readTree(t, out)
	staged, err := output.Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	defer staged.Discard()
	opts.Output, opts.CacheDir = staged, cache
	s, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if s.Diags.Error() != full.Diags.Error() {
		return fmt.Sprintf("problems:\n%s\nvs\n%s", s.Diags.Error(), full.Diags.Error()), s
	}
	if s.Diags.HasErrors() {
		if err := s.Publish(); err == nil {
			return "a site with errors was published", s
		}
		if after := readTree(t, out); !maps.Equal(before, after) {
			return "a failed build changed the output", s
		}
		return "", s
	}
	if err := s.Publish(); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	want := map[string]string{}
	for _, path := range full.Files.Paths() {
		f, _ := full.Files.Get(path)
		want[path] = string(f.Data)
	}
	for path, data := range want {
		if g, ok := got[path]; !ok {
			return "missing " + path, s
		} else if g != data {
			return "content of " + path, s
		}
	}
	for path := range got {
		if _, ok := want[path]; !ok {
			return "extra " + path, s
		}
	}
	return "", s
}

// readTree returns the files under dir by slash-separated path.
func readTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	return m
}

// writer returns a function that writes a file of the site in root,
// making its folders.
func writer(t *testing.T, root string) func(name, data string) {
	return func(name, data string) {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// compareSites describes the first difference between two builds, or "".
func compareSites(a, b *Site) string {
	if a.Diags.Error() != b.Diags.Error() {
		return fmt.Sprintf("problems:\n%s\nvs\n%s", a.Diags.Error(), b.Diags.Error())
	}
	pa, pb := a.Files.Paths(), b.Files.Paths()
	if strings.Join(pa, "\n") != strings.Join(pb, "\n") {
		return fmt.Sprintf("files:\n%s\nvs\n%s", strings.Join(pa, " "), strings.Join(pb, " "))
	}
	for _, p := range pa {
		fa, _ := a.Files.Get(p)
		fb, _ := b.Files.Get(p)
		if !bytes.Equal(fa.Data, fb.Data) {
			return "content of " + p
		}
	}
	return ""
}

// TestPlainFirstThenHighlighted follows the preview server on a large
// site: a first build with code left plain, the code highlighted in the
// background, a save, then a build with highlighting. Each build must equal
// a build from scratch with the same options, and the plain one must show
// plain code.
func TestPlainFirstThenHighlighted(t *testing.T) {
	root := t.TempDir()
	write := writer(t, root)
	write("content/_site.yaml", "title: Site\n")
	write("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
	write("content/notes/code.md", "---\ntitle: Code\n---\n```go\nfunc main() {}\n```\n")
	write("content/notes/prose.md", "---\ntitle: Prose\n---\nNo code here.\n")
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	build := func(b *Builder, plain bool, changed []string) *Site {
		t.Helper()
		s, err := b.Build(context.Background(), Options{FS: os.DirFS(root), Now: now, PlainCode: plain, Changed: changed, DeferSearch: true})
		if err != nil {
			t.Fatal(err)
		}
		s.Search()
		return s
	}
	same := func(step string, got *Site, plain bool) {
		t.Helper()
		if msg := compareSites(got, build(NewBuilder(), plain, nil)); msg != "" {
			t.Fatalf("%s differs from a build from scratch: %s", step, msg)
		}
	}
	b := NewBuilder()
	first := build(b, true, nil)
	same("the plain first build", first, true)
	if f, _ := first.Files.Get("notes/code/index.html"); bytes.Contains(f.Data, []byte(`class="kd"`)) {
		t.Fatal("the plain build highlighted the code")
	}
	if len(first.Unhighlighted) != 1 {
		t.Fatalf("the plain build left %d blocks to highlight, want 1", len(first.Unhighlighted))
	}
	b.Highlighter().Warm(context.Background(), first.Unhighlighted)
	write("content/notes/prose.md", "---\ntitle: Prose\n---\nStill no code here.\n")
	same("a save while still plain", build(b, true, []string{"content/notes/prose.md"}), true)
	final := build(b, false, nil)
	same("the highlighted build", final, false)
	if f, _ := final.Files.Get("notes/code/index.html"); !bytes.Contains(f.Data, []byte(`class="kd"`)) {
		t.Fatal("the highlighted build left the code plain")
	}
}

// A build cancelled half way (the preview server's background build, when
// a save comes) leaves the Builder's caches as they were: the next build
// reuses the last complete one's work, not a half-made other one's.
func TestCancelledBuildKeepsTheCaches(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_site.yaml": {Data: []byte("title: Site\n")},
		"content/_index.md":  {Data: []byte("---\ntitle: Home\n---\nWelcome.\n")},
	}
	for i := range 200 {
		fsys[fmt.Sprintf("content/notes/n%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Note %d\n---\n```go\nx := %d\n```\n", i, i))}
	}
	// The build time is fixed: the feed of pages without dates is dated
	// by it, and builds a second apart would differ.
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	b := NewBuilder()
	if _, err := b.Build(context.Background(), Options{FS: fsys, PlainCode: true, Now: now}); err != nil {
		t.Fatal(err)
	}
	md, pages := reflect.ValueOf(b.md).UnsafePointer(), reflect.ValueOf(b.pages).UnsafePointer()
	ctx, cancel := context.WithCancel(context.Background())
	_, err := b.Build(ctx, Options{FS: fsys, Now: now, Progress: func(done, total int) { cancel() }})
	if err == nil {
		t.Fatal("the cancelled build did not say so")
	}
	if reflect.ValueOf(b.md).UnsafePointer() != md || reflect.ValueOf(b.pages).UnsafePointer() != pages {
		t.Error("the cancelled build replaced the Builder's conversions or pages")
	}
	again, err := b.Build(context.Background(), Options{FS: fsys, PlainCode: true, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	full, _ := NewBuilder().Build(context.Background(), Options{FS: fsys, PlainCode: true, Now: now})
	if msg := compareSites(again, full); msg != "" {
		t.Errorf("after a cancelled build: %s", msg)
	}
}

// figuresFile is a shared-figures file in one of three versions: two
// values, and one with no figure at all (pages using it then fail).
func figuresFile(v int) string {
	if v == 2 {
		return "figures: []\n"
	}
	return fmt.Sprintf("figures:\n  - id: cost\n    value: \"$%d\"\n    text: What it costs\n    ours: true\n    how: Our sum\n", 100+v)
}

// caseStudyPage is a case study in one of four versions: one that keeps
// the house rules, one that cites its figure with a shared figure, one
// with an uncited figure and one without a section.
func caseStudyPage(v int) string {
	numbers := []string{"Cost fell by 90%.[^post]", "It costs :figure[cost] a month, 90% less.", "Cost fell by 90%.", "Cost fell by 90%.[^post]"}[v]
	sections := "## Context\n\nA team.\n\n## What they changed\n\nSee [notes](/notes/n1/) and [the trade-off](/patterns/p/).\n\n## The numbers\n\n" + numbers +
		"\n\n## What it cost them\n\nTime.\n\n## Lessons\n\nMeasure.\n\n## When it would not apply\n\nAt low volume.\n"
	if v == 3 {
		sections = strings.Replace(sections, "## Lessons\n\nMeasure.\n\n", "", 1)
	}
	return "---\ntitle: ACME\nsummary: S.\ndate: 2024-01-01\ncompany: ACME\nyear: 2023\nfrom: A\nto: B\noutcome: C\nsources:\n  - title: Post\n    url: https://example.com/post\n---\n" +
		sections + "\n[^post]: [Post](https://example.com/post), ACME, 2023.\n"
}

// decisionPage is decision record i (of 1 to 3) in variant v: with front
// matter or in Nygard's format without, accepted, superseded by the next
// record or superseding the one before, relying on a note.
func decisionPage(i, v int) string {
	madr := "\n## Context and Problem Statement\n\nWhy.\n\n## Considered Options\n\n* A\n* B\n\n## Decision Outcome\n\nA.\n\n### Consequences\n\n* Good, because fast.\n"
	nygard := "\n## Context\n\nWhy.\n\n## Decision\n\nA.\n\n## Consequences\n\nFast.\n"
	next, prev := fmt.Sprintf("%04d-d%d.md", i+1, i+1), fmt.Sprintf("%04d-d%d.md", i-1, i-1)
	switch v {
	case 1:
		return fmt.Sprintf("---\ntitle: Record %d\nstatus: superseded\nsuperseded-by: %s\ndate: 2024-01-0%d\n---\n", i, next, i) + madr
	case 2:
		return fmt.Sprintf("---\ntitle: Record %d\nstatus: accepted\nsupersedes: [%s]\ndate: 2024-01-0%d\n---\n", i, prev, i) + madr
	case 3:
		return fmt.Sprintf("# %d. Record %d in Nygard's format\n\nDate: 2024-01-0%d\n\n## Status\n\nAccepted\n", i, i, i) + nygard
	case 4:
		return fmt.Sprintf("# %d. Record %d\n\nDate: 2024-01-0%d\n\n## Status\n\nSuperseded by [%d. Next](%s)\n", i, i, i, i+1, next) + nygard
	case 5:
		return fmt.Sprintf("---\ntitle: Renamed record %d\nstatus: proposed\ndate: 2024-02-0%d\nevidence: [../notes/n2.md]\n---\n", i, i) + madr
	}
	return fmt.Sprintf("---\ntitle: Record %d\nstatus: accepted\ndate: 2024-01-0%d\nevidence: [/notes/n1/]\n---\n", i, i) + madr
}
