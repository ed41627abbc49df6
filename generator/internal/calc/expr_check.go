package calc

import (
	"fmt"
	"github.com/tradeoffs/tradeoffs/generator/internal/suggest"
	"maps"
	"slices"
	"strings"
)

// Type is the static type of an expression: a number or a true/false value.
// The zero value means "unknown" and is used after an error, so one mistake
// does not cascade into several messages.
type Type int

const (
	typeUnknown Type = iota
	TypeNumber
	TypeBool
)

func (t Type) String() string {
	switch t {
	case TypeNumber:
		return "number"
	case TypeBool:
		return "true/false value"
	}
	return "unknown"
}

func (t Type) article() string {
	if t == TypeNumber {
		return "a number"
	}
	return "a true/false value"
}

// arity is how many arguments a function takes; max < 0 means no limit.
type arity struct{ min, max int }

// functions is the fixed set of functions a formula may call.
var functions = map[string]arity{
	"abs": {1, 1}, "ceil": {1, 1}, "floor": {1, 1}, "round": {1, 1},
	"log": {1, 1}, "log10": {1, 1}, "sqrt": {1, 1}, "exp": {1, 1},
	"min": {2, -1}, "max": {2, -1}, "if": {3, 3},
}

// FunctionNames lists the functions a formula may call, sorted.
func FunctionNames() []string { return slices.Sorted(maps.Keys(functions)) }

// scope is what a formula may refer to: the names defined before it (with
// their types), constant values for folding, and the outputs defined after
// it (to explain a forward reference).
type scope struct {
	self   string
	types  map[string]Type
	consts map[string]float64
	later  map[string]bool
}

// check resolves names and types in n, filling in Node.Type, and returns
// every problem found, in formula order.
func check(n *Node, sc *scope) []*exprError {
	c := &checker{sc: sc}
	c.node(n)
	slices.SortStableFunc(c.errs, func(a, b *exprError) int { return a.Off - b.Off })
	return c.errs
}

type checker struct {
	sc   *scope
	errs []*exprError
}

func (c *checker) errorf(off int, format string, args ...any) {
	c.errs = append(c.errs, errAt(off, format, args...))
}

func (c *checker) node(n *Node) Type {
	switch n.Kind {
	case nodeNum:
		n.Type = TypeNumber
	case nodeBool:
		n.Type = TypeBool
	case nodeRef:
		n.Type = c.ref(n)
	case nodeUnary:
		n.Type = c.unary(n)
	case nodeBinary:
		n.Type = c.binary(n)
	case nodeCall:
		n.Type = c.call(n)
	}
	return n.Type
}

func (c *checker) ref(n *Node) Type {
	if t, ok := c.sc.types[n.Name]; ok {
		return t
	}
	switch {
	case n.Name == c.sc.self:
		c.errorf(n.Off, "%q refers to itself: a formula can use inputs, constants and earlier outputs", n.Name)
	case c.sc.later[n.Name]:
		c.errorf(n.Off, "%q is defined after this output: move it above, formulas can only use earlier outputs", n.Name)
	case functions[n.Name] != arity{}:
		c.errorf(n.Off, "%s is a function: call it with arguments, e.g. %s(x)", n.Name, n.Name)
	default:
		c.errorf(n.Off, "unknown name %q%s", n.Name, didYouMean(n.Name, slices.Collect(maps.Keys(c.sc.types)), "use an input, a constant or an earlier output"))
	}
	return typeUnknown
}

// want reports an error when operand x does not have type t.
func (c *checker) want(x *Node, got, t Type, what string) {
	if got == typeUnknown || got == t {
		return
	}
	hint := "use if(condition, a, b) to turn a condition into a number"
	if t == TypeBool {
		hint = "compare it, e.g. x > 0"
	}
	c.errorf(start(x), "%s needs %s here, got %s; %s", what, t.article(), got.article(), hint)
}

func (c *checker) unary(n *Node) Type {
	t := c.node(n.Args[0])
	if n.Op == "not" {
		c.want(n.Args[0], t, TypeBool, `"not"`)
		return TypeBool
	}
	c.want(n.Args[0], t, TypeNumber, `"-"`)
	return TypeNumber
}

