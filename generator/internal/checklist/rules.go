package checklist

import "slices"

// Rule is what a gate or blocker question does to the options it names,
// whatever the scores.
type Rule string

const (
	// Gate marks a prerequisite of the options it names: only Yes meets
	// it; No and Not sure rule the options out.
	Gate Rule = "gate"
	// Blocker marks a condition that rules the options it names out: Yes
	// and Not sure rule them out; only No clears it.
	Blocker Rule = "blocker"
)

// blocks returns the answers that rule a rule's options out. Not sure
// counts against the option in both cases: a prerequisite nobody can
// confirm is not met, and a blocker nobody can exclude is still there.
func (r Rule) blocks() []string {
	switch r {
	case Gate:
		return []string{No, Unsure}
	case Blocker:
		return []string{Yes, Unsure}
	}
	return nil
}

func isRule(s string) bool { return s == string(Gate) || s == string(Blocker) }

// rule parses "gate: option option" or "blocker: option, option", the
// whole rest of the block. A trailing ";" is allowed, as after answers.
func (p *blockParser) rule(b *Block) *SyntaxError {
	kw := p.next()
	p.next() // the colon
	b.YesNo, b.Rule, b.RuleOff = true, Rule(kw.text), kw.off
	for {
		t := p.peek()
		switch t.kind {
		case tEOF:
			if len(b.Guards) == 0 {
				return errAt(kw.off, "%s: names the options it rules out: write {%s: option}", kw.text, kw.text)
			}
			return nil
		case tSemi:
			p.next()
			if next := p.peek(); next.kind != tEOF {
				return errStandsAlone(next)
			}
		case tNumber:
			return errAt(t.off, "a %s carries no weight: remove %q (it rules options out whatever the scores)", kw.text, t.text)
		case tColon:
			return errAt(t.off, `unexpected ":": write {%s: option}`, kw.text)
		case tHash:
			return errAt(t.off, `the question id comes first in the block: {#id %s: option}`, kw.text)
		default:
			if p.peekAt(1).kind == tColon {
				return errStandsAlone(t)
			}
			if slices.ContainsFunc(b.Guards, func(o BlockOption) bool { return o.Option == t.text }) {
				return errAt(t.off, "option %q is named twice here: name it once", t.text)
			}
			p.next()
			b.Guards = append(b.Guards, BlockOption{Option: t.text, Off: t.off})
		}
	}
}

// errStandsAlone reports an answer or rule keyword where a rule must stand
// alone in its block.
func errStandsAlone(t token) *SyntaxError {
	return errAt(t.off, "a gate or blocker stands alone in its block and carries no weights: write {gate: option} or {blocker: option}, and ask any weighted question separately")
}
