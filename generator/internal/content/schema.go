package content

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/yamldoc"
)

// Schema is the typed front matter of one kind of page. Every schema embeds
// Common.
type Schema interface {
	// Base returns the fields every page has.
	Base() *Common
	// validate checks the decoded values, reporting at the keys' positions.
	validate(doc *yamldoc.Doc, l *diag.List)
}

// Common holds the front matter every page may have. It is the whole schema
// of pages in sections without a typed schema.
type Common struct {
	// Title is required: the page's heading, tab title and link text.
	Title string `yaml:"title" doc:"required; the page heading, up to 150 characters"`
	// Summary is shown in lists, search results and the meta description.
	Summary string `yaml:"summary" doc:"one or two sentences, up to 300 characters"`
	// Date is when the page was written (YYYY-MM-DD, or RFC 3339).
	Date Date `yaml:"date" doc:"YYYY-MM-DD; lists are sorted newest first"`
	// Updated is when the page last changed materially.
	Updated Date `yaml:"updated" doc:"YYYY-MM-DD; optional; not before date"`
	// Tags group pages across sections; each gets a page at /tags/<tag>/.
	Tags []string `yaml:"tags" doc:"list of tags, lower case, e.g. [serverless, cost]"`
	// Draft pages are built only with --drafts.
	Draft bool `yaml:"draft" doc:"true keeps the page out of the site unless built with --drafts"`
	// Weight orders pages before date does (lower first); 0 means unset.
	Weight int `yaml:"weight" doc:"whole number; lower comes first in lists"`
	// Search set to false keeps the page out of the search index.
	Search *bool `yaml:"search" doc:"false keeps the page out of search"`
}

// Base implements Schema.
func (c *Common) Base() *Common { return c }

// InSearch reports whether the page is indexed for search.
func (c *Common) InSearch() bool { return c.Search == nil || *c.Search }

func (c *Common) validate(doc *yamldoc.Doc, l *diag.List) {
	validateTitle(c.Title, doc, l)
	c.validateFields(doc, l)
}

// validateFields checks every common field but the title.
func (c *Common) validateFields(doc *yamldoc.Doc, l *diag.List) {
	if n := utf8.RuneCountInString(c.Summary); n > 300 {
		l.Errorf(doc.Value("summary"), "summary is %d characters long; keep it under 300 (it is shown in lists and search results)", n)
	}
	c.Date.check("date", doc, l)
	c.Updated.check("updated", doc, l)
	if !c.Date.IsZero() && !c.Updated.IsZero() && c.Updated.Before(c.Date.Time) {
		l.Errorf(doc.Value("updated"), "updated (%s) is before date (%s)", c.Updated.Raw, c.Date.Raw)
	}
	for i, t := range c.Tags {
		if strings.TrimSpace(t) == "" {
			l.Errorf(doc.Value(fmt.Sprintf("tags[%d]", i)), "empty tag: remove it")
		} else if TagSlug(t) == "" {
			l.Errorf(doc.Value(fmt.Sprintf("tags[%d]", i)), "tag %q has no letters or digits", t)
		}
	}
}

func validateTitle(title string, doc *yamldoc.Doc, l *diag.List) {
	switch {
	case !doc.Has("title"):
		l.Errorf(doc.Key(""), "missing title: add 'title: ...' to the front matter")
	case strings.TrimSpace(title) == "":
		l.Errorf(doc.Value("title"), "title is empty")
	case strings.ContainsAny(title, "\n\r"):
		l.Errorf(doc.Value("title"), "title spans several lines; keep it on one line")
	case utf8.RuneCountInString(title) > 150:
		l.Errorf(doc.Value("title"), "title is %d characters long; keep it under 150", utf8.RuneCountInString(title))
	}
}

// required reports a missing or empty string field.
func required(v, key, hint string, doc *yamldoc.Doc, l *diag.List) {
	if strings.TrimSpace(v) == "" {
		if doc.Has(key) {
			l.Errorf(doc.Value(key), "%s is empty: %s", key, hint)
		} else {
			l.Errorf(doc.Key(""), "missing %s: %s", key, hint)
		}
	}
}

// Date is a calendar date or timestamp from front matter. It keeps the text
// as written; an unparseable value is reported by validation with its
// position rather than by the YAML decoder, which has none to give.
type Date struct {
	time.Time
	Raw string
}

// UnmarshalYAML records the raw value.
func (d *Date) UnmarshalYAML(unmarshal func(any) error) error {
	var v any
	if err := unmarshal(&v); err != nil {
		return err
	}
	switch v := v.(type) {
	case time.Time:
		d.Time, d.Raw = v, v.Format(time.RFC3339)
	case nil:
	default:
		d.Raw = fmt.Sprint(v)
	}
	return nil
}

var dateLayouts = []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"}

func (d *Date) check(key string, doc *yamldoc.Doc, l *diag.List) {
	if d.Raw == "" || !d.Time.IsZero() {
		return
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, d.Raw); err == nil {
			d.Time = t
			return
		}
	}
	l.Errorf(doc.Value(key), "invalid %s %q: write a date as YYYY-MM-DD, e.g. 2023-03-22", key, d.Raw)
}

// Text is a front matter value that may be written as a number or as text
// (a metric's before and after values: 100, "under 10%").
type Text string

// UnmarshalYAML accepts scalars only.
func (t *Text) UnmarshalYAML(unmarshal func(any) error) error {
	var v any
	if err := unmarshal(&v); err != nil {
		return err
	}
	switch v := v.(type) {
	case string:
		*t = Text(v)
	case int, int64, uint64, float64, bool:
		*t = Text(fmt.Sprint(v))
	case nil:
	default:
		// Decoding the list or mapping as text fails with the error
		// the decoder gives any wrong type: with its position.
		if err := unmarshal(new(string)); err != nil {
			return err
		}
		return fmt.Errorf("must be a number or text, not a list or mapping")
	}
	return nil
}

// Source is a reference a case study rests on.
type Source struct {
	Title     string `yaml:"title" doc:"required"`
	URL       string `yaml:"url" doc:"required; https URL"`
	Publisher string `yaml:"publisher" doc:"who published it"`
	Date      Date   `yaml:"date" doc:"YYYY-MM-DD of publication"`
}

func (s *Source) validate(path string, doc *yamldoc.Doc, l *diag.List) {
	required(s.Title, path+".title", "give the source's title", doc, l)
	required(s.URL, path+".url", "give the source's https URL", doc, l)
	if s.URL != "" {
		if msg := checkExternalURL(s.URL); msg != "" {
			l.Errorf(doc.Value(path+".url"), "source url %q %s", s.URL, msg)
		}
	}
	s.Date.check(path+".date", doc, l)
}

// checkExternalURL returns what is wrong with an absolute web URL, or "".
func checkExternalURL(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "is not a valid URL: " + err.Error()
	case u.Scheme != "https" && u.Scheme != "http":
		return "must start with https://"
	case u.Host == "" || !strings.Contains(u.Host, "."):
		return "has no valid host name"
	case strings.ContainsAny(raw, " \t"):
		return "contains spaces: encode them as %20"
	}
	return ""
}

var optionID = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
