package calc

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tradeoffs/tradeoffs/generator/internal/diag"
)

func FuzzParseExpr(f *testing.F) {
	for _, s := range []string{
		"1 + 2 * 3", "2 ^ -1 ^ 2", "if(a > 0 and not b, max(a, 1, 2), -a)", "((((1))))",
		"reqests / 0", "a < b < c", "1e999", "2_628_000", "round(", "min()", "é + 1", "a &&",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		n, err := parseExpr(src)
		if err != nil {
			if err.Off < 0 || err.Off > len(src) {
				t.Fatalf("parse error offset %d outside the formula (%d bytes): %s", err.Off, len(src), err.Msg)
			}
			return
		}
		sc := &scope{self: "out", types: map[string]Type{"a": TypeNumber, "b": TypeBool}, consts: map[string]float64{"a": 0}, later: map[string]bool{}}
		for _, e := range check(n, sc) {
			if e.Off < 0 || e.Off > len(src) {
				t.Fatalf("check error offset %d outside the formula: %s", e.Off, e.Msg)
			}
		}
		eval(n, map[string]float64{"a": 1, "b": 0})
		if _, err := json.Marshal(n); err != nil {
			t.Fatalf("marshal: %v", err)
		}
	})
}

func FuzzParseDefinition(f *testing.F) {
	for _, name := range []string{"testdata/small.yaml"} {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	f.Add(base)
	f.Add(full)
	f.Add("title: [x\n")
	f.Add("a: &x [*x, *x]\n")
	f.Add("outputs:\n  - formula: |\n      a +\n        b\n")
	f.Add("---\n---\n")
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return
		}
		c, diags := ParseFile("f.yaml", []byte(src))
		checkPositions(t, diags, "f.yaml", src, 1)
		if c != nil {
			if _, err := c.Render(); err != nil {
				t.Fatalf("a valid definition does not render: %v", err)
			}
		}
		_, diags = ParseBlock("page.md", []byte(src), 7)
		checkPositions(t, diags, "page.md", src, 7)
	})
}

// checkPositions fails unless every diagnostic points inside src, which
// starts at line first of file.
func checkPositions(t *testing.T, diags diag.List, file, src string, first int) {
	t.Helper()
	lines := strings.Split(src, "\n")
	for _, d := range diags {
		p := d.Pos
		i := p.Line - first
		if p.File != file || i < 0 || i >= len(lines) {
			t.Fatalf("diagnostic outside the input (%d lines from line %d): %v", len(lines), first, d)
		}
		if n := utf8.RuneCountInString(lines[i]); p.Col < 1 || p.Col > n+1 {
			t.Fatalf("diagnostic column outside line %d (%d runes): %v", p.Line, n, d)
		}
	}
}