func (c *checker) binary(n *Node) Type {
	l, r := c.node(n.Args[0]), c.node(n.Args[1])
	what := fmt.Sprintf("%q", n.Op)
	switch n.Op {
	case "and", "or":
		c.want(n.Args[0], l, TypeBool, what)
		c.want(n.Args[1], r, TypeBool, what)
		return TypeBool
	case "==", "!=":
		if l != typeUnknown && r != typeUnknown && l != r {
			c.errorf(n.Off, "%s compares two numbers or two true/false values, got %s and %s", what, l.article(), r.article())
		}
		return TypeBool
	case "<", "<=", ">", ">=":
		c.want(n.Args[0], l, TypeNumber, what)
		c.want(n.Args[1], r, TypeNumber, what)
		return TypeBool
	}
	c.want(n.Args[0], l, TypeNumber, what)
	c.want(n.Args[1], r, TypeNumber, what)
	if n.Op == "/" {
		if v, ok := constValue(n.Args[1], c.sc.consts); ok && v == 0 {
			c.errorf(start(n.Args[1]), "division by zero: this divisor is always 0")
		}
	}
	return TypeNumber
}

func (c *checker) call(n *Node) Type {
	a, ok := functions[n.Op]
	if !ok {
		if _, isValue := c.sc.types[n.Op]; isValue {
			c.errorf(n.Off, "%q is a value, not a function: write %s * (...) to multiply", n.Op, n.Op)
		} else {
			c.errorf(n.Off, "unknown function %q%s", n.Op, didYouMean(n.Op, FunctionNames(), "the functions are "+strings.Join(FunctionNames(), ", ")))
		}
		for _, arg := range n.Args {
			c.node(arg)
		}
		return typeUnknown
	}
	if !c.arity(n, a) {
		for _, arg := range n.Args {
			c.node(arg)
		}
		return typeUnknown
	}
	if n.Op == "if" {
		return c.ifCall(n)
	}
	for _, arg := range n.Args {
		c.want(arg, c.node(arg), TypeNumber, n.Op)
	}
	return TypeNumber
}

// arity reports a wrong number of arguments and whether the count is right.
func (c *checker) arity(n *Node, a arity) bool {
	got := len(n.Args)
	switch {
	case n.Op == "if" && got != 3:
		c.errorf(n.Off, "if takes 3 arguments (condition, value if true, value if false), got %d", got)
	case a.min == a.max && got != a.min:
		c.errorf(n.Off, "%s takes %d argument%s, got %d", n.Op, a.min, plural(a.min), got)
	case got < a.min:
		c.errorf(n.Off, "%s takes at least %d arguments, got %d", n.Op, a.min, got)
	default:
		return true
	}
	return false
}

func (c *checker) ifCall(n *Node) Type {
	cond, a, b := c.node(n.Args[0]), c.node(n.Args[1]), c.node(n.Args[2])
	if cond == TypeNumber {
		c.errorf(start(n.Args[0]), "if needs a true/false condition, got a number; compare it, e.g. x > 0")
	}
	if a != typeUnknown && b != typeUnknown && a != b {
		c.errorf(start(n.Args[2]), "the two branches of if must have the same type, got %s and %s", a.article(), b.article())
		return typeUnknown
	}
	return max(a, b)
}

// start returns the offset where the text of n begins, for messages about
// an operand: the left end of a binary expression is its left operand.
func start(n *Node) int {
	for n.Kind == nodeBinary {
		n = n.Args[0]
	}
	return n.Off
}

// constValue folds n when it depends on literals and constants only.
func constValue(n *Node, consts map[string]float64) (float64, bool) {
	if n.Kind == nodeRef {
		v, ok := consts[n.Name]
		return v, ok
	}
	for _, a := range n.Args {
		if _, ok := constValue(a, consts); !ok {
			return 0, false
		}
	}
	return eval(n, consts), true
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// didYouMean returns `: did you mean "x"?` for the known name closest to
// name, or ": " + fallback when none is close.
func didYouMean(name string, known []string, fallback string) string {
	slices.Sort(known)
	best, bestD := "", len(name)/3+2
	for _, k := range known {
		if d := suggest.Distance(strings.ToLower(name), strings.ToLower(k), 0); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ": " + fallback
	}
	return fmt.Sprintf(": did you mean %q?", best)
}
