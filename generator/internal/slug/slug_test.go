package slug

import "testing"

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Segment: goodbye microservices", "segment-goodbye-microservices"},
		{"Conway's law", "conways-law"},
		{"Conway’s law", "conways-law"},
		{"  Café au lait  ", "cafe-au-lait"},
		{"What it cost them", "what-it-cost-them"},
		{"37signals: leaving the cloud", "37signals-leaving-the-cloud"},
		{"C++ / Go", "c-go"},
		{"---", ""},
		{"日本語", ""},
		{"Step Functions → ECS", "step-functions-ecs"},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValid(t *testing.T) {
	for s, want := range map[string]bool{
		"prime-video": true, "37signals-cloud-exit": true, "a_b": true,
		"Prime": false, "a--b": false, "-a": false, "a b": false, "": false, "ä": false, "a.md": false,
	} {
		if got := Valid(s); got != want {
			t.Errorf("Valid(%q) = %v, want %v", s, got, want)
		}
	}
}
