package figures

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/yamldoc"
)

// File is the figures file's path inside the site root.
const File = "content/_figures.yaml"

// Figure is one shared figure.
type Figure struct {
	ID string `yaml:"id"`
	// Value is what the page shows: "$328,500", "about 4.4 months".
	Value string `yaml:"value"`
	// Text says what the number is, for the note under the page.
	Text string `yaml:"text"`
	// Ours marks the site's own calculation, never the company's.
	Ours bool `yaml:"ours"`
	// How is the working of a figure that is ours.
	How string `yaml:"how"`
	// Sources are what the figure, or its inputs, rest on.
	Sources []Source `yaml:"sources"`
}

// Source is a reference a figure rests on.
type Source struct {
	Title     string `yaml:"title"`
	URL       string `yaml:"url"`
	Publisher string `yaml:"publisher"`
	// Note says what was taken from it: a rate, a date checked, a page.
	Note string `yaml:"note"`
}

type fileDoc struct {
	Figures []*Figure `yaml:"figures"`
}

// Set is the figures of a site.
type Set struct {
	byID map[string]*Figure
	ids  []string
	// Key identifies the file's contents, for caches of pages using them.
	Key [32]byte
}

// Lookup returns the figure with id, or nil.
func (s *Set) Lookup(id string) *Figure {
	if s == nil {
		return nil
	}
	return s.byID[id]
}

// IDs returns the figures' ids in file order.
func (s *Set) IDs() []string {
	if s == nil {
		return nil
	}
	return s.ids
}

// Load reads the site's figures file. A site without one has no figures.
func Load(fsys fs.FS) (*Set, diag.List) {
	src, err := fs.ReadFile(fsys, File)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Set{byID: map[string]*Figure{}}, nil
	case err != nil:
		return &Set{byID: map[string]*Figure{}}, diag.List{diag.Errorf(diag.Pos{File: File}, "cannot read the figures file: %v", err)}
	}
	return Parse(File, src)
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// Parse decodes and checks a figures file. The set holds every figure that
// could be read, so pages using the others still render.
func Parse(file string, src []byte) (*Set, diag.List) {
	s := &Set{byID: map[string]*Figure{}, Key: sha256.Sum256(src)}
	var d fileDoc
	doc, diags := yamldoc.Decode(file, src, 1, &d)
	if len(diags) > 0 {
		return s, diags
	}
	for i, f := range d.Figures {
		p := fmt.Sprintf("figures[%d]", i)
		if f == nil {
			diags.Errorf(doc.Key(p), "empty figure: give it an id, a value and a text")
			continue
		}
		switch {
		case f.ID == "":
			diags.Errorf(doc.Key(p), "figure without an id: add 'id: lower-case-with-hyphens'")
			continue
		case !idPattern.MatchString(f.ID):
			diags.Errorf(doc.Value(p+".id"), "figure id %q must be lower-case letters, digits and hyphens", f.ID)
			continue
		case s.byID[f.ID] != nil:
			diags.Errorf(doc.Value(p+".id"), "figure id %q is already used above: give this figure another id", f.ID)
			continue
		}
		diags.Append(f.check(p, doc))
		s.byID[f.ID] = f
		s.ids = append(s.ids, f.ID)
	}
	return s, diags
}

// check reports what a figure lacks, at its keys in the file.
func (f *Figure) check(p string, doc *yamldoc.Doc) diag.List {
	var l diag.List
	at := doc.Key(p + ".id") // the figure's first line
	need := func(v, key, hint string) {
		if strings.TrimSpace(v) == "" {
			l.Errorf(at, "figure %q has no %s: %s", f.ID, key, hint)
		}
	}
	need(f.Value, "value", "add 'value:' with the text pages show, e.g. \"$328,500\"")
	need(f.Text, "text", "add 'text:' saying what the number is")
	if f.Ours {
		need(f.How, "how", "a figure that is ours says how it was worked out: add 'how:'")
	} else if len(f.Sources) == 0 {
		l.Errorf(at, "figure %q has no source: a published figure needs 'sources:' with an https url; a figure the site worked out is 'ours: true' with 'how:'", f.ID)
	}
	for i, src := range f.Sources {
		sp := fmt.Sprintf("%s.sources[%d]", p, i)
		if strings.TrimSpace(src.Title) == "" {
			l.Errorf(doc.Key(sp), "figure %q: source without a title: add 'title:'", f.ID)
		}
		if msg := checkHTTPS(src.URL); msg != "" {
			l.Errorf(doc.Value(sp+".url"), "figure %q: source url %q %s", f.ID, src.URL, msg)
		}
	}
	return l
}

// checkHTTPS returns what is wrong with a source URL, or "".
func checkHTTPS(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case raw == "":
		return "is missing: add 'url: https://...'"
	case err != nil:
		return "is not a valid URL: " + err.Error()
	case u.Scheme != "https":
		return "must start with https://"
	case !strings.Contains(u.Host, "."):
		return "has no valid host name"
	}
	return ""
}
