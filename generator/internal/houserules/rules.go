package houserules

import (
	"fmt"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

// Section is the house rules of one section of the site.
type Section struct {
	// Name is what a page of the section is called in messages.
	Name string
	// Headings are the level-2 sections a page has, in this order.
	Headings []string
	// Rules are checked on every page of the section.
	Rules []Rule
}

// Rule is one house rule: a name that messages show, and its check.
type Rule struct {
	Name  string
	Check func(p *page, s *Section) []problem
}

type problem struct {
	pos diag.Pos
	msg string
}

// The rules, by section. Calculators and checklists have none yet; a
// section gets its own list here when it has rules.
var sections = map[string]*Section{
	"case-studies": {
		Name:     "case study",
		Headings: []string{"Context", "What they changed", "The numbers", "What it cost them", "Lessons", "When it would not apply"},
		Rules:    []Rule{RequiredSections, NonEmptySections, CitedFigures, HTTPSSources, LinksTradeOff},
	},
	"patterns": {
		Name:     "trade-off page",
		Headings: []string{"Forces", "Options side by side", "Costs", "Case studies on each side", "Questions that decide it", "Related"},
		Rules:    []Rule{RequiredSections, NonEmptySections, HTTPSSources, CitesCases},
	},
	// Decision records, in MADR (what new records are written in).
	"decisions": {
		Name:     "decision record in MADR",
		Headings: []string{"Context and Problem Statement", "Considered Options", "Decision Outcome"},
		Rules:    []Rule{RequiredSections, NonEmptySections, Consequences},
	},
	// Decision records in Nygard's format, as adr-tools writes them.
	"decisions/nygard": {
		Name:     "decision record in Nygard's format",
		Headings: []string{"Context", "Decision", "Consequences"},
		Rules:    []Rule{RequiredSections, NonEmptySections},
	},
}

// For returns the rules of a section, or nil when it has none.
func For(section string) *Section { return sections[section] }

// ForFormat returns the rules of a section's pages written in format (a
// decision record's "nygard"), or For(section) when the format has no
// rules of its own.
func ForFormat(section, format string) *Section {
	if s := sections[section+"/"+format]; format != "" && s != nil {
		return s
	}
	return For(section)
}

// The rules.
var (
	RequiredSections = Rule{"required-sections", requiredSections}
	NonEmptySections = Rule{"non-empty-sections", nonEmptySections}
	CitedFigures     = Rule{"cited-figures", citedFigures}
	HTTPSSources     = Rule{"https-sources", httpsSources}
	LinksTradeOff    = Rule{"links-trade-off", linksTradeOff}
	CitesCases       = Rule{"cites-cases", citesCases}
	Consequences     = Rule{"consequences", consequences}
)

// requiredSections: the section's headings are all there, in order.
func requiredSections(p *page, s *Section) []problem {
	var out []problem
	at := make([]int, len(s.Headings)) // where each heading is, or -1
	for k, want := range s.Headings {
		at[k] = p.find(want)
	}
	inOrder := longestInOrder(at)
	all := strings.Join(s.Headings, ", ")
	for k, want := range s.Headings {
		prev := -1 // the heading in order before this one, if any
		for j := k - 1; j >= 0 && prev < 0; j-- {
			if inOrder[j] {
				prev = j
			}
		}
		switch {
		case at[k] < 0 && prev < 0:
			out = append(out, problem{p.pos(-1), fmt.Sprintf("missing section %q: add \"## %s\" at the start; a %s has the sections %s, in this order", want, want, s.Name, all)})
		case at[k] < 0:
			out = append(out, problem{p.linePos(p.sections[at[prev]].off), fmt.Sprintf("missing section %q: add \"## %s\" after %q; a %s has the sections %s, in this order", want, want, s.Headings[prev], s.Name, all)})
		case !inOrder[k] && prev >= 0:
			out = append(out, problem{p.linePos(p.sections[at[k]].off), fmt.Sprintf("section %q is out of order: move it after %q; a %s has the sections %s, in this order", want, s.Headings[prev], s.Name, all)})
		case !inOrder[k]:
			out = append(out, problem{p.linePos(p.sections[at[k]].off), fmt.Sprintf("section %q is out of order: move it to the top; a %s has the sections %s, in this order", want, s.Name, all)})
		}
	}
	return out
}

// longestInOrder marks the longest run of the headings found (at >= 0)
// whose places increase: the ones in order. The others are out of order.
func longestInOrder(at []int) []bool {
	n := len(at)
	best, prev := make([]int, n), make([]int, n)
	end := -1
	for k := range n {
		prev[k] = -1
		if at[k] < 0 {
			continue
		}
		best[k] = 1
		for j := range k {
			if at[j] >= 0 && at[j] < at[k] && best[j]+1 > best[k] {
				best[k], prev[k] = best[j]+1, j
			}
		}
		if end < 0 || best[k] > best[end] {
			end = k
		}
	}
	in := make([]bool, n)
	for k := end; k >= 0; k = prev[k] {
		in[k] = true
	}
	return in
}

// nonEmptySections: each of the section's headings has something under
// it (a comment does not count).
func nonEmptySections(p *page, s *Section) []problem {
	var out []problem
	for _, want := range s.Headings {
		if i := p.find(want); i >= 0 && !p.hasContent(i) {
			out = append(out, problem{p.linePos(p.sections[i].off), fmt.Sprintf("section %q is empty: write it, or say in a sentence why there is nothing to report", want)})
		}
	}
	return out
}

// citedFigures: every sentence that states a figure carries a footnote to
// a source listed in the front matter, or to a note that starts "Our
// calculation", or uses a shared figure; or sits in a list or table
// introduced by such a sentence ending in ":".
func citedFigures(p *page, _ *Section) []problem {
	var out []problem
	for _, u := range p.units {
		if u.covered {
			continue
		}
		for _, s := range u.sentences {
			fig := figureIn(s.text)
			if fig == "" || p.citesListed(s.cites) {
				continue
			}
			msg := fmt.Sprintf("%q states a figure (%s) without a footnote to a listed source: end the sentence with a footnote whose link is one of the page's sources, e.g. .[^post] with [^post]: [Title](https://...); for the site's own arithmetic, a footnote starting \"Our calculation\"",
				excerpt(s.text), fig)
			if labels := p.labels(s.cites); labels != "" {
				msg = fmt.Sprintf("%q states a figure (%s) but %s links to no source listed in the front matter: add the URL to sources:, or start the footnote with \"Our calculation\" if the figure is the site's own",
					excerpt(s.text), fig, labels)
			}
			out = append(out, problem{p.pos(s.off), msg})
			break // one problem per paragraph, list item or table row
		}
	}
	return out
}

// httpsSources: the front matter's sources and the page's links use https.
func httpsSources(p *page, _ *Section) []problem {
	var out []problem
	for _, s := range p.Sources {
		if strings.HasPrefix(strings.ToLower(s.URL), "http:") {
			out = append(out, problem{s.Pos, fmt.Sprintf("source %q is not https: use the https:// address of the page (sources are https)", s.URL)})
		}
	}
	for _, l := range p.links {
		if strings.HasPrefix(strings.ToLower(l.dest), "http:") {
			out = append(out, problem{p.pos(l.off), fmt.Sprintf("link %q is not https: use the https:// address of the page (sources are https)", l.dest)})
		}
	}
	return out
}

// linksTradeOff: a case study links at least one trade-off page.
func linksTradeOff(p *page, s *Section) []problem {
	if len(p.targets("patterns")) > 0 {
		return nil
	}
	return []problem{{p.at("Lessons"), fmt.Sprintf("a %s links at least one trade-off page: link the /patterns/ page whose trade-off it illustrates, e.g. [cloud vs. owned hardware](/patterns/cloud-vs-owned-hardware/)", s.Name)}}
}

// citesCases: a trade-off page links at least two case studies.
func citesCases(p *page, s *Section) []problem {
	cases := p.targets("case-studies")
	if len(cases) >= 2 {
		return nil
	}
	return []problem{{p.at("Case studies on each side"), fmt.Sprintf("a %s cites at least two case studies, and links %d: link the /case-studies/ pages that chose each side", s.Name, len(cases))}}
}

// consequences: a MADR record says what the decision brings and costs,
// under "### Consequences" in its Decision Outcome (or a "##" section of
// its own; MADR 2 splits it into Positive and Negative Consequences).
func consequences(p *page, s *Section) []problem {
	found := false
	for i, sec := range p.sections {
		switch strings.ToLower(sec.title) {
		case "consequences", "positive consequences", "negative consequences":
			if sec.level > 3 {
				continue
			}
			found = true
			if !p.hasContent(i) {
				return []problem{{p.linePos(sec.off), fmt.Sprintf("section %q is empty: say what becomes easier and what becomes harder (\"Good, because ...\", \"Bad, because ...\")", sec.title)}}
			}
		}
	}
	if found {
		return nil
	}
	return []problem{{p.at("Decision Outcome"), fmt.Sprintf("a %s says what the decision brings and costs: add \"### Consequences\" under \"Decision Outcome\", with \"Good, because ...\" and \"Bad, because ...\"", s.Name)}}
}
