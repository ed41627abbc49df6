package calc

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// realDir holds the site's calculators, relative to this package.
const realDir = "../../../content/calculators"

var realIDs = []string{"orchestration-cost", "serverless-vs-containers", "network-tax", "cloud-exit-payback"}

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
	files, err := filepath.Glob(filepath.Join(realDir, "*.yaml"))
	if err != nil || len(files) < len(realIDs) {
		t.Fatalf("found %d calculator files (%v), want at least %d", len(files), err, len(realIDs))
	}
	for _, f := range files {
		src, _ := os.ReadFile(f)
		if _, diags := ParseFile(f, src); len(diags) > 0 {
			t.Errorf("%s", diags)
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

// §3.1 and §3.11 of the domain facts.
func TestServerlessVsContainersWorkedExamples(t *testing.T) {
	oneVCPU := map[string]float64{"rps": 1, "duration_ms": 1000, "memory_mb": 1769, "cold_share": 0, "tasks": 1, "task_vcpu": 1, "task_gb": 2}
	arm := map[string]float64{"arch": 1}
	for k, v := range oneVCPU {
		arm[k] = v
	}
	checkExamples(t, "serverless-vs-containers", []example{
		{name: "§3.1 10M requests", inputs: map[string]float64{"rps": 1e7 / 2628000, "duration_ms": 200, "memory_mb": 512, "cold_share": 0},
			text: map[string]string{"gb_seconds": "1,000,000", "lambda_request_cost": "$2.00", "lambda_duration_cost": "$16.67", "lambda_cost": "$18.67"}},
		{name: "§3.1 with the free tier", inputs: map[string]float64{"rps": 1e7 / 2628000, "duration_ms": 200, "memory_mb": 512, "cold_share": 0, "free_tier": 1},
			text: map[string]string{"lambda_cost": "$11.80"}},
		{name: "§3.11 x86", inputs: oneVCPU,
			text: map[string]string{"lambda_duration_cost": "$75.67", "fargate_cost": "$36.04", "concurrency": "1.0", "over_limit": "no"},
			near: map[string][2]float64{"duty_fargate": {0.48, 0.005}}},
		{name: "§3.11 arm64", inputs: arm,
			text: map[string]string{"lambda_duration_cost": "$60.53"},
			near: map[string][2]float64{"fargate_cost": {28.84, 0.006}}},
	})
}

// §5 Calculator C, §3.7 and §3.8 of the domain facts.
func TestNetworkTaxWorkedExamples(t *testing.T) {
	checkExamples(t, "network-tax", []example{
		{name: "§5 C defaults", text: map[string]string{"calls": "26,280,000,000", "gb": "250,626"},
			near: map[string][2]float64{"inter_az_cost": {3342, 0.5}}},
		{name: "§3.8 HTTP API at 1,000 req/s", inputs: map[string]float64{"api_type": 1}, text: map[string]string{"api_cost": "$2,395.20"}},
		{name: "§3.8 REST API at 1,000 req/s", inputs: map[string]float64{"api_type": 2}, near: map[string][2]float64{"api_cost": {6908, 0.5}}},
		{name: "§3.7 SQS 100 msg/s unbatched", inputs: map[string]float64{"edge_rps": 100, "messages_per_request": 1},
			text: map[string]string{"sqs_requests": "788,400,000"}, near: map[string][2]float64{"sqs_cost": {315, 0.5}}},
		{name: "no traffic: cost per request is undefined", inputs: map[string]float64{"edge_rps": 0},
			text: map[string]string{"total_cost": "$0.00", "per_million": Undefined}},
	})
}

// §5 Calculator D: DHH's $600-700k capex against a ~$1.9M/yr saving.
func TestCloudExitPaybackWorkedExample(t *testing.T) {
	checkExamples(t, "cloud-exit-payback", []example{
		{name: "$700k", inputs: map[string]float64{"cloud_monthly": 1900000.0 / 12, "colo_monthly": 0, "capex": 700000},
			text: map[string]string{"payback": "4.4 months", "saves": "yes"}},
		{name: "$600k", inputs: map[string]float64{"cloud_monthly": 1900000.0 / 12, "colo_monthly": 0, "capex": 600000},
			text: map[string]string{"payback": "3.8 months"}},
		{name: "no saving", inputs: map[string]float64{"cloud_monthly": 1000, "colo_monthly": 2000},
			text: map[string]string{"payback": Undefined, "saves": "no"}},
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
