// Package scaffold writes new pages: the front matter of the page's schema
// with every field present and explained, and a skeleton of the sections a
// good page of that kind has. The fields come from the Go schema (package
// content), so a new page can never be out of date with what the build
// checks.
//
// Decision records are numbered as adr-tools numbers them: the file name
// starts with one more than the highest number in content/decisions/.
//
// scaffold imports content, calc (the calculator's schema), decision (for
// record numbers) and the standard
// library.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/decision"
)

// Kind is a kind of page new can write.
type Kind struct {
	Name    string // "case-study"
	Section string // "case-studies"
	Body    string // the skeleton after the front matter
	// Numbered kinds' file names start with the next number of their
	// section, as adr-tools numbers decision records: 0001-use-x.md.
	Numbered bool
}

// Kinds are the page kinds, by name.
func Kinds() []Kind {
	return []Kind{
		{Name: "case-study", Section: "case-studies", Body: caseStudyBody},
		{Name: "checklist", Section: "checklists", Body: checklistBody},
		{Name: "pattern", Section: "patterns", Body: patternBody},
		{Name: "decision", Section: content.DecisionsSection, Body: decisionBody, Numbered: true},
	}
}

// ErrExists is returned when the page would overwrite a file.
var ErrExists = errors.New("a page already exists there")

// Write creates the page for title in root's content folder and returns its
// path. It refuses to overwrite a page, including a bundle of the same slug.
func Write(root, kind, title string, now time.Time) (string, error) {
	k, ok := find(kind)
	if !ok {
		return "", fmt.Errorf("unknown kind %q: use %s", kind, names())
	}
	title = strings.TrimSpace(title)
	slug := content.Slugify(title)
	if slug == "" {
		return "", fmt.Errorf("the title %q has no letters or digits to make a file name from", title)
	}
	if k.Numbered {
		n, err := nextNumber(filepath.Join(root, content.Dir, k.Section))
		if err != nil {
			return "", err
		}
		slug = decision.NumberText(n) + "-" + slug
	}
	rel := filepath.Join(content.Dir, k.Section, slug+".md")
	path := filepath.Join(root, rel)
	for _, existing := range []string{path, filepath.Join(root, content.Dir, k.Section, slug, "index.md")} {
		if _, err := os.Stat(existing); err == nil {
			return existing, fmt.Errorf("%s: %w; choose another title or edit that page", existing, ErrExists)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	page := "---\n" + FrontMatter(k.Section, title, now) + "---\n" + k.Body
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if _, err := f.WriteString(page); err != nil {
		return "", err
	}
	return path, f.Close()
}

// nextNumber is one more than the highest number a page's file name under
// dir starts with ("0007-use-x.md"), or 1.
func nextNumber(dir string) (int, error) {
	high := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipAll
			}
			return err
		}
		if !d.IsDir() && content.IsPage(d.Name()) {
			high = max(high, decision.Number(d.Name()))
		}
		return nil
	})
	return high + 1, err
}

func find(name string) (Kind, bool) {
	for _, k := range Kinds() {
		if k.Name == name {
			return k, true
		}
	}
	return Kind{}, false
}

func names() string {
	var n []string
	for _, k := range Kinds() {
		n = append(n, k.Name)
	}
	return strings.Join(n, ", ")
}

// FrontMatter returns the YAML of a new page in section: every field of the
// schema, each preceded by a comment saying what it is.
func FrontMatter(section, title string, now time.Time) string {
	var b strings.Builder
	for _, f := range content.Reference(section) {
		if f.Alias == "" {
			writeField(&b, f, "", title, now)
		}
	}
	return b.String()
}

// writeField writes one key with its comment. Nested fields (the items of
// sources, metrics, options) get empty values: the page's title and date
// are not theirs.
func writeField(b *strings.Builder, f content.Field, indent, title string, now time.Time) {
	fmt.Fprintf(b, "%s# %s\n", indent, f.Doc)
	switch {
	case len(f.Fields) > 0:
		fmt.Fprintf(b, "%s%s:\n%s  -\n", indent, f.Key, indent)
		for _, sub := range f.Fields {
			writeField(b, sub, indent+"    ", "", time.Time{})
		}
	default:
		fmt.Fprintf(b, "%s%s: %s\n", indent, f.Key, example(f, title, now))
	}
}

// example is the starting value of a field in a new page.
func example(f content.Field, title string, now time.Time) string {
	switch {
	case f.Key == "title" && title != "":
		return strconv.Quote(title)
	case f.Key == "date" && !now.IsZero():
		return now.Format("2006-01-02")
	case f.Key == "year" && !now.IsZero():
		return strconv.Itoa(now.Year())
	case f.Key == "status":
		return "proposed"
	case f.Type == "date":
		return ""
	case f.Type == "true/false" && f.Key == "search":
		return "true"
	case f.Type == "true/false":
		return "false"
	case f.Type == "whole number":
		return "0"
	case strings.HasPrefix(f.Type, "list of"), f.Type == "names", f.Key == "supersedes":
		return "[]"
	}
	return `""`
}
