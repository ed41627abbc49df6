package calc

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
	"github.com/tradeoffs/tradeoffs/generator/internal/theme"
)

// servePage serves one page embedding every real calculator, with calc.js
// and calc.css from the theme, under the site's real CSP.
func servePage(t *testing.T) (string, map[string]*Calculator) {
	t.Helper()
	calcs := map[string]*Calculator{}
	var body strings.Builder
	for _, id := range realIDs {
		c := loadReal(t, id)
		html, err := c.Render()
		if err != nil {
			t.Fatal(err)
		}
		calcs[id] = c
		body.WriteString(string(html))
	}
	page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>calculators</title>` +
		`<meta name="viewport" content="width=device-width"><link rel="stylesheet" href="/calc.css">` +
		`<script src="/calc.js" defer></script></head><body><main>` + body.String() + `</main></body></html>`
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	for path, file := range map[string]string{"/calc.js": "static/js/calc.js", "/calc.css": "static/css/calc.css"} {
		data, err := fs.ReadFile(theme.FS, file)
		if err != nil {
			t.Fatal(err)
		}
		ctype := "text/css"
		if strings.HasSuffix(file, ".js") {
			ctype = "text/javascript"
		}
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.Write(data)
		})
	}
	return browsertest.Serve(t, mux), calcs
}

// ready waits until calc.js has wired every calculator.
func ready(tab *browsertest.Tab) {
	tab.WaitFor(`document.querySelectorAll("form.calculator.calc-live").length === `+strconv.Itoa(len(realIDs)), 10*time.Second)
}

// point is one scenario: input values as the fields hold them.
type point map[string]float64

func (p point) fields() map[string]string {
	m := map[string]string{}
	for k, v := range p {
		m[k] = rawNumber(v)
	}
	return m
}

// grid returns scenarios for c: each input at its limits and a middle value
// (the others at their defaults), then random combinations.
func grid(c *Calculator, rng *rand.Rand) []point {
	var pts []point
	pick := func(in Input) []float64 {
		switch in.Kind {
		case KindToggle:
			return []float64{0, 1}
		case KindChoice:
			var vs []float64
			for _, ch := range in.Choices {
				vs = append(vs, ch.Value)
			}
			return vs
		}
		lo, hi := in.Default/10, in.Default*10+1
		if in.Min != nil {
			lo = *in.Min
		}
		if in.Max != nil {
			hi = min(*in.Max, max(in.Default*100, lo+1))
		}
		return []float64{lo, hi, lo + (hi-lo)*rng.Float64()}
	}
	for _, in := range c.Inputs {
		for _, v := range pick(in) {
			pts = append(pts, point{in.Name: v})
		}
	}
	for range 15 {
		p := point{}
		for _, in := range c.Inputs {
			vs := pick(in)
			p[in.Name] = vs[rng.IntN(len(vs))]
		}
		pts = append(pts, p)
	}
	return pts
}

// jsResults sets each scenario's fields in the page, fires an input event
// and collects every <output>: its text and its data-value.
func jsResults(t *testing.T, tab *browsertest.Tab, id string, pts []point) []map[string][2]string {
	var fields []map[string]string
	for _, p := range pts {
		fields = append(fields, p.fields())
	}
	arg, _ := json.Marshal(fields)
	script := `(function (id, points) {
		var form = document.querySelector('form.calculator[data-calculator="' + id + '"]');
		return points.map(function (p) {
			form.reset();
			Object.keys(p).forEach(function (name) {
				var f = form.elements.namedItem(name);
				if (f.type === "checkbox") { f.checked = p[name] === "1"; } else { f.value = p[name]; }
			});
			form.dispatchEvent(new Event("input", { bubbles: true }));
			var r = {};
			form.querySelectorAll("output").forEach(function (o) { r[o.name] = [o.textContent, o.getAttribute("data-value")]; });
			return r;
		});
	})(` + strconv.Quote(id) + `, ` + string(arg) + `)`
	return browsertest.Eval[[]map[string][2]string](tab, script)
}

// compareOutputs checks the page's outputs against Go's evaluation.
func compareOutputs(t *testing.T, c *Calculator, in point, got map[string][2]string) {
	t.Helper()
	want, err := c.Eval(in)
	if err != nil {
		t.Fatalf("Go rejects %v: %v", in, err)
	}
	for _, o := range c.Outputs {
		if o.Hidden {
			continue
		}
		g, ok := got[o.Name]
		w := want[o.Name]
		switch {
		case !ok:
			t.Errorf("%s %v: no output %s in the page", c.ID, in, o.Name)
		case g[0] != w.Text:
			t.Errorf("%s %v: %s shows %q in the browser, %q from Go", c.ID, in, o.Name, g[0], w.Text)
		case !sameNumber(g[1], w.Num):
			t.Errorf("%s %v: %s is %s in the browser, %v in Go", c.ID, in, o.Name, g[1], w.Num)
		}
	}
}

func sameNumber(js string, goNum float64) bool {
	if js == "" || math.IsNaN(goNum) {
		return js == "" && math.IsNaN(goNum)
	}
	v, err := strconv.ParseFloat(js, 64)
	if err != nil {
		return false
	}
	return v == goNum || math.Abs(v-goNum) <= 1e-9*math.Max(math.Abs(v), math.Abs(goNum))
}

func TestBrowserMatchesGo(t *testing.T) {
	url, calcs := servePage(t)
	tab := browsertest.New(t).NewTab()
	tab.Navigate(url + "/")
	ready(tab)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, id := range realIDs {
		c := calcs[id]
		pts := grid(c, rng)
		results := jsResults(t, tab, id, pts)
		if len(results) != len(pts) {
			t.Fatalf("%s: %d results for %d scenarios", id, len(results), len(pts))
		}
		for i, p := range pts {
			compareOutputs(t, c, p, results[i])
		}
	}
}
