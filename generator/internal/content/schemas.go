package content

import (
	"fmt"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
	"github.com/tradeoffs/tradeoffs/generator/internal/yamldoc"
)

// CaseStudy is the front matter of content/case-studies/ pages: what a team
// changed, why, and what it measured, with sources.
type CaseStudy struct {
	Common `yaml:",inline"`
	// Company is who made the change.
	Company string `yaml:"company" doc:"required; the organisation, e.g. \"Prime Video (Amazon)\""`
	// Year is when the change was made or published.
	Year int `yaml:"year" doc:"required; four-digit year of the change"`
	// From describes the architecture before.
	From string `yaml:"from" doc:"required; the architecture before, in a phrase"`
	// To describes the architecture after.
	To string `yaml:"to" doc:"required; the architecture after, in a phrase"`
	// Architecture names the kinds of architecture before and after, from
	// ArchitectureKinds: search filters case studies by them.
	Architecture []string `yaml:"architecture" doc:"the kind of architecture before and after, e.g. [serverless, monolith]; each one of monolith, modular-monolith, services, microservices, serverless, cloud, own-hardware, cdn, one-database, sharded-database, one-region, multi-region, cells"`
	// Outcome is the result in one line.
	Outcome string `yaml:"outcome" doc:"required; the measured result in one line"`
	// Metrics are the outcome figures, before and after.
	Metrics []Metric `yaml:"metrics" doc:"list of {label, before, after, unit, note}"`
	// Sources back every figure on the page; at least one is required.
	Sources []Source `yaml:"sources" doc:"required, at least one: list of {title, url, publisher, date}"`
}

// Metric is one measured outcome.
type Metric struct {
	Label  string `yaml:"label" doc:"required; what was measured"`
	Before Text   `yaml:"before" doc:"value before the change (number or text)"`
	After  Text   `yaml:"after" doc:"value after the change (number or text)"`
	Unit   string `yaml:"unit" doc:"unit of both values, e.g. \"$/month\""`
	Note   string `yaml:"note" doc:"a short qualification"`
}

func (c *CaseStudy) validate(doc *yamldoc.Doc, l *diag.List) {
	c.Common.validate(doc, l)
	required(c.Summary, "summary", "a case study needs a one- or two-sentence summary", doc, l)
	if !doc.Has("date") {
		l.Errorf(doc.Key(""), "missing date: add 'date: YYYY-MM-DD' (when the page was written)")
	}
	required(c.Company, "company", "name the organisation that made the change", doc, l)
	required(c.From, "from", "describe the architecture before the change", doc, l)
	required(c.To, "to", "describe the architecture after the change", doc, l)
	required(c.Outcome, "outcome", "state the measured result in one line", doc, l)
	if !doc.Has("year") {
		l.Errorf(doc.Key(""), "missing year: add 'year: 2023' (the year of the change)")
	} else if c.Year < 1950 || c.Year > 2100 {
		l.Errorf(doc.Value("year"), "year %d is not a plausible four-digit year", c.Year)
	}
	for i, m := range c.Metrics {
		p := fmt.Sprintf("metrics[%d]", i)
		required(m.Label, p+".label", "say what the metric measures", doc, l)
		if m.Before == "" && m.After == "" {
			l.Errorf(doc.Key(p), "metric %q has neither before nor after: give at least one value", m.Label)
		}
	}
	c.validateArchitecture(doc, l)
	if len(c.Sources) == 0 {
		l.Errorf(doc.Key("sources"), "a case study needs at least one source: add 'sources:' with a title and an https url")
	}
	for i := range c.Sources {
		c.Sources[i].validate(fmt.Sprintf("sources[%d]", i), doc, l)
	}
}

// ArchitectureKinds are the kinds of architecture a case study moves
// between, by the name its front matter uses, with the label readers see.
var ArchitectureKinds = []struct{ Name, Label string }{
	{"monolith", "Monolith"},
	{"modular-monolith", "Modular monolith"},
	{"services", "Services"},
	{"microservices", "Microservices"},
	{"serverless", "Serverless"},
	{"cloud", "Cloud"},
	{"own-hardware", "Own hardware"},
	{"cdn", "Third-party CDN"},
	{"one-database", "One database"},
	{"sharded-database", "Sharded database"},
	{"one-region", "One region"},
	{"multi-region", "Several regions"},
	{"cells", "Cells"},
}

