package calc

import (
	"os"
	"testing"
)

func TestSmoke(t *testing.T) {
	src, _ := os.ReadFile("testdata/small.yaml")
	c, diags := ParseFile("testdata/small.yaml", src)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	h, err := c.Render()
	if err != nil {
		t.Fatal(err)
	}
	t.Log(h)
}
