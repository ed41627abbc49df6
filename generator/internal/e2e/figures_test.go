package e2e

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tradeoffs/tradeoffs/generator/internal/calc"
	"github.com/tradeoffs/tradeoffs/generator/internal/figures"
)

// figuresFromCalculators are the shared figures a calculator also works
// out: the figure must show what the calculator gives for these inputs
// (its defaults, unless set), rounded as the figure is written.
var figuresFromCalculators = []struct {
	figure, calculator string
	inputs             map[string]float64
	output             string
	scale              float64 // what the output is multiplied by to read as written (100 for a share shown in %)
}{
	{"prime-transitions", "orchestration-cost", nil, "transitions", 1},
	{"prime-standard-cost", "orchestration-cost", nil, "standard_cost", 1},
	{"prime-quota-share", "orchestration-cost", nil, "sustained_share", 100},
	{"prime-s3-puts", "orchestration-cost", nil, "puts", 1},
	{"prime-s3-put-cost", "orchestration-cost", nil, "put_cost", 1},
	{"prime-s3-gets", "orchestration-cost", nil, "gets", 1},
	{"prime-s3-get-cost", "orchestration-cost", nil, "get_cost", 1},
	{"prime-express-executions", "orchestration-cost", nil, "executions", 1},
	{"prime-express-gb-hours", "orchestration-cost", nil, "express_gbh", 1},
	{"prime-express-cost", "orchestration-cost", nil, "express_cost", 1},
	{"nettax-calls", "network-tax", nil, "calls", 1},
	{"nettax-gb", "network-tax", nil, "gb", 1},
	{"nettax-inter-az", "network-tax", nil, "inter_az_cost", 1},
	{"apigw-http-1000rps", "network-tax", map[string]float64{"api_type": 1}, "api_cost", 1},
	{"apigw-rest-1000rps", "network-tax", map[string]float64{"api_type": 2}, "api_cost", 1},
	{"vcpu-month-fargate", "serverless-vs-containers", nil, "task_month", 1},
}

// TestSharedFiguresAgreeWithTheCalculators keeps the figures pages quote in
// step with the calculators that compute them: when a price changes in a
// calculator, this names the shared figures to correct.
func TestSharedFiguresAgreeWithTheCalculators(t *testing.T) {
	root, err := findRoot()
	if err != nil {
		t.Fatal(err)
	}
	set, diags := figures.Load(os.DirFS(root))
	if len(diags) > 0 {
		t.Fatal(diags.Error())
	}
	calcs := map[string]*calc.Calculator{}
	for _, tt := range figuresFromCalculators {
		f := set.Lookup(tt.figure)
		if f == nil {
			t.Errorf("no figure %q in %s", tt.figure, figures.File)
			continue
		}
		c := calcs[tt.calculator]
		if c == nil {
			file := filepath.Join(root, "content", "calculators", tt.calculator+".yaml")
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			parsed, diags := calc.ParseFile(file, src)
			if parsed == nil || len(diags) > 0 {
				t.Fatalf("%s: %v", tt.calculator, diags.Error())
			}
			c, calcs[tt.calculator] = parsed, parsed
		}
		got, err := c.Eval(tt.inputs)
		if err != nil {
			t.Fatalf("%s: %v", tt.calculator, err)
		}
		want, tol, ok := writtenNumber(f.Value)
		if !ok {
			t.Errorf("figure %q: cannot read a number in %q", tt.figure, f.Value)
			continue
		}
		if v := got[tt.output].Num * tt.scale; math.IsNaN(v) || math.Abs(v-want) > tol {
			t.Errorf("figure %q is %q, but the %s calculator gives %s = %v for the same inputs: correct the figure in %s",
				tt.figure, f.Value, tt.calculator, tt.output, v, figures.File)
		}
	}
}

// writtenNumber reads the number in a figure's value ("about $1,110",
// "13.14 billion", "30%") and the rounding its last digit allows.
func writtenNumber(v string) (num, tol float64, ok bool) {
	fields := strings.Fields(strings.TrimPrefix(v, "about "))
	if len(fields) == 0 {
		return 0, 0, false
	}
	digits := strings.NewReplacer("$", "", ",", "", "%", "").Replace(fields[0])
	num, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		return 0, 0, false
	}
	tol = 0.5
	if i := strings.IndexByte(digits, '.'); i >= 0 {
		tol = 0.5 * math.Pow(10, -float64(len(digits)-i-1))
	}
	if len(fields) > 1 {
		mult := map[string]float64{"billion": 1e9, "million": 1e6}[fields[1]]
		if mult > 0 {
			num, tol = num*mult, tol*mult
		}
	}
	return num, tol, true
}
