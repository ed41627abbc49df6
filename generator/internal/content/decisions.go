package content

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/tradeoffs/tradeoffs/generator/internal/decision"
	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/yamldoc"
)

// DecisionsSection is the folder of decision records.
const DecisionsSection = "decisions"

// Decision is the front matter of content/decisions/ pages: a decision
// record. A record may have no front matter at all, or only some of these
// keys: what is missing is read from its text, in MADR's or Nygard's
// format (package decision). The front matter wins where both say.
type Decision struct {
	Common `yaml:",inline"`
	// Status is where the decision stands.
	Status string `yaml:"status" doc:"required, here or in the text: proposed, accepted, rejected, deprecated or superseded (\"superseded by 0003-use-y.md\" also names the record that replaced it)"`
	// Deciders made the decision.
	Deciders People `yaml:"deciders" doc:"who made the decision: a list, or names separated by commas"`
	// DecisionMakers is MADR 4's name for Deciders.
	DecisionMakers People `yaml:"decision-makers" alias:"deciders" doc:"MADR 4's name for deciders: give one or the other"`
	// Consulted and Informed are MADR's.
	Consulted People `yaml:"consulted" doc:"whose opinion was sought: a list, or names separated by commas"`
	Informed  People `yaml:"informed" doc:"who is kept up to date: a list, or names separated by commas"`
	// Supersedes lists the records this one replaced.
	Supersedes Refs `yaml:"supersedes" doc:"the records this one replaces, by file (0001-use-x.md), number (ADR-0001) or URL; each must name this one in superseded-by"`
	// SupersededBy names the record that replaced this one.
	SupersededBy Refs `yaml:"superseded-by" doc:"the record that replaced this one (the status is then superseded); it must list this one in supersedes"`
	// Evidence lists the pages of the site the decision relied on.
	Evidence []string `yaml:"evidence" doc:"the trade-off pages and case studies the decision relied on: site URLs (/patterns/x/) or paths to their files (../patterns/x.md), checked like links"`

	// Record is the record as the build uses it: the front matter and
	// the text together, with where each value is written.
	Record DecisionRecord `yaml:"-"`

	// text is what the text says (readBody), for validate.
	text decision.Record
}

// DecisionRecord is a decision record's front matter and text together.
type DecisionRecord struct {
	Format decision.Format
	// Number comes from the file name (0001-use-x.md) or the title.
	Number int
	Status decision.Status
	// StatusPos is where the status is written.
	StatusPos                     diag.Pos
	Deciders, Consulted, Informed []string
	Supersedes, SupersededBy      []decision.Ref
	// Summary is the first paragraph of the record's context.
	Summary string
	// Front is true when the record has front matter.
	Front bool
}

// People is a list of names, written as a YAML list or as one string of
// names separated by commas.
type People struct {
	Names []string
	bad   bool // a value of another shape, reported by check
}

// UnmarshalYAML accepts a string or a list of strings; check reports
// anything else at its position, which the decoder cannot give.
func (p *People) UnmarshalYAML(unmarshal func(any) error) error {
	var v any
	if err := unmarshal(&v); err != nil {
		return err
	}
	switch v := v.(type) {
	case nil:
	case string:
		p.Names = decision.People(v)
	case []any:
		for _, x := range v {
			s, ok := x.(string)
			p.bad = p.bad || !ok
			if s = strings.TrimSpace(s); s != "" {
				p.Names = append(p.Names, s)
			}
		}
	default:
		p.bad = true
	}
	return nil
}

func (p People) check(key string, doc *yamldoc.Doc, l *diag.List) {
	if p.bad {
		l.Errorf(doc.Value(key), "wrong type: %s must be names: a list of text, or names separated by commas", key)
	}
}

// Refs names decision records: a list, or one string.
type Refs struct {
	Items []string
	bad   bool
}

