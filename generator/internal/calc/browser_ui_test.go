package calc

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tradeoffs/tradeoffs/generator/internal/browsertest"
)

// typeInto replaces a field's text with real key presses, as a reader does.
func typeInto(tab *browsertest.Tab, sel, text string) {
	browsertest.Eval[bool](tab, `(function () { var f = document.querySelector(`+jsString(sel)+`); f.focus(); f.select(); return true; })()`)
	if text == "" {
		tab.Do(chromedp.KeyEvent("\b"))
		return
	}
	tab.Do(chromedp.SendKeys(chromedp.CSS(sel), text))
}

func jsString(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

// pageOutputs reads every <output> of calculator id: text and data-value.
func pageOutputs(tab *browsertest.Tab, id string) map[string][2]string {
	return browsertest.Eval[map[string][2]string](tab, `(function () {
		var r = {};
		document.querySelectorAll('form[data-calculator="`+id+`"] output').forEach(function (o) { r[o.name] = [o.textContent, o.getAttribute("data-value")]; });
		return r;
	})()`)
}

// edits is one field per real calculator to type into, and the value.
var edits = map[string]struct {
	name, text string
	value      float64
}{
	"orchestration-cost":       {"transitions_per_s", "2.5", 2.5},
	"serverless-vs-containers": {"rps", "40", 40},
	"network-tax":              {"calls_per_request", "25", 25},
	"cloud-exit-payback":       {"colo_monthly", "150000", 150000},
	"shard-count-blast-radius": {"write_rps", "50000", 50000},
	"multi-region-cost":        {"cost_hour", "150000", 150000},
}

func TestBrowserTypingUpdatesEveryOutput(t *testing.T) {
	url, calcs := servePage(t)
	tab := browsertest.New(t).NewTab()
	tab.Navigate(url + "/")
	ready(tab)
	for _, id := range realIDs {
		e, ok := edits[id]
		if !ok {
			t.Errorf("no field to type into for calculator %s: add one to edits", id)
			continue
		}
		sel := "#calc-" + id + "-" + e.name
		typeInto(tab, sel, e.text)
		tab.WaitFor(`document.querySelector(`+jsString(sel)+`).value === `+jsString(e.text), 5*time.Second)
		compareOutputs(t, calcs[id], point{e.name: e.value}, pageOutputs(tab, id))
	}
	// The choice and toggle controls work with the keyboard and mouse too.
	tab.Do(chromedp.Click(chromedp.CSS("#calc-serverless-vs-containers-free_tier")))
	tab.Do(chromedp.SetValue(chromedp.CSS("#calc-network-tax-api_type"), "2"))
	browsertest.Eval[bool](tab, `document.querySelector("#calc-network-tax-api_type").dispatchEvent(new Event("change", {bubbles: true}))`)
	compareOutputs(t, calcs["serverless-vs-containers"], point{"rps": 40, "free_tier": 1}, pageOutputs(tab, "serverless-vs-containers"))
	compareOutputs(t, calcs["network-tax"], point{"calls_per_request": 25, "api_type": 2}, pageOutputs(tab, "network-tax"))
}

func TestBrowserInvalidInputKeepsLastResults(t *testing.T) {
	url, calcs := servePage(t)
	tab := browsertest.New(t).NewTab()
	tab.Navigate(url + "/")
	ready(tab)
	const id = "serverless-vs-containers"
	sel := "#calc-" + id + "-rps"
	typeInto(tab, sel, "40")
	valid := pageOutputs(tab, id)
	compareOutputs(t, calcs[id], point{"rps": 40}, valid)

	// Every prefix of these texts is invalid too, so no keystroke reaches a
	// new valid state.
	for _, bad := range []struct{ field, text, msg string }{
		{"rps", "-5", "Must be at least 0."},
		{"rps", "", "Enter a number."},
		{"cold_share", "2", "Must be at most 1."},
	} {
		fsel := "#calc-" + id + "-" + bad.field
		typeInto(tab, fsel, bad.text)
		tab.WaitFor(`document.querySelector(`+jsString(fsel)+`).getAttribute("aria-invalid") === "true"`, 5*time.Second)
		box := browsertest.Eval[[]any](tab, `(function () { var b = document.getElementById("calc-`+id+`-`+bad.field+`-error"); return [b.hidden, b.textContent, getComputedStyle(b).display]; })()`)
		if box[0] != false || box[1] != bad.msg || box[2] == "none" {
			t.Errorf("after typing %q into %s the error box is %v, want visible with %q", bad.text, bad.field, box, bad.msg)
		}
		if got := pageOutputs(tab, id); !sameOutputs(got, valid) {
			t.Errorf("after typing %q the results changed:\n%v\nwant the last valid ones:\n%v", bad.text, got, valid)
		}
		if text := browsertest.Eval[string](tab, `document.body.innerText`); strings.Contains(text, "NaN") || strings.Contains(text, "Infinity") {
			t.Errorf("after typing %q the page shows NaN or Infinity", bad.text)
		}
		if status := browsertest.Eval[string](tab, `document.querySelector("#calc-`+id+` .calc-status").textContent`); status == "" {
			t.Errorf("after typing %q no status message explains the stale results", bad.text)
		}
		if bad.field != "rps" {
			typeInto(tab, fsel, "0.01")
		}
	}
	typeInto(tab, sel, "60")
	tab.WaitFor(`!document.querySelector(`+jsString(sel)+`).hasAttribute("aria-invalid")`, 5*time.Second)
	compareOutputs(t, calcs[id], point{"rps": 60}, pageOutputs(tab, id))
	if hidden := browsertest.Eval[bool](tab, `document.getElementById("calc-`+id+`-rps-error").hidden`); !hidden {
		t.Error("the error box stays visible after the value is fixed")
	}
}

func sameOutputs(a, b map[string][2]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestBrowserSharedURLRestoresScenario(t *testing.T) {
	url, calcs := servePage(t)
	b := browsertest.New(t)
	tab := b.NewTab()
	tab.Navigate(url + "/")
	ready(tab)
	typeInto(tab, "#calc-serverless-vs-containers-rps", "40")
	typeInto(tab, "#calc-network-tax-kb_per_call", "2.5")
	tab.Do(chromedp.Click(chromedp.CSS("#calc-network-tax-free_tier")))
	tab.WaitFor(`location.hash.indexOf("free_tier=1") >= 0`, 5*time.Second)
	hash := browsertest.Eval[string](tab, `location.hash`)
	want := "#calc-serverless-vs-containers:rps=40;calc-network-tax:kb_per_call=2.5&free_tier=1"
	if hash != want {
		t.Errorf("fragment = %q, want %q", hash, want)
	}

	shared := b.NewTab()
	shared.Navigate(url + "/" + hash)
	ready(shared)
	shared.WaitFor(`document.querySelector("#calc-serverless-vs-containers-rps").value === "40"`, 5*time.Second)
	compareOutputs(t, calcs["serverless-vs-containers"], point{"rps": 40}, pageOutputs(shared, "serverless-vs-containers"))
	compareOutputs(t, calcs["network-tax"], point{"kb_per_call": 2.5, "free_tier": 1}, pageOutputs(shared, "network-tax"))
	compareOutputs(t, calcs["cloud-exit-payback"], point{}, pageOutputs(shared, "cloud-exit-payback"))

	// Back to the defaults: the scenario leaves the URL.
	shared.Do(chromedp.Click(chromedp.CSS("#calc-network-tax .calc-reset")))
	typeInto(shared, "#calc-serverless-vs-containers-rps", "10")
	shared.WaitFor(`location.hash === ""`, 5*time.Second)
}

func TestBrowserChartRedraws(t *testing.T) {
	url, calcs := servePage(t)
	tab := browsertest.New(t).NewTab()
	tab.Navigate(url + "/")
	ready(tab)
	const id = "serverless-vs-containers"
	c := calcs[id]
	paths := func() []string {
		return browsertest.Eval[[]string](tab, `Array.from(document.querySelectorAll("#calc-`+id+` path.calc-series")).map(function (p) { return p.getAttribute("d"); })`)
	}
	goPaths := func(in point) []string {
		env, err := c.env(in)
		if err != nil {
			t.Fatal(err)
		}
		var ds []string
		for _, s := range c.chartAt(0, env).Series {
			ds = append(ds, s.D)
		}
		return ds
	}
	before := paths()
	if strings.Join(before, "|") != strings.Join(goPaths(nil), "|") {
		t.Errorf("the browser draws the default chart differently from the server:\n%v\n%v", before, goPaths(nil))
	}
	marks := browsertest.Eval[int](tab, `document.querySelectorAll("#calc-`+id+` .calc-mark").length`)
	if marks == 0 {
		t.Error("no break-even point is marked on the default chart")
	}
	typeInto(tab, "#calc-"+id+"-duration_ms", "300")
	tab.WaitFor(`document.querySelector("#calc-`+id+` path.calc-series").getAttribute("d") !== `+jsString(before[0]), 5*time.Second)
	after := paths()
	if want := goPaths(point{"duration_ms": 300}); strings.Join(after, "|") != strings.Join(want, "|") {
		t.Errorf("redrawn chart differs from Go's:\n%v\nwant\n%v", after, want)
	}
	summary := browsertest.Eval[string](tab, `document.querySelector("#calc-`+id+` .calc-chart-summary").textContent`)
	env, _ := c.env(point{"duration_ms": 300})
	if want := c.chartAt(0, env).Summary; summary != want {
		t.Errorf("chart summary = %q, want %q", summary, want)
	}
}

// The always-on side scales in steps: typing a load past what two tasks
// serve adds one task's price at once, and the redrawn chart draws the
// rise as a vertical segment, as the server does.
func TestBrowserAlwaysOnCostRisesInSteps(t *testing.T) {
	url, calcs := servePage(t)
	tab := browsertest.New(t).NewTab()
	tab.Navigate(url + "/")
	ready(tab)
	const id = "serverless-vs-containers"
	c := calcs[id]
	sel := "#calc-" + id + "-rps"
	value := func(name string) float64 {
		v, err := strconv.ParseFloat(pageOutputs(tab, id)[name][1], 64)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}
	task := value("task_month")
	var costs []float64
	for _, rps := range []string{"59", "60", "61"} {
		typeInto(tab, sel, rps)
		tab.WaitFor(`document.querySelector(`+jsString(sel)+`).value === `+jsString(rps), 5*time.Second)
		costs = append(costs, value("fargate_cost"))
	}
	if tasks := value("fargate_tasks"); tasks != 3 {
		t.Errorf("at 61 req/s the page shows %v tasks, want 3 (30 req/s each)", tasks)
	}
	if rise := costs[2] - costs[1]; math.Abs(rise-task-0.2336) > 1e-6 {
		t.Errorf("from 60 to 61 req/s Fargate rose by %v, want one task (%v) plus the load balancer's capacity units", rise, task)
	}
	if rise := costs[1] - costs[0]; rise > 1 {
		t.Errorf("from 59 to 60 req/s Fargate rose by %v, want only the capacity units", rise)
	}
	compareOutputs(t, c, point{"rps": 61}, pageOutputs(tab, id))
	d := browsertest.Eval[string](tab, `document.querySelectorAll("#calc-`+id+` path.calc-series")[1].getAttribute("d")`)
	env, _ := c.env(point{"rps": 61})
	if want := c.chartAt(0, env).Series[1].D; d != want {
		t.Errorf("the browser draws the Fargate line\n%s\nthe server\n%s", d, want)
	}
	pts := strings.Fields(strings.NewReplacer("M", "", "L", "").Replace(d))
	vertical := 0
	for k := 1; k < len(pts); k++ {
		a, b := strings.Split(pts[k-1], ","), strings.Split(pts[k], ",")
		if a[0] == b[0] && a[1] != b[1] {
			vertical++
		}
	}
	if vertical < 2 {
		t.Errorf("the Fargate line %q has %d vertical rises, want one at 60 and one at 90 req/s", d, vertical)
	}
}
