package calc

import (
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkParseFile(b *testing.B) {
	file := filepath.Join(realDir, "serverless-vs-containers.yaml")
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, diags := ParseFile(file, src); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

// Render evaluates every chart point and bisects each break-even point:
// the costliest step of a calculator in the build.
func BenchmarkRender(b *testing.B) {
	c := loadReal(b, "serverless-vs-containers")
	for b.Loop() {
		if _, err := c.Render(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEval(b *testing.B) {
	c := loadReal(b, "orchestration-cost")
	in := map[string]float64{"streams": 500}
	for b.Loop() {
		if _, err := c.Eval(in); err != nil {
			b.Fatal(err)
		}
	}
}