// ArchitectureLabel returns the label of a kind of architecture, or "" for
// a name that is not one.
func ArchitectureLabel(name string) string {
	for _, k := range ArchitectureKinds {
		if k.Name == name {
			return k.Label
		}
	}
	return ""
}

func (c *CaseStudy) validateArchitecture(doc *yamldoc.Doc, l *diag.List) {
	if len(c.Architecture) == 0 {
		return // not given: the page is in no architecture filter
	}
	if len(c.Architecture) != 2 {
		l.Errorf(doc.Value("architecture"), "architecture needs two kinds, before and after, not %d: e.g. 'architecture: [serverless, monolith]'", len(c.Architecture))
		return
	}
	for i, k := range c.Architecture {
		if ArchitectureLabel(k) == "" {
			names := make([]string, len(ArchitectureKinds))
			for j, a := range ArchitectureKinds {
				names[j] = a.Name
			}
			l.Errorf(doc.Value(fmt.Sprintf("architecture[%d]", i)), "%q is not a kind of architecture search knows: use one of %s", k, strings.Join(names, ", "))
		}
	}
}

// Checklist is the front matter of content/checklists/ pages: questions a
// reader answers for their own system, weighted toward Options.
type Checklist struct {
	Common `yaml:",inline"`
	// Options are what the answers can lean toward.
	Options []Option `yaml:"options" doc:"list of {id, label, description}: what answers lean toward"`
}

// Option is one possible recommendation of a checklist.
type Option struct {
	ID          string `yaml:"id" doc:"required; lower-case-with-hyphens, used in the weights"`
	Label       string `yaml:"label" doc:"required; shown in the recommendation"`
	Description string `yaml:"description" doc:"optional explanation"`
}

func (c *Checklist) validate(doc *yamldoc.Doc, l *diag.List) {
	c.Common.validate(doc, l)
	required(c.Summary, "summary", "a checklist needs a one- or two-sentence summary", doc, l)
	seen := map[string]bool{}
	for i, o := range c.Options {
		p := fmt.Sprintf("options[%d]", i)
		required(o.Label, p+".label", "give the option a label", doc, l)
		switch {
		case o.ID == "":
			l.Errorf(doc.Key(p), "option needs an id, e.g. 'id: serverless'")
		case !optionID.MatchString(o.ID):
			l.Errorf(doc.Value(p+".id"), "option id %q must be lower-case letters, digits and hyphens", o.ID)
		case seen[o.ID]:
			l.Errorf(doc.Value(p+".id"), "duplicate option id %q", o.ID)
		}
		seen[o.ID] = true
	}
}

// Pattern is the front matter of content/patterns/ pages: a trade-off
// between alternatives, such as serverless vs. containers.
type Pattern struct {
	Common `yaml:",inline"`
	// Alternatives are the options the page compares.
	Alternatives []string `yaml:"alternatives" doc:"required, at least two: the options compared"`
}

func (p *Pattern) validate(doc *yamldoc.Doc, l *diag.List) {
	p.Common.validate(doc, l)
	required(p.Summary, "summary", "a trade-off page needs a one- or two-sentence summary", doc, l)
	if len(p.Alternatives) < 2 {
		l.Errorf(doc.Key("alternatives"), "a trade-off page compares at least two alternatives: add 'alternatives: [A, B]'")
	}
}

// Sections with a typed schema. Every other section uses Common.
var typedSections = map[string]func() Schema{
	"case-studies": func() Schema { return &CaseStudy{} },
	"checklists":   func() Schema { return &Checklist{} },
	"decisions":    func() Schema { return &Decision{} },
	"patterns":     func() Schema { return &Pattern{} },
}

// newSchema returns an empty schema for a page of kind k in section: pages
// of generic sections use Generic; in strict sections, the section's list
// page uses Common, and so do its pages when it has no typed schema.
func newSchema(section string, k Kind) Schema {
	if !Strict(section) {
		return &Generic{}
	}
	if k == KindPage {
		if f, ok := typedSections[section]; ok {
			return f()
		}
	}
	return &Common{}
}

// Schemas returns an example of each typed schema by section name, plus
// Common under "", for generating the front matter reference.
func Schemas() map[string]Schema {
	m := map[string]Schema{"": &Common{}}
	for s, f := range typedSections {
		m[s] = f()
	}
	return m
}