// UnmarshalYAML accepts a string, a number or a list of them.
func (r *Refs) UnmarshalYAML(unmarshal func(any) error) error {
	var v any
	if err := unmarshal(&v); err != nil {
		return err
	}
	scalar := func(x any) (string, bool) {
		switch x := x.(type) {
		case string:
			return x, true
		case int, int64, uint64:
			return fmt.Sprint(x), true
		}
		return "", false
	}
	switch v := v.(type) {
	case nil:
	case []any:
		for _, x := range v {
			s, ok := scalar(x)
			r.bad = r.bad || !ok
			r.Items = append(r.Items, s)
		}
	default:
		s, ok := scalar(v)
		r.bad = !ok
		r.Items = []string{s}
	}
	return nil
}

// bodyReader is a schema that also reads the page's text, before
// validate: front is true when the file has front matter.
type bodyReader interface {
	readBody(file string, body []byte, bodyLine int, front bool, l *diag.List)
}

func (d *Decision) readBody(file string, body []byte, bodyLine int, front bool, l *diag.List) {
	rec, diags := decision.Read(file, body, bodyLine)
	l.Append(diags)
	d.text = rec
	d.Record.Front = front
}

func (d *Decision) validate(doc *yamldoc.Doc, l *diag.List) {
	t, r := d.text, &d.Record
	d.title(doc, l)
	d.Common.validateFields(doc, l)
	file := doc.Key("").File
	r.Format, r.Summary = t.Format, t.Summary
	if r.Number = decision.Number(path.Base(file)); r.Number == 0 {
		r.Number = t.Number
	} else if t.Number > 0 && t.Number != r.Number {
		l.Add(diag.Warnf(t.Title.Pos, "the heading numbers this record %d, its file name %d: make them agree", t.Number, r.Number))
	}
	if r.Format == "" {
		l.Errorf(doc.Key(""), "not a decision record in a format the build knows: write MADR's sections (## Context and Problem Statement, ## Considered Options, ## Decision Outcome with ### Consequences) or Nygard's (## Status, ## Context, ## Decision, ## Consequences); `go run ./generator new decision` writes MADR's")
	}
	d.status(doc, l)
	d.date(doc, l)
	d.people(doc, l)
	r.Supersedes = append(refsOf(d.Supersedes, "supersedes", doc, l), t.Supersedes...)
	r.SupersededBy = append(r.SupersededBy, refsOf(d.SupersededBy, "superseded-by", doc, l)...)
	r.SupersededBy = append(r.SupersededBy, t.SupersededBy...)
	for i, e := range d.Evidence {
		key := fmt.Sprintf("evidence[%d]", i)
		if u, err := url.Parse(strings.TrimSpace(e)); strings.TrimSpace(e) == "" || err != nil || u.Scheme != "" || u.Host != "" {
			l.Errorf(doc.Value(key), "evidence %q is not a page of this site: list site URLs (/patterns/x/) or paths to their files (../patterns/x.md); link outside sources from the text", e)
		}
	}
}

// title takes the front matter's title, else the text's first heading.
func (d *Decision) title(doc *yamldoc.Doc, l *diag.List) {
	t := d.text.Title
	switch {
	case doc.Has("title"):
		validateTitle(d.Title, doc, l)
		if t.Text != "" && !strings.EqualFold(strings.TrimSpace(t.Text), strings.TrimSpace(d.Title)) {
			l.Add(diag.Warnf(t.Pos, "the heading %q is not shown: the front matter's title %q is the record's title; keep one of them", t.Text, d.Title))
		}
	case t.Text != "":
		d.Title = t.Text
		if n := utf8.RuneCountInString(t.Text); n > 150 {
			l.Errorf(t.Pos, "title is %d characters long; keep it under 150", n)
		}
	default:
		l.Errorf(doc.Key(""), "no title: start the record with a heading '# Title', or give 'title:' in the front matter")
	}
}

