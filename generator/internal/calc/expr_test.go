package calc

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// tree renders a parsed formula as its JSON form, the same text calc.js
// receives, so the tests pin down both precedence and the wire format.
func tree(t *testing.T, n *Node) string {
	t.Helper()
	b, err := json.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	// encoding/json escapes < and > for HTML safety; unescape for reading.
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">").Replace(string(b))
}

func TestParsePrecedence(t *testing.T) {
	tests := []struct{ src, want string }{
		{"1 + 2 * 3", `["+",1,["*",2,3]]`},
		{"(1 + 2) * 3", `["*",["+",1,2],3]`},
		{"1 - 2 - 3", `["-",["-",1,2],3]`},
		{"8 / 4 / 2", `["/",["/",8,4],2]`},
		{"2 ^ 3 ^ 2", `["^",2,["^",3,2]]`},
		{"-2 ^ 2", `["neg",["^",2,2]]`},
		{"2 ^ -1", `["^",2,["neg",1]]`},
		{"--x", `["neg",["neg","x"]]`},
		{"+x", `"x"`},
		{"a * -b", `["*","a",["neg","b"]]`},
		{"a + b < c * d", `["<",["+","a","b"],["*","c","d"]]`},
		{"a < b and c >= d or not e", `["or",["and",["<","a","b"],[">=","c","d"]],["not","e"]]`},
		{"not a and b", `["and",["not","a"],"b"]`},
		{"a or b and c", `["or","a",["and","b","c"]]`},
		{"x == 1 != true", ""}, // chained comparison: error, see TestParseErrors
		{"if(a > 0, a, -a)", `["if",[">","a",0],"a",["neg","a"]]`},
		{"max(1, 2, 3)", `["max",1,2,3]`},
		{"min()", `["min"]`},
		{"2_628_000 * 1e-6", `["*",2628000,0.000001]`},
		{".5 + 1.25E2", `["+",0.5,125]`},
		{"true", `true`},
		{"a\n  + b", `["+","a","b"]`},
	}
	for _, tt := range tests {
		if tt.want == "" {
			continue
		}
		n, err := parseExpr(tt.src)
		if err != nil {
			t.Errorf("parseExpr(%q): %v", tt.src, err)
			continue
		}
		if got := tree(t, n); got != tt.want {
			t.Errorf("parseExpr(%q) = %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	long := make([]byte, MaxFormulaLen+1)
	for i := range long {
		long[i] = '1'
	}
	deep := ""
	for range MaxDepth + 1 {
		deep += "("
	}
	tests := []struct {
		src  string
		off  int
		want string
	}{
		{"", 0, "empty formula: write an expression such as price * quantity"},
		{"1 +", 3, "unexpected end of formula: expected a value"},
		{"(1 + 2", 6, `expected ")" to close "(", found the end of the formula`},
		{"1 + 2)", 5, `unexpected ")" after the end of the expression`},
		{"a b", 2, `unexpected "b" after the end of the expression`},
		{"1.2.3", 0, `invalid number "1.2.3"`},
		{"5x", 0, `invalid number "5x"`},
		{"1e", 0, `invalid number "1e"`},
		{"1e999", 0, "number 1e999 is out of range"},
		{"a $ b", 2, `unexpected character '$' in formula`},
		{"a = b", 2, `unknown operator "=": write "==" to compare`},
		{"a && b", 2, `unknown operator "&&": write "and"`},
		{"a || b", 2, `unknown operator "||": write "or"`},
		{"!a", 0, `unknown operator "!": write "not"`},
		{"a < b < c", 6, "comparisons cannot be chained: write a < b and b < c"},
		{"x == 1 != true", 7, "comparisons cannot be chained: write a < b and b < c"},
		{"max(1 2)", 6, `expected "," or ")" after an argument of max, found "2"`},
		{"* 2", 0, `unexpected "*": expected a value`},
		{"and", 0, `expected a value, found "and"`},
		{"é", 0, `unexpected character 'é' in formula`},
		{string(long), 0, "formula is too long (1001 characters, the limit is 1000): split it into several outputs"},
		{deep + "1", MaxDepth, "formula nests too deeply (more than 40 levels): split it into several outputs"},
	}
	for _, tt := range tests {
		_, err := parseExpr(tt.src)
		if err == nil {
			t.Errorf("parseExpr(%.20q) succeeded, want %q", tt.src, tt.want)
			continue
		}
		if err.Off != tt.off || err.Msg != tt.want {
			t.Errorf("parseExpr(%.20q) = offset %d %q\nwant offset %d %q", tt.src, err.Off, err.Msg, tt.off, tt.want)
		}
	}
}

func testScope() *scope {
	return &scope{
		self:   "out",
		types:  map[string]Type{"requests": TypeNumber, "price": TypeNumber, "free": TypeBool, "zero": TypeNumber},
		consts: map[string]float64{"price": 2, "zero": 0},
		later:  map[string]bool{"total": true},
	}
}

func TestCheckErrors(t *testing.T) {
	tests := []struct {
		src  string
		off  int
		want string
	}{
		{"reqests * 2", 0, `unknown name "reqests": did you mean "requests"?`},
		{"zzzzzz", 0, `unknown name "zzzzzz": use an input, a constant or an earlier output`},
		{"1 + out", 4, `"out" refers to itself: a formula can use inputs, constants and earlier outputs`},
		{"total / 2", 0, `"total" is defined after this output: move it above, formulas can only use earlier outputs`},
		{"mx(1, 2)", 0, `unknown function "mx": did you mean "max"?`},
		{"zzzzzz(1)", 0, `unknown function "zzzzzz": the functions are abs, ceil, exp, floor, if, log, log10, max, min, round, sqrt`},
		{"price(2)", 0, `"price" is a value, not a function: write price * (...) to multiply`},
		{"max + 1", 0, "max is a function: call it with arguments, e.g. max(x)"},
		{"round(1, 2)", 0, "round takes 1 argument, got 2"},
		{"min(1)", 0, "min takes at least 2 arguments, got 1"},
		{"if(free, 1)", 0, "if takes 3 arguments (condition, value if true, value if false), got 2"},
		{"free + 1", 0, `"+" needs a number here, got a true/false value; use if(condition, a, b) to turn a condition into a number`},
		{"2 * (requests > 1)", 5, `"*" needs a number here, got a true/false value; use if(condition, a, b) to turn a condition into a number`},
		{"-free", 1, `"-" needs a number here, got a true/false value; use if(condition, a, b) to turn a condition into a number`},
		{"requests and free", 0, `"and" needs a true/false value here, got a number; compare it, e.g. x > 0`},
		{"not requests", 4, `"not" needs a true/false value here, got a number; compare it, e.g. x > 0`},
		{"free < 1", 0, `"<" needs a number here, got a true/false value; use if(condition, a, b) to turn a condition into a number`},
		{"free == 1", 5, `"==" compares two numbers or two true/false values, got a true/false value and a number`},
		{"if(requests, 1, 2)", 3, "if needs a true/false condition, got a number; compare it, e.g. x > 0"},
		{"if(free, 1, true)", 12, "the two branches of if must have the same type, got a number and a true/false value"},
		{"abs(free)", 4, `abs needs a number here, got a true/false value; use if(condition, a, b) to turn a condition into a number`},
		{"requests / 0", 11, "division by zero: this divisor is always 0"},
		{"requests / zero", 11, "division by zero: this divisor is always 0"},
		{"requests / (price - 2)", 12, "division by zero: this divisor is always 0"},
	}
	for _, tt := range tests {
		n, perr := parseExpr(tt.src)
		if perr != nil {
			t.Fatalf("parseExpr(%q): %v", tt.src, perr)
		}
		errs := check(n, testScope())
		if len(errs) != 1 {
			t.Errorf("check(%q) = %d errors %v, want 1: %q", tt.src, len(errs), errs, tt.want)
			continue
		}
		if errs[0].Off != tt.off || errs[0].Msg != tt.want {
			t.Errorf("check(%q) = offset %d %q\nwant offset %d %q", tt.src, errs[0].Off, errs[0].Msg, tt.off, tt.want)
		}
	}
}

func TestCheckTypes(t *testing.T) {
	tests := []struct {
		src  string
		want Type
	}{
		{"requests * price", TypeNumber},
		{"requests > 1 and free", TypeBool},
		{"if(free, requests, 0)", TypeNumber},
		{"if(free, true, requests > 2)", TypeBool},
		{"free == (requests > 1)", TypeBool},
		{"requests / (price - 1)", TypeNumber}, // a divisor of 1 is fine
	}
	for _, tt := range tests {
		n, _ := parseExpr(tt.src)
		if errs := check(n, testScope()); len(errs) > 0 {
			t.Errorf("check(%q): %v", tt.src, errs[0])
			continue
		}
		if n.Type != tt.want {
			t.Errorf("type of %q = %v, want %v", tt.src, n.Type, tt.want)
		}
	}
}

func TestEval(t *testing.T) {
	nan := math.NaN()
	env := map[string]float64{"x": 3, "zero": 0, "t": 1, "f": 0, "big": 1e308, "undef": nan}
	tests := []struct {
		src  string
		want float64
	}{
		{"1 + 2 * 3", 7},
		{"2 ^ 3 ^ 2", 512},
		{"-2 ^ 2", -4},
		{"2 ^ -1", 0.5},
		{"10 - 4 - 3", 3},
		{"x / zero", nan},
		{"0 / zero", nan},
		{"big * 10", nan},
		{"-(big * 10)", nan},
		{"log(0)", nan},
		{"log(-1)", nan},
		{"sqrt(-4)", nan},
		{"sqrt(16)", 4},
		{"log(exp(2))", 2},
		{"log10(1000)", 3},
		{"round(2.5)", 3},
		{"round(-2.5)", -3},
		{"round(0.49999999999999994)", 0},
		{"ceil(1.2) + floor(-1.2)", 0},
		{"abs(-3)", 3},
		{"min(3, 1, 2)", 1},
		{"max(3, 1, 2)", 3},
		{"max(1, undef)", nan},
		{"min(undef, 1)", nan},
		{"undef > 1", nan},
		{"undef == undef", nan},
		{"not (undef > 1)", nan},
		{"f and undef > 1", nan},
		{"if(undef > 1, 1, 2)", nan},
		{"if(x > 1, 10, x / zero)", 10},
		{"if(x < 1, 10, 20)", 20},
		{"t and not f", 1},
		{"f or f", 0},
		{"x >= 3 and x <= 3 and x != 4 and x == 3", 1},
		{"(-8) ^ (1 / 3)", nan},
	}
	for _, tt := range tests {
		n, err := parseExpr(tt.src)
		if err != nil {
			t.Fatalf("parseExpr(%q): %v", tt.src, err)
		}
		got := eval(n, env)
		if math.IsNaN(tt.want) != math.IsNaN(got) || (!math.IsNaN(got) && math.Abs(got-tt.want) > 1e-12) {
			t.Errorf("eval(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}
