package calc

import "fmt"

// Limits that keep a hostile definition from hanging or exhausting the
// build: every formula is short and shallow, so parsing, checking and
// evaluating it is cheap.
const (
	MaxFormulaLen = 1000 // bytes of formula text
	MaxDepth      = 40   // nesting of parentheses, operators and calls
)

// nodeKind says what an expression node is.
type nodeKind int

const (
	nodeNum    nodeKind = iota // a number literal
	nodeBool                   // true or false
	nodeRef                    // a reference to an input, constant or output
	nodeUnary                  // - or not
	nodeBinary                 // + - * / ^ comparisons and/or
	nodeCall                   // a function call, including if(c, a, b)
)

// Node is one node of a parsed formula. Off is the byte offset in the
// formula text of the token that best locates the node in error messages.
type Node struct {
	Kind nodeKind
	Op   string  // operator, "neg", "not" or function name
	Num  float64 // nodeNum; nodeBool: 1 or 0
	Name string  // nodeRef
	Args []*Node
	Off  int
	Type Type // set by check
}

// exprParser is a recursive-descent parser with one token of lookahead.
type exprParser struct {
	toks  []lexeme
	pos   int
	depth int
}

// parseExpr parses a formula into a tree. It enforces MaxFormulaLen and
// MaxDepth; it does not resolve names or types (see check).
func parseExpr(src string) (*Node, *exprError) {
	if len(src) > MaxFormulaLen {
		return nil, errAt(0, "formula is too long (%d characters, the limit is %d): split it into several outputs", len(src), MaxFormulaLen)
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &exprParser{toks: toks}
	if p.peek().kind == tokEOF {
		return nil, errAt(0, "empty formula: write an expression such as price * quantity")
	}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		return nil, errAt(t.off, "unexpected %s after the end of the expression", describe(t))
	}
	return n, nil
}

func (p *exprParser) peek() lexeme { return p.toks[p.pos] }

func (p *exprParser) next() lexeme {
	t := p.toks[p.pos]
	if t.kind != tokEOF {
		p.pos++
	}
	return t
}

// isOp reports whether the next token is one of ops (operators or keywords).
func (p *exprParser) isOp(ops ...string) bool {
	t := p.peek()
	if t.kind != tokOp && t.kind != tokIdent {
		return false
	}
	for _, op := range ops {
		if t.text == op {
			return true
		}
	}
	return false
}

// enter counts nesting so that "((((...": or "-----1" cannot overflow the
// stack; every recursive rule calls it.
func (p *exprParser) enter() *exprError {
	p.depth++
	if p.depth > MaxDepth {
		return errAt(p.peek().off, "formula nests too deeply (more than %d levels): split it into several outputs", MaxDepth)
	}
	return nil
}

func (p *exprParser) leave() { p.depth-- }

func (p *exprParser) binaryLeft(next func() (*Node, *exprError), ops ...string) (*Node, *exprError) {
	left, err := next()
	if err != nil {
		return nil, err
	}
	for p.isOp(ops...) {
		t := p.next()
		right, err := next()
		if err != nil {
			return nil, err
		}
		left = &Node{Kind: nodeBinary, Op: t.text, Args: []*Node{left, right}, Off: t.off}
	}
	return left, nil
}

func (p *exprParser) or() (*Node, *exprError)  { return p.binaryLeft(p.and, "or") }
func (p *exprParser) and() (*Node, *exprError) { return p.binaryLeft(p.not, "and") }

