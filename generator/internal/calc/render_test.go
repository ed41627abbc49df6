package calc

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func loadSmall(t testing.TB) *Calculator {
	t.Helper()
	src, err := os.ReadFile("testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, diags := ParseFile("testdata/small.yaml", src)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	return c
}

func TestRenderGolden(t *testing.T) {
	html, err := loadSmall(t).Render()
	if err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/small.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(html) != string(want) {
		t.Errorf("rendered HTML differs from %s (run go test -update after checking the change):\n%s", golden, html)
	}
}

// Labels are untrusted: one containing </script> must not end the JSON
// element early, nor appear as markup anywhere.
func TestRenderEscapesScriptEnd(t *testing.T) {
	html, err := loadSmall(t).Render()
	if err != nil {
		t.Fatal(err)
	}
	s := string(html)
	if n := strings.Count(s, "</script>"); n != 1 {
		t.Errorf("the widget contains %d </script> tags, want only the one closing its data", n)
	}
	if strings.Contains(s, "<script>") || strings.Contains(s, " style=") {
		t.Error("the widget contains an inline script or style attribute")
	}
}

// The page must be right without JavaScript: every output shows what Eval
// computes for the defaults.
func TestRenderPrefillsDefaults(t *testing.T) {
	for _, id := range realIDs {
		c := loadReal(t, id)
		html, err := c.Render()
		if err != nil {
			t.Fatal(err)
		}
		vals, _ := c.Eval(nil)
		for _, o := range c.Outputs {
			if o.Hidden {
				continue
			}
			want := `<output name="` + o.Name + `"`
			i := strings.Index(string(html), want)
			if i < 0 {
				t.Errorf("%s: no <output name=%q>", id, o.Name)
				continue
			}
			rest := string(html)[i:]
			text := rest[strings.Index(rest, ">")+1 : strings.Index(rest, "</output>")]
			if esc := htmlEscape(vals[o.Name].Text); text != esc {
				t.Errorf("%s: output %s shows %q, want %q", id, o.Name, text, esc)
			}
		}
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// The core renders pages in parallel: one Calculator may be rendered and
// evaluated from several goroutines at once (run with -race).
func TestRenderConcurrently(t *testing.T) {
	c := loadReal(t, "serverless-vs-containers")
	want, _ := c.Render()
	done := make(chan string)
	for range 4 {
		go func() {
			h, _ := c.Render()
			c.Eval(map[string]float64{"rps": 3})
			done <- string(h)
		}()
	}
	for range 4 {
		if got := <-done; got != string(want) {
			t.Error("concurrent renders differ")
		}
	}
}
