package calc

import "math"

// eval computes n with the values in env (inputs, constants and earlier
// outputs by name; true/false values are 1 and 0).
//
// Semantics, shared exactly with calc.js so a page shows the same numbers
// with and without JavaScript:
//   - every value is an IEEE-754 double; true is 1 and false is 0;
//   - a result that is not finite (x/0, log(0), sqrt(-1), overflow) becomes
//     NaN, the "undefined" state, shown as "—";
//   - NaN propagates: any operation, comparison, and/or/not, min/max or if
//     condition with a NaN operand yields NaN;
//   - round is half away from zero; ^ is math.Pow; log is the natural log.
func eval(n *Node, env map[string]float64) float64 {
	switch n.Kind {
	case nodeNum, nodeBool:
		return n.Num
	case nodeRef:
		v, ok := env[n.Name]
		if !ok {
			return math.NaN()
		}
		return v
	case nodeUnary:
		x := eval(n.Args[0], env)
		if n.Op == "not" {
			return not(x)
		}
		return finite(-x)
	case nodeBinary:
		return binary(n.Op, eval(n.Args[0], env), eval(n.Args[1], env))
	}
	return call(n, env)
}

func finite(x float64) float64 {
	if math.IsInf(x, 0) {
		return math.NaN()
	}
	return x
}

func boolean(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func not(x float64) float64 {
	if math.IsNaN(x) {
		return x
	}
	return boolean(x == 0)
}

func binary(op string, a, b float64) float64 {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.NaN()
	}
	switch op {
	case "+":
		return finite(a + b)
	case "-":
		return finite(a - b)
	case "*":
		return finite(a * b)
	case "/":
		if b == 0 {
			return math.NaN()
		}
		return finite(a / b)
	case "^":
		return finite(math.Pow(a, b))
	case "<":
		return boolean(a < b)
	case "<=":
		return boolean(a <= b)
	case ">":
		return boolean(a > b)
	case ">=":
		return boolean(a >= b)
	case "==":
		return boolean(a == b)
	case "!=":
		return boolean(a != b)
	case "and":
		return boolean(a != 0 && b != 0)
	case "or":
		return boolean(a != 0 || b != 0)
	}
	return math.NaN()
}

func call(n *Node, env map[string]float64) float64 {
	// check rejects wrong argument counts; eval still never panics on an
	// unchecked tree (constant folding runs before all errors are known).
	if a, ok := functions[n.Op]; !ok || len(n.Args) < a.min || (a.max >= 0 && len(n.Args) > a.max) {
		return math.NaN()
	}
	if n.Op == "if" {
		c := eval(n.Args[0], env)
		switch {
		case math.IsNaN(c):
			return c
		case c != 0:
			return eval(n.Args[1], env)
		}
		return eval(n.Args[2], env)
	}
	args := make([]float64, len(n.Args))
	for i, a := range n.Args {
		args[i] = eval(a, env)
		if math.IsNaN(args[i]) {
			return args[i]
		}
	}
	return finite(apply(n.Op, args))
}

func apply(fn string, args []float64) float64 {
	switch fn {
	case "min", "max":
		r := args[0]
		for _, x := range args[1:] {
			if (fn == "min" && x < r) || (fn == "max" && x > r) {
				r = x
			}
		}
		return r
	case "abs":
		return math.Abs(args[0])
	case "ceil":
		return math.Ceil(args[0])
	case "floor":
		return math.Floor(args[0])
	case "round":
		return math.Round(args[0])
	case "log":
		return nanIfNeg(args[0], math.Log)
	case "log10":
		// log(x)/ln(10) rather than math.Log10, whose algorithm differs
		// from the browser's Math.log10; calc.js computes the same quotient.
		return nanIfNeg(args[0], func(x float64) float64 { return math.Log(x) / math.Ln10 })
	case "sqrt":
		return nanIfNeg(args[0], math.Sqrt)
	case "exp":
		return math.Exp(args[0])
	}
	return math.NaN()
}

func nanIfNeg(x float64, f func(float64) float64) float64 {
	if x < 0 {
		return math.NaN()
	}
	return f(x)
}