func (p *exprParser) not() (*Node, *exprError) {
	if !p.isOp("not") {
		return p.comparison()
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	t := p.next()
	x, err := p.not()
	if err != nil {
		return nil, err
	}
	return &Node{Kind: nodeUnary, Op: "not", Args: []*Node{x}, Off: t.off}, nil
}

var comparisons = []string{"<", "<=", ">", ">=", "==", "!="}

// comparison is not associative: a < b < c is an error, not (a < b) < c.
func (p *exprParser) comparison() (*Node, *exprError) {
	left, err := p.additive()
	if err != nil || !p.isOp(comparisons...) {
		return left, err
	}
	t := p.next()
	right, err := p.additive()
	if err != nil {
		return nil, err
	}
	if p.isOp(comparisons...) {
		return nil, errAt(p.peek().off, "comparisons cannot be chained: write a < b and b < c")
	}
	return &Node{Kind: nodeBinary, Op: t.text, Args: []*Node{left, right}, Off: t.off}, nil
}

func (p *exprParser) additive() (*Node, *exprError) { return p.binaryLeft(p.term, "+", "-") }
func (p *exprParser) term() (*Node, *exprError)     { return p.binaryLeft(p.unary, "*", "/") }

// unary handles prefix minus; it binds looser than ^, so -2^2 is -4.
func (p *exprParser) unary() (*Node, *exprError) {
	if !p.isOp("-", "+") {
		return p.power()
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	t := p.next()
	x, err := p.unary()
	if err != nil || t.text == "+" {
		return x, err
	}
	return &Node{Kind: nodeUnary, Op: "neg", Args: []*Node{x}, Off: t.off}, nil
}

// power is right-associative: 2^3^2 is 2^(3^2). Its exponent may carry a
// sign: 2^-1.
func (p *exprParser) power() (*Node, *exprError) {
	base, err := p.primary()
	if err != nil || !p.isOp("^") {
		return base, err
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	t := p.next()
	exp, err := p.unary()
	if err != nil {
		return nil, err
	}
	return &Node{Kind: nodeBinary, Op: "^", Args: []*Node{base, exp}, Off: t.off}, nil
}

func (p *exprParser) primary() (*Node, *exprError) {
	t := p.peek()
	switch {
	case t.kind == tokNum:
		p.next()
		return &Node{Kind: nodeNum, Num: t.num, Off: t.off}, nil
	case t.kind == tokIdent && (t.text == "true" || t.text == "false"):
		p.next()
		n := &Node{Kind: nodeBool, Off: t.off}
		if t.text == "true" {
			n.Num = 1
		}
		return n, nil
	case t.kind == tokIdent && isKeyword(t.text):
		return nil, errAt(t.off, "expected a value, found %q", t.text)
	case t.kind == tokIdent:
		p.next()
		if p.isOp("(") {
			return p.call(t)
		}
		return &Node{Kind: nodeRef, Name: t.text, Off: t.off}, nil
	case t.kind == tokOp && t.text == "(":
		return p.group()
	case t.kind == tokEOF:
		return nil, errAt(t.off, "unexpected end of formula: expected a value")
	}
	return nil, errAt(t.off, "unexpected %s: expected a value", describe(t))
}

func (p *exprParser) group() (*Node, *exprError) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.next()
	x, err := p.or()
	if err != nil {
		return nil, err
	}
	if !p.isOp(")") {
		return nil, errAt(p.peek().off, "expected \")\" to close \"(\", found %s", describe(p.peek()))
	}
	p.next()
	return x, nil
}

func (p *exprParser) call(name lexeme) (*Node, *exprError) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.next()
	n := &Node{Kind: nodeCall, Op: name.text, Off: name.off}
	if p.isOp(")") {
		p.next()
		return n, nil
	}
	for {
		arg, err := p.or()
		if err != nil {
			return nil, err
		}
		n.Args = append(n.Args, arg)
		if p.isOp(")") {
			p.next()
			return n, nil
		}
		if !p.isOp(",") {
			return nil, errAt(p.peek().off, "expected \",\" or \")\" after an argument of %s, found %s", name.text, describe(p.peek()))
		}
		p.next()
	}
}

func isKeyword(s string) bool { return s == "and" || s == "or" || s == "not" }

func describe(t lexeme) string {
	if t.kind == tokEOF {
		return "the end of the formula"
	}
	return fmt.Sprintf("%q", t.text)
}
