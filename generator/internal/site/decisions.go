package site

import (
	"context"
	"fmt"
	"strings"

	"github.com/tradeoffs/tradeoffs/generator/internal/content"
	"github.com/tradeoffs/tradeoffs/generator/internal/decision"
	"github.com/tradeoffs/tradeoffs/generator/internal/markdown"
)

// decisionLog is the build's decision records, their supersede links
// checked (package decision).
type decisionLog struct {
	log   *decision.Log
	pages []*page // by entry
	index map[*page]int
	// hash covers every record's file and URL: what the records' pages
	// and the log page show of each other (see signer.page).
	hash uint64
}

// checkDecisions checks the supersede links between the decision records.
// It reads only what content loaded, so it runs right after it.
func (s *build) checkDecisions(context.Context) {
	var entries []decision.Entry
	dl := &decisionLog{index: map[*page]int{}}
	x := newSum("decisions", 0)
	for _, p := range s.pages {
		d, ok := p.Meta.(*content.Decision)
		if !ok || p.Kind != content.KindPage {
			continue
		}
		r := d.Record
		dl.index[p] = len(entries)
		dl.pages = append(dl.pages, p)
		entries = append(entries, decision.Entry{Source: p.Source, URL: p.URL, Title: p.Title(), Number: r.Number, Status: r.Status,
			StatusPos: r.StatusPos, Supersedes: r.Supersedes, SupersededBy: r.SupersededBy, Front: r.Front, Format: r.Format})
		x.str(p.Source)
		x.str(p.URL)
		x.bytes(p.Hash[:])
	}
	hint := ""
	if s.content != nil && s.content.Drafts > 0 {
		hint = " (drafts are left out unless the site is built with --drafts)"
	}
	log, diags := decision.Check(entries, hint)
	s.diags.Append(diags)
	dl.log, dl.hash = log, x.value()
	s.decisions = dl
}

// isDecisionLog reports whether p is the decision log: the decisions
// section's page.
func isDecisionLog(p *page) bool {
	return p.Kind == content.KindSection && p.URL == "/"+content.DecisionsSection+"/"
}

// evidenceLinks are a record's evidence, as links of its content: checked
// with the page's other links, and listed in the pages' backlinks.
func evidenceLinks(p *page, d *content.Decision, r *resolver) []markdown.Link {
	var out []markdown.Link
	for i, e := range d.Evidence {
		e = strings.TrimSpace(e)
		if e == "" || strings.Contains(e, ":") {
			continue // reported by content
		}
		out = append(out, markdown.Link{Dest: e, Href: r.Rewrite(p.Source, e), Pos: p.Front.Value(fmt.Sprintf("evidence[%d]", i))})
	}
	return out
}

// evidencePages are the pages a record's evidence links to.
func (s *build) evidencePages(p *page, d *content.Decision) []*page {
	var out []*page
	for _, l := range evidenceLinks(p, d, s.resolver()) {
		u, _ := splitFragment(l.Href)
		if t := s.byURL[u]; t != nil {
			out = append(out, t)
		}
	}
	return out
}

// decisionLink is record i as other records and the log show it.
func (s *build) decisionLink(i int) *DecisionLink {
	e := s.decisions.log.Entries[i]
	return &DecisionLink{Number: decision.NumberText(e.Number), Title: typeset(e.Title), URL: e.URL, Status: string(e.Status), StatusLabel: e.Status.Label()}
}

func (s *build) decisionLinks(is []int) []*DecisionLink {
	var out []*DecisionLink
	for _, i := range is {
		out = append(out, s.decisionLink(i))
	}
	return out
}

// decisionView is a record's header: its status, people and links.
func (s *build) decisionView(p *page, d *content.Decision) *DecisionView {
	r := d.Record
	v := &DecisionView{Number: decision.NumberText(r.Number), Status: string(r.Status), StatusLabel: r.Status.Label(), Format: r.Format.Name(),
		Deciders: r.Deciders, Consulted: r.Consulted, Informed: r.Informed, Evidence: s.links(s.evidencePages(p, d))}
	dl := s.decisions
	i, ok := dl.index[p]
	if !ok {
		return v
	}
	v.Supersedes = s.decisionLinks(dl.log.Sorted(dl.log.Supersedes[i]))
	v.SupersededBy = s.decisionLinks(dl.log.Sorted(dl.log.SupersededBy[i]))
	if in := dl.log.InForce(i); in != i && (len(dl.log.SupersededBy[i]) != 1 || dl.log.SupersededBy[i][0] != in) {
		v.InForce = s.decisionLink(in)
	}
	return v
}

// decisionLogView is the log: every record in order, the counts by
// status, and the supersede chains.
func (s *build) decisionLogView() *DecisionLogView {
	v := &DecisionLogView{}
	dl := s.decisions
	if dl == nil {
		return v
	}
	count := map[decision.Status]int{}
	for _, i := range dl.log.Order() {
		p := dl.pages[i]
		l := s.link(p)
		v.Records = append(v.Records, &DecisionLogRecord{DecisionLink: *s.decisionLink(i), Summary: l.Summary, DateISO: l.DateISO, DateText: l.DateText,
			Supersedes: s.decisionLinks(dl.log.Sorted(dl.log.Supersedes[i])), SupersededBy: s.decisionLinks(dl.log.Sorted(dl.log.SupersededBy[i]))})
		count[dl.log.Entries[i].Status]++
		v.Linked = v.Linked || len(dl.log.Supersedes[i]) > 0
	}
	for _, st := range decision.Statuses {
		if count[st] > 0 {
			v.Statuses = append(v.Statuses, &StatusCount{Status: string(st), Label: st.Label(), Count: count[st]})
		}
	}
	for _, l := range dl.log.Lineages() {
		v.Chains = append(v.Chains, s.chain(l))
	}
	return v
}

func (s *build) chain(l *decision.Lineage) *DecisionChain {
	c := &DecisionChain{Record: s.decisionLink(l.Entry)}
	for _, r := range l.Replaced {
		c.Replaced = append(c.Replaced, s.chain(r))
	}
	return c
}
