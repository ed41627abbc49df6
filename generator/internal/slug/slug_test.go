package slug

import (
	"strings"
	"testing"
)

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

func TestPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"getting-started", "getting-started"},
		{"Other_Doc", "other-doc"},
		{"Getting Started", "getting-started"},
		{"README", "readme"},
		{"API  Reference__v2", "api-reference-v2"},
		{"Über uns", "über-uns"},
		{"Über uns", "über-uns"}, // decomposed ü: the same URL
		{"日本語のドキュメント", "日本語のドキュメント"},
		{"Conway's law", "conways-law"},
		{"v1.2 notes", "v1.2-notes"},
		{"0001-record-architecture-decisions", "0001-record-architecture-decisions"},
		{"what? (draft) #3", "what-draft-3"},
		{"a._b", "a-b"},
		{"trailing.", "trailing"},
		{".hidden", "hidden"},
		{"-x-", "x"},
		{"+++", "u2b-2b-2b"},
		{"🚀", "u1f680"},
		{"", "u"},
	}
	for _, tt := range tests {
		if got := Path(tt.in); got != tt.want {
			t.Errorf("Path(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestGitHub(t *testing.T) {
	// Ids as GitHub gives them to headings with these texts.
	tests := []struct{ in, want string }{
		{"Some Heading", "some-heading"},
		{"What's new?", "whats-new"},
		{"A & B", "a--b"},
		{"Step 1: install", "step-1-install"},
		{"Café au lait", "café-au-lait"},
		{"snake_case_name", "snake_case_name"},
		{"Serverless vs. containers", "serverless-vs-containers"},
		{"1.5x faster", "15x-faster"},
		{"  padded  ", "padded"},
		{"日本語", "日本語"},
		{"Emoji 🚀 launch", "emoji--launch"},
		{"C++ / Go", "c--go"},
		{"---", "---"},
		{"?!", ""},
	}
	for _, tt := range tests {
		if got := GitHub(tt.in); got != tt.want {
			t.Errorf("GitHub(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzPath(f *testing.F) {
	for _, s := range []string{"Other_Doc", "Über uns", "+++", "a..b", "..", ".", "0.. 0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		p := Path(name)
		switch {
		case p == "", p == ".", p == "..":
			t.Fatalf("Path(%q) = %q", name, p)
		case strings.ContainsAny(p, "/\\?#% \t\n_") || strings.ToLower(p) != p && Valid(p):
			t.Fatalf("Path(%q) = %q: not a clean URL element", name, p)
		}
		if Path(p) != p {
			t.Fatalf("Path(%q) = %q, but Path(%q) = %q: not stable", name, p, p, Path(p))
		}
	})
}