// status takes the front matter's status, else the text's.
func (d *Decision) status(doc *yamldoc.Doc, l *diag.List) {
	t, r := d.text, &d.Record
	if doc.Has("status") {
		pos := doc.Value("status")
		st, by, ok := decision.ParseStatus(d.Status)
		if !ok {
			l.Errorf(pos, "status %q is not one of %s: write e.g. 'status: accepted'", d.Status, decision.StatusList())
			return
		}
		r.Status, r.StatusPos = st, pos
		for _, b := range by {
			r.SupersededBy = append(r.SupersededBy, decision.Ref{Target: b, Pos: pos})
		}
		if t.Status != "" && t.Status != st {
			l.Errorf(t.StatusAt.Pos, "the text says the status is %s, the front matter %s: make them agree, or keep one", t.Status, st)
		}
		return
	}
	if t.Status != "" {
		r.Status, r.StatusPos = t.Status, t.StatusAt.Pos
		return
	}
	r.StatusPos = doc.Key("")
	hint := "add 'status: proposed' to the front matter"
	switch {
	case t.Format == decision.Nygard && !r.Front:
		hint = "add a section '## Status' whose first line is one of them"
	case t.Format == decision.MADR && !r.Front:
		hint = "add a line '* Status: proposed' under the title, or 'status: proposed' in front matter"
	}
	l.Errorf(r.StatusPos, "missing status: a decision record is %s; %s", decision.StatusList(), hint)
}

// date takes the front matter's date, else the text's "Date:" line.
func (d *Decision) date(doc *yamldoc.Doc, l *diag.List) {
	t := d.text.Date
	switch {
	case doc.Has("date"):
	case t.Text != "":
		when, ambiguous, ok := decision.ParseDate(t.Text)
		if !ok {
			l.Errorf(t.Pos, "invalid date %q: write a date as YYYY-MM-DD, e.g. 2023-03-22", t.Text)
			return
		}
		if ambiguous {
			l.Add(diag.Warnf(t.Pos, "date %q is read as day/month/year, %s, as adr-tools wrote dates before it moved to ISO 8601: write it as %s to be sure", t.Text, when.Format("2 January 2006"), when.Format("2006-01-02")))
		}
		d.Date = Date{Time: when, Raw: t.Text}
	default:
		hint := "add 'date: YYYY-MM-DD' to the front matter"
		if !d.Record.Front {
			hint = "add a line 'Date: YYYY-MM-DD' under the title"
		}
		l.Errorf(doc.Key(""), "missing date: a decision record says when it was decided; %s", hint)
	}
}

// people takes the front matter's names, else the text's.
func (d *Decision) people(doc *yamldoc.Doc, l *diag.List) {
	t, r := d.text, &d.Record
	if doc.Has("deciders") && doc.Has("decision-makers") {
		l.Errorf(doc.Key("decision-makers"), "give deciders or decision-makers (MADR 4's name for them), not both")
	}
	d.Deciders.check("deciders", doc, l)
	d.DecisionMakers.check("decision-makers", doc, l)
	d.Consulted.check("consulted", doc, l)
	d.Informed.check("informed", doc, l)
	r.Deciders = firstOf(d.Deciders.Names, d.DecisionMakers.Names, t.Deciders)
	r.Consulted = firstOf(d.Consulted.Names, t.Consulted)
	r.Informed = firstOf(d.Informed.Names, t.Informed)
}

func firstOf(lists ...[]string) []string {
	for _, l := range lists {
		if len(l) > 0 {
			return l
		}
	}
	return nil
}

// refsOf positions the references of a front matter key: each item of a
// list, or the key's one value.
func refsOf(refs Refs, key string, doc *yamldoc.Doc, l *diag.List) []decision.Ref {
	if refs.bad {
		l.Errorf(doc.Value(key), "wrong type: %s must name records: a file name, a number or a URL, or a list of them", key)
		return nil
	}
	var out []decision.Ref
	for i, r := range refs.Items {
		item := fmt.Sprintf("%s[%d]", key, i)
		if !doc.Has(item) && strings.TrimSpace(r) == "" {
			continue // "superseded-by: ''": not set
		}
		pos := doc.Value(item)
		for _, t := range decision.Targets(r) {
			out = append(out, decision.Ref{Target: t, Pos: pos})
		}
		if strings.TrimSpace(r) == "" {
			out = append(out, decision.Ref{Pos: pos})
		}
	}
	return out
}
