package calc

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// realDir holds the site's calculators, relative to this package.
const realDir = "../../../content/calculators"

// realIDs are the ids of every calculator file in realDir: the site's
// first calculators in the order the tests were written for (the shared
// URL lists calculators in page order), then any others, sorted. A
// calculator added to the site is so evaluated by every test below, its
// worked example included, without being listed here.
var realIDs = discoverReal()

// knownIDs are the site's first calculators; discoverReal must find them.
var knownIDs = []string{"orchestration-cost", "serverless-vs-containers", "network-tax", "cloud-exit-payback"}

func discoverReal() []string {
	files, _ := filepath.Glob(filepath.Join(realDir, "*.yaml"))
	var found []string
	for _, f := range files {
		found = append(found, strings.TrimSuffix(filepath.Base(f), ".yaml"))
	}
	sort.Strings(found)
	var ids []string
	for _, id := range knownIDs {
		if slices.Contains(found, id) {
			ids = append(ids, id)
		}
	}
	for _, id := range found {
		if !slices.Contains(knownIDs, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

func loadReal(t testing.TB, id string) *Calculator {
	t.Helper()
	file := filepath.Join(realDir, id+".yaml")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c, diags := ParseFile(file, src)
	if len(diags) > 0 {
		t.Fatalf("%s:\n%s", id, diags)
	}
	return c
}

func TestRealCalculatorsAreClean(t *testing.T) {
	for _, id := range knownIDs {
		if !slices.Contains(realIDs, id) {
			t.Errorf("calculator %s not found in %s (found %v)", id, realDir, realIDs)
		}
	}
	for _, id := range realIDs {
		f := filepath.Join(realDir, id+".yaml")
		src, _ := os.ReadFile(f)
		if _, diags := ParseFile(f, src); len(diags) > 0 {
			t.Errorf("%s", diags)
		}
		// Each calculator has a page of its own, where its worked example is.
		if _, err := os.Stat(filepath.Join(realDir, id+".md")); err != nil {
			t.Errorf("calculator %s has no page %s.md: %v", id, id, err)
		}
	}
}

// example is one worked example of the domain facts: inputs, and the
// outputs it must produce, as text or as a number within tol.
type example struct {
	name   string
	inputs map[string]float64
	text   map[string]string
	near   map[string][2]float64 // value, tolerance
}

func checkExamples(t *testing.T, id string, examples []example) {
	c := loadReal(t, id)
	for _, ex := range examples {
		got, err := c.Eval(ex.inputs)
		if err != nil {
			t.Fatalf("%s: %v", ex.name, err)
		}
		for name, want := range ex.text {
			if got[name].Text != want {
				t.Errorf("%s / %s: %s = %q, want %q", id, ex.name, name, got[name].Text, want)
			}
		}
		for name, want := range ex.near {
			if v := got[name].Num; math.IsNaN(v) || math.Abs(v-want[0]) > want[1] {
				t.Errorf("%s / %s: %s = %v, want %v ± %v", id, ex.name, name, v, want[0], want[1])
			}
		}
	}
}

// §1.4 of the domain facts: the hypothetical Prime Video reconstruction.
func TestOrchestrationCostWorkedExample(t *testing.T) {
	checkExamples(t, "orchestration-cost", []example{
		{name: "defaults are §1.4", text: map[string]string{
			"transitions":     "13,140,000,000",
			"standard_cost":   "$328,500.00",
			"puts":            "2,628,000,000",
			"put_cost":        "$13,140.00",
			"gets":            "13,140,000,000",
			"get_cost":        "$5,256.00",
			"required_rate":   "5,000",
			"throttled":       "yes, the quota caps the load",
			"sustained_share": "30.0%",
			"executions":      "262,800,000",
			"express_gbh":     "45,625",
		}, near: map[string][2]float64{"express_cost": {1110, 0.5}}},
		{name: "Express instead", inputs: map[string]float64{"workflow": 1}, text: map[string]string{
			"orchestration_cost": "$1,109.66",
			"throttled":          "no",
			"sustained_share":    "100.0%",
		}},
		{name: "free tier", inputs: map[string]float64{"free_tier": 1}, text: map[string]string{"standard_cost": "$328,499.90"}},
	})
}

// Both totals count compute: with the same fleet on both sides, the
// saving is exactly the orchestration and the S3 hand-offs.
func TestOrchestrationComparesLikeWithLike(t *testing.T) {
	c := loadReal(t, "orchestration-cost")
	for _, in := range []map[string]float64{{"dist_compute": 1}, {"dist_compute": 1, "streams": 37, "readers": 2, "instance": 0}} {
		got, err := c.Eval(in)
		if err != nil {
			t.Fatal(err)
		}
		handoffs := got["orchestration_cost"].Num + got["put_cost"].Num + got["get_cost"].Num + got["storage_cost"].Num
		if d := got["savings"].Num - handoffs; math.Abs(d) > 1e-6 {
			t.Errorf("%v: saving %v differs from orchestration and S3 %v by %v", in, got["savings"].Num, handoffs, d)
		}
		if got["compute_cost"].Num != got["monolith_cost"].Num || got["lambda_cost"].Num != 0 {
			t.Errorf("%v: the fleet is not the same on both sides: %v vs %v", in, got["compute_cost"].Num, got["monolith_cost"].Num)
		}
	}
	got, _ := c.Eval(nil)
	if got["compute_cost"].Num <= 0 || got["compute_cost"].Num != got["lambda_cost"].Num {
		t.Errorf("by default the distributed total must include the Lambda readers, got compute %v", got["compute_cost"].Num)
	}
}

// §3.1 and §3.11 of the domain facts.
func TestServerlessVsContainersWorkedExamples(t *testing.T) {
	noEntry := map[string]float64{"lambda_entry": 0, "always_entry": 0, "cold_share": 0}
	with := func(m map[string]float64) map[string]float64 {
		out := map[string]float64{}
		for k, v := range noEntry {
			out[k] = v
		}
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	checkExamples(t, "serverless-vs-containers", []example{
		{name: "§3.1 10M requests", inputs: with(map[string]float64{"rps": 1e7 / 2628000, "duration_ms": 200, "memory_mb": 512}),
			text: map[string]string{"gb_seconds": "1,000,000", "lambda_request_cost": "$2.00", "lambda_duration_cost": "$16.67", "lambda_cost": "$18.67"}},
		{name: "§3.1 with the free tier", inputs: with(map[string]float64{"rps": 1e7 / 2628000, "duration_ms": 200, "memory_mb": 512, "free_tier": 1}),
			text: map[string]string{"lambda_cost": "$11.80"}},
		{name: "§3.11 x86, one task", inputs: with(map[string]float64{"rps": 1, "duration_ms": 1000, "memory_mb": 1769, "min_tasks": 1}),
			text: map[string]string{"lambda_duration_cost": "$75.67", "fargate_cost": "$36.04", "concurrency": "1.0", "over_limit": "no"}},
		{name: "§3.11 arm64", inputs: with(map[string]float64{"rps": 1, "duration_ms": 1000, "memory_mb": 1769, "min_tasks": 1, "arch": 1}),
			text: map[string]string{"lambda_duration_cost": "$60.53"}, near: map[string][2]float64{"fargate_cost": {28.84, 0.006}}},
		{name: "REST API per request", inputs: map[string]float64{"lambda_entry": 2}, text: map[string]string{"lambda_entry_cost": "$91.98"}},
		{name: "Lambda behind a load balancer pays hours and LCUs", inputs: map[string]float64{"lambda_entry": 3},
			near: map[string][2]float64{"lambda_entry_cost": {730 * (0.0225 + 10*10*3600.0/1048576/0.4*0.008), 1e-9}}},
		{name: "a task's load costs less on Lambda: no break-even", inputs: map[string]float64{"per_vcpu": 0.1},
			text: map[string]string{"breakeven_fargate": Undefined}},
	})
}

// The always-on cost rises by one task's price each time the load passes
// a multiple of what a task serves, and never falls below the minimum.
func TestServerlessAlwaysOnScalesInSteps(t *testing.T) {
	c := loadReal(t, "serverless-vs-containers")
	at := func(rps float64) map[string]Value {
		got, err := c.Eval(map[string]float64{"rps": rps, "always_entry": 0})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	task := at(0)["task_month"].Num
	for _, tc := range []struct {
		rps   float64
		tasks float64
	}{{0, 2}, {59.9, 2}, {60, 2}, {60.1, 3}, {90, 3}, {90.1, 4}, {300, 10}} {
		got := at(tc.rps)
		if got["fargate_tasks"].Num != tc.tasks || math.Abs(got["fargate_cost"].Num-tc.tasks*task) > 1e-9 {
			t.Errorf("at %v req/s: %v tasks costing %v, want %v tasks (%v)", tc.rps, got["fargate_tasks"].Num, got["fargate_cost"].Num, tc.tasks, tc.tasks*task)
		}
	}
}

// The break-even is the load above which the always-on side stays
// cheaper, checked against a fine scan of the real cost lines over random
// inputs. The formula uses first-tier rates, so the scan keeps to entry
// points and loads without tiers (the load balancer or none; under 500
// req/s).
func TestServerlessBreakEvenMatchesAScan(t *testing.T) {
	c := loadReal(t, "serverless-vs-containers")
	rng := rand.New(rand.NewPCG(3, 4))
	checked := 0
	for n := 0; n < 50; n++ {
		in := map[string]float64{
			"duration_ms":  float64(20 + rng.IntN(400)),
			"memory_mb":    float64(128 + rng.IntN(3000)),
			"per_vcpu":     0.5 + rng.Float64()*20,
			"min_tasks":    float64(1 + rng.IntN(4)),
			"task_vcpu":    float64(1+rng.IntN(8)) * 0.25,
			"lambda_entry": float64(3 * rng.IntN(2)),
			"always_entry": float64(3 * rng.IntN(2)),
			"arch":         float64(rng.IntN(2)),
		}
		got, err := c.Eval(in)
		if err != nil {
			t.Fatal(err)
		}
		be := got["breakeven_fargate"].Num
		if math.IsNaN(be) || be > 500 {
			continue
		}
		cheaper := func(rps float64) bool { // Fargate strictly cheaper
			in["rps"] = rps
			v, _ := c.Eval(in)
			return v["fargate_cost"].Num < v["lambda_cost"].Num
		}
		// Just below the break-even Lambda is not dearer; above it Fargate
		// is cheaper at every load scanned.
		if be > 0.01 && cheaper(be*(1-1e-6)-1e-9) {
			t.Errorf("%v: Fargate already cheaper just below the break-even %v", in, be)
		}
		step := math.Max(be, 1) / 100
		for x := be * (1 + 1e-6); x < be*3+50; x += step {
			if !cheaper(x + 1e-9) {
				t.Errorf("%v: Lambda cheaper again at %v, above the break-even %v", in, x, be)
				break
			}
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d random cases had a break-even", checked)
	}
}

// §5 Calculator C, §3.7 and §3.8 of the domain facts.
func TestNetworkTaxWorkedExamples(t *testing.T) {
	checkExamples(t, "network-tax", []example{
		{name: "§5 C defaults", text: map[string]string{"calls": "26,280,000,000", "gb": "250,626", "nat_cost": "$0.00"},
			near: map[string][2]float64{"inter_az_cost": {3342, 0.5}}},
		{name: "§3.8 HTTP API at 1,000 req/s is paid either way", inputs: map[string]float64{"api_type": 1},
			text: map[string]string{"api_cost": "$2,395.20", "either_cost": "$2,395.20", "split_cost": "$3,341.84"}},
		{name: "§3.8 REST API at 1,000 req/s", inputs: map[string]float64{"api_type": 2}, near: map[string][2]float64{"api_cost": {6908, 0.5}}},
		{name: "§3.7 SQS 100 msg/s unbatched", inputs: map[string]float64{"edge_rps": 100, "messages_per_request": 1},
			text: map[string]string{"sqs_requests": "788,400,000"}, near: map[string][2]float64{"sqs_cost": {315, 0.5}}},
		{name: "a batch is billed per 64 KB of the batch", inputs: map[string]float64{"edge_rps": 100, "messages_per_request": 1, "batch": 10, "message_kb": 20},
			text: map[string]string{"sqs_requests": "236,520,000"}},
		{name: "a 256 KB message is four requests to send and four to receive", inputs: map[string]float64{"edge_rps": 1, "messages_per_request": 1, "message_kb": 256},
			text: map[string]string{"sqs_requests": "23,652,000"}},
		{name: "NAT only when asked for", inputs: map[string]float64{"nat_between": 1, "nat_share": 0.5},
			near: map[string][2]float64{"nat_cost": {26280000000.0 * 10 / 1048576 * 0.5 * 0.045, 1e-6}}},
		{name: "no traffic: cost per request is undefined", inputs: map[string]float64{"edge_rps": 0},
			text: map[string]string{"total_cost": "$0.00", "per_million": Undefined}},
	})
}

// §5 Calculator D: DHH's $600-700k capex against a ~$1.9M/yr saving.
func TestCloudExitPaybackWorkedExample(t *testing.T) {
	now := map[string]float64{"colo_monthly": 0, "both_months": 0, "commit_months": 0}
	with := func(m map[string]float64) map[string]float64 {
		out := map[string]float64{}
		for k, v := range now {
			out[k] = v
		}
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	checkExamples(t, "cloud-exit-payback", []example{
		{name: "$700k", inputs: with(map[string]float64{"cloud_monthly": 1900000.0 / 12, "capex": 700000}),
			text: map[string]string{"payback": "4.4 months", "saves": "yes"}},
		{name: "$600k", inputs: with(map[string]float64{"cloud_monthly": 1900000.0 / 12, "capex": 600000}),
			text: map[string]string{"payback": "3.8 months"}},
		{name: "no saving", inputs: map[string]float64{"cloud_monthly": 1000, "colo_monthly": 2000},
			text: map[string]string{"payback": Undefined, "saves": "no"}},
		// The check: with 6 months of commitments the default
		// five-year saving is about $6.05M, not $7.2M.
		{name: "6 months of commitments", inputs: map[string]float64{"both_months": 0, "commit_months": 6},
			text: map[string]string{"period_saving": "$6,050,018"}},
		{name: "no months of paying both: the old $7.2M", inputs: map[string]float64{"both_months": 0, "commit_months": 0},
			text: map[string]string{"period_saving": "$7,200,020"}},
		{name: "a 4-year life buys the hardware twice in 5 years", inputs: map[string]float64{"hw_life": 4},
			text: map[string]string{"purchases": "2", "period_saving": "$5,350,018"}},
		{name: "spare capacity and the move", inputs: map[string]float64{"spare": 0.5, "migration_cost": 250000, "data_tb": 200},
			text: map[string]string{"hardware": "$1,050,000", "egress_cost": "$14,126", "one_off": "$1,314,126"}},
		{name: "the waiver removes the egress", inputs: map[string]float64{"data_tb": 200, "waiver": 1},
			text: map[string]string{"egress_cost": "$0"}},
	})
}

func TestEvalRejectsWhatThePageRejects(t *testing.T) {
	c := loadReal(t, "serverless-vs-containers")
	for _, in := range []map[string]float64{
		{"nope": 1}, {"rps": -1}, {"rps": math.NaN()}, {"memory_mb": 100}, {"arch": 7}, {"free_tier": 0.5},
	} {
		if _, err := c.Eval(in); err == nil {
			t.Errorf("Eval(%v) succeeded, want an error", in)
		}
	}
}
