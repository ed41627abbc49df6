package diagram

import (
	"testing"
)

// bench is a diagram the size of the case studies': two containers, seven
// shapes, four connections.
const bench = `direction: down
cp: "Control plane: four deployments, one namespace" {
  galley: "Galley\n(configuration)"
  pilot: "Pilot\n(service discovery)"
  citadel: "Citadel\n(certificates)"
  injector: "Sidecar injector"
  galley -> pilot: gRPC
}
dp: "Data plane" {
  e1: "Envoy proxy + workload"
  e2: "Envoy proxy + workload"
}
cp.pilot -> dp: "xDS configuration"
cp.citadel -> dp: certificates
`

// BenchmarkRender is the cost of a diagram not in the cache: compile,
// dagre layout in the JavaScript engine, SVG with embedded fonts, check.
func BenchmarkRender(b *testing.B) {
	r := New()
	for b.Loop() {
		r.mu.Lock()
		clear(r.cache)
		r.mu.Unlock()
		if _, probs := r.Render([]byte(bench)); len(probs) > 0 {
			b.Fatal(probs)
		}
	}
}

// BenchmarkRenderSmall is the same for testdata/small.md's two shapes.
func BenchmarkRenderSmall(b *testing.B) {
	r := New()
	for b.Loop() {
		r.mu.Lock()
		clear(r.cache)
		r.mu.Unlock()
		if _, probs := r.Render([]byte(small)); len(probs) > 0 {
			b.Fatal(probs)
		}
	}
}

// BenchmarkRenderCached is a diagram seen before: a hash and a map lookup.
func BenchmarkRenderCached(b *testing.B) {
	r := New()
	r.Render([]byte(bench))
	for b.Loop() {
		r.Render([]byte(bench))
	}
}

// BenchmarkVerify is the safety check of one rendered SVG.
func BenchmarkVerify(b *testing.B) {
	e, _ := New().Render([]byte(bench))
	b.SetBytes(int64(len(e.SVG)))
	for b.Loop() {
		if _, _, err := verify(e.SVG); err != nil {
			b.Fatal(err)
		}
	}
}
