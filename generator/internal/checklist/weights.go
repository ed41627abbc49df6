package checklist

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// The answers a reader can give. They are the value attributes of the inputs
// and the keys of Question.Answers; a checked checkbox answers Yes.
const (
	Yes    = "yes"
	No     = "no"
	Unsure = "unsure"
)

// MaxWeight bounds the size of a weight, so one question cannot drown all
// the others by a typo (+1000 for +10).
const MaxWeight = 100

// Block is a parsed weight block, the {...} that ends a question. Offsets
// are byte offsets into the block's text, whose first byte is "{".
type Block struct {
	ID      string // explicit question id written as {#id ...}, or ""
	IDOff   int
	YesNo   bool          // {yes: ...; no: ...}: the question is answered yes / no / not sure
	Answers []BlockAnswer // a checkbox block has one answer, Yes
	// Rule is Gate or Blocker for {gate: ...} and {blocker: ...}: a yes / no
	// question that carries no weights but rules the Guards out.
	Rule    Rule
	RuleOff int
	Guards  []BlockOption
}

// BlockOption is an option a gate or blocker names.
type BlockOption struct {
	Option string
	Off    int
}

// BlockAnswer is the weights one answer carries.
type BlockAnswer struct {
	Value   string // Yes, No or Unsure
	Off     int
	Weights []BlockWeight
}

// BlockWeight is one "option ±N" pair.
type BlockWeight struct {
	Option   string
	Off      int // offset of the option id
	Value    float64
	ValueOff int
}

// SyntaxError is a malformed weight block: Off is the byte offset of the
// problem in the block's text.
type SyntaxError struct {
	Off int
	Msg string
}

func (e *SyntaxError) Error() string { return e.Msg }

func errAt(off int, format string, args ...any) *SyntaxError {
	return &SyntaxError{Off: off, Msg: fmt.Sprintf(format, args...)}
}

// ParseBlock parses a weight block, src being its whole text from "{" to the
// closing "}". The grammar:
//
//	block   = "{" [ "#" id ] ( pairs | answer { ";" answer } | rule ) "}"
//	answer  = ( "yes" | "no" | "unsure" ) ":" pairs
//	rule    = ( "gate" | "blocker" ) ":" option { option }
//	pairs   = { option number }        separated by spaces or commas
//	number  = [ "+" | "-" ] digits [ "." digits ]
//
// A block holding a ":" is a yes / no / not sure block; otherwise its pairs
// weigh the checked state of a checkbox. A rule stands alone in its block:
// a gate or blocker question carries no weights.
func ParseBlock(src string) (Block, *SyntaxError) {
	if len(src) < 2 || src[0] != '{' || src[len(src)-1] != '}' {
		return Block{}, errAt(0, "a weight block is written between { and }")
	}
	toks, err := lex(src)
	if err != nil {
		return Block{}, err
	}
	p := &blockParser{toks: toks}
	return p.block()
}

type blockParser struct {
	toks []token
	i    int
}

func (p *blockParser) peek() token { return p.toks[p.i] }
func (p *blockParser) peekAt(k int) token {
	return p.toks[min(p.i+k, len(p.toks)-1)]
}
func (p *blockParser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *blockParser) block() (Block, *SyntaxError) {
	var b Block
	if p.peek().kind == tHash {
		if err := p.questionID(&b); err != nil {
			return Block{}, err
		}
	}
	if p.peek().kind == tEOF {
		if b.ID == "" {
			return Block{}, errAt(0, "empty weight block: write {option +1} or {yes: option +1; no: option -1}, or remove the braces")
		}
		return b, nil
	}
	var err *SyntaxError
	if t := p.peek(); t.kind == tWord && isRule(t.text) && p.peekAt(1).kind == tColon {
		if err := p.rule(&b); err != nil {
			return Block{}, err
		}
		return b, nil
	}
	if slices.ContainsFunc(p.toks[p.i:], func(t token) bool { return t.kind == tColon }) {
		b.YesNo = true
		b.Answers, err = p.answers()
	} else {
		off := p.peek().off
		var ws []BlockWeight
		ws, err = p.pairs(false)
		b.Answers = []BlockAnswer{{Value: Yes, Off: off, Weights: ws}}
	}
	if err != nil {
		return Block{}, err
	}
	return b, nil
}

