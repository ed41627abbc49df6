package calc

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSmoke(t *testing.T) {
	files, _ := filepath.Glob("../../../content/calculators/*.yaml")
	for _, f := range files {
		src, _ := os.ReadFile(f)
		c, diags := ParseFile(f, src)
		if len(diags) > 0 {
			t.Errorf("%s", diags)
			continue
		}
		vals, err := c.Eval(nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("== %s", c.ID)
		for _, o := range c.Outputs {
			t.Logf("%-22s %-20s %v", o.Name, vals[o.Name].Text, vals[o.Name].Num)
		}
		h, err := c.Render()
		if err != nil {
			t.Fatal(err)
		}
		_ = h
	}
}
