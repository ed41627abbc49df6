package checklist

import (
	"fmt"
	slugs "github.com/tradeoffs/tradeoffs/generator/internal/slug"
	"github.com/tradeoffs/tradeoffs/generator/internal/suggest"
	"slices"
	"strings"
)

// checkConfig reports bad options and keeps only the good ones, so one
// mistake in the front matter does not cascade into every question.
func (s *state) checkConfig() {
	var good []Option
	seen := map[string]bool{}
	for _, o := range s.cfg.Options {
		pos := s.filePos(o.Pos)
		switch {
		case !isID(o.ID):
			s.diags.Errorf(pos, `option id %q may use only lowercase letters, digits, "-" and "_", starting with a letter or digit`, o.ID)
		case isAnswer(o.ID) || isRule(o.ID):
			s.diags.Errorf(pos, "option id %q is reserved (yes, no, unsure, gate and blocker are words of the weight blocks): choose another id", o.ID)
		case seen[o.ID]:
			s.diags.Errorf(pos, "option %q is declared twice: give each option its own id", o.ID)
		case strings.TrimSpace(o.Label) == "":
			s.diags.Errorf(pos, "option %q has no label: add label: with the words readers see", o.ID)
		default:
			seen[o.ID] = true
			good = append(good, o)
		}
	}
	s.cfg.Options = good
}

// assignIDs gives every question its id: the explicit {#id} first, so a
// pinned id never moves, then slugs of the text, deduplicated in page order.
func (s *state) assignIDs(drafts []*draft, src []byte) {
	taken := map[string]*draft{}
	for _, d := range drafts {
		id := ""
		if d.weights != nil {
			id = d.weights.Block.ID
		}
		if id == "" {
			continue
		}
		if first, dup := taken[id]; dup {
			pos := s.pos(src, d.weights.srcOff(d.weights.Block.IDOff))
			s.diags.Errorf(pos, "duplicate question id %q: line %d uses it already; choose another id", id, first.q.Pos.Line)
			continue
		}
		taken[id] = d
		d.q.ID = id
	}
	for _, d := range drafts {
		if d.q.ID != "" {
			continue
		}
		base := slug(d.q.Text)
		id := base
		for n := 2; taken[id] != nil; n++ {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		taken[id] = d
		d.q.ID = id
	}
}

// checkWeights checks every weight against the declared options and copies
// the good ones into the questions.
func (s *state) checkWeights(drafts []*draft, src []byte) {
	for _, d := range drafts {
		w := d.weights
		if w == nil || w.Failed {
			continue
		}
		if len(s.cfg.Options) == 0 && (hasWeights(w.Block) || w.Block.Rule != "") {
			s.diags.Errorf(s.pos(src, w.srcOff(0)), "this checklist declares no options for weights to count toward: declare options in the front matter, or remove the {...} block")
			continue
		}
		if w.Block.Rule != "" {
			s.checkRule(d, src)
			continue
		}
		for _, a := range w.Block.Answers {
			for _, bw := range a.Weights {
				if !s.hasOption(bw.Option) {
					s.diags.Errorf(s.pos(src, w.srcOff(bw.Off)), "unknown option %q: did you mean %q?", bw.Option, s.closest(bw.Option))
					continue
				}
				if d.q.Answers == nil {
					d.q.Answers = map[string][]Weight{}
				}
				d.q.Answers[a.Value] = append(d.q.Answers[a.Value], Weight{Option: bw.Option, Value: bw.Value})
			}
		}
	}
}

// checkRule checks the options a gate or blocker names and records which
// answers rule them out.
func (s *state) checkRule(d *draft, src []byte) {
	w := d.weights
	var guards []string
	for _, g := range w.Block.Guards {
		if !s.hasOption(g.Option) {
			s.diags.Errorf(s.pos(src, w.srcOff(g.Off)), "unknown option %q: did you mean %q?", g.Option, s.closest(g.Option))
			continue
		}
		guards = append(guards, g.Option)
	}
	if len(guards) == 0 {
		return
	}
	d.q.Rule = w.Block.Rule
	d.q.Blocks = map[string][]string{}
	for _, a := range w.Block.Rule.blocks() {
		d.q.Blocks[a] = guards
	}
}

func hasWeights(b Block) bool {
	return slices.ContainsFunc(b.Answers, func(a BlockAnswer) bool { return len(a.Weights) > 0 })
}

func (s *state) hasOption(id string) bool {
	return slices.ContainsFunc(s.cfg.Options, func(o Option) bool { return o.ID == id })
}

// checkUnused warns about options that no answer weighs toward: the
// checklist could never recommend them.
func (s *state) checkUnused(drafts []*draft) {
	for _, o := range s.cfg.Options {
		used := slices.ContainsFunc(drafts, func(d *draft) bool {
			for _, ws := range d.q.Answers {
				if slices.ContainsFunc(ws, func(w Weight) bool { return w.Option == o.ID }) {
					return true
				}
			}
			return false
		})
		if !used {
			s.diags.Warnf(s.filePos(o.Pos), "option %q gets no weight from any question: weigh a question toward it, e.g. {%s +1}, or remove the option", o.ID, o.ID)
		}
	}
}

// closest returns the declared option nearest to id in edit distance
// (ignoring case), the first declared on a tie.
func (s *state) closest(id string) string {
	best, bestDist := "", -1
	for _, o := range s.cfg.Options {
		if d := suggest.Distance(strings.ToLower(id), o.ID, 0); bestDist < 0 || d < bestDist {
			best, bestDist = o.ID, d
		}
	}
	return best
}

// slug turns a question into an id (the site's slugs: lowercase ASCII
// letters and digits joined by hyphens, accents folded), cut at a word
// boundary to keep shared links short.
func slug(text string) string {
	const maxLen = 48
	s := slugs.Make(text)
	if len(s) > maxLen {
		s = s[:maxLen]
		if i := strings.LastIndexByte(s, '-'); i > maxLen/2 {
			s = s[:i]
		}
		s = strings.TrimRight(s, "-")
	}
	if s == "" {
		return "question"
	}
	return s
}