func (p *blockParser) questionID(b *Block) *SyntaxError {
	hash := p.next()
	t := p.peek()
	if t.kind != tWord {
		return errAt(hash.off, `missing question id after "#": write {#my-question ...}`)
	}
	if !isID(t.text) {
		return errAt(t.off, `question id %q may use only lowercase letters, digits, "-" and "_"`, t.text)
	}
	p.next()
	b.ID, b.IDOff = t.text, t.off
	return nil
}

// answers parses "yes: pairs; no: pairs; unsure: pairs" in any order.
func (p *blockParser) answers() ([]BlockAnswer, *SyntaxError) {
	var out []BlockAnswer
	for {
		for p.peek().kind == tSemi {
			p.next()
		}
		t := p.peek()
		if t.kind == tEOF {
			return out, nil
		}
		if t.kind != tWord || p.peekAt(1).kind != tColon {
			return nil, errAt(t.off, `expected yes:, no: or unsure: before %q (";" separates the answers)`, t.text)
		}
		if isRule(t.text) {
			return nil, errStandsAlone(t)
		}
		if !isAnswer(t.text) {
			return nil, errAt(t.off, "unknown answer %q: use yes, no or unsure", t.text)
		}
		if slices.ContainsFunc(out, func(a BlockAnswer) bool { return a.Value == t.text }) {
			return nil, errAt(t.off, "answer %q is given twice: merge its weights into one", t.text)
		}
		p.next()
		p.next()
		ws, err := p.pairs(true)
		if err != nil {
			return nil, err
		}
		out = append(out, BlockAnswer{Value: t.text, Off: t.off, Weights: ws})
	}
}

// pairs parses "option number" pairs up to the end of the block, or up to a
// ";" when inAnswer.
func (p *blockParser) pairs(inAnswer bool) ([]BlockWeight, *SyntaxError) {
	var out []BlockWeight
	for {
		t := p.peek()
		switch t.kind {
		case tEOF:
			return out, nil
		case tSemi:
			if inAnswer {
				return out, nil
			}
			return nil, errAt(t.off, `unexpected ";": separate weights with spaces or commas (";" separates yes:, no: and unsure: answers)`)
		case tNumber:
			return nil, errAt(t.off, "weight %s has no option: write the option id before it, e.g. {servers %s}", t.text, t.text)
		case tColon:
			return nil, errAt(t.off, `unexpected ":": a colon follows yes, no or unsure`)
		case tHash:
			return nil, errAt(t.off, `the question id comes first in the block: {#id ...}`)
		}
		w, err := p.pair(inAnswer)
		if err != nil {
			return nil, err
		}
		if slices.ContainsFunc(out, func(o BlockWeight) bool { return o.Option == w.Option }) {
			return nil, errAt(w.Off, "option %q is weighted twice here: add the weights into one", w.Option)
		}
		out = append(out, w)
	}
}

// pair parses one "option number" pair, the option being the next token.
func (p *blockParser) pair(inAnswer bool) (BlockWeight, *SyntaxError) {
	opt := p.next()
	num := p.peek()
	switch {
	case num.kind == tColon && inAnswer:
		return BlockWeight{}, errAt(opt.off, `missing ";" before "%s:"`, opt.text)
	case num.kind != tNumber && isAnswer(opt.text) && !inAnswer:
		return BlockWeight{}, errAt(opt.off, "write a colon after %s, as in {%s: option +1}", opt.text, opt.text)
	case num.kind != tNumber && isRule(opt.text) && !inAnswer:
		return BlockWeight{}, errAt(opt.off, "write a colon after %s, as in {%s: option}", opt.text, opt.text)
	case num.kind != tNumber:
		if fix, ok := splitGlued(opt.text); ok {
			return BlockWeight{}, errAt(opt.off, "write a space between the option and its weight: %q", fix)
		}
		return BlockWeight{}, errAt(opt.off, "missing weight after %q: write a signed number, e.g. %s +1", opt.text, opt.text)
	case num.num == 0:
		return BlockWeight{}, errAt(num.off, "a weight of 0 changes nothing: remove %q", opt.text+" "+num.text)
	case math.Abs(num.num) > MaxWeight:
		return BlockWeight{}, errAt(num.off, "weight %s is too large: use a number from -%d to %d", num.text, MaxWeight, MaxWeight)
	}
	p.next()
	return BlockWeight{Option: opt.text, Off: opt.off, Value: num.num, ValueOff: num.off}, nil
}

// formatWeight writes a weight with its sign: +2, -0.5.
func formatWeight(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	if v < 0 {
		return "-" + s
	}
	return "+" + s
}
