package calc

import (
	"slices"
	"strings"
	"testing"
)

// TestKeyOutputs checks which results the summary repeats: those marked
// key, else the first chart's series, else the first three shown outputs.
func TestKeyOutputs(t *testing.T) {
	names := func(c *Calculator) []string {
		var out []string
		for _, o := range c.KeyOutputs() {
			out = append(out, o.Name)
		}
		return out
	}
	three := base + "  - name: c\n    label: C\n    formula: a\n    format: number\n    hidden: true\n" +
		"  - name: d\n    label: D\n    formula: a\n    format: number\n  - name: e\n    label: E\n    formula: a\n    format: number\n  - name: f\n    label: F\n    formula: a\n    format: number\n"
	for _, tt := range []struct {
		name, src string
		want      []string
	}{
		{"first three shown", three, []string{"b", "d", "e"}},
		{"marked", strings.Replace(three, "  - name: e\n    label: E\n    formula: a\n    format: number\n", "  - name: e\n    label: E\n    formula: a\n    format: number\n    key: true\n", 1), []string{"e"}},
		{"chart series", three + "charts:\n  - title: C\n    x: a\n    from: 0\n    to: 10\n    series: [f, d]\n", []string{"f", "d"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := ParseFile("content/calculators/t.yaml", []byte(tt.src))
			if len(diags) > 0 {
				t.Fatalf("diagnostics: %v", diags)
			}
			if got := names(c); !slices.Equal(got, tt.want) {
				t.Errorf("key results %v, want %v", got, tt.want)
			}
		})
	}
}
