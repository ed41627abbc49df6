package suggest

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"kitten", "sitting", 0, 3},
		{"", "abc", 0, 3},
		{"same", "same", 0, 0},
		{"kitten", "sitting", 2, 2},
		{"a", "abcdefgh", 3, 3},
		{"servers", "sever", 0, 2},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	names := []string{"serverless", "servers", "containers"}
	if got, ok := Closest("sever", names, 3); !ok || got != "servers" {
		t.Errorf("Closest(sever) = %q, %v", got, ok)
	}
	if _, ok := Closest("zzzzzzzz", names, 2); ok {
		t.Error("a word far from every name found one")
	}
	if got, _ := Closest("ab", []string{"aa", "bb"}, 0); got != "aa" {
		t.Errorf("a tie went to %q, want the first, aa", got)
	}
}
