package site

import "testing"

func TestTypeset(t *testing.T) {
	for in, want := range map[string]string{
		"Prime Video's monitoring service":    "Prime Video’s monitoring service",
		`The "distributed" design`:            "The “distributed” design",
		"'Serverless first', not 'only'":      "‘Serverless first’, not ‘only’",
		"2001--2006: from a monolith":         "2001–2006: from a monolith",
		"Wait... (\"quoted\")":                "Wait… (“quoted”)",
		"Conway's law and the 1990s' servers": "Conway’s law and the 1990s’ servers",
		"plain title":                         "plain title",
	} {
		if got := typeset(in); got != want {
			t.Errorf("typeset(%q) = %q, want %q", in, got, want)
		}
	}
}
