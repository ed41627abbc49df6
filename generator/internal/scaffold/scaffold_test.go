package scaffold

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/houserules"
	"github.com/tradeoffs/tradeoffs/generator/internal/site"
)

var now = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// TestNewPagesBuildOnceFilled writes a page of each kind, checks it names
// every field, that the build reports the empty required fields (so the
// author is told what to fill), and that filling them makes it build.
func TestNewPagesBuildOnceFilled(t *testing.T) {
	for _, k := range Kinds() {
		t.Run(k.Name, func(t *testing.T) {
			root := t.TempDir()
			os.MkdirAll(filepath.Join(root, "content"), 0o755)
			os.WriteFile(filepath.Join(root, "content/_index.md"), []byte("---\ntitle: Home\n---\n"), 0o644)
			path, err := Write(root, k.Name, "Segment: goodbye microservices", now)
			if err != nil {
				t.Fatal(err)
			}
			name := "segment-goodbye-microservices.md"
			if k.Numbered {
				name = "0001-" + name // the first record of an empty section
			}
			if want := filepath.Join(root, "content", k.Section, name); path != want {
				t.Errorf("path %s, want %s", path, want)
			}
			src, _ := os.ReadFile(path)
			if !strings.Contains(string(src), `title: "Segment: goodbye microservices"`) || !strings.Contains(string(src), "date: 2026-11-25") {
				t.Errorf("title or date not filled in:\n%s", src)
			}
			s, err := site.Build(context.Background(), site.Options{FS: os.DirFS(root)})
			if err != nil {
				t.Fatal(err)
			}
			if k.Name != "checklist" && !s.Diags.HasErrors() {
				t.Errorf("an unfilled %s builds without errors; the empty required fields should be reported", k.Name)
			}
			// With the front matter filled in, the empty sections are next.
			os.WriteFile(path, []byte(fillFront(string(src))), 0o644)
			s, _ = site.Build(context.Background(), site.Options{FS: os.DirFS(root), LinkWarnings: true})
			if k.Name != "checklist" && !strings.Contains(s.Diags.Error(), "[non-empty-sections]") {
				t.Errorf("a new %s's empty sections are not reported:\n%s", k.Name, s.Diags.Error())
			}
			filled := fill(string(src))
			os.WriteFile(path, []byte(filled), 0o644)
			// The pages the filled page links to are not in this site.
			s, _ = site.Build(context.Background(), site.Options{FS: os.DirFS(root), LinkWarnings: true})
			if s.Diags.HasErrors() {
				t.Errorf("the filled-in page does not build:\n%s\n---\n%s", s.Diags.Error(), filled)
			}
		})
	}
}

// fill puts plausible values in the empty fields of a new page, and a
// sentence in each section in place of its guidance.
func fill(src string) string {
	src = guidance.ReplaceAllString(src, "Written.")
	src = strings.Replace(src, "## Lessons\n\nWritten.", "## Lessons\n\nSee [the trade-off](/patterns/p/).", 1)
	src = strings.Replace(src, "## Case studies on each side\n\nWritten.", "## Case studies on each side\n\n[A](/case-studies/a/) and [B](/case-studies/b/).", 1)
	return fillFront(src)
}

// fillFront puts plausible values in the empty front matter fields.
func fillFront(src string) string {
	r := strings.NewReplacer(
		`summary: ""`, `summary: "A summary."`,
		`company: ""`, `company: "Segment"`,
		`from: ""`, `from: "140 services"`,
		`to: ""`, `to: "one service"`,
		`outcome: ""`, `outcome: "fewer pages at night"`,
		`    label: ""`, `    label: "Shared-library improvements"`,
		`    title: ""`, `    title: "Goodbye Microservices"`,
		`    url: ""`, `    url: "https://segment.com/blog/goodbye-microservices/"`,
		`    id: ""`, `    id: option-a`,
		`alternatives: []`, `alternatives: [A, B]`,
		`    before: ""`, `    before: "32"`,
	)
	out := r.Replace(src)
	if strings.Contains(out, "options:") {
		out = strings.Replace(out, "---\n\n<!--", "---\n\n<!--", 1)
		out = strings.Replace(out, `    label: "Shared-library improvements"`, `    label: "Option A"`, 1)
		out = strings.Replace(out, "## First group", "- [ ] Another? {option-a +1}\n\n## First group", 0)
		out = strings.ReplaceAll(out, "option-b +1", "option-a +1")
	}
	return out
}

// guidance is an HTML comment of a new page: the author's instructions.
var guidance = regexp.MustCompile(`(?s)<!--.*?-->`)

// TestSkeletonsHaveTheRequiredSections keeps the skeletons of new pages in
// step with the sections the house rules require.
func TestSkeletonsHaveTheRequiredSections(t *testing.T) {
	heading := regexp.MustCompile(`(?m)^## (.+)$`)
	for _, k := range Kinds() {
		rules := houserules.For(k.Section)
		if rules == nil {
			continue
		}
		var got []string
		for _, m := range heading.FindAllStringSubmatch(k.Body, -1) {
			got = append(got, m[1])
		}
		if !slices.Equal(got, rules.Headings) {
			t.Errorf("the %s skeleton has the sections %q; the house rules require %q", k.Name, got, rules.Headings)
		}
	}
}

func TestWriteRefusesToOverwrite(t *testing.T) {
	root := t.TempDir()
	if _, err := Write(root, "pattern", "Sync vs async", now); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(root, "pattern", "Sync vs. Async", now); !errors.Is(err, ErrExists) {
		t.Errorf("second write: err = %v, want ErrExists", err)
	}
	os.MkdirAll(filepath.Join(root, "content/case-studies/bundled"), 0o755)
	os.WriteFile(filepath.Join(root, "content/case-studies/bundled/index.md"), []byte("x"), 0o644)
	if _, err := Write(root, "case-study", "Bundled", now); !errors.Is(err, ErrExists) {
		t.Errorf("write over a bundle: err = %v, want ErrExists", err)
	}
}

func TestWriteRejectsBadInput(t *testing.T) {
	root := t.TempDir()
	if _, err := Write(root, "essay", "X", now); err == nil || !strings.Contains(err.Error(), "case-study, checklist, pattern") {
		t.Errorf("unknown kind: %v", err)
	}
	if _, err := Write(root, "pattern", "!!!", now); err == nil {
		t.Error("a title with no letters was accepted")
	}
}
